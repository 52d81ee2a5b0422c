// The kiosk's look: two palettes (normal and high contrast) and the sizes everything is laid out in, derived from
// the display so a touch target stays at least 15 mm (64 px at 1080p on a 21.5" panel) and text can grow.
#pragma once

#include <imgui.h>

namespace returnloop::kiosk::ui {

struct DisplayPrefs {
    bool high_contrast = false;
    bool large_text = false;
    friend bool operator==(const DisplayPrefs&, const DisplayPrefs&) = default;
};

struct Palette {
    ImU32 background;   // the screen behind the cards
    ImU32 surface;      // cards
    ImU32 surface_alt;  // rows, secondary buttons
    ImU32 border;
    ImU32 text;
    ImU32 text_muted;
    ImU32 primary;      // the one action a shopper is expected to take
    ImU32 primary_active;
    ImU32 on_primary;   // text on primary
    ImU32 secondary;
    ImU32 on_secondary;
    ImU32 accept;       // marks accepted items (always with a tick and the word, never colour alone)
    ImU32 reject;       // marks refused items (always with a cross and the reason in words)
    ImU32 on_reject;
    ImU32 warning;
    ImU32 focus;        // keyboard focus ring
    ImU32 brand;
    ImU32 shadow;
    float border_width;  // high contrast draws every card with a visible outline
};
Palette palette_for(const DisplayPrefs& prefs);

// Lengths in pixels for the current display; every screen lays out in these.
struct Metrics {
    float scale = 1;        // display height / 1080
    float touch = 64;       // the smallest side of any touch target
    float gap = 24;         // between cards
    float pad = 32;         // inside cards
    float radius = 22;      // card corners
    float bar_height = 104; // top bar
    // Font sizes in pixels; large text multiplies them (and the layout follows the fonts).
    float small = 24, body = 32, heading = 48, title = 72, display = 128;
    friend bool operator==(const Metrics&, const Metrics&) = default;
};

// dpi: the panel's diagonal DPI when the system knows it (0 when not); 15 mm is then at least 15 mm physically.
Metrics metrics_for(ImVec2 display_size, float dpi, const DisplayPrefs& prefs);
// The DPI of a panel from its size in pixels and its diagonal in inches (the store's configured --panel-inches), for
// when SDL reports none; 0 when no diagonal is configured.
float dpi_from_diagonal(ImVec2 pixels, float diagonal_inches);

void apply_style(ImGuiStyle& style, const Palette& palette, const Metrics& metrics);

}  // namespace returnloop::kiosk::ui
