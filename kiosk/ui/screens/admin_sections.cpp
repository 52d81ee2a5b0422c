// Admin sections (see admin_sections.hpp).
#include "ui/screens/admin_sections.hpp"

#include <cmath>
#include <iterator>


#include "ui/admin_actions.hpp"
#include "ui/admin_words.hpp"
#include "ui/fonts.hpp"
#include "ui/format.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {
namespace {

float section_title(AppState& state, const Rect& area, std::string_view title) {
    const Metrics& m = state.metrics;
    return draw_text(ImGui::GetWindowDrawList(), state.fonts.heading, m.heading, area.min, state.palette.text, title, area.width()) + m.gap * 0.5f;
}

// The section's result or error line, with an icon: errors never rest on red alone.
void message_line(AppState& state, ImVec2 at, float width, const std::string& text, bool error) {
    if (text.empty()) return;
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float icon = m.body;
    draw_icon(draw, error ? Icon::warning : Icon::info, ImVec2(at.x + icon * 0.5f, at.y + icon * 0.55f), icon, error ? p.reject : p.text);
    draw_text(draw, state.fonts.body, m.body, ImVec2(at.x + icon * 1.4f, at.y), error ? p.reject : p.text, text, width - icon * 1.4f);
}

std::string rule_description(const AppState& state, const Rule& rule) {
    std::string materials;
    for (int i = 0; i < kMaterialCount; ++i) {
        if (rule.material_mask & (1u << i)) {
            materials += (materials.empty() ? "" : ", ") + state.tr("material." + std::string(material_id(static_cast<Material>(i))));
        }
    }
    std::string volume;
    if (rule.max_ml == UINT32_MAX) volume = "≥ " + std::to_string(rule.min_ml) + " mL";
    else volume = std::to_string(rule.min_ml) + "–" + std::to_string(rule.max_ml) + " mL";
    const char* refill = rule.refill == RefillScope::single_use ? "admin.rates.single_use"
                         : rule.refill == RefillScope::refillable ? "admin.rates.refillable"
                                                                  : "admin.rates.any_refill";
    // Rules of one scheme differ by date as often as by container: the range decides which one pays.
    const std::string dates = format_date(rule.from) + "–" + (rule.until ? format_date(*rule.until) : std::string());
    return materials + " · " + volume + " · " + state.tr(refill) + " · " + dates;
}

// One amount of the rate table: a button showing it (a touch kiosk has no keyboard); tapping opens the keypad on it.
void amount_cell(AppState& state, const char* id, std::size_t row, RateField field, const std::string& value, bool editable) {
    const Metrics& m = state.metrics;
    AdminView& admin = state.admin;
    const float w = ImGui::GetContentRegionAvail().x;
    if (!editable) {
        text_block(state.fonts.body, value, state.palette.text_muted, w);
        return;
    }
    const bool typing = admin.rate_keypad && admin.rate_keypad->row == row && admin.rate_keypad->field == field;
    ButtonSpec spec{value, {}, Icon::none, ButtonKind::secondary, typing};
    spec.font = state.fonts.body;
    if (big_button(state, id, ImVec2(w, m.touch), spec)) admin.rate_keypad = RateKeypad{row, field};
}

void rate_row(AppState& state, std::size_t i, bool editable) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    const Rule& rule = state.backend().settings().scheme.rules[i];
    RateRow& row = state.admin.rates[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow(0, m.touch);
    ImGui::TableSetColumnIndex(0);
    const float w = ImGui::GetContentRegionAvail().x;
    text_block(state.fonts.body, fill(state.tr("admin.rates.rule_n"), {{"n", std::to_string(i + 1)}}), p.text, w);
    text_block(state.fonts.small, rule_description(state, rule), p.text_muted, w);
    const int shadowed = i < state.admin.rule_status.size() ? state.admin.rule_status[i].register_deposits : 0;
    if (shadowed > 0) {
        // The register's own deposits decide for those products: this rate looks in force but never pays them.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw_icon(ImGui::GetWindowDrawList(), Icon::info, ImVec2(at.x + m.small * 0.5f, at.y + m.small * 0.55f), m.small, p.text);
        ImGui::SetCursorScreenPos(ImVec2(at.x + m.small * 1.3f, at.y));
        text_block(state.fonts.small, fill(state.tr(plural_key("admin.rates.shadowed", state.shopper.language, static_cast<std::uint64_t>(shadowed))),
                                           {{"n", std::to_string(shadowed)}}),
                   p.text, w - m.small * 1.3f);
    }
    if (!row.error.empty()) {
        // The refusal sits on the row it concerns, with a warning sign and words.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw_icon(ImGui::GetWindowDrawList(), Icon::warning, ImVec2(at.x + m.small * 0.5f, at.y + m.small * 0.55f), m.small, p.reject);
        ImGui::SetCursorScreenPos(ImVec2(at.x + m.small * 1.3f, at.y));
        text_block(state.fonts.small, row.error, p.reject, w - m.small * 1.3f);
    }
    ImGui::TableSetColumnIndex(1);
    amount_cell(state, "deposit", i, RateField::deposit, row.deposit, editable);
    ImGui::TableSetColumnIndex(2);
    amount_cell(state, "refund", i, RateField::refund, row.refund, editable);
    ImGui::TableSetColumnIndex(3);
    amount_cell(state, "fee", i, RateField::fee, row.fee, editable);
    ImGui::PopID();
}

}  // namespace

void admin_rates_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    AdminView& admin = state.admin;
    const KioskSettings& settings = state.backend().settings();
    if (admin.rates.size() != settings.scheme.rules.size() || admin.rule_status.size() != settings.scheme.rules.size()) admin_load_rates(state);
    const std::string scheme_name = state.shopper.language == Language::zh_CN && !settings.scheme.name_zh.empty() ? settings.scheme.name_zh
                                                                                                                   : settings.scheme.name;
    float y = area.min.y + section_title(state, area, fill(state.tr("admin.rates.title"), {{"scheme", scheme_name},
                                                                                             {"currency", std::string(currency_code(settings.currency()))}}));
    // The keypad takes the right-hand side while an amount is being typed.
    // Its keys are wide enough for "Delete" in the admin's language at the body size.
    const std::string& delete_label = state.tr("keypad.delete");
    const float key_w = std::max(m.touch * 1.25f, std::ceil(state.fonts.body->CalcTextSizeA(m.body * 0.85f, FLT_MAX, 0, delete_label.c_str()).x) + m.pad + 2);
    const float keypad_w = admin.rate_keypad ? std::round(3 * key_w + m.gap) : 0;
    const Rect table_area{ImVec2(area.min.x, y), ImVec2(area.max.x - (keypad_w > 0 ? keypad_w + m.gap : 0), area.max.y)};
    const float buttons_h = m.touch;
    const float message_h = admin.rates_error.empty() && admin.message.empty() ? 0 : m.body * 3;
    const float table_h = area.max.y - y - buttons_h - m.gap - message_h;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x, y));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(m.gap * 0.4f, m.gap * 0.35f));
    if (ImGui::BeginTable("rates", 4, flags, ImVec2(table_area.width(), table_h))) {
        const float field_w = std::round(std::max(170 * m.scale, m.touch * 1.6f));
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.tr("admin.rates.rule").c_str(), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(state.tr("admin.rates.deposit").c_str(), ImGuiTableColumnFlags_WidthFixed, field_w);
        ImGui::TableSetupColumn(state.tr("admin.rates.refund").c_str(), ImGuiTableColumnFlags_WidthFixed, field_w);
        ImGui::TableSetupColumn(state.tr("admin.rates.fee").c_str(), ImGuiTableColumnFlags_WidthFixed, field_w);
        ImGui::PushFont(const_cast<ImFont*>(state.fonts.small));
        ImGui::TableHeadersRow();
        ImGui::PopFont();
        touch_scroll();
        // Rules in force or to come are edited; expired ones follow under their own heading, read only.
        bool any_expired = false;
        for (std::size_t i = 0; i < settings.scheme.rules.size(); ++i) {
            if (admin.rule_status[i].expired) any_expired = true;
            else rate_row(state, i, true);
        }
        if (any_expired) {
            ImGui::TableNextRow(0, m.touch);
            ImGui::TableSetColumnIndex(0);
            text_block(state.fonts.body, state.tr("admin.rates.history"), p.text, ImGui::GetContentRegionAvail().x);
            for (std::size_t i = 0; i < settings.scheme.rules.size(); ++i) {
                if (admin.rule_status[i].expired) rate_row(state, i, false);
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    if (admin.rate_keypad && admin.rate_keypad->row < admin.rates.size()) {
        RateRow& row = admin.rates[admin.rate_keypad->row];
        std::string& entry = admin.rate_keypad->field == RateField::deposit ? row.deposit
                             : admin.rate_keypad->field == RateField::refund ? row.refund
                                                                            : row.fee;
        const char* field_key = admin.rate_keypad->field == RateField::deposit ? "admin.rates.deposit"
                                : admin.rate_keypad->field == RateField::refund ? "admin.rates.refund"
                                                                               : "admin.rates.fee";
        const float kx = area.max.x - keypad_w;
        float ky = y;
        ky += draw_text(ImGui::GetWindowDrawList(), state.fonts.small, m.small, ImVec2(kx, ky), p.text_muted,
                        fill(state.tr("admin.rates.typing"), {{"field", state.tr(field_key)},
                                                              {"rule", fill(state.tr("admin.rates.rule_n"), {{"n", std::to_string(admin.rate_keypad->row + 1)}})}}),
                        keypad_w);
        ky += draw_text(ImGui::GetWindowDrawList(), state.fonts.heading, m.heading, ImVec2(kx, ky), p.text, entry.empty() ? " " : entry, keypad_w) + m.gap * 0.5f;
        ImGui::SetCursorScreenPos(ImVec2(kx, ky));
        const float kh = std::max(5 * m.touch + 4 * m.gap * 0.5f, area.max.y - ky - buttons_h - m.gap);
        if (decimal_keypad(state, "rate_keypad", entry, decimal_separator(state), ImVec2(keypad_w, std::min(kh, 5 * m.touch * 1.3f)))) admin.rate_keypad.reset();
    }
    float by = area.max.y - buttons_h - message_h;
    if (message_h > 0) {
        message_line(state, ImVec2(area.min.x, by + m.gap * 0.5f), area.width(), admin.rates_error.empty() ? admin.message : admin.rates_error,
                     !admin.rates_error.empty() || admin.message_error);
    }
    by = area.max.y - buttons_h;
    const float bw = std::round(std::min(area.width() * 0.4f, 420 * m.scale));
    ImGui::SetCursorScreenPos(ImVec2(area.max.x - bw, by));
    ButtonSpec apply{state.tr("admin.rates.apply"), {}, Icon::check, ButtonKind::primary};
    apply.font = state.fonts.body;
    if (big_button(state, "apply_rates", ImVec2(bw, buttons_h), apply)) admin_apply_rates(state);
    ImGui::SetCursorScreenPos(ImVec2(area.max.x - 2 * bw - m.gap, by));
    ButtonSpec undo{state.tr("admin.rates.undo"), {}, Icon::back};
    undo.font = state.fonts.body;
    if (big_button(state, "undo_rates", ImVec2(bw, buttons_h), undo)) {
        admin_load_rates(state);
        admin.message.clear();
    }
}

namespace {

// Before a switch: what changes, and a deliberate second tap.
void scheme_confirmation(AppState& state, const Rect& area, const SchemeSwitchPreview& preview) {
    const Metrics& m = state.metrics;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float y = area.min.y + section_title(state, area, fill(state.tr("admin.scheme.confirm_title"), {{"to", preview.to.name}}));
    draw_text(draw, state.fonts.body, m.body, ImVec2(area.min.x, y), state.palette.text,
                   fill(state.tr("admin.scheme.confirm_summary"), {{"from", preview.from.name},
                                                                   {"from_currency", std::string(currency_code(preview.from.currency))},
                                                                   {"rules_before", std::to_string(preview.rules_before)},
                                                                   {"to", preview.to.name},
                                                                   {"to_currency", std::string(currency_code(preview.to.currency))},
                                                                   {"rules_after", std::to_string(preview.rules_after)},
                                                                   {"set_aside", std::to_string(preview.overrides_set_aside)},
                                                                   {"restored", std::to_string(preview.overrides_restored)}}),
                   area.width());
    const float bw = std::round(std::min((area.width() - m.gap) * 0.5f, 520 * m.scale));
    ImGui::SetCursorScreenPos(ImVec2(area.max.x - bw, area.max.y - m.touch));
    ButtonSpec confirm{state.tr("admin.scheme.confirm"), {}, Icon::check, ButtonKind::primary};
    confirm.font = state.fonts.body;
    if (big_button(state, "confirm_scheme", ImVec2(bw, m.touch), confirm)) {
        admin_apply_scheme(state);
        return;
    }
    ImGui::SetCursorScreenPos(ImVec2(area.max.x - 2 * bw - m.gap, area.max.y - m.touch));
    ButtonSpec cancel{state.tr("admin.scheme.cancel"), {}, Icon::back};
    cancel.font = state.fonts.body;
    if (big_button(state, "cancel_scheme", ImVec2(bw, m.touch), cancel)) state.admin.scheme_confirm.reset();
}

}  // namespace

void admin_scheme_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    AdminView& admin = state.admin;
    if (admin.scheme_confirm) {
        const SchemeSwitchPreview preview = *admin.scheme_confirm;
        scheme_confirmation(state, area, preview);
        return;
    }
    if (admin.schemes.empty()) admin_load_schemes(state);
    float y = area.min.y + section_title(state, area, state.tr("admin.scheme.title"));
    const KioskSettings& settings = state.backend().settings();
    y += draw_text(ImGui::GetWindowDrawList(), state.fonts.body, m.body, ImVec2(area.min.x, y), state.palette.text_muted,
                   fill(state.tr("admin.scheme.current"), {{"scheme", settings.scheme.name}, {"source", settings.scheme_source}}), area.width());
    y += m.gap * 0.5f;
    const float footer = m.touch + m.gap + (admin.message.empty() ? 0 : m.body * 3.5f);
    ImGui::SetCursorScreenPos(ImVec2(area.min.x, y));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("schemes", ImVec2(area.width(), area.max.y - y - footer));
    touch_scroll();
    if (admin.schemes.empty()) text_block(state.fonts.body, state.tr("admin.scheme.none"), state.palette.text_muted, area.width());
    const float cw = std::floor((ImGui::GetContentRegionAvail().x - m.gap * 0.5f) * 0.5f);
    for (std::size_t i = 0; i < admin.schemes.size(); ++i) {
        const SchemeChoice& choice = admin.schemes[i];
        if (i % 2 == 1) ImGui::SameLine(0, m.gap * 0.5f);
        ImGui::PushID(static_cast<int>(i));
        // Chinese names of schemes other than the one in use may hold glyphs the atlas was not built with.
        const bool chinese = state.shopper.language == Language::zh_CN && !choice.name_zh.empty() && undrawable(*state.fonts.small, choice.name_zh).empty();
        const std::string label = chinese ? choice.name_zh : choice.name;
        const std::string sub = choice.id + " · " + std::string(currency_code(choice.currency));
        ButtonSpec spec{label, sub, Icon::none, ButtonKind::secondary, admin.scheme_selected == static_cast<int>(i)};
        spec.font = state.fonts.small;
        if (big_button(state, "scheme", ImVec2(cw, std::round(m.touch * 1.2f)), spec)) admin.scheme_selected = static_cast<int>(i);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    message_line(state, ImVec2(area.min.x, area.max.y - footer + m.gap * 0.5f), area.width(), admin.message, admin.message_error);
    const float bw = std::round(std::min(area.width() * 0.5f, 480 * m.scale));
    ImGui::SetCursorScreenPos(ImVec2(area.max.x - bw, area.max.y - m.touch));
    ButtonSpec apply{state.tr("admin.scheme.apply"), {}, Icon::check, ButtonKind::primary};
    apply.font = state.fonts.body;
    apply.enabled = admin.scheme_selected >= 0;
    if (big_button(state, "apply_scheme", ImVec2(bw, m.touch), apply)) admin_ask_scheme(state);
}

void admin_report_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    AdminView& admin = state.admin;
    if (admin.report_lines.empty()) admin_load_report(state);
    const float footer = m.touch + m.gap + (admin.message.empty() ? 0 : m.body * 3.5f);
    ImGui::SetCursorScreenPos(area.min);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("report", ImVec2(area.width(), area.height() - footer));
    touch_scroll();
    const float w = ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < admin.report_lines.size(); ++i) {
        const std::string& line = admin.report_lines[i];
        if (i == 0) text_block(state.fonts.heading, line, state.palette.text, w);
        else text_block(state.fonts.body, line.empty() ? " " : line, state.palette.text, w);
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    message_line(state, ImVec2(area.min.x, area.max.y - footer + m.gap * 0.5f), area.width(), admin.message, admin.message_error);
    const float bw = std::round(std::min(area.width() * 0.5f, 480 * m.scale));
    ImGui::SetCursorScreenPos(ImVec2(area.max.x - bw, area.max.y - m.touch));
    ButtonSpec print{state.tr("admin.report.print"), {}, Icon::printer, ButtonKind::primary};
    print.font = state.fonts.body;
    if (big_button(state, "print_report", ImVec2(bw, m.touch), print)) admin_print_report(state);
}

void admin_stats_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float y = area.min.y + section_title(state, area, state.tr("admin.stats.title"));
    const BackendStats stats = state.backend().stats();
    const MachineTotals& totals = state.totals;
    struct Tile {
        const char* key;
        std::string value;
    };
    const Tile tiles[] = {
        {"admin.stats.scans", count_text(state, stats.scans)},
        {"admin.stats.accepted", count_text(state, stats.accepted)},
        {"admin.stats.rejected", count_text(state, stats.rejected)},
        {"admin.stats.payouts", count_text(state, stats.payouts)},
        {"admin.stats.today_containers", count_text(state, totals.today.containers)},
        {"admin.stats.today_refunded", amount_text(state, totals.refunded_today)},
        {"admin.stats.all_containers", count_text(state, totals.all_time.containers)},
        {"admin.stats.all_refunded", amount_text(state, totals.refunded_all)},
        {"admin.stats.all_co2e", totals.all_time.co2e_known ? mass_text(state, totals.all_time.kg_co2e) : "–"},
    };
    const int columns = 3;
    const float tw = std::floor((area.width() - (columns - 1) * m.gap) / columns);
    const float th = m.heading + m.small * 2.6f + m.pad;
    for (std::size_t i = 0; i < std::size(tiles); ++i) {
        const float x = area.min.x + static_cast<float>(i % columns) * (tw + m.gap);
        const float ty = y + static_cast<float>(i / columns) * (th + m.gap);
        draw->AddRectFilled(ImVec2(x, ty), ImVec2(x + tw, ty + th), p.surface_alt, m.radius * 0.6f);
        if (p.border_width > 0) draw->AddRect(ImVec2(x, ty), ImVec2(x + tw, ty + th), p.border, m.radius * 0.6f, 0, p.border_width);
        draw_single_line(draw, state.fonts.heading, m.heading, ImVec2(x + m.pad * 0.5f, ty + m.pad * 0.4f), tw - m.pad, p.text, tiles[i].value);
        draw_text(draw, state.fonts.small, m.small, ImVec2(x + m.pad * 0.5f, ty + m.pad * 0.4f + m.heading * 1.1f), p.text_muted, state.tr(tiles[i].key),
                  tw - m.pad);
    }
    y += 3 * (th + m.gap);
    const float bw = std::round(std::min(area.width() * 0.5f, 480 * m.scale));
    ImGui::SetCursorScreenPos(ImVec2(area.min.x, y));
    ButtonSpec verify{state.tr("admin.stats.verify"), {}, Icon::shield};
    verify.font = state.fonts.body;
    if (big_button(state, "verify", ImVec2(bw, m.touch), verify)) admin_verify_ledger(state);
    y += m.touch + m.gap;
    message_line(state, ImVec2(area.min.x, y), area.width(), state.admin.verify_result, false);
}

void admin_export_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    AdminView& admin = state.admin;
    float y = area.min.y + section_title(state, area, state.tr("admin.export.title"));
    y += draw_text(ImGui::GetWindowDrawList(), state.fonts.body, m.body, ImVec2(area.min.x, y), state.palette.text_muted, state.tr("admin.export.what"),
                   area.width());
    y += m.gap;
    const char* ranges[] = {"admin.export.today", "admin.export.week", "admin.export.month", "admin.export.all"};
    const float bw = std::floor((area.width() - 3 * m.gap * 0.5f) / 4);
    for (int i = 0; i < 4; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + static_cast<float>(i) * (bw + m.gap * 0.5f), y));
        ImGui::PushID(i);
        ButtonSpec spec{state.tr(ranges[i]), {}, Icon::none, ButtonKind::secondary, admin.export_range == i};
        spec.font = state.fonts.body;
        if (big_button(state, "range", ImVec2(bw, m.touch), spec)) admin.export_range = i;
        ImGui::PopID();
    }
    y += m.touch + m.gap;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x, y));
    ButtonSpec run{state.tr("admin.export.run"), {}, Icon::download, ButtonKind::primary};
    run.font = state.fonts.body;
    if (big_button(state, "run_export", ImVec2(std::round(std::min(area.width(), 480 * m.scale)), m.touch), run)) admin_export(state);
    y += m.touch + m.gap;
    message_line(state, ImVec2(area.min.x, y), area.width(), admin.message, admin.message_error);
}

void admin_language_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    float y = area.min.y + section_title(state, area, state.tr("admin.language.title"));
    y += draw_text(ImGui::GetWindowDrawList(), state.fonts.body, m.body, ImVec2(area.min.x, y), state.palette.text_muted, state.tr("admin.language.what"),
                   area.width());
    y += m.gap;
    const float bw = std::floor((area.width() - 3 * m.gap * 0.5f) / 4);
    for (int i = 0; i < kLanguageCount; ++i) {
        const Language language = kLanguages[static_cast<std::size_t>(i)];
        ImGui::SetCursorScreenPos(ImVec2(area.min.x + static_cast<float>(i) * (bw + m.gap * 0.5f), y));
        ImGui::PushID(i);
        ButtonSpec spec{language_native_name(language), {}, Icon::none, ButtonKind::secondary, state.default_language == language};
        spec.font = state.fonts.body;
        if (big_button(state, "default_language", ImVec2(bw, std::round(m.touch * 1.2f)), spec)) admin_save_language(state, language);
        ImGui::PopID();
    }
    y += std::round(m.touch * 1.2f) + m.gap;
    message_line(state, ImVec2(area.min.x, y), area.width(), state.admin.message, state.admin.message_error);
}

void admin_printer_section(AppState& state, const Rect& area) {
    const Metrics& m = state.metrics;
    const KioskSettings& settings = state.backend().settings();
    float y = area.min.y + section_title(state, area, state.tr("admin.printer.title"));
    y += draw_text(ImGui::GetWindowDrawList(), state.fonts.body, m.body, ImVec2(area.min.x, y), state.palette.text,
                   fill(state.tr("admin.printer.target"), {{"target", describe(settings.printer)}, {"dots", std::to_string(settings.printer_width_dots)}}),
                   area.width());
    y += m.gap;
    ImGui::SetCursorScreenPos(ImVec2(area.min.x, y));
    ButtonSpec test{state.tr("admin.printer.test"), {}, Icon::printer, ButtonKind::primary};
    test.font = state.fonts.body;
    if (big_button(state, "test_print", ImVec2(std::round(std::min(area.width(), 480 * m.scale)), m.touch), test)) admin_test_print(state);
    y += m.touch + m.gap;
    message_line(state, ImVec2(area.min.x, y), area.width(), state.admin.message, state.admin.message_error);
    y += m.body * 1.5f + m.gap;
    // Any recent voucher or digital credit can be printed again for a shopper who lost it: same codes, marked REPRINT.
    Result<std::vector<PayoutRecord>> recent = state.backend().recent_payouts(8);
    if (!recent) return;
    y += draw_text(ImGui::GetWindowDrawList(), state.fonts.body, m.body, ImVec2(area.min.x, y), state.palette.text_muted,
                   state.tr("admin.printer.recent"), area.width());
    int shown = 0;
    for (const PayoutRecord& p : *recent) {
        if (p.kind == PayoutKind::donation || p.status != PayoutStatus::issued || shown == 4) continue;
        if (y + m.touch > area.max.y) break;
        ImGui::SetCursorScreenPos(ImVec2(area.min.x, y));
        ImGui::PushID(static_cast<int>(p.id));
        const std::string label = fill(state.tr("admin.printer.reprint_item"), {{"number", std::to_string(p.voucher_seq % 100000)},
                                                                                 {"amount", amount_text(state, p.amount)},
                                                                                 {"date", date_text(state, p.created_date)}});
        ButtonSpec again{label, {}, Icon::printer, ButtonKind::secondary};  // the spec holds a view of the label
        again.font = state.fonts.body;
        if (big_button(state, "reprint", ImVec2(std::round(std::min(area.width(), 480 * m.scale)), m.touch), again)) {
            admin_reprint(state, p.id, p.voucher_seq);
        }
        ImGui::PopID();
        y += m.touch + m.gap * 0.5f;
        ++shown;
    }
}

}  // namespace returnloop::kiosk::ui
