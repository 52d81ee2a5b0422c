// Admin: the retailer's screens behind the staff PIN. Locked, it is a PIN keypad (with the back end's lockout);
// unlocked, a column of sections (rates, scheme, statistics, export, language, printer) and "back to service".
#include <cmath>

#include "ui/actions.hpp"
#include "ui/admin_actions.hpp"
#include "ui/layout.hpp"
#include "ui/screens/admin_sections.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {
namespace {

void show_pin(AppState& state, const Rect& body) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    AdminView& admin = state.admin;
    const float width = std::round(std::min(body.width(), 720 * m.scale));
    const Rect box{ImVec2(std::floor(body.min.x + (body.width() - width) * 0.5f), body.min.y), ImVec2(std::floor(body.min.x + (body.width() + width) * 0.5f), body.max.y)};
    card(state, box.min, box.max);
    const Rect in = box.inset(m.pad);
    float y = in.min.y;
    draw_icon(draw, Icon::lock, ImVec2(in.min.x + m.heading * 0.5f, y + m.heading * 0.55f), m.heading, p.brand);
    draw_text(draw, state.fonts.heading, m.heading, ImVec2(in.min.x + m.heading * 1.3f, y), p.text, state.tr("admin.title"), in.width());
    y += m.heading * 1.5f;
    const bool locked = admin.locked_until_ms > state.now_ms;
    std::string prompt = state.tr("admin.pin_prompt");
    if (locked) {
        const std::int64_t seconds = (admin.locked_until_ms - state.now_ms + 999) / 1000;
        prompt = fill(state.tr("admin.locked"), {{"s", std::to_string(seconds)}});
    }
    y += draw_text(draw, state.fonts.body, m.body, ImVec2(in.min.x, y), locked ? p.reject : p.text_muted, prompt, in.width());
    y += m.gap * 0.5f;

    // One dot per digit typed: the PIN itself is never shown.
    const float dot = m.body * 0.45f;
    const float field_h = m.touch;
    draw->AddRectFilled(ImVec2(in.min.x, y), ImVec2(in.max.x, y + field_h), p.surface_alt, m.radius * 0.5f);
    draw->AddRect(ImVec2(in.min.x, y), ImVec2(in.max.x, y + field_h), p.text_muted, m.radius * 0.5f, 0, std::max(1.5f, p.border_width));
    for (std::size_t i = 0; i < admin.pin_entry.size(); ++i) {
        draw->AddCircleFilled(ImVec2(in.min.x + m.pad + dot + static_cast<float>(i) * dot * 3, y + field_h * 0.5f), dot, p.text, 0);
    }
    y += field_h + m.gap;
    if (!admin.message.empty()) {
        const float icon = m.body;
        draw_icon(draw, admin.message_error ? Icon::warning : Icon::info, ImVec2(in.min.x + icon * 0.5f, y + icon * 0.55f), icon,
                  admin.message_error ? p.reject : p.text);
        y += draw_text(draw, state.fonts.body, m.body, ImVec2(in.min.x + icon * 1.4f, y), admin.message_error ? p.reject : p.text, admin.message,
                       in.width() - icon * 1.4f);
        y += m.gap * 0.5f;
    }
    const float back_h = m.touch;
    const float keys_h = in.max.y - back_h - m.gap - y;
    ImGui::SetCursorScreenPos(ImVec2(in.min.x, y));
    if (!locked) {
        if (keypad(state, "pin", admin.pin_entry, 12, ImVec2(in.width(), keys_h))) admin_submit_pin(state);
    }
    ImGui::SetCursorScreenPos(ImVec2(in.min.x, in.max.y - back_h));
    if (big_button(state, "back_to_service", ImVec2(in.width(), back_h), ButtonSpec{state.tr("admin.back_to_service"), {}, Icon::back})) {
        admin_leave(state);
    }
}

struct Section {
    AdminTab tab;
    const char* id;
    const char* key;
    Icon icon;
};
constexpr Section kSections[] = {
    {AdminTab::rates, "rates", "admin.tab.rates", Icon::coins},       {AdminTab::scheme, "scheme", "admin.tab.scheme", Icon::shield},
    {AdminTab::report, "report", "admin.tab.report", Icon::chart},
    {AdminTab::stats, "stats", "admin.tab.stats", Icon::chart},       {AdminTab::export_csv, "export", "admin.tab.export", Icon::download},
    {AdminTab::language, "language", "admin.tab.language", Icon::globe}, {AdminTab::printer, "printer", "admin.tab.printer", Icon::printer},
};

}  // namespace

void show_admin(AppState& state) {
    begin_screen(state, "admin");
    top_bar(state, false);
    const Rect body = body_rect(state);
    if (!state.admin.unlocked) {
        show_pin(state, body);
        end_screen();
        return;
    }
    const Metrics& m = state.metrics;
    const float nav_w = std::round(std::max(380 * m.scale, m.touch * 4));
    const Rect nav = body.left(nav_w);
    const Rect content = body.right_of(nav_w, m.gap);
    card(state, nav.min, nav.max);
    const Rect nin = nav.inset(m.gap * 0.75f);
    const float item_h = std::round(m.touch * 1.1f);
    float y = nin.min.y;
    for (const Section& section : kSections) {
        ImGui::SetCursorScreenPos(ImVec2(nin.min.x, y));
        ButtonSpec spec{state.tr(section.key), {}, section.icon, ButtonKind::quiet, false};
        if (state.admin.tab == section.tab) spec.kind = ButtonKind::secondary, spec.selected = true;
        spec.font = state.fonts.body;
        if (big_button(state, section.id, ImVec2(nin.width(), item_h), spec)) {
            state.admin.tab = section.tab;
            state.admin.message.clear();
            if (section.tab == AdminTab::rates) admin_load_rates(state);
            if (section.tab == AdminTab::scheme) admin_load_schemes(state);
            if (section.tab == AdminTab::report) admin_load_report(state);
        }
        y += item_h + m.gap * 0.4f;
    }
    ImGui::SetCursorScreenPos(ImVec2(nin.min.x, nin.max.y - item_h));
    ButtonSpec back{state.tr("admin.back_to_service"), {}, Icon::back, ButtonKind::primary};
    back.font = state.fonts.body;
    if (big_button(state, "back_to_service", ImVec2(nin.width(), item_h), back)) {
        admin_leave(state);
        end_screen();
        return;
    }

    card(state, content.min, content.max);
    const Rect in = content.inset(m.pad);
    switch (state.admin.tab) {
        case AdminTab::rates: admin_rates_section(state, in); break;
        case AdminTab::scheme: admin_scheme_section(state, in); break;
        case AdminTab::report: admin_report_section(state, in); break;
        case AdminTab::stats: admin_stats_section(state, in); break;
        case AdminTab::export_csv: admin_export_section(state, in); break;
        case AdminTab::language: admin_language_section(state, in); break;
        case AdminTab::printer: admin_printer_section(state, in); break;
    }
    end_screen();
}

}  // namespace returnloop::kiosk::ui
