// CJK-aware wrapping and drawing (see text.hpp).
#include "ui/text.hpp"

#include <algorithm>
#include <cfloat>

namespace returnloop::kiosk::ui {
namespace {

struct Decoded {
    unsigned cp;
    std::size_t length;
};

Decoded decode(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
    if (extra == 0 || i + extra >= text.size()) return {c < 0x80 ? static_cast<unsigned>(c) : 0xFFFDu, 1};
    unsigned cp = c & (0x3Fu >> extra);
    for (std::size_t k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    return {cp, extra + 1};
}

bool is_cjk(unsigned cp) {
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x3000 && cp <= 0x303F);
}

// Chinese line-breaking rules (kinsoku): these never start a line ...
bool closing(unsigned cp) {
    switch (cp) {
        case 0xFF0C: case 0x3002: case 0x3001: case 0xFF01: case 0xFF1F: case 0xFF1A: case 0xFF1B: case 0xFF09:
        case 0x300D: case 0x300F: case 0x300B: case 0x3009: case 0x3011: case 0xFF05: case ',': case '.': case '!':
        case '?': case ':': case ';': case ')': case '%':
            return true;
        default:
            return false;
    }
}
// ... and these never end one.
bool opening(unsigned cp) {
    switch (cp) {
        case 0xFF08: case 0x300C: case 0x300E: case 0x300A: case 0x3008: case 0x3010: case '(':
            return true;
        default:
            return false;
    }
}

float advance(const ImFont* font, float size, unsigned cp) {
    const ImWchar c = cp <= 0xFFFF ? static_cast<ImWchar>(cp) : static_cast<ImWchar>(0xFFFD);
    return const_cast<ImFont*>(font)->GetCharAdvance(c) * (size / font->FontSize);
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> wrap_lines(const ImFont* font, float size, std::string_view text, float width) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t line_start = 0;
    std::size_t break_at = std::string_view::npos;  // a byte offset where the current line may end
    std::size_t resume_at = 0;                      // where the next line starts after breaking there
    float line_width = 0;
    unsigned previous = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const Decoded d = decode(text, i);
        if (d.cp == '\n') {
            lines.emplace_back(line_start, i);
            i += d.length;
            line_start = i;
            break_at = std::string_view::npos;
            line_width = 0;
            previous = 0;
            continue;
        }
        // A break is allowed before this character after a space, or between CJK characters outside kinsoku pairs.
        if (i > line_start && (previous == ' ' || ((is_cjk(d.cp) || is_cjk(previous)) && !closing(d.cp) && !opening(previous)))) {
            break_at = previous == ' ' ? i - 1 : i;
            resume_at = i;
        }
        const float w = advance(font, size, d.cp);
        if (line_width + w > width && i > line_start && d.cp != ' ') {
            if (break_at != std::string_view::npos && break_at > line_start) {
                lines.emplace_back(line_start, break_at);
                line_start = resume_at;
                // Re-measure the carried-over part exactly (spaces at the break were dropped).
                line_width = 0;
                for (std::size_t k = line_start; k < i;) {
                    const Decoded e = decode(text, k);
                    line_width += advance(font, size, e.cp);
                    k += e.length;
                }
            } else {
                lines.emplace_back(line_start, i);  // one word wider than the box: cut it
                line_start = i;
                line_width = 0;
            }
            break_at = std::string_view::npos;
        }
        line_width += w;
        previous = d.cp;
        i += d.length;
    }
    lines.emplace_back(line_start, text.size());
    return lines;
}

ImVec2 measure_text(const ImFont* font, float size, std::string_view text, float width) {
    ImVec2 out(0, 0);
    for (const auto& [b, e] : wrap_lines(font, size, text, width)) {
        const ImVec2 line = font->CalcTextSizeA(size, FLT_MAX, 0, text.data() + b, text.data() + e);
        out.x = out.x > line.x ? out.x : line.x;
        out.y += size;
    }
    return out;
}

namespace {
std::vector<TextBox>* text_sink = nullptr;
std::vector<CardBox>* card_sink = nullptr;
int text_owner = -1;

// Whether the wrap had to split a word: two lines meet with no space dropped and no Chinese break between them.
bool splits_a_word(std::string_view text, const std::vector<std::pair<std::size_t, std::size_t>>& lines) {
    for (std::size_t k = 1; k < lines.size(); ++k) {
        const std::size_t at = lines[k].first;
        if (lines[k - 1].second != at || at == 0 || at >= text.size()) continue;
        std::size_t before = at - 1;
        while (before > 0 && (static_cast<unsigned char>(text[before]) & 0xC0) == 0x80) --before;
        if (!is_cjk(decode(text, before).cp) && !is_cjk(decode(text, at).cp)) return true;
    }
    return false;
}
}  // namespace

void set_text_sink(std::vector<TextBox>* sink) { text_sink = sink; }
void set_card_sink(std::vector<CardBox>* sink) { card_sink = sink; }
void record_card(const ImDrawList* draw, ImVec2 min, ImVec2 max) {
    if (card_sink) card_sink->push_back(CardBox{min, max, draw});
}

TextOwner::TextOwner(int owner) : previous_(text_owner) { text_owner = owner; }
TextOwner::~TextOwner() { text_owner = previous_; }

float draw_text(ImDrawList* draw, const ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text, float width, Align align) {
    float y = pos.y;
    float left = pos.x, right = pos.x;
    const std::vector<std::pair<std::size_t, std::size_t>> lines = wrap_lines(font, size, text, width);
    for (const auto& [b, e] : lines) {
        const char* begin = text.data() + b;
        const char* end = text.data() + e;
        float x = pos.x;
        const float w = font->CalcTextSizeA(size, FLT_MAX, 0, begin, end).x;
        if (align != Align::left) x += align == Align::center ? (width - w) * 0.5f : width - w;
        draw->AddText(font, size, ImVec2(x, y), color, begin, end);
        if (w > 0) {
            left = right > left ? std::min(left, x) : x;
            right = std::max(right, x + w);
        }
        y += size;
    }
    if (text_sink && !text.empty()) {
        text_sink->push_back(TextBox{ImVec2(left, pos.y), ImVec2(right, y), pos.x, width, draw->GetClipRectMin(), draw->GetClipRectMax(),
                                     std::string(text), text_owner, draw, splits_a_word(text, lines)});
    }
    return y - pos.y;
}

float draw_single_line(ImDrawList* draw, const ImFont* font, float size, ImVec2 box, float width, ImU32 color, std::string_view text, Align align) {
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    float x = box.x;
    if (w <= width && align != Align::left) x += align == Align::center ? (width - w) * 0.5f : width - w;
    draw->AddText(font, size, ImVec2(x, box.y), color, text.data(), text.data() + text.size());
    if (text_sink && !text.empty()) {
        text_sink->push_back(TextBox{ImVec2(x, box.y), ImVec2(x + w, box.y + size), box.x, width, draw->GetClipRectMin(), draw->GetClipRectMax(),
                                     std::string(text), text_owner, draw});
    }
    return w;
}

float fitting_size(const ImFont* font, std::initializer_list<float> sizes, std::string_view text, ImVec2 box) {
    float chosen = 0;
    for (float size : sizes) {
        chosen = size;
        if (fits_whole_words(font, size, text, box)) return size;
    }
    return chosen;
}

bool fits_whole_words(const ImFont* font, float size, std::string_view text, ImVec2 box) {
    const ImVec2 m = measure_text(font, size, text, box.x);
    return m.x <= box.x + 0.5f && m.y <= box.y + 0.5f && !splits_a_word(text, wrap_lines(font, size, text, box.x));
}

void text_block(const ImFont* font, std::string_view text, ImU32 color, float width, Align align, float size) {
    if (size <= 0) size = font->FontSize;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float height = draw_text(ImGui::GetWindowDrawList(), font, size, pos, color, text, width, align);
    ImGui::Dummy(ImVec2(width, height));
}

}  // namespace returnloop::kiosk::ui
