// The admin screen's words for what the back end returns: the core's typed errors as plain sentences in the admin's
// language ("Rule 6 · Refund: the refund is higher than the deposit", never a JSON path), amounts typed with the
// language's decimal separator, and the daily report as lines for the screen and the paper.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

// The problem alone, from its code and arguments; an uncoded error shows its English words in English and a plain
// "not accepted" in the other languages.
std::string error_sentence(const AppState& state, const Error& error);
// With its place: "Rule 6 · Refund: ..." for an error keyed by rule (0-based), the field named as the table names it.
std::string rule_error_text(const AppState& state, int rule, const Error& error);

char decimal_separator(const AppState& state);                  // ',' in German and Spanish, '.' in English and Chinese
std::string typed_amount(const AppState& state, std::string_view scheme_decimal);  // "0.25" -> "0,25" in German
// What was typed with the language's separator -> the core's exact Money; an error in words when it is no amount.
Result<Money> parse_typed_amount(const AppState& state, std::string_view typed, Currency currency);
// A typed handling fee -> the decimal scheme files write ("0,0159" -> "0.0159"); nullopt when it is no decimal.
std::optional<std::string> parse_typed_fee(const AppState& state, std::string_view typed);

std::vector<std::string> daily_report_lines(const AppState& state, const DailyReport& report);

}  // namespace returnloop::kiosk::ui
