// The frame and its screen dispatch (see app_frame.hpp).
#include "ui/app_frame.hpp"

#include "ui/format.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace returnloop::kiosk::ui {

void app_frame(AppState& state) {
    apply_style(ImGui::GetStyle(), state.palette, state.metrics);
    ImGui::PushFont(const_cast<ImFont*>(state.fonts.body));
    switch (state.screen) {
        case Screen::attract: show_attract(state); break;
        case Screen::returning: show_returning(state); break;
        case Screen::finish: show_finish(state); break;
        case Screen::voucher: show_voucher(state); break;
        case Screen::admin: show_admin(state); break;
    }
    if (state.shopper.keypad_open && (state.screen == Screen::attract || state.screen == Screen::returning)) show_code_keypad(state);
    notice_banner(state);
    ImGui::PopFont();
}

bool update_metrics(AppState& state, ImVec2 display_size, float dpi) {
    const Metrics metrics = metrics_for(display_size, dpi, state.shopper.prefs);
    const bool changed = !(metrics == state.metrics) || state.fonts_dirty || state.fonts.body == nullptr;
    state.metrics = metrics;
    state.fonts_dirty = false;
    return changed;
}

GlyphSources glyph_sources(const AppState& state) {
    GlyphSources sources;
    for (const Strings& strings : state.services.strings->languages) {
        for (const auto& [key, text] : strings.entries()) sources.ui += text;
    }
    for (Language language : kLanguages) sources.ui += language_native_name(language);
    for (const Strings& strings : state.services.strings->languages) {
        for (const char* key : kTitleKeys) sources.titles += strings.get(key);
    }
    sources.titles += "–";  // a figure not yet known, in the title-sized statistics
    const KioskBackend& backend = state.backend();
    const KioskSettings& settings = backend.settings();
    if (settings.charity) sources.ui += *settings.charity;
    sources.ui += settings.scheme.name + settings.scheme.name_zh;
    sources.ui += "≥–·…+−";  // drawn by the screens themselves, outside the string files
    const Catalog& catalog = backend.catalog();
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const ProductView product = catalog.at(i);
        // Plain ASCII names are covered already; only the others add glyphs.
        for (unsigned char c : product.name) {
            if (c >= 0x80) {
                sources.names.append(product.name);
                sources.names += '\n';
                break;
            }
        }
    }
    // Every way an amount is written in the four languages: digits, separators (U+00A0, U+202F), signs, currencies.
    for (Language language : kLanguages) {
        const Locale locale = language_locale(language, settings.scheme.country);
        for (int c = 0; c < kCurrencyCount; ++c) {
            sources.amounts += format_money(Money{-1234567, static_cast<Currency>(c)}, locale);
        }
        sources.amounts += format_number(-1234567.89, locale, 2);
    }
    return sources;
}

}  // namespace returnloop::kiosk::ui
