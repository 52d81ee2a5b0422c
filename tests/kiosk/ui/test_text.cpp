// Wrapping: English breaks at spaces, Chinese between characters but never before closing punctuation.
#include "ui_fixtures.hpp"

#include "ui/text.hpp"

using namespace ui_test;

namespace {

std::vector<std::string> lines_of(const ImFont* font, float size, const std::string& text, float width) {
    std::vector<std::string> out;
    for (const auto& [b, e] : wrap_lines(font, size, text, width)) out.push_back(text.substr(b, e - b));
    return out;
}

float widest(const ImFont* font, float size, const std::vector<std::string>& lines) {
    float w = 0;
    for (const std::string& line : lines) w = std::max(w, font->CalcTextSizeA(size, FLT_MAX, 0, line.c_str()).x);
    return w;
}

}  // namespace

TEST_SUITE("ui_text") {
    TEST_CASE("English wraps at spaces and every line fits") {
        Kiosk k;
        k.frame();
        const ImFont* font = k.state.fonts.body;
        const std::string text = "Hold its barcode under the scanner, one container at a time.";
        const std::vector<std::string> lines = lines_of(font, 32, text, 300);
        REQUIRE(lines.size() > 2);
        CHECK(widest(font, 32, lines) <= 300);
        for (const std::string& line : lines) {
            CHECK(line.front() != ' ');
            CHECK(line.back() != ' ');
        }
    }

    TEST_CASE("Chinese wraps between characters and keeps the comma with the word before it") {
        Kiosk k;
        k.frame();
        const ImFont* font = k.state.fonts.body;
        const std::string text = "请将条形码对准扫描器，一次一个容器。";
        // 32 px per character: the break would fall right before "，" at this width.
        const float width = 32 * 9 + 4;
        const std::vector<std::string> lines = lines_of(font, 32, text, width);
        REQUIRE(lines.size() == 2);
        CHECK(lines[0].rfind("扫描", 0) == std::string::npos);  // the line starts at the beginning
        CHECK(lines[1].rfind("，", 0) != 0);                    // no line starts with the comma
        CHECK(widest(font, 32, lines) <= width + 32);
        std::string joined;
        for (const std::string& line : lines) joined += line;
        CHECK(joined == text);
    }

    TEST_CASE("a word wider than the box is cut rather than overflowing forever") {
        Kiosk k;
        k.frame();
        const std::vector<std::string> lines = lines_of(k.state.fonts.body, 32, "952000000001195200000000119520000000011", 200);
        CHECK(lines.size() >= 3);
        CHECK(widest(k.state.fonts.body, 32, lines) <= 200 + 32);
    }

    TEST_CASE("a line break in the text always breaks") {
        Kiosk k;
        k.frame();
        CHECK(lines_of(k.state.fonts.body, 32, "one\ntwo", 1000) == std::vector<std::string>{"one", "two"});
    }
}
