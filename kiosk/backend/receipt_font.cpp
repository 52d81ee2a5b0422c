// Receipt text with stb_truetype (see receipt_font.hpp).
#include "backend/receipt_font.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stb_truetype.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "backend/receipt.hpp"

namespace returnloop::kiosk {

struct ReceiptFont::Impl {
    struct Face {
        stbtt_fontinfo info{};
        bool ok = false;
    };
    Face regular, bold, fallback_regular, fallback_bold;
    int ascent = 0, descent = 0;  // of the main regular face, in font units
};

namespace {

// A read-only mapping that stays for the life of the process (the fonts are shared by every receipt).
const unsigned char* map_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat info {};
    void* p = MAP_FAILED;
    if (::fstat(fd, &info) == 0 && info.st_size > 0 && info.st_size < (1LL << 31)) {
        p = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    }
    ::close(fd);
    return p == MAP_FAILED ? nullptr : static_cast<const unsigned char*>(p);
}

bool open_face(ReceiptFont::Impl::Face& face, const std::string& path, int index) {
    const unsigned char* bytes = map_file(path);
    if (!bytes) return false;
    const int offset = stbtt_GetFontOffsetForIndex(bytes, index);
    face.ok = offset >= 0 && stbtt_InitFont(&face.info, bytes, offset) != 0;
    return face.ok;
}

struct Glyph {
    const stbtt_fontinfo* font = nullptr;
    int index = 0;
    float scale = 0;
};

// The main face when it has the character, else DejaVu; a character neither has is drawn as '?'.
Glyph find_glyph(const ReceiptFont::Impl& impl, char32_t cp, int pixels, bool bold) {
    const ReceiptFont::Impl::Face& main = bold ? impl.bold : impl.regular;
    const ReceiptFont::Impl::Face& fallback = bold ? impl.fallback_bold : impl.fallback_regular;
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int wanted = static_cast<int>(attempt == 0 ? cp : U'?');
        if (const int index = stbtt_FindGlyphIndex(&main.info, wanted); index != 0) {
            return Glyph{&main.info, index, stbtt_ScaleForMappingEmToPixels(&main.info, static_cast<float>(pixels))};
        }
        if (fallback.ok) {
            if (const int index = stbtt_FindGlyphIndex(&fallback.info, wanted); index != 0) {
                return Glyph{&fallback.info, index, stbtt_ScaleForMappingEmToPixels(&fallback.info, static_cast<float>(pixels))};
            }
        }
    }
    return Glyph{&main.info, 0, stbtt_ScaleForMappingEmToPixels(&main.info, static_cast<float>(pixels))};
}

float advance(const Glyph& g) {
    int advance_units = 0, left_bearing = 0;
    stbtt_GetGlyphHMetrics(g.font, g.index, &advance_units, &left_bearing);
    return static_cast<float>(advance_units) * g.scale;
}

}  // namespace

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
        char32_t cp = length == 1 ? lead : length == 2 ? lead & 0x1Fu : length == 3 ? lead & 0x0Fu : lead & 0x07u;
        bool valid = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            valid = (next & 0xC0u) == 0x80u;
            cp = (cp << 6) | (next & 0x3Fu);
        }
        out += valid ? cp : U'\uFFFD';
        i += valid ? length : 1;
    }
    return out;
}

Result<const ReceiptFont*> ReceiptFont::shared() {
    static const Result<const ReceiptFont*> loaded = []() -> Result<const ReceiptFont*> {
        const ReceiptFontFiles files;
        auto* impl = new Impl;  // never freed: receipts are drawn until the process ends
        if (!open_face(impl->regular, files.regular, files.face) || !open_face(impl->bold, files.bold, files.face)) {
            delete impl;
            return Error{"receipt", "cannot read the receipt font " + files.regular + " (install fonts-noto-cjk)"};
        }
        open_face(impl->fallback_regular, files.fallback_regular, 0);  // optional: only a few symbols come from it
        open_face(impl->fallback_bold, files.fallback_bold, 0);
        int line_gap = 0;
        stbtt_GetFontVMetrics(&impl->regular.info, &impl->ascent, &impl->descent, &line_gap);
        static const ReceiptFont font(impl);
        return &font;
    }();
    return loaded;
}

int ReceiptFont::line_height(int pixels) const {
    const float scale = stbtt_ScaleForMappingEmToPixels(&impl_->regular.info, static_cast<float>(pixels));
    return static_cast<int>(std::ceil(static_cast<float>(impl_->ascent - impl_->descent) * scale));
}

int ReceiptFont::width(std::string_view utf8, int pixels, bool bold) const {
    float x = 0;
    for (char32_t cp : decode_utf8(utf8)) x += advance(find_glyph(*impl_, cp, pixels, bold));
    return static_cast<int>(std::ceil(x));
}

void ReceiptFont::draw(Raster& raster, std::string_view utf8, int left, int top, int pixels, bool bold) const {
    const float main_scale = stbtt_ScaleForMappingEmToPixels(&impl_->regular.info, static_cast<float>(pixels));
    const int baseline = top + static_cast<int>(std::lround(static_cast<float>(impl_->ascent) * main_scale));
    float pen = static_cast<float>(left);
    std::vector<unsigned char> coverage;
    for (char32_t cp : decode_utf8(utf8)) {
        const Glyph g = find_glyph(*impl_, cp, pixels, bold);
        const float shift = pen - std::floor(pen);
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        stbtt_GetGlyphBitmapBoxSubpixel(g.font, g.index, g.scale, g.scale, shift, 0, &x0, &y0, &x1, &y1);
        const int w = x1 - x0, h = y1 - y0;
        if (w > 0 && h > 0) {
            coverage.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
            stbtt_MakeGlyphBitmapSubpixel(g.font, coverage.data(), w, h, w, g.scale, g.scale, shift, 0, g.index);
            const int ox = static_cast<int>(std::floor(pen)) + x0, oy = baseline + y0;
            for (int y = 0; y < h; ++y) {
                const int ry = oy + y;
                if (ry < 0 || ry >= raster.height) continue;
                for (int x = 0; x < w; ++x) {
                    const int rx = ox + x;
                    if (rx < 0 || rx >= raster.width) continue;
                    std::uint8_t& pixel = raster.gray[static_cast<std::size_t>(ry) * static_cast<std::size_t>(raster.width) + static_cast<std::size_t>(rx)];
                    pixel = std::min<std::uint8_t>(pixel, static_cast<std::uint8_t>(255 - coverage[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)]));
                }
            }
        }
        pen += advance(g);
    }
}

}  // namespace returnloop::kiosk
