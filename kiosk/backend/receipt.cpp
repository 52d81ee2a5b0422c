// Receipt layout and rasterisation with stb_easy_font, PNG output with stb_image_write (see receipt.hpp).
#include "backend/receipt.hpp"

#include <stb_easy_font.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstring>

#include "backend/files.hpp"

namespace returnloop::kiosk {
namespace {

constexpr int kLinearBarModules = 50;  // bar height: above ISO/IEC 15417's 15 % of the Code 128 width, EAN-13 ~ 73 %
constexpr int kEanBarModules = 60;
constexpr int kCaptionGap = 6;

struct Transliteration {
    std::uint32_t code_point;
    const char* ascii;
};
constexpr Transliteration kTransliterations[] = {
    {0xE4, "ae"}, {0xF6, "oe"}, {0xFC, "ue"}, {0xC4, "Ae"}, {0xD6, "Oe"}, {0xDC, "Ue"}, {0xDF, "ss"},
    {0xE9, "e"},  {0xE8, "e"},  {0xEA, "e"},  {0xC9, "E"},  {0xE0, "a"},  {0xE2, "a"},  {0xE7, "c"},
    {0xF8, "oe"}, {0xD8, "Oe"}, {0xE5, "aa"}, {0xC5, "Aa"}, {0xE6, "ae"}, {0xC6, "Ae"}, {0xF1, "n"},
    {0xED, "i"},  {0xF3, "o"},  {0xFA, "u"},  {0xE1, "a"},  {0x20AC, "EUR"}, {0xA0, " "},
};

void fill(Raster& raster, int x0, int y0, int x1, int y1, std::uint8_t value) {
    x0 = std::max(x0, 0);
    y0 = std::max(y0, 0);
    x1 = std::min(x1, raster.width);
    y1 = std::min(y1, raster.height);
    for (int y = y0; y < y1; ++y) {
        std::fill_n(raster.gray.begin() + static_cast<std::ptrdiff_t>(y) * raster.width + x0, std::max(0, x1 - x0), value);
    }
}

int text_width(const std::string& ascii, int scale) {
    return stb_easy_font_width(const_cast<char*>(ascii.c_str())) * scale;
}

int text_height(int scale) { return 12 * scale; }  // stb_easy_font's line height

void draw_text(Raster& raster, const std::string& ascii, int left, int top, int scale) {
    std::vector<char> buffer(ascii.size() * 300 + 1024);
    const int quads = stb_easy_font_print(0, 0, const_cast<char*>(ascii.c_str()), nullptr, buffer.data(),
                                          static_cast<int>(buffer.size()));
    for (int q = 0; q < quads; ++q) {
        // Each quad is four vertices of {float x, y, z; uint8 colour[4]}; vertex 0 and 2 are opposite corners.
        float first[2];
        float third[2];
        std::memcpy(first, buffer.data() + static_cast<std::ptrdiff_t>(q) * 64, sizeof first);
        std::memcpy(third, buffer.data() + static_cast<std::ptrdiff_t>(q) * 64 + 32, sizeof third);
        const int x0 = left + static_cast<int>(first[0]) * scale;
        const int y0 = top + static_cast<int>(first[1]) * scale;
        const int x1 = left + static_cast<int>(third[0]) * scale;
        const int y1 = top + static_cast<int>(third[1]) * scale;
        fill(raster, std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1), 0);
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

int caption_scale(const ReceiptProfile& profile) { return std::max(1, profile.text_scale - 1); }

int block_height(const ReceiptBlock& block, const ReceiptProfile& profile) {
    if (const auto* text = std::get_if<ReceiptText>(&block)) {
        return text_height(text->large ? profile.text_scale + 1 : profile.text_scale);
    }
    if (const auto* gap = std::get_if<ReceiptGap>(&block)) return gap->pixels;
    const auto& symbol = std::get<ReceiptSymbol>(block);
    const int module = module_px(profile, symbol.matrix.symbology);
    int height = symbol_bar_height(symbol.matrix, module) + 2 * symbol.matrix.quiet_vertical() * module;
    if (!symbol.caption.empty()) height += kCaptionGap + text_height(caption_scale(profile));
    return height;
}

int block_width(const ReceiptBlock& block, const ReceiptProfile& profile) {
    if (const auto* text = std::get_if<ReceiptText>(&block)) {
        return text_width(receipt_ascii(text->text), text->large ? profile.text_scale + 1 : profile.text_scale);
    }
    if (std::holds_alternative<ReceiptGap>(block)) return 0;
    const auto& symbol = std::get<ReceiptSymbol>(block);
    const int module = module_px(profile, symbol.matrix.symbology);
    return std::max(symbol_outer_width(symbol.matrix, module),
                    text_width(receipt_ascii(symbol.caption), caption_scale(profile)));
}

void write_to_string(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

ReceiptProfile screen_profile() { return ReceiptProfile{}; }

ReceiptProfile printer_profile(int width_dots) {
    ReceiptProfile profile;
    profile.width = width_dots;
    profile.margin = 0;
    profile.text_scale = 2;
    profile.ean13_module = 3;
    profile.code128_module = 2;
    profile.qr_module = 5;
    return profile;
}

std::string receipt_ascii(std::string_view utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        if (lead < 0x80) {
            out += (lead >= 0x20 && lead < 0x7f) ? static_cast<char>(lead) : '?';
            ++i;
            continue;
        }
        std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        std::uint32_t code_point = length == 4 ? lead & 0x07u : length == 3 ? lead & 0x0Fu : lead & 0x1Fu;
        bool valid = length > 1 && i + length <= utf8.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(utf8[i + k]);
            valid = (next & 0xC0u) == 0x80u;
            code_point = (code_point << 6) | (next & 0x3Fu);
        }
        const char* replacement = "?";
        if (valid) {
            for (const Transliteration& t : kTransliterations) {
                if (t.code_point == code_point) replacement = t.ascii;
            }
        }
        out += replacement;
        i += valid ? length : 1;
    }
    return out;
}

Result<RenderedReceipt> render_receipt(const std::vector<ReceiptBlock>& blocks, const ReceiptProfile& profile) {
    int content_width = 0;
    int height = profile.margin;
    for (const ReceiptBlock& block : blocks) {
        content_width = std::max(content_width, block_width(block, profile));
        height += block_height(block, profile);
    }
    height += profile.margin;
    const int width = profile.width > 0 ? profile.width : content_width + 2 * profile.margin;
    for (const ReceiptBlock& block : blocks) {
        if (const auto* symbol = std::get_if<ReceiptSymbol>(&block)) {
            const int needed = symbol_outer_width(symbol->matrix, module_px(profile, symbol->matrix.symbology));
            if (needed > width - 2 * profile.margin) {
                return Error{"receipt", "a symbol needs " + std::to_string(needed) + " pixels with its quiet zones, but the receipt is " +
                                            std::to_string(width) + " wide"};
            }
        }
    }
    if (width <= 0 || height <= 0 || width > 8192 || height > 16384) return Error{"receipt", "the receipt size is out of range"};

    RenderedReceipt out;
    out.raster.width = width;
    out.raster.height = height;
    out.raster.gray.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 255);
    int y = profile.margin;
    for (const ReceiptBlock& block : blocks) {
        const int block_h = block_height(block, profile);
        if (const auto* text = std::get_if<ReceiptText>(&block)) {
            const int scale = text->large ? profile.text_scale + 1 : profile.text_scale;
            const std::string ascii = receipt_ascii(text->text);
            draw_text(out.raster, ascii, (width - text_width(ascii, scale)) / 2, y + scale, scale);
        } else if (const auto* symbol = std::get_if<ReceiptSymbol>(&block)) {
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
            out.symbols.push_back(SymbolPlacement{m.symbology, left, top, m.width * module, bar_h, module,
                                                  m.quiet_left() * module, m.quiet_right() * module});
            if (!symbol->caption.empty()) {
                const int scale = caption_scale(profile);
                const std::string ascii = receipt_ascii(symbol->caption);
                draw_text(out.raster, ascii, (width - text_width(ascii, scale)) / 2,
                          top + bar_h + m.quiet_vertical() * module + kCaptionGap, scale);
            }
        }
        y += block_h;
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
