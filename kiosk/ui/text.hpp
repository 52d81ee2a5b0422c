// Text layout for the kiosk: word wrap that also breaks between Chinese characters (which have no spaces) but never
// before closing punctuation, alignment, and measuring, so every string fits its card in all four languages.
#pragma once

#include <imgui.h>

#include <string_view>
#include <utility>
#include <vector>

namespace returnloop::kiosk::ui {

enum class Align : std::uint8_t { left, center, right };

// Byte ranges of the lines text breaks into at this font size and width ('\n' always breaks).
std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(const ImFont* font, float size, std::string_view text, float width);

// Size of the wrapped block.
ImVec2 measure_text(const ImFont* font, float size, std::string_view text, float width);

// Draws the wrapped block with its top-left corner of the layout box at pos; returns its height.
float draw_text(ImDrawList* draw, const ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, float width,
                Align align = Align::left);

// The largest of the given sizes (tried in order) at which text fits in box; the last size when none does.
float fitting_size(const ImFont* font, std::initializer_list<float> sizes, std::string_view text, ImVec2 box);

// Draws at the window's cursor and advances it, so ImGui lays out what follows below the block.
void text_block(const ImFont* font, std::string_view text, ImU32 color, float width, Align align = Align::left, float size = 0);

}  // namespace returnloop::kiosk::ui
