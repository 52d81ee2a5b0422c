// Attract: what this machine has returned and saved (today and since it started, from the ledger) and a large
// "scan to start". Any scan, on any screen, starts or continues a session (actions.cpp), so this screen only invites.
#include <algorithm>
#include <cmath>

#include "ui/actions.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {
namespace {

void stat_card(AppState& state, const Rect& box, const char* title_key, const ImpactSummary& impact, std::int64_t refunded_minor) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    card(state, box.min, box.max);
    const Rect in = box.inset(m.pad);
    const float icon = m.body * 1.1f;
    draw_icon(draw, Icon::chart, ImVec2(in.min.x + icon * 0.5f, in.min.y + m.body * 0.55f), icon, p.brand);
    draw->AddText(state.fonts.heading, m.body, ImVec2(in.min.x + icon + m.gap * 0.5f, in.min.y), p.text, state.tr(title_key).c_str());

    // Three figures side by side: containers, CO2e avoided, deposits refunded.
    const float top = in.min.y + m.body * 1.8f;
    const float col = in.width() / 3;
    const Money refunded{refunded_minor, state.backend().settings().currency()};
    const std::string figures[3] = {count_text(state, impact.containers), impact.co2e_known ? mass_text(state, impact.kg_co2e) : "–",
                                    amount_text(state, refunded)};
    const char* labels[3] = {"stats.containers", "stats.co2e", "stats.refunded"};
    for (int i = 0; i < 3; ++i) {
        const float x = in.min.x + i * col;
        const float size = fitting_size(state.fonts.title, {m.title * 0.75f, m.heading, m.body}, figures[i], ImVec2(col - m.gap, m.title));
        draw->AddText(state.fonts.title, size, ImVec2(x, top), i == 1 ? p.brand : p.text, figures[i].c_str());
        draw_text(draw, state.fonts.small, m.small, ImVec2(x, top + size + m.gap * 0.25f), p.text_muted, state.tr(labels[i]), col - m.gap);
    }
}

}  // namespace

void show_attract(AppState& state) {
    begin_screen(state, "attract");
    top_bar(state, true);
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Rect body = body_rect(state);
    const float hero_w = std::floor(body.width() * 0.56f);
    const Rect hero = body.left(hero_w);
    const Rect side = body.right_of(hero_w, m.gap);

    // The invitation: one message, one picture, one way in.
    card(state, hero.min, hero.max);
    const Rect in = hero.inset(m.pad * 1.5f);
    float y = in.min.y;
    y += draw_text(draw, state.fonts.title, m.title, ImVec2(in.min.x, y), p.text, state.tr("attract.headline"), in.width());
    y += m.gap * 0.5f;
    y += draw_text(draw, state.fonts.body, m.body, ImVec2(in.min.x, y), p.text_muted, state.tr("attract.subline"), in.width());

    const float button_h = std::round(m.touch * 1.3f);
    const float bottom = in.max.y - button_h - m.gap;
    const float scan_text_h = measure_text(state.fonts.heading, m.heading, state.tr("attract.scan"), in.width()).y +
                              measure_text(state.fonts.body, m.body, state.tr("attract.scan_hint"), in.width()).y + m.gap * 0.5f;
    const float room = bottom - y - scan_text_h - m.gap * 2;
    const float radius = std::max(m.touch, std::min(room * 0.5f, 170 * m.scale));
    const ImVec2 center(in.min.x + in.width() * 0.5f, y + m.gap + (room - 2 * radius) * 0.5f + radius);
    const ImU32 halo = (p.primary & 0x00FFFFFF) | (IM_COL32_A_MASK & IM_COL32(0, 0, 0, 30));
    draw->AddCircleFilled(center, radius, halo, 0);
    draw->AddCircle(center, radius * 0.82f, p.primary, 0, std::max(2.0f, 4 * m.scale));
    draw_icon(draw, Icon::barcode, center, radius * 1.05f, p.primary);
    y = center.y + radius + m.gap;
    y += draw_text(draw, state.fonts.heading, m.heading, ImVec2(in.min.x, y), p.text, state.tr("attract.scan"), in.width(), Align::center);
    y += m.gap * 0.5f;
    draw_text(draw, state.fonts.body, m.body, ImVec2(in.min.x, y), p.text_muted, state.tr("attract.scan_hint"), in.width(), Align::center);

    const float button_w = std::min(in.width(), 520 * m.scale);
    ImGui::SetCursorScreenPos(ImVec2(in.min.x + (in.width() - button_w) * 0.5f, in.max.y - button_h));
    if (big_button(state, "type_code", ImVec2(button_w, button_h), ButtonSpec{state.tr("attract.enter_code"), {}, Icon::keypad})) {
        open_keypad(state);
    }

    // What this machine has done: today, and since it started.
    const float stat_h = 2 * m.pad + m.body * 1.8f + m.title * 0.75f + m.gap * 0.25f + m.small * 2.3f;
    const Rect today = side.top(stat_h);
    const Rect all = side.below(stat_h, m.gap).top(stat_h);
    if (!state.totals.error.empty()) {
        card(state, side.min, ImVec2(side.max.x, all.max.y));
        draw_text(draw, state.fonts.body, m.body, side.inset(m.pad).min, p.text_muted, state.tr("attract.totals_unavailable"), side.width() - 2 * m.pad);
    } else {
        stat_card(state, today, "attract.today", state.totals.today, state.totals.refunded_today_minor);
        stat_card(state, all, "attract.all_time", state.totals.all_time, state.totals.refunded_all_minor);
    }
    float note_y = all.max.y + m.gap * 0.6f;
    note_y += draw_text(draw, state.fonts.small, m.small, ImVec2(side.min.x, note_y), p.text_muted, state.tr("stats.source"), side.width());
    const Rect box{ImVec2(side.min.x, note_y + m.gap), side.max};
    if (box.height() < m.touch * 2) {
        end_screen();
        return;
    }
    card(state, box.min, box.max);
    const Rect din = box.inset(m.pad);
    if (state.demo && !state.demo_products.empty()) {
        // Demo mode: sample containers to insert, for shows and for trying the kiosk without a scanner.
        draw_icon(draw, Icon::play, ImVec2(din.min.x + m.body * 0.5f, din.min.y + m.body * 0.55f), m.body, p.brand);
        draw->AddText(state.fonts.heading, m.body, ImVec2(din.min.x + m.body * 1.3f, din.min.y), p.text, state.tr("demo.title").c_str());
        const float top = din.min.y + m.body * 1.7f;
        const std::size_t count = std::min<std::size_t>(state.demo_products.size(), 8);
        const std::size_t rows = (count + 1) / 2;
        const float bw = (din.width() - m.gap * 0.5f) * 0.5f;
        const float bh = std::max(m.touch, std::min(std::round(m.touch * 1.2f), (din.max.y - top - (rows - 1) * m.gap * 0.5f) / rows));
        for (std::size_t i = 0; i < count; ++i) {
            const DemoProduct& product = state.demo_products[i];
            ImGui::SetCursorScreenPos(ImVec2(din.min.x + static_cast<float>(i % 2) * (bw + m.gap * 0.5f),
                                             top + static_cast<float>(i / 2) * (bh + m.gap * 0.5f)));
            ImGui::PushID(static_cast<int>(i));
            ButtonSpec spec{product.name.empty() ? state.tr("demo.unknown") : product.name, product.code, Icon::none};
            spec.font = state.fonts.small;
            if (big_button(state, "demo", ImVec2(bw, bh), spec)) handle_scan(state, product.code, "demo");
            ImGui::PopID();
        }
    } else {
        // How it works, in three steps with their pictures.
        draw->AddText(state.fonts.heading, m.body, din.min, p.text, state.tr("attract.how_title").c_str());
        const char* steps[3] = {"attract.step_scan", "attract.step_finish", "attract.step_choose"};
        const Icon icons[3] = {Icon::barcode, Icon::check, Icon::printer};
        const float top = din.min.y + m.body * 1.7f;
        const float step_h = (din.max.y - top) / 3;
        for (int i = 0; i < 3; ++i) {
            const float y = top + static_cast<float>(i) * step_h;
            const float r = std::min(step_h * 0.38f, m.touch * 0.5f);
            const ImVec2 c(din.min.x + r, y + step_h * 0.5f);
            draw->AddCircleFilled(c, r, p.secondary, 0);
            draw_icon(draw, icons[i], c, r * 1.2f, p.brand);
            const std::string text = std::to_string(i + 1) + ". " + state.tr(steps[i]);
            const float tw = din.width() - 2 * r - m.gap;
            const float th = measure_text(state.fonts.body, m.body, text, tw).y;
            draw_text(draw, state.fonts.body, m.body, ImVec2(c.x + r + m.gap, c.y - th * 0.5f), p.text, text, tw);
        }
    }
    end_screen();
}

}  // namespace returnloop::kiosk::ui
