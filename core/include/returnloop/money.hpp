// Exact money: int64 minor units with their ISO 4217 currency, overflow-checked arithmetic, locale formatting.
// No floating point touches an amount anywhere in ReturnLoop.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "returnloop/result.hpp"

namespace returnloop {

// Every currency a scheme preset, a what-if or a catalog may use.
// FIM and NLG (2002), EEK, LTL and HRK (2011, 2015, 2023) were replaced by the euro; schemes still need them for
// deposits of their time.
enum class Currency : std::uint8_t { USD, CAD, AUD, NZD, EUR, GBP, CHF, NOK, SEK, DKK, ISK, ILS, KRW, JPY, CNY, HKD, TWD, HUF, PLN, CZK, RON, SGD, TRY, EEK, LTL, HRK, FIM, NLG };
inline constexpr int kCurrencyCount = 28;
inline constexpr int kIssuedCurrencyCount = 23;  // the first 23 are issued today; the rest were replaced by the euro

std::optional<Currency> currency_from_code(std::string_view iso_code);  // "USD" -> USD; case-sensitive, as ISO 4217 writes them
std::string_view currency_code(Currency currency);
int minor_exponent(Currency currency);  // ISO 4217 minor-unit digits: USD 2, JPY/KRW/ISK 0
std::int64_t minor_per_major(Currency currency);  // 10^minor_exponent

struct Money {
    std::int64_t minor = 0;
    Currency currency = Currency::USD;
    friend bool operator==(const Money&, const Money&) = default;
};

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_multiply(std::int64_t a, std::int64_t b);
Result<Money> add(Money a, Money b);                 // fails on mixed currencies or overflow
Result<Money> subtract(Money a, Money b);            // fails on mixed currencies or overflow
Result<Money> multiply(Money a, std::int64_t count); // fails on overflow

// Parses a decimal amount in major units ("0.10", "2", "-1.5") exactly; too many decimals for the currency is an error.
Result<Money> parse_money(std::string_view decimal, Currency currency);

// Locales the product formats for. Numbers follow CLDR (as Intl.NumberFormat prints them).
enum class Locale : std::uint8_t { en_US, en_AU, en_CA, en_GB, fr_CA, de_DE, nl_NL, nb_NO, sv_SE, da_DK, fi_FI, es_ES, zh_CN };
inline constexpr int kLocaleCount = 13;

std::optional<Locale> locale_from_tag(std::string_view bcp47);  // "en-US", "en_US", "zh-Hans-CN", "nb", ... -> best match
std::string_view locale_tag(Locale locale);                      // "en-US"

// Formats as CLDR does for that locale, e.g. en-US "$0.10", de-DE "0,25 €", nb-NO "2,00 kr", zh-CN "¥0.10".
// Separators are the exact Unicode characters CLDR uses (U+00A0, U+202F, U+2212).
std::string format_money(Money amount, Locale locale);

// A plain decimal in the locale's style, for counts and measures ("1,234.5", "1.234,5"); max_fraction_digits 0..6.
std::string format_number(double value, Locale locale, int max_fraction_digits);

}  // namespace returnloop
