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

// One row of the machine card: a heading, then containers, CO2e avoided and deposits paid back side by side.
float stat_row(AppState& state, ImVec2 at, float width, const char* title_key, const ImpactSummary& impact, Money refunded) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float icon = m.body * 1.05f;
    draw_icon(draw, Icon::chart, ImVec2(at.x + icon * 0.5f, at.y + m.body * 0.55f), icon, p.brand);
    draw_single_line(draw, state.fonts.heading, m.body, ImVec2(at.x + icon + m.gap * 0.5f, at.y), width - icon - m.gap * 0.5f, p.text, state.tr(title_key));
    const float top = at.y + m.body * 1.6f;
    const float col = width / 3;
    const std::string figures[3] = {count_text(state, impact.containers), impact.co2e_known ? mass_text(state, impact.kg_co2e) : "–",
                                    amount_text(state, refunded)};
    const char* labels[3] = {"stats.containers", "stats.co2e", "stats.refunded"};
    float bottom = top;
    for (int i = 0; i < 3; ++i) {
        const float x = at.x + static_cast<float>(i) * col;
        const float size = fitting_size(state.fonts.title, {m.heading * 1.15f, m.heading, m.body}, figures[i], ImVec2(col - m.gap, m.heading * 1.2f));
        draw_single_line(draw, state.fonts.title, size, ImVec2(x, top), col - m.gap, i == 1 ? p.brand : p.text, figures[i]);
        const float label_h = draw_text(draw, state.fonts.small, m.small, ImVec2(x, top + size * 1.08f), p.text_muted, state.tr(labels[i]), col - m.gap);
        bottom = std::max(bottom, top + size * 1.08f + label_h);
    }
    return bottom - at.y;
}

float stat_row_height(const AppState& state) {
    const Metrics& m = state.metrics;
    return m.body * 1.6f + m.heading * 1.15f * 1.08f + m.small * 2;
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

    // What this machine has done: today, and since it started, in one card.
    const float row_h = stat_row_height(state);
    const Rect machine = side.top(2 * m.pad + 2 * row_h + m.gap * 1.5f);
    card(state, machine.min, machine.max);
    const Rect min_in = machine.inset(m.pad);
    if (!state.totals.error.empty()) {
        draw_text(draw, state.fonts.body, m.body, min_in.min, p.text_muted, state.tr("attract.totals_unavailable"), min_in.width());
    } else {
        stat_row(state, min_in.min, min_in.width(), "attract.today", state.totals.today, state.totals.refunded_today);
        const float divider = min_in.min.y + row_h + m.gap * 0.75f;
        draw->AddLine(ImVec2(min_in.min.x, divider), ImVec2(min_in.max.x, divider), p.border, std::max(1.0f, p.border_width));
        stat_row(state, ImVec2(min_in.min.x, divider + m.gap * 0.75f), min_in.width(), "attract.all_time", state.totals.all_time,
                 state.totals.refunded_all);
    }
    float note_y = machine.max.y + m.gap * 0.6f;
    note_y += draw_text(draw, state.fonts.small, m.small, ImVec2(side.min.x, note_y), p.text_muted, state.tr("stats.source"), side.width());
    const Rect box{ImVec2(side.min.x, note_y + m.gap), side.max};
    const Rect din = box.inset(m.pad);
    const float header = m.body * 1.7f;
    if (state.demo && !state.demo_products.empty()) {
        // Demo mode: sample containers to insert, for shows and for trying the kiosk without a scanner. As many as
        // fit; the refused and the unknown product (the last two) always stay, to show a refusal.
        const float bh = std::max(m.touch, std::round(m.touch * 1.1f));
        const int rows = static_cast<int>((din.height() - header + m.gap * 0.5f) / (bh + m.gap * 0.5f));
        if (rows >= 1) {
            card(state, box.min, box.max);
            draw_icon(draw, Icon::play, ImVec2(din.min.x + m.body * 0.5f, din.min.y + m.body * 0.55f), m.body, p.brand);
            draw_single_line(draw, state.fonts.heading, m.body, ImVec2(din.min.x + m.body * 1.3f, din.min.y), din.width() - m.body * 1.3f, p.text,
                             state.tr("demo.title"));
            const std::size_t room = static_cast<std::size_t>(rows) * 2;
            std::vector<std::size_t> shown;
            const std::size_t total = state.demo_products.size();
            const std::size_t tail = std::min<std::size_t>(2, total);
            for (std::size_t i = 0; i + tail < total && shown.size() + tail < room; ++i) shown.push_back(i);
            for (std::size_t i = total - tail; i < total && shown.size() < room; ++i) shown.push_back(i);
            const float bw = (din.width() - m.gap * 0.5f) * 0.5f;
            for (std::size_t k = 0; k < shown.size(); ++k) {
                const DemoProduct& product = state.demo_products[shown[k]];
                ImGui::SetCursorScreenPos(ImVec2(din.min.x + static_cast<float>(k % 2) * (bw + m.gap * 0.5f),
                                                 din.min.y + header + static_cast<float>(k / 2) * (bh + m.gap * 0.5f)));
                ImGui::PushID(static_cast<int>(shown[k]));
                ButtonSpec spec{product.name.empty() ? state.tr("demo.unknown") : product.name, product.code, Icon::none};
                spec.font = state.fonts.small;
                if (big_button(state, "demo", ImVec2(bw, bh), spec)) handle_scan(state, product.code, "demo");
                ImGui::PopID();
            }
        }
    } else {
        // How it works, in three steps with their pictures, when there is room for them.
        const char* steps[3] = {"attract.step_scan", "attract.step_finish", "attract.step_choose"};
        const Icon icons[3] = {Icon::barcode, Icon::check, Icon::printer};
        const float r = std::round(std::max(m.body * 0.7f, m.touch * 0.42f));
        const float text_w = din.width() - 2 * r - m.gap;
        float need = header;
        float heights[3];
        for (int i = 0; i < 3; ++i) {
            const std::string text = std::to_string(i + 1) + ". " + state.tr(steps[i]);
            heights[i] = std::max(2 * r, measure_text(state.fonts.body, m.body, text, text_w).y);
            need += heights[i] + (i < 2 ? m.gap * 0.5f : 0);
        }
        if (need <= din.height()) {
            card(state, box.min, box.max);
            draw_single_line(draw, state.fonts.heading, m.body, din.min, din.width(), p.text, state.tr("attract.how_title"));
            const float spare = (din.height() - need) / 3;
            float y = din.min.y + header + spare * 0.5f;
            for (int i = 0; i < 3; ++i) {
                const ImVec2 c(din.min.x + r, y + heights[i] * 0.5f);
                draw->AddCircleFilled(c, r, p.secondary, 0);
                if (p.border_width > 0) draw->AddCircle(c, r, p.border, 0, p.border_width);
                draw_icon(draw, icons[i], c, r * 1.15f, p.brand);
                const std::string text = std::to_string(i + 1) + ". " + state.tr(steps[i]);
                const float th = measure_text(state.fonts.body, m.body, text, text_w).y;
                draw_text(draw, state.fonts.body, m.body, ImVec2(c.x + r + m.gap, c.y - th * 0.5f), p.text, text, text_w);
                y += heights[i] + m.gap * 0.5f + spare;
            }
        }
    }
    end_screen();
}

}  // namespace returnloop::kiosk::ui
