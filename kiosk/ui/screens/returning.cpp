// Returning: the running total in large type; every scan as a line with its product and refund, or a cross and the
// reason in plain words; what this session has saved so far; Finish. Newest line first, where the eye already is.
#include <cmath>

#include "ui/actions.hpp"
#include "ui/format.hpp"
#include "ui/layout.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {
namespace {

// The status in words: accepted, "checking…" (in the intake, not yet in the bin: not counted), or the reason.
const std::string& line_detail(const AppState& state, const ReturnLine& line) {
    if (line.checking) return state.tr("returning.checking");
    return line.accepted ? state.tr("returning.accepted") : state.tr(line.reason_key);
}

float line_height(const AppState& state, const ReturnLine& line, float width) {
    const Metrics& m = state.metrics;
    const float text_w = width - m.touch - 3 * m.gap - 260 * m.scale;
    const std::string& detail = line_detail(state, line);
    const float detail_size = line.accepted ? m.small : m.body;
    return std::max(m.touch * 1.25f, measure_text(state.fonts.body, m.body, line.name, text_w).y +
                                         measure_text(line.accepted ? state.fonts.small : state.fonts.body, detail_size, detail, text_w).y + m.gap);
}

void draw_line(AppState& state, const ReturnLine& line, ImVec2 pos, float width, float height, bool newest) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (newest) draw->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), p.surface_alt, m.radius * 0.6f);
    const float mark_r = m.touch * 0.36f;
    const ImVec2 mark(pos.x + m.gap + mark_r, pos.y + height * 0.5f);
    draw_status_mark(draw, line.accepted, mark, mark_r, line.accepted ? p.accept : p.reject, line.accepted ? p.on_primary : p.on_reject);
    const float amount_w = 260 * m.scale;
    const float text_x = mark.x + mark_r + m.gap;
    const float text_w = pos.x + width - amount_w - m.gap - text_x;
    const std::string& detail = line_detail(state, line);
    // A refusal's reason is what the shopper must read: at least as large as the product's name.
    const ImFont* detail_font = line.accepted ? state.fonts.small : state.fonts.body;
    const float detail_size = line.accepted ? m.small : m.body;
    const float block = measure_text(state.fonts.body, m.body, line.name, text_w).y + measure_text(detail_font, detail_size, detail, text_w).y;
    float y = pos.y + (height - block) * 0.5f;
    y += draw_text(draw, state.fonts.body, m.body, ImVec2(text_x, y), p.text, line.name, text_w);
    // The status in words, so it never rests on the mark's colour.
    draw_text(draw, detail_font, detail_size, ImVec2(text_x, y), line.accepted ? p.text_muted : p.reject, detail, text_w);
    // A container still checking shows its refund muted and without "+": it is not in the total yet. "No deposit"
    // only for a container that carries none; a double read or a limit is "not counted".
    const std::string amount = line.checking ? amount_text(state, line.amount)
                               : line.accepted ? "+" + amount_text(state, line.amount)
                                               : state.tr(line.no_deposit ? "returning.no_deposit" : "returning.not_counted");
    const ImFont* font = line.accepted ? state.fonts.heading : state.fonts.small;
    const float size = line.accepted ? m.heading * 0.8f : m.small;
    // In its column at the right; words ("not counted") wrap there rather than run into the reason.
    const float column_x = pos.x + width - amount_w;
    const float column_w = amount_w - m.gap;
    const float h = measure_text(font, size, amount, column_w).y;
    draw_text(draw, font, size, ImVec2(column_x, pos.y + (height - h) * 0.5f), line.accepted ? p.text : p.text_muted, amount, column_w, Align::right);
}

}  // namespace

void show_returning(AppState& state) {
    begin_screen(state, "returning");
    top_bar(state, false);
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const KioskBackend& backend = state.backend();
    const Rect body = body_rect(state);
    const float list_w = std::floor(body.width() * 0.58f);
    const Rect list = body.left(list_w);
    const Rect side = body.right_of(list_w, m.gap);

    // The items, newest first.
    card(state, list.min, list.max);
    const Rect in = list.inset(m.pad);
    const float head_icon = m.heading;
    draw_icon(draw, Icon::barcode, ImVec2(in.min.x + head_icon * 0.5f, in.min.y + m.heading * 0.55f), head_icon, p.brand);
    const std::string& prompt = state.scan_input.pending().empty()
                                    ? state.tr("returning.scan_more")
                                    : state.scan_input.pending();
    draw_single_line(draw, state.fonts.heading, m.heading, ImVec2(in.min.x + head_icon + m.gap * 0.6f, in.min.y), in.width() - head_icon - m.gap * 0.6f, p.text,
                     prompt);
    const float head_h = m.heading * 1.5f;
    const float list_top = in.min.y + head_h;
    const float keypad_h = std::round(m.touch * 1.1f);
    const float list_bottom = in.max.y - keypad_h - m.gap;
    ImGui::SetCursorScreenPos(ImVec2(in.min.x, list_top));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("lines", ImVec2(in.width(), list_bottom - list_top), false, ImGuiWindowFlags_None);
    touch_scroll();
    const float row_w = ImGui::GetContentRegionAvail().x;
    const std::vector<ReturnLine>& lines = state.shopper.lines;
    if (lines.empty()) {
        text_block(state.fonts.body, state.tr("returning.empty"), p.text_muted, row_w);
    }
    for (std::size_t k = lines.size(); k-- > 0;) {
        const float h = line_height(state, lines[k], row_w);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        draw_line(state, lines[k], pos, row_w, h, k + 1 == lines.size());
        ImGui::Dummy(ImVec2(row_w, h));
        if (k > 0) {
            const float y = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y * 0.5f;
            ImGui::GetWindowDrawList()->AddLine(ImVec2(pos.x + m.touch, y), ImVec2(pos.x + row_w, y), p.border, 1);
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(in.min.x, in.max.y - keypad_h));
    if (big_button(state, "type_code", ImVec2(std::min(in.width(), 420 * m.scale), keypad_h),
                   ButtonSpec{state.tr("attract.enter_code"), {}, Icon::keypad})) {
        open_keypad(state);
    }
    if (state.demo) {
        // Demo mode: sample containers beside the keypad button, for shows and tests without a scanner.
        float x = in.min.x + std::min(in.width(), 420 * m.scale) + m.gap;
        const float w = std::floor((in.max.x - x - m.gap * 2) / 3);
        for (std::size_t i = 0; i < state.demo_products.size() && i < 3 && w >= m.touch; ++i) {
            const DemoProduct& product = state.demo_products[i == 2 ? state.demo_products.size() - 1 : i];
            ImGui::SetCursorScreenPos(ImVec2(x, in.max.y - keypad_h));
            ImGui::PushID(static_cast<int>(i));
            ButtonSpec spec{product.name.empty() ? state.tr("demo.unknown") : product.name, state.tr("demo.title"), Icon::play};
            spec.font = state.fonts.small;
            if (big_button(state, "demo", ImVec2(w, keypad_h), spec)) handle_scan(state, product.code, "demo");
            ImGui::PopID();
            x += w + m.gap;
        }
    }

    // The total, large, and what it means.
    const float idle_h = idle_seconds_left(state) ? m.touch + m.pad * 2 + m.gap : 0;
    Rect total = side;
    total.max.y -= idle_h;
    card(state, total.min, total.max);
    const Rect tin = total.inset(m.pad);
    float y = tin.min.y;
    draw_single_line(draw, state.fonts.heading, m.body, ImVec2(tin.min.x, y), tin.width(), p.text_muted, state.tr("returning.total"));
    y += m.body * 1.2f;
    const std::string amount = amount_text(state, backend.session().total());
    const float display = fitting_size(state.fonts.display, {m.display, m.display * 0.8f, m.display * 0.6f}, amount, ImVec2(tin.width(), m.display));
    draw_single_line(draw, state.fonts.display, display, ImVec2(tin.min.x, y), tin.width(), p.text, amount);
    y += display * 1.05f;
    const std::uint64_t count = backend.session().item_count();
    y += draw_text(draw, state.fonts.body, m.body, ImVec2(tin.min.x, y), p.text,
                   fill(state.tr(plural_key("returning.items", state.shopper.language, count)), {{"n", count_text(state, count)}}), tin.width());
    y += m.gap;

    // This session's impact so far.
    const ImpactSummary& impact = state.shopper.impact;
    if (impact.co2e_known) {
        const float box_h = m.body * 2 + m.small * 1.3f + m.pad;
        draw->AddRectFilled(ImVec2(tin.min.x, y), ImVec2(tin.max.x, y + box_h), p.surface_alt, m.radius * 0.6f);
        const float icon = m.heading;
        draw_icon(draw, Icon::leaf, ImVec2(tin.min.x + m.pad * 0.5f + icon * 0.5f, y + box_h * 0.5f), icon, p.accept);
        const float tx = tin.min.x + m.pad + icon;
        const float tw = tin.max.x - tx - m.pad * 0.5f;
        float ty = y + m.pad * 0.5f;
        ty += draw_text(draw, state.fonts.body, m.body, ImVec2(tx, ty), p.text,
                        fill(state.tr("returning.impact"), {{"co2e", mass_text(state, impact.kg_co2e)}}), tw);
        if (impact.car_known) {
            draw_text(draw, state.fonts.small, m.small, ImVec2(tx, ty), p.text_muted,
                      fill(state.tr("returning.impact_car"), {{"km", distance_text(state, impact.car_km)}}), tw);
        }
        y += box_h + m.gap;
    }

    // Finish is the one primary action; cancel only while nothing has been taken.
    const float finish_h = std::round(m.touch * 1.6f);
    // What Finish leads to, when there is room: the three ways to take the refund, as pictures with their names.
    const float options_h = m.body * 1.5f + m.touch + m.small * 1.4f;
    const float options_bottom = tin.max.y - finish_h - m.gap - (count == 0 ? m.touch + m.gap : 0);
    if (options_bottom - y >= options_h + m.gap) {
        const float oy = options_bottom - options_h;
        draw_text(draw, state.fonts.body, m.body, ImVec2(tin.min.x, oy), p.text_muted, state.tr("returning.then"), tin.width());
        const char* names[3] = {"finish.voucher", "finish.digital", "finish.donate"};
        const Icon icons[3] = {Icon::printer, Icon::qr, Icon::heart};
        const float col = tin.width() / 3;
        for (int i = 0; i < 3; ++i) {
            const ImVec2 c(tin.min.x + col * (static_cast<float>(i) + 0.5f), oy + m.body * 1.5f + m.touch * 0.5f);
            draw->AddCircleFilled(c, m.touch * 0.5f, p.secondary, 0);
            if (p.border_width > 0) draw->AddCircle(c, m.touch * 0.5f, p.border, 0, p.border_width);
            draw_icon(draw, icons[i], c, m.touch * 0.55f, p.brand);
            draw_text(draw, state.fonts.small, m.small, ImVec2(c.x - col * 0.5f, c.y + m.touch * 0.5f + m.small * 0.3f), p.text, state.tr(names[i]), col,
                      Align::center);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(tin.min.x, tin.max.y - finish_h));
    ButtonSpec finish{state.tr("returning.finish"), state.tr("returning.finish_hint"), Icon::check, ButtonKind::primary};
    finish.enabled = count > 0;
    if (big_button(state, "finish", ImVec2(tin.width(), finish_h), finish)) go_to(state, Screen::finish);
    if (count == 0) {
        ImGui::SetCursorScreenPos(ImVec2(tin.min.x, tin.max.y - finish_h - m.gap - m.touch));
        if (big_button(state, "cancel", ImVec2(tin.width(), m.touch), ButtonSpec{state.tr("returning.cancel"), {}, Icon::back, ButtonKind::quiet})) {
            cancel_session(state);
        }
    }

    // "Still there?" before an idle session is paid out automatically.
    if (std::optional<int> left = idle_seconds_left(state)) {
        const Rect warn{ImVec2(side.min.x, side.max.y - idle_h + m.gap), side.max};
        draw->AddRectFilled(warn.min, warn.max, p.warning, m.radius);
        const Rect win = warn.inset(m.pad);
        const float bw = std::min(win.width() * 0.45f, 360 * m.scale);
        draw_icon(draw, Icon::warning, ImVec2(win.min.x + m.heading * 0.5f, win.min.y + win.height() * 0.5f), m.heading, p.on_primary);
        draw_text(draw, state.fonts.body, m.body, ImVec2(win.min.x + m.heading + m.gap * 0.5f, win.min.y), p.on_primary,
                  fill(state.tr("returning.idle_warning"), {{"s", std::to_string(*left)}}), win.width() - bw - m.heading - m.gap);
        ImGui::SetCursorScreenPos(ImVec2(win.max.x - bw, win.min.y + (win.height() - m.touch) * 0.5f));
        if (big_button(state, "still_here", ImVec2(bw, m.touch), ButtonSpec{state.tr("returning.still_here"), {}})) keep_alive(state);
    }
    end_screen();
}

}  // namespace returnloop::kiosk::ui
