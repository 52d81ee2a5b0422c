// One frame of the kiosk: the theme, the current screen (one switch over Screen), the keypad overlay and notices.
// The window loop and the headless tests both call app_frame() between ImGui::NewFrame() and ImGui::Render().
#pragma once

#include <imgui.h>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

void app_frame(AppState& state);

// Recomputes the metrics for the display and the shopper's text size; true when the font atlas must be rebuilt.
bool update_metrics(AppState& state, ImVec2 display_size, float dpi);

// Everything the atlas must be able to draw: all strings of all languages, product names, settings names, amounts.
GlyphSources glyph_sources(const AppState& state);

}  // namespace returnloop::kiosk::ui
