// A receipt as an opaque greyscale image: centred text lines (in the kiosk's fonts, receipt_font.hpp, wrapped to the
// width) and barcode symbols with their quiet zones, drawn at a whole number of pixels per module, each with its
// human-readable line under it, whole. One layout, two profiles: a screen/PNG profile (3 px per module or more) and
// a thermal-printer profile (a fixed dot width, e.g. 576 dots for 80 mm paper at 203 dpi).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "common/status.hpp"
#include "backend/symbols.hpp"

namespace returnloop::kiosk {

struct Raster {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> gray;  // row-major, 0 black .. 255 white, no alpha (zbarimg wants opaque images)
    std::uint8_t at(int x, int y) const { return gray[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
};

struct ReceiptProfile {
    int width = 0;              // 0: as wide as the content needs
    int margin = 24;            // pixels left and right of everything, beyond the symbols' own quiet zones
    int min_text_width = 480;   // a screen receipt is at least this wide inside its margins, so text wraps sensibly
    int text_px = 24;           // font size (em) of ordinary lines
    int large_px = 34;          // titles and the amount
    int caption_px = 26;        // the line under a symbol; made smaller (down to min_caption_px) until it fits
    int min_caption_px = 16;
    int ean13_module = 3;       // pixels per module
    int code128_module = 3;
    int qr_module = 6;
};
ReceiptProfile screen_profile();
ReceiptProfile printer_profile(int width_dots);  // 2 dots per Code 128 module (0.25 mm at 203 dpi), 3 per EAN-13

struct ReceiptText {
    std::string text;   // UTF-8, any language the kiosk speaks; wrapped at spaces (or anywhere, for Chinese)
    bool large = false;
};
struct ReceiptSymbol {
    ModuleMatrix matrix;
    std::string caption;  // human-readable text printed under the symbol
};
struct ReceiptGap {
    int pixels = 0;
};
using ReceiptBlock = std::variant<ReceiptText, ReceiptSymbol, ReceiptGap>;

// Where a symbol landed, so tests can check its quiet zones pixel by pixel.
struct SymbolPlacement {
    Symbology symbology = Symbology::code128;
    int x = 0, y = 0, width = 0, height = 0;  // the symbol's bars, without quiet zones
    int module = 0;
    int quiet_left = 0, quiet_right = 0;       // in pixels
    int caption_x = 0, caption_y = 0, caption_width = 0, caption_height = 0;  // the human-readable line's box
    int caption_px = 0;                        // the font size it was drawn at
};

struct RenderedReceipt {
    Raster raster;
    std::vector<SymbolPlacement> symbols;
};

// Fails when a symbol does not fit the profile's width with its quiet zones (never shrinks a module below the profile),
// when its caption would not fit whole even at min_caption_px, or when the fonts cannot be read.
Result<RenderedReceipt> render_receipt(const std::vector<ReceiptBlock>& blocks, const ReceiptProfile& profile);

Result<std::string> png_bytes(const Raster& raster);
Status write_png(const Raster& raster, const std::string& path);  // atomic, fsync'ed

}  // namespace returnloop::kiosk
