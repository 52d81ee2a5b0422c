// Currency facts (ISO 4217 exponents), overflow-checked arithmetic and exact decimal parsing of amounts.
#include "returnloop/money.hpp"
#include "returnloop/number_text.hpp"

#include <array>
#include <limits>

#include "utf8_text.hpp"

namespace returnloop {
namespace {

struct CurrencyInfo {
    std::string_view code;
    int exponent;  // ISO 4217 minor-unit digits
};

// Order matches enum class Currency.
constexpr std::array<CurrencyInfo, kCurrencyCount> kCurrencies{{
    {"USD", 2}, {"CAD", 2}, {"AUD", 2}, {"NZD", 2}, {"EUR", 2}, {"GBP", 2}, {"CHF", 2}, {"NOK", 2},
    {"SEK", 2}, {"DKK", 2}, {"ISK", 0}, {"ILS", 2}, {"KRW", 0}, {"JPY", 0}, {"CNY", 2}, {"HKD", 2},
    {"TWD", 2}, {"HUF", 2}, {"PLN", 2}, {"CZK", 2}, {"RON", 2}, {"SGD", 2}, {"TRY", 2}, {"EEK", 2}, {"LTL", 2},
    {"HRK", 2}, {"FIM", 2}, {"NLG", 2},
}};

}  // namespace

std::optional<Currency> currency_from_code(std::string_view iso_code) {
    for (int i = 0; i < kCurrencyCount; ++i) {
        if (kCurrencies[i].code == iso_code) return static_cast<Currency>(i);
    }
    return std::nullopt;
}

std::string_view currency_code(Currency currency) { return kCurrencies[static_cast<int>(currency)].code; }

int minor_exponent(Currency currency) { return kCurrencies[static_cast<int>(currency)].exponent; }

std::int64_t minor_per_major(Currency currency) {
    std::int64_t factor = 1;
    for (int i = 0; i < minor_exponent(currency); ++i) factor *= 10;
    return factor;
}

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
    return sum;
}

std::optional<std::int64_t> checked_multiply(std::int64_t a, std::int64_t b) {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(a, b, &product)) return std::nullopt;
    return product;
}

namespace {

Error mixed_currencies(Money a, Money b) {
    return coded("currency", ErrorCode::wrong_currency, {{"currency", currency_code(a.currency)}},
                 "cannot combine " + std::string(currency_code(a.currency)) + " and " +
                     std::string(currency_code(b.currency)));
}

Error overflow() { return coded("amount", ErrorCode::not_exact_money, {}, "amount is too large to represent exactly"); }

}  // namespace

Result<Money> add(Money a, Money b) {
    if (a.currency != b.currency) return mixed_currencies(a, b);
    auto sum = checked_add(a.minor, b.minor);
    if (!sum) return overflow();
    return Money{*sum, a.currency};
}

Result<Money> subtract(Money a, Money b) {
    if (a.currency != b.currency) return mixed_currencies(a, b);
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(a.minor, b.minor, &difference)) return overflow();
    return Money{difference, a.currency};
}

Result<Money> multiply(Money a, std::int64_t count) {
    auto product = checked_multiply(a.minor, count);
    if (!product) return overflow();
    return Money{*product, a.currency};
}

Result<Money> parse_money(std::string_view typed, Currency currency) {
    // Full-width digits and point ("０．３０", typed with a Chinese input method) read as their ASCII forms.
    const std::string folded = ascii_number_text(typed);
    const std::string_view text = folded;
    const std::string shown = detail::quoted_prefix(text, 40);
    const auto bad = [&](std::string message) {
        return coded("amount", ErrorCode::bad_decimal,
                     {{"text", shown}, {"places", std::to_string(minor_exponent(currency))}}, std::move(message));
    };
    if (text.empty()) return coded("amount", ErrorCode::empty_text, {}, "amount is empty");
    bool negative = false;
    std::size_t i = 0;
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        i = 1;
    }
    const int exponent = minor_exponent(currency);
    std::int64_t minor = 0;
    int integer_digits = 0;
    int fraction_digits = -1;  // -1: no decimal point seen
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (fraction_digits >= 0) return bad(shown + " has more than one decimal point");
            fraction_digits = 0;
            continue;
        }
        if (c < '0' || c > '9') {
            return bad(shown + " is not a decimal number (use digits and a '.' decimal point)");
        }
        if (fraction_digits >= 0) {
            if (++fraction_digits > exponent) {
                return bad(shown + " has more decimals than " + std::string(currency_code(currency)) +
                                           " allows (" + std::to_string(exponent) + ")");
            }
        } else {
            ++integer_digits;
        }
        auto scaled = checked_multiply(minor, 10);
        auto next = scaled ? checked_add(*scaled, c - '0') : std::nullopt;
        if (!next) return overflow();
        minor = *next;
    }
    if (integer_digits == 0 && fraction_digits <= 0) return bad(shown + " has no digits");
    for (int pad = fraction_digits < 0 ? 0 : fraction_digits; pad < exponent; ++pad) {
        auto scaled = checked_multiply(minor, 10);
        if (!scaled) return overflow();
        minor = *scaled;
    }
    return Money{negative ? -minor : minor, currency};
}

}  // namespace returnloop
