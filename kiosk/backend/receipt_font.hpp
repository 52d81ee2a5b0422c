// The receipt's typeface: the fonts the kiosk window uses (Noto Sans CJK SC from fonts-noto-cjk, DejaVu Sans for the
// few characters it lacks), drawn with stb_truetype into a greyscale raster, so a receipt reads in every language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace returnloop::kiosk {

struct Raster;

struct ReceiptFontFiles {
    std::string regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    std::string bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    int face = 2;  // the collection's "Noto Sans CJK SC" face, as in kiosk/ui/fonts.hpp
    std::string fallback_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string fallback_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

class ReceiptFont {
public:
    // The process-wide fonts, mapped once on first use; an error names the missing file.
    static Result<const ReceiptFont*> shared();

    int line_height(int pixels) const;                                // ascent + descent of the main font
    int width(std::string_view utf8, int pixels, bool bold) const;   // advance of the whole line
    // Draws one line with its top at `top` (black on the raster's white, anti-aliased).
    void draw(Raster& raster, std::string_view utf8, int left, int top, int pixels, bool bold) const;

    struct Impl;
    explicit ReceiptFont(Impl* impl) : impl_(impl) {}

private:
    Impl* impl_;  // lives as long as the process: the font files stay mapped
};

// Code points of UTF-8 text (invalid bytes become U+FFFD).
std::u32string decode_utf8(std::string_view utf8);

}  // namespace returnloop::kiosk
