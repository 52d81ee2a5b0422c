// Palettes and metrics (see theme.hpp). Every pair that carries text meets WCAG 2.1 contrast: 4.5:1 (AA) in the
// normal palette, 7:1 (AAA) in high contrast; tests/kiosk/ui/test_theme.cpp computes the ratios.
#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace returnloop::kiosk::ui {
namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) { return IM_COL32(r, g, b, a); }

ImVec4 vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace

Palette palette_for(const DisplayPrefs& prefs) {
    if (prefs.high_contrast) {
        // Black, white and one yellow: the strongest contrast a panel can show, with one colour for "act here".
        return Palette{
            .background = rgb(0, 0, 0),
            .surface = rgb(0, 0, 0),
            .surface_alt = rgb(20, 20, 20),
            .border = rgb(255, 255, 255),
            .text = rgb(255, 255, 255),
            .text_muted = rgb(235, 235, 235),
            .primary = rgb(255, 230, 0),
            .primary_active = rgb(255, 245, 140),
            .on_primary = rgb(0, 0, 0),
            .secondary = rgb(0, 0, 0),
            .on_secondary = rgb(255, 255, 255),
            .accept = rgb(120, 255, 140),
            .reject = rgb(255, 150, 150),
            .on_reject = rgb(0, 0, 0),
            .warning = rgb(255, 230, 0),
            .focus = rgb(0, 200, 255),
            .brand = rgb(255, 230, 0),
            .shadow = rgb(0, 0, 0, 0),
            .border_width = 3,
        };
    }
    return Palette{
        .background = rgb(238, 243, 240),
        .surface = rgb(255, 255, 255),
        .surface_alt = rgb(244, 247, 245),
        .border = rgb(210, 220, 214),
        .text = rgb(18, 32, 38),
        .text_muted = rgb(84, 99, 106),
        .primary = rgb(0, 122, 77),
        .primary_active = rgb(0, 96, 60),
        .on_primary = rgb(255, 255, 255),
        .secondary = rgb(226, 235, 230),
        .on_secondary = rgb(18, 32, 38),
        .accept = rgb(0, 122, 77),
        .reject = rgb(180, 35, 24),
        .on_reject = rgb(255, 255, 255),
        .warning = rgb(176, 96, 0),
        .focus = rgb(0, 90, 200),
        .brand = rgb(0, 122, 77),
        .shadow = rgb(20, 50, 35, 28),
        .border_width = 0,
    };
}

Metrics metrics_for(ImVec2 display_size, float dpi, const DisplayPrefs& prefs) {
    Metrics m;
    // Laid out for 1920x1080; a smaller or portrait panel scales by whichever side is tighter.
    m.scale = std::max(0.4f, std::min(display_size.y / 1080.0f, display_size.x / 1920.0f));
    const float text = prefs.large_text ? 1.3f : 1.0f;
    float touch = std::round(64.0f * m.scale);
    if (dpi >= 50 && dpi <= 1000) touch = std::max(touch, std::ceil(15.0f / 25.4f * dpi));  // 15 mm where the DPI is known
    m.touch = touch;
    m.gap = std::round(24 * m.scale);
    m.pad = std::round(32 * m.scale);
    m.radius = std::round(22 * m.scale);
    m.bar_height = std::max(std::round(104 * m.scale), touch + 2 * std::round(16 * m.scale));
    m.small = std::round(24 * m.scale * text);
    m.body = std::round(32 * m.scale * text);
    m.heading = std::round(46 * m.scale * text);
    m.title = std::round(72 * m.scale * text);
    m.display = std::round(128 * m.scale * text);
    return m;
}

float dpi_from_diagonal(ImVec2 pixels, float diagonal_inches) {
    if (diagonal_inches <= 0) return 0;
    return std::sqrt(pixels.x * pixels.x + pixels.y * pixels.y) / diagonal_inches;
}

void apply_style(ImGuiStyle& style, const Palette& p, const Metrics& m) {
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.ChildRounding = m.radius;
    style.ChildBorderSize = p.border_width;
    style.PopupRounding = m.radius;
    style.PopupBorderSize = std::max(1.0f, p.border_width);
    style.FramePadding = ImVec2(std::round(16 * m.scale), std::round(12 * m.scale));
    style.FrameRounding = std::round(12 * m.scale);
    style.FrameBorderSize = std::max(1.0f, p.border_width);
    style.ItemSpacing = ImVec2(m.gap * 0.5f, m.gap * 0.5f);
    style.ItemInnerSpacing = ImVec2(m.gap * 0.5f, m.gap * 0.5f);
    style.ScrollbarSize = std::round(40 * m.scale);  // a finger-sized scrollbar
    style.ScrollbarRounding = style.ScrollbarSize * 0.5f;
    style.GrabMinSize = m.touch * 0.75f;
    style.GrabRounding = style.ScrollbarRounding;
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = vec(p.text);
    c[ImGuiCol_TextDisabled] = vec(p.text_muted);
    c[ImGuiCol_WindowBg] = vec(p.background);
    c[ImGuiCol_ChildBg] = vec(p.surface);
    c[ImGuiCol_PopupBg] = vec(p.surface);
    c[ImGuiCol_Border] = vec(p.border);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = vec(p.surface_alt);
    c[ImGuiCol_FrameBgHovered] = vec(p.surface_alt);
    c[ImGuiCol_FrameBgActive] = vec(p.surface_alt);
    c[ImGuiCol_ScrollbarBg] = vec(p.surface_alt);
    c[ImGuiCol_ScrollbarGrab] = vec(p.text_muted);
    c[ImGuiCol_ScrollbarGrabHovered] = vec(p.text);
    c[ImGuiCol_ScrollbarGrabActive] = vec(p.text);
    c[ImGuiCol_Button] = vec(p.secondary);
    c[ImGuiCol_ButtonHovered] = vec(p.secondary);
    c[ImGuiCol_ButtonActive] = vec(p.primary_active);
    c[ImGuiCol_Header] = vec(p.secondary);
    c[ImGuiCol_HeaderHovered] = vec(p.secondary);
    c[ImGuiCol_HeaderActive] = vec(p.secondary);
    c[ImGuiCol_Separator] = vec(p.border);
    c[ImGuiCol_TextSelectedBg] = ImVec4(vec(p.focus).x, vec(p.focus).y, vec(p.focus).z, 0.35f);
    c[ImGuiCol_NavHighlight] = vec(p.focus);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05f, 0.08f, 0.07f, 0.6f);
    c[ImGuiCol_TableHeaderBg] = vec(p.surface_alt);
    c[ImGuiCol_TableBorderStrong] = vec(p.border);
    c[ImGuiCol_TableBorderLight] = vec(p.border);
    c[ImGuiCol_TableRowBg] = vec(p.surface);
    c[ImGuiCol_TableRowBgAlt] = vec(p.surface_alt);
}

}  // namespace returnloop::kiosk::ui
