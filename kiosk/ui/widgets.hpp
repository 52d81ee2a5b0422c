// Touch widgets every screen shares: the fullscreen screen window, big buttons (at least one touch target on their
// short side, with a focus ring for keyboard users), the numeric keypad, the top bar with languages and display
// modes, cards, notices and the admin's text field. Every interactive item is registered in the frame audit.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>

#include "ui/app_state.hpp"
#include "ui/icons.hpp"
#include "ui/text.hpp"

namespace returnloop::kiosk::ui {

enum class ButtonKind : std::uint8_t { primary, secondary, danger, quiet };

struct ButtonSpec {
    std::string_view label;
    std::string_view sublabel;   // a second, smaller line (a hint or an amount)
    Icon icon = Icon::none;
    ButtonKind kind = ButtonKind::secondary;
    bool selected = false;       // a toggle or a choice that is on: drawn filled with a tick
    bool enabled = true;
    bool vertical = false;       // icon above the text (the big choice cards)
    const ImFont* font = nullptr;  // label font; null: heading for tall buttons, body otherwise
};

// Draws a fullscreen window for one screen; pair with end_screen().
void begin_screen(AppState& state, const char* name);
void end_screen();

// The bar across the top of every screen: the mark, the languages, large text, high contrast (and staff access).
void top_bar(AppState& state, bool show_staff);

// Returns true when pressed (tap, click, or Space/Enter while it has keyboard focus).
bool big_button(AppState& state, const char* id, ImVec2 size, const ButtonSpec& spec);

// A white rounded card with a soft shadow (an outline in high contrast).
void card(const AppState& state, ImVec2 min, ImVec2 max);

// A 3x4 keypad of digits, delete and OK (the caller draws the entry, masked or not). Returns true on OK with digits.
bool keypad(AppState& state, const char* id, std::string& entry, std::size_t max_digits, ImVec2 size);

// An amount keypad for the admin screens (a touch kiosk has no keyboard): digits, the language's decimal separator,
// delete, and Done across the bottom. Edits entry in place; returns true on Done.
bool decimal_keypad(AppState& state, const char* id, std::string& entry, char separator, ImVec2 size);

// A transient message across the bottom of the screen (icon and words; red only doubles what they say).
void notice_banner(AppState& state);

// Lets a finger drag the current scrolling region, as touch screens expect (ImGui 1.86 scrolls only by wheel/bar).
void touch_scroll();

// Records the last item drawn (ID and rectangle) in the frame audit and reports an ID drawn twice in this frame.
void audit_last_item(AppState& state, std::string_view name, std::string_view label);

}  // namespace returnloop::kiosk::ui
