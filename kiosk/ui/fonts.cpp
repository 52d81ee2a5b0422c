// The font atlas (see fonts.hpp).
#include "ui/fonts.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stb_truetype.h>

#include <cstdio>

namespace returnloop::kiosk::ui {
namespace {

// A read-only mapping of a font file: only the pages stb_truetype touches (cmap, the glyphs asked for) are read.
struct MappedFile {
    void* data = nullptr;
    std::size_t size = 0;
    explicit MappedFile(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) return;
        struct stat info {};
        if (::fstat(fd, &info) == 0 && info.st_size > 0 && info.st_size < (1LL << 31)) {
            void* p = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                data = p;
                size = static_cast<std::size_t>(info.st_size);
            }
        }
        ::close(fd);
    }
    ~MappedFile() {
        if (data) ::munmap(data, size);
    }
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
};

// Next code point of UTF-8 text; invalid bytes yield 0xFFFD and advance by one.
unsigned next_code_point(const std::string& text, std::size_t& i) {
    const auto c = static_cast<unsigned char>(text[i]);
    int extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || (extra > 0 && i + static_cast<std::size_t>(extra) >= text.size())) {
        ++i;
        return 0xFFFD;
    }
    unsigned cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
        const auto d = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        if ((d & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (d & 0x3F);
    }
    i += static_cast<std::size_t>(extra) + 1;
    return cp;
}

void add_text(ImFontGlyphRangesBuilder& builder, const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned cp = next_code_point(text, i);
        // ImWchar is 16 bits in Debian's build: characters beyond the BMP cannot be in the atlas.
        if (cp >= 0x20 && cp <= 0xFFFF && cp != 0xFFFD) builder.AddChar(static_cast<ImWchar>(cp));
    }
}

// Which of the wanted characters a font file lacks, as ImGui glyph ranges (empty when it has them all).
class GlyphProbe {
public:
    GlyphProbe(const MappedFile& file, int face) {
        if (!file.data) return;
        const auto* bytes = static_cast<const unsigned char*>(file.data);
        const int offset = stbtt_GetFontOffsetForIndex(bytes, face);
        ok_ = offset >= 0 && stbtt_InitFont(&info_, bytes, offset) != 0;
    }
    void missing(const ImVector<ImWchar>& ranges, ImVector<ImWchar>& out) const {
        ImFontGlyphRangesBuilder builder;
        bool any = false;
        for (int i = 0; i + 1 < ranges.Size && ranges[i] != 0; i += 2) {
            for (unsigned cp = ranges[i]; cp <= ranges[i + 1]; ++cp) {
                if (ok_ && stbtt_FindGlyphIndex(&info_, static_cast<int>(cp)) == 0) {
                    builder.AddChar(static_cast<ImWchar>(cp));
                    any = true;
                }
            }
        }
        out.clear();
        if (any) builder.BuildRanges(&out);
    }

private:
    stbtt_fontinfo info_{};
    bool ok_ = false;
};

ImFont* add_font(ImFontAtlas& atlas, MappedFile& file, int face, float size, const ImVector<ImWchar>& ranges, bool merge = false) {
    ImFontConfig config;
    config.MergeMode = merge;
    // Owned "by the atlas" so ImGui does not copy 19 MB per size; build_fonts() takes the pointer back before the
    // atlas could free it (ImGui 1.86 copies any font data it does not own).
    config.FontData = nullptr;
    config.FontDataOwnedByAtlas = true;
    config.FontNo = face;
    // Glyphs are snapped to whole pixels, so horizontal oversampling would only grow the atlas (ImGui's own advice).
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return atlas.AddFontFromMemoryTTF(file.data, static_cast<int>(file.size), size, &config, ranges.Data);
}

}  // namespace

FontSet build_fonts(ImFontAtlas& atlas, const FontFiles& files, const GlyphSources& sources, const Metrics& m) {
    atlas.Clear();
    atlas.Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    FontSet set;

    MappedFile regular(files.regular);
    MappedFile bold(files.bold);
    if (!regular.data || !bold.data) {
        std::fprintf(stderr, "returnloop-kiosk: cannot map %s or %s (install fonts-noto-cjk); using ImGui's built-in font\n",
                     files.regular.c_str(), files.bold.c_str());
        ImFontConfig config;
        config.SizePixels = m.body;
        set.body = set.small = set.heading = set.title = set.display = atlas.AddFontDefault(&config);
        atlas.Build();
        set.fallback = true;
        set.glyphs = set.body->Glyphs.Size;
        return set;
    }

    // Printable ASCII always: codes typed on the keypad, GTINs, file paths in the admin screens.
    std::string ascii;
    for (char c = 0x20; c < 0x7F; ++c) ascii += c;

    ImFontGlyphRangesBuilder ui_builder;
    add_text(ui_builder, ascii);
    add_text(ui_builder, sources.ui);
    add_text(ui_builder, sources.amounts);
    ImVector<ImWchar> ui_ranges;
    ui_builder.BuildRanges(&ui_ranges);

    ImFontGlyphRangesBuilder body_builder;
    add_text(body_builder, ascii);
    add_text(body_builder, sources.ui);
    add_text(body_builder, sources.amounts);
    add_text(body_builder, sources.names);
    ImVector<ImWchar> body_ranges;
    body_builder.BuildRanges(&body_ranges);

    ImFontGlyphRangesBuilder title_builder;
    add_text(title_builder, ascii);
    add_text(title_builder, sources.titles);
    add_text(title_builder, sources.amounts);
    ImVector<ImWchar> title_ranges;
    title_builder.BuildRanges(&title_ranges);

    ImFontGlyphRangesBuilder amount_builder;
    add_text(amount_builder, ascii);
    add_text(amount_builder, sources.amounts);
    ImVector<ImWchar> amount_ranges;
    amount_builder.BuildRanges(&amount_ranges);

    // Characters the CJK font lacks come from DejaVu Sans, merged into each size (only those characters).
    MappedFile fallback_regular(files.fallback_regular);
    MappedFile fallback_bold(files.fallback_bold);
    const GlyphProbe probe_regular(regular, files.face), probe_bold(bold, files.face);
    ImVector<ImWchar> body_missing, ui_missing_bold, title_missing_bold, amount_missing_bold;
    probe_regular.missing(body_ranges, body_missing);
    probe_bold.missing(ui_ranges, ui_missing_bold);
    probe_bold.missing(title_ranges, title_missing_bold);
    probe_bold.missing(amount_ranges, amount_missing_bold);
    auto add = [&](MappedFile& file, MappedFile& fallback, float size, const ImVector<ImWchar>& ranges, const ImVector<ImWchar>& missing) {
        ImFont* font = add_font(atlas, file, files.face, size, ranges);
        if (fallback.data && !missing.empty()) add_font(atlas, fallback, 0, size, missing, true);
        return font;
    };
    set.body = add(regular, fallback_regular, m.body, body_ranges, body_missing);  // first font: ImGui's default
    set.small = add(regular, fallback_regular, m.small, body_ranges, body_missing);  // small print names products too
    set.heading = add(bold, fallback_bold, m.heading, ui_ranges, ui_missing_bold);
    set.title = add(bold, fallback_bold, m.title, title_ranges, title_missing_bold);
    set.display = add(bold, fallback_bold, m.display, amount_ranges, amount_missing_bold);
    const bool built = atlas.Build();
    // Hand the mapped bytes back before ClearInputData() would free() them.
    for (ImFontConfig& config : atlas.ConfigData) {
        config.FontData = nullptr;
        config.FontDataOwnedByAtlas = false;
    }
    atlas.ClearInputData();
    if (!built) {
        std::fprintf(stderr, "returnloop-kiosk: the font atlas could not be built; using ImGui's built-in font\n");
        atlas.Clear();
        ImFontConfig config;
        config.SizePixels = m.body;
        set = FontSet{};
        set.body = set.small = set.heading = set.title = set.display = atlas.AddFontDefault(&config);
        atlas.Build();
        set.fallback = true;
    }
    for (ImFont* font : atlas.Fonts) set.glyphs += font->Glyphs.Size;
    return set;
}

std::vector<unsigned> undrawable(const ImFont& font, const std::string& text) {
    std::vector<unsigned> out;
    std::size_t i = 0;
    while (i < text.size()) {
        const unsigned cp = next_code_point(text, i);
        if (cp < 0x20) continue;  // line breaks are layout, not glyphs
        if (cp > 0xFFFF || font.FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr) out.push_back(cp);
    }
    return out;
}

}  // namespace returnloop::kiosk::ui
