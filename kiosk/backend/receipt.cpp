// Receipt layout and rasterisation (text with stb_truetype, receipt_font.hpp), PNG output with stb_image_write.
#include "backend/receipt.hpp"

#include <stb_image_write.h>

#include <algorithm>

#include "common/files.hpp"
#include "backend/receipt_font.hpp"

namespace returnloop::kiosk {
namespace {

constexpr int kLinearBarModules = 50;  // bar height: above ISO/IEC 15417's 15 % of the Code 128 width, EAN-13 ~ 73 %
constexpr int kEanBarModules = 60;
constexpr int kCaptionGap = 6;

void fill(Raster& raster, int x0, int y0, int x1, int y1, std::uint8_t value) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, raster.width);
    y1 = std::min(y1, raster.height);
    for (int y = y0; y < y1; ++y) {
        std::fill_n(raster.gray.begin() + static_cast<std::ptrdiff_t>(y) * raster.width + x0, std::max(0, x1 - x0), value);
    }
}

int module_px(const ReceiptProfile& profile, Symbology symbology) {
    switch (symbology) {
        case Symbology::ean13: return profile.ean13_module;
        case Symbology::code128: return profile.code128_module;
        case Symbology::qr: return profile.qr_module;
    }
    return profile.code128_module;
}

int symbol_outer_width(const ModuleMatrix& m, int module) { return (m.quiet_left() + m.width + m.quiet_right()) * module; }

int symbol_bar_height(const ModuleMatrix& m, int module) {
    if (m.symbology == Symbology::qr) return m.height * module;
    return (m.symbology == Symbology::ean13 ? kEanBarModules : kLinearBarModules) * module;
}

std::string encode_utf8(const std::u32string& text) {
    std::string out;
    for (char32_t cp : text) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

// Greedy wrapping: break at the last space that fits, else (Chinese has no spaces) before the character that does not.
std::vector<std::string> wrap(const ReceiptFont& font, const std::string& text, int pixels, bool bold, int width) {
    std::vector<std::string> lines;
    std::u32string rest = decode_utf8(text);
    while (!rest.empty()) {
        std::size_t fits = rest.size();
        while (fits > 1 && font.width(encode_utf8(rest.substr(0, fits)), pixels, bold) > width) --fits;
        std::size_t cut = fits;
        if (fits < rest.size()) {
            const std::size_t space = rest.substr(0, fits + 1).rfind(U' ');
            if (space != std::u32string::npos && space > 0) cut = space;
        }
        std::u32string line = rest.substr(0, cut);
        while (!line.empty() && line.back() == U' ') line.pop_back();
        lines.push_back(encode_utf8(line));
        rest.erase(0, cut);
        while (!rest.empty() && rest.front() == U' ') rest.erase(0, 1);
    }
    if (lines.empty()) lines.emplace_back();
    return lines;
}

// One block laid out for the final width: its text lines, or its symbol with the caption's size.
struct Laid {
    const ReceiptBlock* block = nullptr;
    std::vector<std::string> lines;
    int pixels = 0;
    bool bold = false;
    int height = 0;
};

void write_to_string(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

ReceiptProfile screen_profile() { return ReceiptProfile{}; }

ReceiptProfile printer_profile(int width_dots) {
    ReceiptProfile profile;
    profile.width = width_dots;
    profile.margin = 0;
    profile.min_text_width = 0;
    profile.text_px = 22;
    profile.large_px = 32;
    profile.caption_px = 24;
    profile.ean13_module = 3;
    profile.code128_module = 2;
    profile.qr_module = 5;
    return profile;
}

Result<RenderedReceipt> render_receipt(const std::vector<ReceiptBlock>& blocks, const ReceiptProfile& profile) {
    Result<const ReceiptFont*> loaded = ReceiptFont::shared();
    if (!loaded) return loaded.error();
    const ReceiptFont& font = **loaded;

    // The width: the profile's, or (screen) the widest symbol or caption, at least min_text_width.
    int width = profile.width;
    if (width <= 0) {
        int content = profile.min_text_width;
        for (const ReceiptBlock& block : blocks) {
            if (const auto* symbol = std::get_if<ReceiptSymbol>(&block)) {
                content = std::max({content, symbol_outer_width(symbol->matrix, module_px(profile, symbol->matrix.symbology)),
                                    font.width(symbol->caption, profile.caption_px, false)});
            }
        }
        width = content + 2 * profile.margin;
    }
    const int inside = width - 2 * profile.margin;
    if (width <= 0 || width > 8192 || inside <= 0) return Error{"receipt", "the receipt size is out of range"};

    std::vector<Laid> laid;
    int height = 2 * profile.margin;
    for (const ReceiptBlock& block : blocks) {
        Laid l;
        l.block = &block;
        if (const auto* text = std::get_if<ReceiptText>(&block)) {
            l.pixels = text->large ? profile.large_px : profile.text_px;
            l.bold = text->large;
            l.lines = wrap(font, text->text, l.pixels, l.bold, inside);
            l.height = static_cast<int>(l.lines.size()) * font.line_height(l.pixels);
        } else if (const auto* gap = std::get_if<ReceiptGap>(&block)) {
            l.height = gap->pixels;
        } else {
            const auto& symbol = std::get<ReceiptSymbol>(block);
            const int module = module_px(profile, symbol.matrix.symbology);
            const int needed = symbol_outer_width(symbol.matrix, module);
            if (needed > inside) {
                return Error{"receipt", "a symbol needs " + std::to_string(needed) + " pixels with its quiet zones, but the receipt is " +
                                            std::to_string(width) + " wide"};
            }
            l.height = symbol_bar_height(symbol.matrix, module) + 2 * symbol.matrix.quiet_vertical() * module;
            if (!symbol.caption.empty()) {
                // The human-readable line is printed whole or not at all: a smaller size rather than a cut digit.
                l.pixels = profile.caption_px;
                while (l.pixels > profile.min_caption_px && font.width(symbol.caption, l.pixels, false) > inside) --l.pixels;
                if (font.width(symbol.caption, l.pixels, false) > inside) {
                    return Error{"receipt", "the line under a symbol does not fit the receipt's width: " + symbol.caption};
                }
                l.height += kCaptionGap + font.line_height(l.pixels);
            }
        }
        height += l.height;
        laid.push_back(std::move(l));
    }
    if (height <= 0 || height > 16384) return Error{"receipt", "the receipt size is out of range"};

    RenderedReceipt out;
    out.raster.width = width;
    out.raster.height = height;
    out.raster.gray.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 255);
    int y = profile.margin;
    for (const Laid& l : laid) {
        if (std::holds_alternative<ReceiptText>(*l.block)) {
            int line_top = y;
            for (const std::string& line : l.lines) {
                font.draw(out.raster, line, (width - font.width(line, l.pixels, l.bold)) / 2, line_top, l.pixels, l.bold);
                line_top += font.line_height(l.pixels);
            }
        } else if (const auto* symbol = std::get_if<ReceiptSymbol>(l.block)) {
            const ModuleMatrix& m = symbol->matrix;
            const int module = module_px(profile, m.symbology);
            const int outer = symbol_outer_width(m, module);
            const int left = (width - outer) / 2 + m.quiet_left() * module;
            const int top = y + m.quiet_vertical() * module;
            const int bar_h = symbol_bar_height(m, module);
            for (int row = 0; row < m.height; ++row) {
                for (int x = 0; x < m.width; ++x) {
                    if (!m.at(x, row)) continue;
                    const int y0 = m.height == 1 ? top : top + row * module;
                    const int y1 = m.height == 1 ? top + bar_h : y0 + module;
                    fill(out.raster, left + x * module, y0, left + (x + 1) * module, y1, 0);
                }
            }
            SymbolPlacement placed{m.symbology, left, top, m.width * module, bar_h, module, m.quiet_left() * module, m.quiet_right() * module};
            if (!symbol->caption.empty()) {
                placed.caption_width = font.width(symbol->caption, l.pixels, false);
                placed.caption_height = font.line_height(l.pixels);
                placed.caption_x = (width - placed.caption_width) / 2;
                placed.caption_y = top + bar_h + m.quiet_vertical() * module + kCaptionGap;
                placed.caption_px = l.pixels;
                font.draw(out.raster, symbol->caption, placed.caption_x, placed.caption_y, l.pixels, false);
            }
            out.symbols.push_back(placed);
        }
        y += l.height;
    }
    return out;
}

Result<std::string> png_bytes(const Raster& raster) {
    // stb_image_write tries five PNG filters per row by default, which costs two thirds of the encode time on a
    // receipt; the "up" filter alone suits vertical bars and keeps the file as small. (A library-wide setting.)
    stbi_write_force_png_filter = 2;
    std::string bytes;
    if (raster.width <= 0 || raster.height <= 0 ||
        stbi_write_png_to_func(write_to_string, &bytes, raster.width, raster.height, 1, raster.gray.data(), raster.width) == 0) {
        return Error{"png", "stb_image_write could not encode the receipt"};
    }
    return bytes;
}

Status write_png(const Raster& raster, const std::string& path) {
    Result<std::string> bytes = png_bytes(raster);
    if (!bytes) return bytes.error();
    return write_file_atomic(path, *bytes);
}

}  // namespace returnloop::kiosk
