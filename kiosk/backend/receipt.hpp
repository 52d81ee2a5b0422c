// A receipt as an opaque greyscale image: centred text lines and barcode symbols with their quiet zones, drawn at
// a whole number of pixels per module. One layout, two profiles: a screen/PNG profile (3 px per module or more) and
// a thermal-printer profile (a fixed dot width, e.g. 576 dots for 80 mm paper at 203 dpi).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "backend/status.hpp"
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
    int text_scale = 3;         // stb_easy_font pixels per font unit
    int ean13_module = 3;       // pixels per module
    int code128_module = 3;
    int qr_module = 6;
};
ReceiptProfile screen_profile();
ReceiptProfile printer_profile(int width_dots);  // 2 dots per Code 128 module (0.25 mm at 203 dpi), 3 per EAN-13

struct ReceiptText {
    std::string text;   // UTF-8; drawn in ASCII (common accented letters transliterated, others as '?')
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
};

struct RenderedReceipt {
    Raster raster;
    std::vector<SymbolPlacement> symbols;
};

// Fails when a symbol does not fit the profile's width with its quiet zones (never shrinks a module below the profile).
Result<RenderedReceipt> render_receipt(const std::vector<ReceiptBlock>& blocks, const ReceiptProfile& profile);

Result<std::string> png_bytes(const Raster& raster);
Status write_png(const Raster& raster, const std::string& path);  // atomic, fsync'ed

std::string receipt_ascii(std::string_view utf8);  // the text as it will be drawn

}  // namespace returnloop::kiosk
