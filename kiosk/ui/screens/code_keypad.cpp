// The on-screen keypad for a code the scanner cannot read (a torn label): digits as printed under the barcode.
// It covers the screen it was opened from; a scan arriving meanwhile closes it and is handled as usual.
#include <algorithm>
#include <cmath>

#include "ui/actions.hpp"
#include "ui/layout.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {

void show_code_keypad(AppState& state) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyle().Colors[ImGuiCol_ModalWindowDimBg]);
    ImGui::Begin("code_keypad", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    const float width = std::round(std::min(viewport->Size.x - 2 * m.gap, 760 * m.scale));
    const float key_h = std::round(m.touch * 1.35f);
    const float keys_h = 4 * key_h + 3 * m.gap * 0.5f;
    const float entry_h = m.title + m.pad;
    // The title may take two lines (Spanish, German, large text): the field goes below whatever it takes.
    const float title_w = width - 2 * m.pad - m.heading * 1.3f;
    const float title_h = std::max(m.heading * 1.4f, measure_text(state.fonts.heading, m.heading, state.tr("keypad.title"), title_w).y + m.heading * 0.4f);
    const float height = m.pad * 2 + title_h + entry_h + m.gap + keys_h + m.gap + m.touch;
    const ImVec2 min(std::floor(viewport->Pos.x + (viewport->Size.x - width) * 0.5f), std::floor(viewport->Pos.y + (viewport->Size.y - height) * 0.5f));
    const Rect box{min, ImVec2(min.x + width, min.y + height)};
    card(state, box.min, box.max);
    const Rect in = box.inset(m.pad);
    float y = in.min.y;
    draw_icon(draw, Icon::keypad, ImVec2(in.min.x + m.heading * 0.5f, y + m.heading * 0.55f), m.heading * 0.9f, p.brand);
    draw_text(draw, state.fonts.heading, m.heading, ImVec2(in.min.x + m.heading * 1.3f, y), p.text, state.tr("keypad.title"), title_w);
    y += title_h;

    // The digits so far, large, in a field.
    draw->AddRectFilled(ImVec2(in.min.x, y), ImVec2(in.max.x, y + entry_h), p.surface_alt, m.radius * 0.5f);
    draw->AddRect(ImVec2(in.min.x, y), ImVec2(in.max.x, y + entry_h), p.text_muted, m.radius * 0.5f, 0, std::max(1.5f, p.border_width));
    const std::string& entry = state.shopper.keypad_entry;
    const std::string shown = entry.empty() ? state.tr("keypad.placeholder") : entry;
    const float size = entry.empty() ? m.body : m.title * 0.8f;
    draw_single_line(draw, entry.empty() ? state.fonts.body : state.fonts.title, size, ImVec2(in.min.x + m.pad * 0.6f, y + (entry_h - size) * 0.5f),
                     in.width() - m.pad * 1.2f, entry.empty() ? p.text_muted : p.text, shown);
    y += entry_h + m.gap;

    ImGui::SetCursorScreenPos(ImVec2(in.min.x, y));
    if (keypad(state, "keys", state.shopper.keypad_entry, 14, ImVec2(in.width(), keys_h))) {
        const std::string code = state.shopper.keypad_entry;
        close_keypad(state);
        handle_scan(state, code, "keypad");
    }
    ImGui::SetCursorScreenPos(ImVec2(in.min.x, in.max.y - m.touch));
    if (big_button(state, "close", ImVec2(in.width(), m.touch), ButtonSpec{state.tr("keypad.close"), {}, Icon::cross, ButtonKind::quiet})) {
        close_keypad(state);
    }
    ImGui::End();
}

}  // namespace returnloop::kiosk::ui
