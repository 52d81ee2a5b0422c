// Numbers as a shopper reads them in their language: amounts (CLDR, from the core), counts, CO2e with at most three
// significant figures (the factors behind it have two to three), and dates.
#pragma once

#include <cstdint>
#include <string>

#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "ui/i18n.hpp"

namespace returnloop::kiosk::ui {

struct AppState;

Locale locale_of(const AppState& state);
std::string amount_text(const AppState& state, Money amount);
std::string count_text(const AppState& state, std::uint64_t count);
std::string mass_text(const AppState& state, double kg);  // "340 g", "1.23 kg", "4.56 t"
std::string distance_text(const AppState& state, double km);  // "47.4 m", "12.3 km", "1,230 km"
std::string date_text(const AppState& state, Date date);    // 31 Mar 2026, 31. März 2026, 31 mar 2026, 2026年3月31日

// Exact decimals in major units, as scheme files write them: (25, EUR) -> "0.25".
std::string minor_decimal(std::int64_t minor, Currency currency);

}  // namespace returnloop::kiosk::ui
