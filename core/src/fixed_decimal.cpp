// Exact fixed-point decimal parsing shared by fee rates (millionths) and money input (minor units).
#include "fixed_decimal.hpp"

#include <charconv>
#include <cstdint>
#include <string>

namespace returnloop::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string count_text(int n) {
    char buffer[16];
    auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    return std::string(buffer, end);
}

}  // namespace

Result<std::int64_t> parse_fixed_decimal(std::string_view text, int places) {
    if (places < 0 || places > 18) return Error{"", "unsupported number of decimal places"};
    if (text.empty()) return Error{"", "is empty; expected a decimal number such as \"0.0159\""};

    std::size_t i = 0;
    const bool negative = text[0] == '-';
    if (negative) ++i;

    const std::size_t int_begin = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    const std::size_t int_end = i;
    std::size_t frac_begin = i, frac_end = i;
    if (i < text.size() && text[i] == '.') {
        frac_begin = ++i;
        while (i < text.size() && is_digit(text[i])) ++i;
        frac_end = i;
        if (frac_end == frac_begin) return Error{"", "has no digits after the decimal point"};
    }
    if (int_end == int_begin || i != text.size())
        return Error{"", "is not a plain decimal number (digits, optionally '-' and one '.'; no exponent or spaces)"};
    if (frac_end - frac_begin > static_cast<std::size_t>(places))
        return Error{"", "has more than " + count_text(places) + " decimals"};

    // Accumulate as a negative number so that INT64_MIN itself is representable, then flip.
    std::int64_t value = 0;
    const auto push_digit = [&value](char c) {
        return !__builtin_mul_overflow(value, 10, &value) &&
               !__builtin_sub_overflow(value, static_cast<std::int64_t>(c - '0'), &value);
    };
    const Error too_large{"", "is too large"};
    for (std::size_t k = int_begin; k < int_end; ++k)
        if (!push_digit(text[k])) return too_large;
    for (std::size_t k = frac_begin; k < frac_end; ++k)
        if (!push_digit(text[k])) return too_large;
    for (std::size_t k = frac_end - frac_begin; k < static_cast<std::size_t>(places); ++k)
        if (!push_digit('0')) return too_large;

    if (negative) return value;
    if (value == INT64_MIN) return too_large;
    return -value;
}

}  // namespace returnloop::detail
