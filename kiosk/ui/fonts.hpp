// The font atlas: Noto Sans CJK SC (Debian's fonts-noto-cjk) at five sizes, holding only the glyphs the kiosk can
// show: the code points of every UI string in every language, the product names, and what amounts are written
// with. The 19 MB font files are mapped, not read, and unmapped once the atlas is built, so memory stays low.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "common/status.hpp"
#include "ui/theme.hpp"

namespace returnloop::kiosk::ui {

struct FontFiles {
    std::string regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    std::string bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    int face = 2;  // the collection's "Noto Sans CJK SC" face: Simplified Chinese glyph shapes
    // For the few characters Noto Sans CJK lacks (subscript 2 in "CO2e", the shekel and lira signs): merged in.
    std::string fallback_regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    std::string fallback_bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

// UTF-8 texts whose characters must be drawable.
struct GlyphSources {
    std::string ui;       // every string of every language, language names, settings names (charity, store)
    std::string names;    // product names: only the body and small fonts need them
    std::string amounts;  // formatted amounts and numbers: digits, separators, currency signs
    std::string titles;   // the few strings set in the large title size (kTitleKeys): that size holds only these
};

// The string keys drawn in the title font; every other string uses the body, small or heading size.
inline constexpr const char* kTitleKeys[] = {"attract.headline", "voucher.thanks", "finish.title", "finish.voucher", "finish.digital",
                                             "finish.donate"};

struct FontSet {
    ImFont* small = nullptr;
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* display = nullptr;  // the big running total: amounts only
    int glyphs = 0;             // glyphs in the atlas, over all sizes
    bool fallback = false;      // the CJK font was missing: ImGui's built-in font is used, Chinese cannot show
};

// Clears the atlas and builds it for these metrics. When the font files cannot be read, falls back to ImGui's
// built-in font (and says so in fallback) rather than leaving the kiosk without text.
FontSet build_fonts(ImFontAtlas& atlas, const FontFiles& files, const GlyphSources& sources, const Metrics& metrics);

// Code points of text (decoded leniently: invalid bytes are skipped) that font cannot draw.
std::vector<unsigned> undrawable(const ImFont& font, const std::string& text);

}  // namespace returnloop::kiosk::ui
