// Rectangles for laying screens out in the Metrics' units: the body below the top bar, split into columns and rows.
#pragma once

#include <imgui.h>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

struct Rect {
    ImVec2 min, max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    Rect inset(float by) const { return Rect{ImVec2(min.x + by, min.y + by), ImVec2(max.x - by, max.y - by)}; }
    // The left part of the given width and the rest after a gap.
    Rect left(float w) const { return Rect{min, ImVec2(min.x + w, max.y)}; }
    Rect right_of(float w, float gap) const { return Rect{ImVec2(min.x + w + gap, min.y), max}; }
    Rect top(float h) const { return Rect{min, ImVec2(max.x, min.y + h)}; }
    Rect below(float h, float gap) const { return Rect{ImVec2(min.x, min.y + h + gap), max}; }
};

// The screen below the top bar, inside the outer margin.
inline Rect body_rect(const AppState& state) {
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    const float margin = state.metrics.gap * 1.5f;
    return Rect{ImVec2(pos.x + margin, pos.y + state.metrics.bar_height + margin), ImVec2(pos.x + size.x - margin, pos.y + size.y - margin)};
}

}  // namespace returnloop::kiosk::ui
