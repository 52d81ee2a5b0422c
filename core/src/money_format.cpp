// Locale-aware formatting of money and plain numbers, matching CLDR (what Intl.NumberFormat prints) byte for byte
// for the locales and currencies ReturnLoop supports. Hand-written rather than ICU/printf to keep the WASM small.
#include <array>
#include <cmath>
#include <cstdint>
#include <string>

#include "returnloop/money.hpp"

namespace returnloop {
namespace {

constexpr std::string_view kNbsp = "\u00a0";
constexpr std::string_view kMinusSign = "\u2212";  // CLDR's minus for nb, sv, fi

enum class Pattern : std::uint8_t {
    prefix,              // "-$1.00", "-CHF 1.00"
    prefix_sign_inside,  // nl: "€ -1,00"
    suffix,              // "-1,00 €"
};

struct SymbolOverride {
    Currency currency;
    std::string_view symbol;
};

struct LocaleInfo {
    std::string_view tag;
    std::string_view decimal;
    std::string_view group;
    std::string_view minus;
    Pattern pattern;
    int min_grouping_digits;  // es: a 4-digit integer part is not grouped
    const SymbolOverride* symbols;
    int symbol_count;
};

using C = Currency;
// Symbols CLDR uses in each locale; any currency not listed is shown by its ISO code.
constexpr SymbolOverride kEnUS[] = {{C::USD, "$"}, {C::CAD, "CA$"}, {C::AUD, "A$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "¥"}, {C::CNY, "CN¥"}, {C::HKD, "HK$"}, {C::TWD, "NT$"}};
constexpr SymbolOverride kEnAU[] = {{C::AUD, "$"}};
constexpr SymbolOverride kEnCA[] = {{C::USD, "US$"}, {C::CAD, "$"}, {C::AUD, "A$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "JP¥"}, {C::CNY, "CN¥"}, {C::HKD, "HK$"}, {C::TWD, "NT$"}};
constexpr SymbolOverride kEnGB[] = {{C::USD, "US$"}, {C::CAD, "CA$"}, {C::AUD, "A$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "JP¥"}, {C::CNY, "CN¥"}, {C::HKD, "HK$"}, {C::TWD, "NT$"}};
constexpr SymbolOverride kFrCA[] = {{C::USD, "$\u00a0US"}, {C::CAD, "$"}, {C::AUD, "$\u00a0AU"}, {C::NZD, "$\u00a0NZ"},
    {C::EUR, "€"}, {C::GBP, "£"}, {C::JPY, "¥"}, {C::CNY, "CN¥"}, {C::HKD, "$\u00a0HK"}, {C::SGD, "$\u00a0SG"}};
constexpr SymbolOverride kDeDE[] = {{C::USD, "$"}, {C::CAD, "CA$"}, {C::AUD, "AU$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "¥"}, {C::CNY, "CN¥"}, {C::HKD, "HK$"}, {C::TWD, "NT$"}};
constexpr SymbolOverride kNlNL[] = {{C::USD, "US$"}, {C::CAD, "C$"}, {C::AUD, "AU$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "JP¥"}, {C::CNY, "CN¥"}, {C::HKD, "HK$"}, {C::TWD, "NT$"}};
constexpr SymbolOverride kNbNO[] = {{C::EUR, "€"}, {C::GBP, "£"}, {C::NOK, "kr"}};
constexpr SymbolOverride kSvSE[] = {{C::USD, "US$"}, {C::CAD, "CA$"}, {C::EUR, "€"}, {C::NOK, "Nkr"}, {C::SEK, "kr"},
    {C::DKK, "Dkr"}, {C::ISK, "Ikr"}, {C::ILS, "₪"}};
constexpr SymbolOverride kDaDK[] = {{C::USD, "US$"}, {C::CAD, "CA$"}, {C::AUD, "AU$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::DKK, "kr."}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "JP¥"}, {C::CNY, "CN¥"}, {C::HKD, "HK$"},
    {C::TWD, "NT$"}};
constexpr SymbolOverride kFiFI[] = {{C::USD, "$"}, {C::EUR, "€"}, {C::GBP, "£"}, {C::JPY, "¥"}};
constexpr SymbolOverride kEsES[] = {{C::USD, "US$"}, {C::EUR, "€"}};
constexpr SymbolOverride kZhCN[] = {{C::USD, "US$"}, {C::CAD, "CA$"}, {C::AUD, "AU$"}, {C::NZD, "NZ$"}, {C::EUR, "€"},
    {C::GBP, "£"}, {C::ILS, "₪"}, {C::KRW, "₩"}, {C::JPY, "JP¥"}, {C::CNY, "¥"}, {C::HKD, "HK$"}, {C::TWD, "NT$"}};

template <std::size_t N>
constexpr LocaleInfo make(std::string_view tag, std::string_view decimal, std::string_view group,
                          std::string_view minus, Pattern pattern, int min_grouping, const SymbolOverride (&symbols)[N]) {
    return LocaleInfo{tag, decimal, group, minus, pattern, min_grouping, symbols, static_cast<int>(N)};
}

// Order matches enum class Locale.
constexpr std::array<LocaleInfo, kLocaleCount> kLocales{{
    make("en-US", ".", ",", "-", Pattern::prefix, 1, kEnUS),
    make("en-AU", ".", ",", "-", Pattern::prefix, 1, kEnAU),
    make("en-CA", ".", ",", "-", Pattern::prefix, 1, kEnCA),
    make("en-GB", ".", ",", "-", Pattern::prefix, 1, kEnGB),
    make("fr-CA", ",", kNbsp, "-", Pattern::suffix, 1, kFrCA),
    make("de-DE", ",", ".", "-", Pattern::suffix, 1, kDeDE),
    make("nl-NL", ",", ".", "-", Pattern::prefix_sign_inside, 1, kNlNL),
    make("nb-NO", ",", kNbsp, kMinusSign, Pattern::suffix, 1, kNbNO),
    make("sv-SE", ",", kNbsp, kMinusSign, Pattern::suffix, 1, kSvSE),
    make("da-DK", ",", ".", "-", Pattern::suffix, 1, kDaDK),
    make("fi-FI", ",", kNbsp, kMinusSign, Pattern::suffix, 1, kFiFI),
    make("es-ES", ",", ".", "-", Pattern::suffix, 2, kEsES),
    make("zh-CN", ".", ",", "-", Pattern::prefix, 1, kZhCN),
}};

const LocaleInfo& info(Locale locale) { return kLocales[static_cast<int>(locale)]; }

std::string_view symbol_for(const LocaleInfo& locale, Currency currency) {
    for (int i = 0; i < locale.symbol_count; ++i) {
        if (locale.symbols[i].currency == currency) return locale.symbols[i].symbol;
    }
    return currency_code(currency);
}

// Digits of an unsigned integer with the locale's grouping separator every three digits.
std::string grouped(std::uint64_t value, const LocaleInfo& locale) {
    std::string digits = std::to_string(value);
    const bool group = digits.size() >= static_cast<std::size_t>(3 + locale.min_grouping_digits);
    if (!group) return digits;
    std::string out;
    const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, first);
    for (std::size_t i = first; i < digits.size(); i += 3) {
        out.append(locale.group);
        out.append(digits, i, 3);
    }
    return out;
}

std::string padded(std::uint64_t value, int width) {
    std::string digits = std::to_string(value);
    if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    return digits;
}

bool ends_with_letter(std::string_view symbol) {
    if (symbol.empty()) return false;
    const char c = symbol.back();
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

std::string_view locale_tag(Locale locale) { return info(locale).tag; }

std::optional<Locale> locale_from_tag(std::string_view bcp47) {
    std::string language, region;
    std::size_t start = 0;
    for (int index = 0; start <= bcp47.size(); ++index) {
        std::size_t end = bcp47.find_first_of("-_", start);
        if (end == std::string_view::npos) end = bcp47.size();
        std::string part(bcp47.substr(start, end - start));
        for (char& c : part) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (index == 0) language = part;
        else if (part.size() == 2 && region.empty()) region = part;  // skips scripts ("hans") and variants
        start = end + 1;
    }
    if (language == "no" || language == "nn") language = "nb";  // Norwegian macrolanguage and Nynorsk: Bokmål format
    std::optional<Locale> first_of_language;
    for (int i = 0; i < kLocaleCount; ++i) {
        std::string_view tag = kLocales[i].tag;
        if (tag.substr(0, 2) != language) continue;
        if (!first_of_language) first_of_language = static_cast<Locale>(i);
        std::string tag_region(tag.substr(3));
        for (char& c : tag_region) c = static_cast<char>(c + 32);
        if (tag_region == region) return static_cast<Locale>(i);
    }
    return first_of_language;
}

std::string format_money(Money amount, Locale locale_id) {
    const LocaleInfo& locale = info(locale_id);
    const int exponent = minor_exponent(amount.currency);
    const std::uint64_t scale = static_cast<std::uint64_t>(minor_per_major(amount.currency));
    const bool negative = amount.minor < 0;
    // Negate in unsigned arithmetic so INT64_MIN formats instead of overflowing.
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(amount.minor)
                                             : static_cast<std::uint64_t>(amount.minor);
    const std::uint64_t whole = magnitude / scale;
    const std::uint64_t fraction = magnitude % scale;
    // CLDR shows forints without decimals; a non-whole forint amount still shows them so nothing is hidden.
    const bool show_fraction = exponent > 0 && !(amount.currency == Currency::HUF && fraction == 0);

    std::string number = grouped(whole, locale);
    if (show_fraction) {
        number.append(locale.decimal);
        number += padded(fraction, exponent);
    }
    const std::string_view symbol = symbol_for(locale, amount.currency);
    const std::string_view sign = negative ? locale.minus : std::string_view{};

    std::string out;
    switch (locale.pattern) {
        case Pattern::prefix:
            out.append(sign).append(symbol);
            if (ends_with_letter(symbol)) out.append(kNbsp);
            out.append(number);
            break;
        case Pattern::prefix_sign_inside:
            out.append(symbol).append(kNbsp).append(sign).append(number);
            break;
        case Pattern::suffix:
            out.append(sign).append(number).append(kNbsp).append(symbol);
            break;
    }
    return out;
}

std::string format_number(double value, Locale locale_id, int max_fraction_digits) {
    const LocaleInfo& locale = info(locale_id);
    if (!std::isfinite(value)) return "—";
    if (max_fraction_digits < 0) max_fraction_digits = 0;
    if (max_fraction_digits > 6) max_fraction_digits = 6;
    const bool negative = value < 0;
    double magnitude = std::fabs(value);
    // Drop fraction digits rather than overflow the integer arithmetic on very large values.
    int digits = max_fraction_digits;
    double scale = 1;
    for (int i = 0; i < digits; ++i) scale *= 10;
    while (digits > 0 && magnitude * scale >= 9.0e18) {
        --digits;
        scale /= 10;
    }
    if (magnitude * scale >= 9.0e18) magnitude = 9.0e18 / scale;  // beyond any real count; shown saturated
    const auto scaled = static_cast<std::uint64_t>(std::llround(magnitude * scale));
    const auto divisor = static_cast<std::uint64_t>(scale);
    std::uint64_t whole = scaled / divisor;
    std::uint64_t fraction = scaled % divisor;
    std::string fraction_text = digits > 0 ? padded(fraction, digits) : std::string{};
    while (!fraction_text.empty() && fraction_text.back() == '0') fraction_text.pop_back();

    std::string out;
    if (negative && (whole != 0 || !fraction_text.empty())) out.append(locale.minus);
    out += grouped(whole, locale);
    if (!fraction_text.empty()) out.append(locale.decimal).append(fraction_text);
    return out;
}

}  // namespace returnloop
