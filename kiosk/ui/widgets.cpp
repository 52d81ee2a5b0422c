// Shared touch widgets (see widgets.hpp).
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "ui/actions.hpp"
#include "ui/admin_actions.hpp"

namespace returnloop::kiosk::ui {
namespace {

ImVec2 operator+(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }

bool keyboard_focus_visible() {
    const ImGuiContext& g = *GImGui;
    return !g.NavDisableHighlight && g.NavId != 0;
}

void focus_ring(const AppState& state, ImVec2 min, ImVec2 max, float rounding) {
    if (!ImGui::IsItemFocused() || !keyboard_focus_visible()) return;
    const float gap = std::round(4 * state.metrics.scale);
    ImGui::GetWindowDrawList()->AddRect(ImVec2(min.x - gap, min.y - gap), ImVec2(max.x + gap, max.y + gap), state.palette.focus,
                                        rounding + gap, 0, std::max(3.0f, std::round(5 * state.metrics.scale)));
}

struct Colors {
    ImU32 fill, text, border;
    float border_width;
};

Colors colors_for(const AppState& state, const ButtonSpec& spec, bool held) {
    const Palette& p = state.palette;
    const float outline = std::max(p.border_width, std::round(2 * state.metrics.scale));
    if (!spec.enabled) return {p.surface_alt, p.text_muted, p.border, outline};
    switch (spec.kind) {
        case ButtonKind::primary: return {held ? p.primary_active : p.primary, p.on_primary, p.primary, p.border_width};
        case ButtonKind::danger: return {p.reject, p.on_reject, p.reject, p.border_width};
        case ButtonKind::quiet: return {held ? p.secondary : IM_COL32(0, 0, 0, 0), p.text, p.border, p.border_width > 0 ? outline : 0};
        case ButtonKind::secondary: break;
    }
    if (spec.selected) return {held ? p.primary_active : p.primary, p.on_primary, p.primary, p.border_width};
    return {held ? p.secondary : p.surface, p.on_secondary, p.border, outline};
}

}  // namespace

void audit_last_item(AppState& state, std::string_view name, std::string_view label) {
    const ImGuiID id = ImGui::GetItemID();
    for (const AuditItem& item : state.audit.items) {
        if (item.id == id) {
            state.audit.clashes.push_back(std::string(label) + " (in " + ImGui::GetCurrentWindow()->Name + ")");
            break;
        }
    }
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    state.audit.items.push_back(AuditItem{id, std::string(name), std::string(label), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                          draw->GetClipRectMin(), draw->GetClipRectMax(), draw});
}

void begin_screen(AppState& state, const char* name) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(state.palette.background));
    ImGui::Begin(name, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
}

void end_screen() { ImGui::End(); }

void card(const AppState& state, ImVec2 min, ImVec2 max) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Palette& p = state.palette;
    const float r = state.metrics.radius;
    if ((p.shadow >> IM_COL32_A_SHIFT) & 0xFF) {
        const float s = state.metrics.scale;
        draw->AddRectFilled(ImVec2(min.x, min.y + 6 * s), ImVec2(max.x, max.y + 6 * s), p.shadow, r);
        draw->AddRectFilled(ImVec2(min.x - 1, min.y + 2 * s), ImVec2(max.x + 1, max.y + 3 * s), p.shadow, r);
    }
    draw->AddRectFilled(min, max, p.surface, r);
    if (p.border_width > 0) draw->AddRect(min, max, p.border, r, 0, p.border_width);
    record_card(draw, min, max);
}

bool big_button(AppState& state, const char* id, ImVec2 size, const ButtonSpec& spec) {
    const Metrics& m = state.metrics;
    size.x = std::max(size.x, m.touch);
    size.y = std::max(size.y, m.touch);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (!spec.enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::InvisibleButton(id, size);
    if (!spec.enabled) ImGui::EndDisabled();
    audit_last_item(state, id, spec.label.empty() ? std::string_view(id) : spec.label);
    const bool held = ImGui::IsItemActive() && ImGui::IsItemHovered();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const Colors c = colors_for(state, spec, held);
    const float rounding = std::min(m.radius, size.y * 0.5f);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    const bool raised = spec.enabled && spec.kind != ButtonKind::quiet && ((state.palette.shadow >> IM_COL32_A_SHIFT) & 0xFF) && !held;
    if (raised) draw->AddRectFilled(ImVec2(pos.x, pos.y + 4 * m.scale), ImVec2(max.x, max.y + 4 * m.scale), state.palette.shadow, rounding);
    const ImVec2 press(0, held ? 2 * m.scale : 0);  // the face sinks while pressed
    draw->AddRectFilled(pos + press, max + press, c.fill, rounding);
    if (c.border_width > 0) draw->AddRect(pos + press, max + press, c.border, rounding, 0, c.border_width);

    // Pictures on plain buttons take the brand colour: the eye finds the action, the words still say what it is.
    const ImU32 icon_color = spec.enabled && spec.kind == ButtonKind::secondary && !spec.selected ? state.palette.brand : c.text;
    const ImFont* font = spec.font ? spec.font : (size.y >= m.touch * 1.6f ? state.fonts.heading : state.fonts.body);
    const ImFont* small = state.fonts.small;
    const Icon icon = spec.selected && spec.icon == Icon::none ? Icon::check : spec.icon;
    const float pad = std::round(m.pad * 0.5f);
    const ImVec2 origin = pos + press;
    const TextOwner label_owner(static_cast<int>(state.audit.items.size()) - 1);  // the text below labels this item
    // A label too long for its button gets smaller, down to the UI's small text size (still legible), before it wraps.
    const float floor_size = std::min(font->FontSize * 0.72f, m.small);

    if (spec.vertical) {
        const float text_width = size.x - 2 * pad;
        const float label_size = fitting_size(font, {font->FontSize, font->FontSize * 0.85f, font->FontSize * 0.72f, floor_size}, spec.label,
                                              ImVec2(text_width, font->FontSize * 2.1f));
        const float label_h = measure_text(font, label_size, spec.label, text_width).y;
        const float sub_h = spec.sublabel.empty() ? 0 : measure_text(small, small->FontSize, spec.sublabel, text_width).y;
        const float gap = pad * 0.6f;
        // The words first: the picture takes what room they leave, and goes when too little is left for it.
        const float words_h = label_h + (sub_h > 0 ? gap * 0.5f + sub_h : 0);
        const float icon_room = std::min({size.y * 0.34f, size.x * 0.4f, size.y - 2 * pad - gap - words_h});
        const bool with_icon = icon != Icon::none && icon_room >= m.touch * 0.5f;
        const float icon_size = with_icon ? icon_room : 0;
        const float block = (with_icon ? icon_size + gap : 0) + words_h;
        float y = origin.y + (size.y - block) * 0.5f;
        if (with_icon) {
            draw_icon(draw, icon, ImVec2(origin.x + size.x * 0.5f, y + icon_size * 0.5f), icon_size, icon_color);
            y += icon_size + gap;
        }
        y += draw_text(draw, font, label_size, ImVec2(origin.x + pad, y), c.text, spec.label, text_width, Align::center);
        if (sub_h > 0) draw_text(draw, small, small->FontSize, ImVec2(origin.x + pad, y + gap * 0.5f), c.text, spec.sublabel, text_width, Align::center);
    } else {
        const float available_h = size.y - pad * 0.5f;
        const float full_width = size.x - 2 * pad;
        auto label_fits = [&](float width, float height) {
            const float fitted = fitting_size(font, {font->FontSize, font->FontSize * 0.85f, font->FontSize * 0.72f, floor_size}, spec.label, ImVec2(width, height));
            return fits_whole_words(font, fitted, spec.label, ImVec2(width, height));
        };
        // The words matter more than the picture and the hint: a narrow key drops its icon, a short button its hint.
        const bool with_sub = !spec.sublabel.empty() &&
                              measure_text(small, small->FontSize, spec.sublabel, full_width).y + font->FontSize * 0.72f <= available_h;
        const float label_h = with_sub ? available_h * 0.62f : available_h;
        const float icon_room = icon == Icon::none ? 0 : std::min(size.y * 0.5f, m.touch * 0.62f) + pad * 0.7f;
        const bool with_icon = icon != Icon::none && label_fits(full_width - icon_room, label_h);
        const float icon_size = with_icon ? std::min(size.y * 0.5f, m.touch * 0.62f) : 0;
        const float icon_gap = with_icon ? pad * 0.7f : 0;
        const float text_width = full_width - icon_size - icon_gap;
        const float label_size = fitting_size(font, {font->FontSize, font->FontSize * 0.85f, font->FontSize * 0.72f, floor_size}, spec.label,
                                              ImVec2(text_width, label_h));
        const ImVec2 label_m = measure_text(font, label_size, spec.label, text_width);
        const ImVec2 sub_m = with_sub ? measure_text(small, small->FontSize, spec.sublabel, text_width) : ImVec2(0, 0);
        const float content_w = icon_size + icon_gap + std::max(label_m.x, sub_m.x);
        const float x0 = origin.x + std::max(pad, (size.x - content_w) * 0.5f);
        const float text_h = label_m.y + (sub_m.y > 0 ? sub_m.y + pad * 0.15f : 0);
        if (with_icon) draw_icon(draw, icon, ImVec2(x0 + icon_size * 0.5f, origin.y + size.y * 0.5f), icon_size, icon_color);
        const float tx = x0 + icon_size + icon_gap;
        float y = origin.y + (size.y - text_h) * 0.5f;
        y += draw_text(draw, font, label_size, ImVec2(tx, y), c.text, spec.label, text_width);
        if (sub_m.y > 0) draw_text(draw, small, small->FontSize, ImVec2(tx, y + pad * 0.15f), c.text, spec.sublabel, text_width);
    }
    focus_ring(state, pos, max, rounding);
    return pressed && spec.enabled;
}

bool keypad(AppState& state, const char* id, std::string& entry, std::size_t max_digits, ImVec2 size) {
    const Metrics& m = state.metrics;
    ImGui::PushID(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = m.gap * 0.5f;
    const float key_w = std::floor((size.x - 2 * gap) / 3);
    const float key_h = std::max(m.touch, std::floor((size.y - 3 * gap) / 4));
    bool submitted = false;
    static constexpr const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "del", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
        const int row = i / 3, col = i % 3;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(col) * (key_w + gap), origin.y + static_cast<float>(row) * (key_h + gap)));
        const std::string_view key = kKeys[i];
        ButtonSpec spec;
        spec.font = state.fonts.heading;
        if (key == "del") {
            spec.label = state.tr("keypad.delete");
            spec.icon = Icon::back;
            spec.font = state.fonts.body;
            spec.enabled = !entry.empty();
        } else if (key == "ok") {
            spec.label = state.tr("keypad.ok");
            spec.kind = ButtonKind::primary;
            spec.icon = Icon::check;
            spec.enabled = !entry.empty();
        } else {
            spec.label = key;
        }
        if (big_button(state, kKeys[i], ImVec2(key_w, key_h), spec)) {
            if (key == "del") {
                if (!entry.empty()) entry.pop_back();
            } else if (key == "ok") {
                submitted = !entry.empty();
            } else if (entry.size() < max_digits) {
                entry += key;
            }
            keep_alive(state);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + 4 * (key_h + gap) - gap));
    ImGui::Dummy(ImVec2(size.x, 0));
    ImGui::PopID();
    return submitted;
}

bool decimal_keypad(AppState& state, const char* id, std::string& entry, char separator, ImVec2 size) {
    const Metrics& m = state.metrics;
    ImGui::PushID(id);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float gap = m.gap * 0.5f;
    const float key_w = std::floor((size.x - 2 * gap) / 3);
    const float key_h = std::max(m.touch, std::floor((size.y - 4 * gap) / 5));
    const std::string sep(1, separator);
    static constexpr const char* kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "sep", "0", "del"};
    for (int i = 0; i < 12; ++i) {
        const int row = i / 3, col = i % 3;
        ImGui::SetCursorScreenPos(ImVec2(origin.x + static_cast<float>(col) * (key_w + gap), origin.y + static_cast<float>(row) * (key_h + gap)));
        const std::string_view key = kKeys[i];
        ButtonSpec spec;
        spec.font = state.fonts.heading;
        if (key == "del") {
            spec.label = state.tr("keypad.delete");
            spec.icon = Icon::back;
            spec.font = state.fonts.body;
            spec.enabled = !entry.empty();
        } else if (key == "sep") {
            spec.label = sep;
            spec.enabled = entry.find(separator) == std::string::npos;
        } else {
            spec.label = key;
        }
        if (big_button(state, kKeys[i], ImVec2(key_w, key_h), spec)) {
            if (key == "del") {
                if (!entry.empty()) entry.pop_back();
            } else if (entry.size() < 12) {
                entry += key == "sep" ? sep : std::string(key);
            }
            keep_alive(state);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + 4 * (key_h + gap)));
    ButtonSpec done{state.tr("admin.keypad.done"), {}, Icon::check, ButtonKind::primary};
    done.font = state.fonts.body;
    const bool submitted = big_button(state, "done", ImVec2(3 * key_w + 2 * gap, key_h), done);
    if (submitted) keep_alive(state);
    ImGui::PopID();
    return submitted;
}

void top_bar(AppState& state, bool show_staff) {
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float width = ImGui::GetWindowWidth();
    const float h = m.bar_height;
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + h), p.surface);
    draw->AddLine(ImVec2(origin.x, origin.y + h - 1), ImVec2(origin.x + width, origin.y + h - 1), p.border,
                  std::max(1.0f, p.border_width));

    // The mark and the name.
    const float logo_r = h * 0.3f;
    const ImVec2 logo_c(origin.x + m.pad + logo_r, origin.y + h * 0.5f);
    draw_logo(draw, logo_c, logo_r, p.brand, p.on_primary);
    const float name_x = logo_c.x + logo_r + m.gap * 0.6f;

    // From the right: staff, high contrast, large text, then the languages.
    const float y = origin.y + (h - m.touch) * 0.5f;
    float right = origin.x + width - m.pad;
    const float gap = m.gap * 0.5f;
    const ImFont* body = state.fonts.body;
    const ImFont* small = state.fonts.small;
    auto place = [&](float w) {
        right -= w;
        ImGui::SetCursorScreenPos(ImVec2(right, y));
        const float x = right;
        right -= gap;
        return x;
    };
    auto label_width = [&](const ImFont* font, std::string_view text, bool icon) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.data(), text.data() + text.size()).x + m.pad + (icon ? m.touch * 0.62f + m.pad * 0.35f : 0);
    };
    if (show_staff) {
        const std::string& staff = state.tr("attract.staff");
        place(std::max(m.touch, label_width(small, staff, true)));
        ButtonSpec spec{staff, {}, Icon::lock, ButtonKind::quiet};
        spec.font = small;
        if (big_button(state, "staff", ImVec2(std::max(m.touch, label_width(small, staff, true)), m.touch), spec)) admin_open(state);
    }
    DisplayPrefs prefs = state.shopper.prefs;
    const std::string& contrast = state.tr("a11y.high_contrast");
    const float contrast_w = label_width(small, contrast, true);
    place(contrast_w);
    ButtonSpec contrast_spec{contrast, {}, Icon::contrast, ButtonKind::secondary, prefs.high_contrast};
    contrast_spec.font = small;
    if (big_button(state, "high_contrast", ImVec2(contrast_w, m.touch), contrast_spec)) {
        prefs.high_contrast = !prefs.high_contrast;
        set_display(state, prefs);
    }
    const std::string& large = state.tr("a11y.large_text");
    const float large_w = label_width(small, large, true);
    place(large_w);
    ButtonSpec large_spec{large, {}, Icon::text_size, ButtonKind::secondary, prefs.large_text};
    large_spec.font = small;
    if (big_button(state, "large_text", ImVec2(large_w, m.touch), large_spec)) {
        prefs.large_text = !prefs.large_text;
        set_display(state, prefs);
    }
    right -= gap;
    for (int i = kLanguageCount - 1; i >= 0; --i) {
        const Language language = kLanguages[static_cast<std::size_t>(i)];
        const std::string_view name = language_native_name(language);
        const bool selected = state.shopper.language == language;
        const float w = std::max(m.touch * 1.6f, label_width(body, name, selected));
        place(w);
        ButtonSpec spec{name, {}, Icon::none, ButtonKind::secondary, selected};
        spec.font = body;
        ImGui::PushID(i);
        if (big_button(state, "language", ImVec2(w, m.touch), spec)) set_language(state, language);
        ImGui::PopID();
    }
    // The name in what is left of the bar: smaller when the buttons need the room, the tagline only where it fits.
    float name_right = right;
    if (right - m.touch * 0.6f - name_x >= m.touch * 2) {
        draw_icon(draw, Icon::globe, ImVec2(right - m.touch * 0.3f, origin.y + h * 0.5f), m.touch * 0.55f, p.text_muted);
        name_right = right - m.touch * 0.6f - gap;
    }
    const ImFont* heading = state.fonts.heading;
    const float name_w = name_right - name_x;
    const float name_size = fitting_size(heading, {heading->FontSize * 0.9f, heading->FontSize * 0.75f, body->FontSize}, "ReturnLoop", ImVec2(name_w, h));
    const std::string& tagline = state.tr("app.tagline");
    const float tag_size = small->FontSize;
    const bool with_tag = small->CalcTextSizeA(tag_size, FLT_MAX, 0, tagline.c_str()).x <= name_w;
    const float block = name_size + (with_tag ? tag_size : 0);
    draw_single_line(draw, heading, name_size, ImVec2(name_x, origin.y + (h - block) * 0.5f - 2 * m.scale), name_w, p.text, "ReturnLoop");
    if (with_tag) draw_single_line(draw, small, tag_size, ImVec2(name_x, origin.y + (h - block) * 0.5f + name_size), name_w, p.text_muted, tagline);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
}

void notice_banner(AppState& state) {
    if (!state.notice) return;
    const Metrics& m = state.metrics;
    const Palette& p = state.palette;
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImFont* font = state.fonts.body;
    const float icon = m.touch * 0.6f;
    const float max_text = std::min(viewport->Size.x - 6 * m.pad, 1300 * m.scale);
    const ImVec2 text = measure_text(font, font->FontSize, state.notice->text, max_text);
    const float w = text.x + icon + 3 * m.pad;
    const float h = std::max(m.touch, text.y + m.pad);
    const ImVec2 min(viewport->Pos.x + (viewport->Size.x - w) * 0.5f, viewport->Pos.y + viewport->Size.y - h - m.gap * 1.5f);
    const ImVec2 max(min.x + w, min.y + h);
    const bool error = state.notice->error;
    const ImU32 fill = error ? p.reject : p.text;
    const ImU32 ink = error ? p.on_reject : p.background;
    draw->AddRectFilled(ImVec2(min.x, min.y + 6 * m.scale), ImVec2(max.x, max.y + 6 * m.scale), IM_COL32(0, 0, 0, 40), m.radius);
    draw->AddRectFilled(min, max, fill, m.radius);
    if (p.border_width > 0) draw->AddRect(min, max, p.border, m.radius, 0, p.border_width);
    draw_icon(draw, error ? Icon::warning : Icon::info, ImVec2(min.x + m.pad + icon * 0.5f, min.y + h * 0.5f), icon, ink);
    draw_text(draw, font, font->FontSize, ImVec2(min.x + 2 * m.pad + icon, min.y + (h - text.y) * 0.5f), ink, state.notice->text, max_text);
}

void touch_scroll() {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem | ImGuiHoveredFlags_ChildWindows) &&
        ImGui::IsMouseDragging(ImGuiMouseButton_Left, 12.0f)) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
}

}  // namespace returnloop::kiosk::ui
