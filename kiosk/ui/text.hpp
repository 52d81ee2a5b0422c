// Text layout for the kiosk: word wrap that also breaks between Chinese characters (which have no spaces) but never
// before closing punctuation, alignment, and measuring, so every string fits its card in all four languages.
#pragma once

#include <imgui.h>

#include <string>
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

// Draws text as one line, never wrapped, aligned in a box `width` wide at box (left, top); recorded like draw_text, so
// a line wider than its box is found by the screen tests. Returns the line's width.
float draw_single_line(ImDrawList* draw, const ImFont* font, float size, ImVec2 box, float width, ImU32 color, std::string_view text,
                       Align align = Align::left);

// The largest of the given sizes (tried in order) at which text fits in box with no word split; the last size when
// none does.
// Whether text fits box at this size, wrapped only between words (or Chinese characters), never inside a word.
bool fits_whole_words(const ImFont* font, float size, std::string_view text, ImVec2 box);
float fitting_size(const ImFont* font, std::initializer_list<float> sizes, std::string_view text, ImVec2 box);

// Every text block drawn while a sink is set (the screen tests): where it landed, the box it was laid out in, what of
// it shows, and which audited item it labels, so a test can find text that overflows its box or runs into a widget.
struct TextBox {
    ImVec2 min, max;            // the drawn text
    float box_x = 0, box_width = 0;  // the layout box it was wrapped for
    ImVec2 clip_min, clip_max;  // the clip rectangle it was drawn under
    std::string text;
    int owner = -1;             // the index of the audited item it labels (FrameAudit::items), -1 for free text
    const void* layer = nullptr;  // the draw list it went into: one per window, so an overlay is another layer
    bool word_cut = false;      // a word was split across lines because the box is narrower than the word
};
void set_text_sink(std::vector<TextBox>* sink);  // null: nothing is recorded (the window in service)

// A card drawn while a sink is set: text that starts on a card must end on it (it never spills out of the bottom).
struct CardBox {
    ImVec2 min, max;
    const void* layer = nullptr;
};
void set_card_sink(std::vector<CardBox>* sink);  // null: nothing is recorded
void record_card(const ImDrawList* draw, ImVec2 min, ImVec2 max);
// While alive, text drawn is recorded as the label of audited item `owner`.
class TextOwner {
public:
    explicit TextOwner(int owner);
    ~TextOwner();
    TextOwner(const TextOwner&) = delete;
    TextOwner& operator=(const TextOwner&) = delete;

private:
    int previous_;
};

// Draws at the window's cursor and advances it, so ImGui lays out what follows below the block.
void text_block(const ImFont* font, std::string_view text, ImU32 color, float width, Align align = Align::left, float size = 0);

}  // namespace returnloop::kiosk::ui
