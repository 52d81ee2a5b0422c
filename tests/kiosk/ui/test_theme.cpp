// The palettes meet WCAG 2.1 contrast for every pair that carries text (4.5:1 normal, 7:1 high contrast), and touch
// targets are at least 64 px at 1080p and 15 mm where the display's DPI is known.
#include <cmath>

#include "ui_fixtures.hpp"

#include "ui/theme.hpp"

using namespace ui_test;

namespace {

// WCAG 2.1 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
double luminance(ImU32 c) {
    auto channel = [](unsigned v) {
        const double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c & 0xFF) + 0.7152 * channel((c >> 8) & 0xFF) + 0.0722 * channel((c >> 16) & 0xFF);
}

double contrast(ImU32 a, ImU32 b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_SUITE("ui_theme") {
    TEST_CASE("the contrast formula matches WCAG's extremes") {
        CHECK(contrast(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0));
        CHECK(contrast(IM_COL32(118, 118, 118, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(4.54).epsilon(0.01));
    }

    TEST_CASE("every text colour stands out from what it is drawn on") {
        for (bool high : {false, true}) {
            const Palette p = palette_for(DisplayPrefs{high, false});
            const double need = high ? 7.0 : 4.5;
            INFO((high ? "high contrast" : "normal"));
            CHECK(contrast(p.text, p.background) >= need);
            CHECK(contrast(p.text, p.surface) >= need);
            CHECK(contrast(p.text, p.surface_alt) >= need);
            CHECK(contrast(p.text_muted, p.surface) >= need);
            CHECK(contrast(p.text_muted, p.background) >= need);
            CHECK(contrast(p.text_muted, p.surface_alt) >= need);
            CHECK(contrast(p.on_primary, p.primary) >= need);
            CHECK(contrast(p.on_secondary, p.secondary) >= need);
            CHECK(contrast(p.on_secondary, p.surface) >= need);
            CHECK(contrast(p.on_reject, p.reject) >= need);
            CHECK(contrast(p.reject, p.surface) >= need);  // refusal reasons are written in it
            CHECK(contrast(p.on_primary, p.warning) >= (high ? need : 4.5));
            CHECK(contrast(p.background, p.text) >= need);  // the notice banner inverts them
        }
    }

    TEST_CASE("touch targets are 64 px at 1080p, scale with the display and reach 15 mm on dense panels") {
        CHECK(metrics_for(ImVec2(1920, 1080), 0, {}).touch == 64);
        CHECK(metrics_for(ImVec2(3840, 2160), 0, {}).touch == 128);
        // A 10" 1080p panel is about 220 dpi: 15 mm is 130 px there.
        CHECK(metrics_for(ImVec2(1920, 1080), 220, {}).touch == std::ceil(15 / 25.4f * 220));
        CHECK(metrics_for(ImVec2(1920, 1080), 0, {false, true}).body > metrics_for(ImVec2(1920, 1080), 0, {}).body);
    }

    TEST_CASE("a configured panel diagonal gives 15 mm touch targets where SDL reports no DPI") {
        CHECK(dpi_from_diagonal(ImVec2(1920, 1080), 0) == 0);  // nothing configured: the 1080p layout rules
        // A 15.6" 1366x768 panel: 100 dpi, so 15 mm is 60 px, more than the 46 px the scaled layout would give.
        const float laptop = dpi_from_diagonal(ImVec2(1366, 768), 15.6f);
        CHECK(laptop == doctest::Approx(100.45).epsilon(0.001));
        CHECK(metrics_for(ImVec2(1366, 768), 0, {}).touch == 46);
        CHECK(metrics_for(ImVec2(1366, 768), laptop, {}).touch == 60);
        for (ImVec2 panel : {ImVec2(1920, 1080), ImVec2(1280, 1024), ImVec2(1366, 768), ImVec2(1080, 1920)}) {
            for (float inches : {10.1f, 15.6f, 21.5f, 32.0f}) {
                const float dpi = dpi_from_diagonal(panel, inches);
                CHECK(metrics_for(panel, dpi, {}).touch / dpi * 25.4f >= 15.0f - 0.01f);  // at least 15 mm on the glass
            }
        }
    }
}
