// Number formatting for the screens (see format.hpp).
#include "ui/format.hpp"

#include <cmath>
#include <cstdio>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {
namespace {

// Decimals that leave three significant figures (never fewer than zero).
int decimals_for(double value) {
    if (value <= 0) return 0;
    const int magnitude = static_cast<int>(std::floor(std::log10(value)));
    return magnitude >= 2 ? 0 : 2 - magnitude;
}

double round_to(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::string sig3(const AppState& state, double value) {
    const int decimals = decimals_for(value);
    return format_number(round_to(value, decimals), locale_of(state), decimals);
}

}  // namespace

Locale locale_of(const AppState& state) {
    return language_locale(state.shopper.language, state.backend().settings().scheme.country);
}

std::string amount_text(const AppState& state, Money amount) { return format_money(amount, locale_of(state)); }

std::string count_text(const AppState& state, std::uint64_t count) {
    return format_number(static_cast<double>(count), locale_of(state), 0);
}

std::string mass_text(const AppState& state, double kg) {
    // U+00A0 keeps the number and its unit on one line.
    if (kg < 1) return sig3(state, kg * 1000) + "\u00A0g";
    if (kg < 1000) return sig3(state, kg) + "\u00A0kg";
    return sig3(state, kg / 1000) + "\u00A0t";
}

std::string distance_text(const AppState& state, double km) {
    if (km < 1) return sig3(state, km * 1000) + "\u00A0m";
    return sig3(state, km) + "\u00A0km";
}

std::string date_text(const AppState& state, Date date) {
    const std::string iso = format_date(date);  // YYYY-MM-DD
    auto trim = [](const std::string& two) { return two[0] == '0' ? two.substr(1) : two; };
    const std::string y = iso.substr(0, 4), m = trim(iso.substr(5, 2)), d = trim(iso.substr(8, 2));
    // Every language names the month (Chinese with its unit): 3/4/2027 is March in one country and April in the next.
    return fill(state.tr("date.long"), {{"day", d}, {"month", state.tr("month." + m)}, {"year", y}});
}

std::string minor_decimal(std::int64_t minor, Currency currency) {
    const int exponent = minor_exponent(currency);
    const bool negative = minor < 0;
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    std::string digits = std::to_string(magnitude);
    if (exponent > 0) {
        if (digits.size() <= static_cast<std::size_t>(exponent)) digits.insert(0, static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(exponent), ".");
    }
    return negative ? "-" + digits : digits;
}

}  // namespace returnloop::kiosk::ui
