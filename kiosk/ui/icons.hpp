// Pictograms drawn with ImGui's draw list (no icon font, no image files): each is a shape a shopper can tell apart
// without colour, always shown beside words, never instead of them.
#pragma once

#include <imgui.h>

#include <cstdint>

namespace returnloop::kiosk::ui {

enum class Icon : std::uint8_t {
    none, barcode, keypad, check, cross, printer, heart, qr, back, lock, leaf, download, globe, contrast, text_size,
    play, warning, info, chart, coins, list, shield
};

// Draws icon centred at center inside a square of side size, in color.
void draw_icon(ImDrawList* draw, Icon icon, ImVec2 center, float size, ImU32 color);

// Accepted: a filled circle with a tick. Refused: a filled octagon with a cross. Different shapes, not just colours.
void draw_status_mark(ImDrawList* draw, bool accepted, ImVec2 center, float radius, ImU32 fill, ImU32 mark);

// The ReturnLoop mark: two arrows chasing each other round a circle.
void draw_logo(ImDrawList* draw, ImVec2 center, float radius, ImU32 fill, ImU32 mark);

}  // namespace returnloop::kiosk::ui
