// Typed numbers: full-width forms folded to ASCII, separators dropped, Chinese large-number words multiplied out,
// all in exact integer arithmetic (no double ever holds a count).
#include "returnloop/number_text.hpp"

#include <array>

#include "utf8_text.hpp"

namespace returnloop {
namespace {

// U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E: EF BC 81..EF BC BF and EF BD 80..EF BD 9E in UTF-8.
// Only the ones a number uses are folded: digits, '.', ',', '+', '-'.
int full_width_ascii(std::string_view t, std::size_t i) {
    if (i + 3 > t.size() || static_cast<unsigned char>(t[i]) != 0xEF) return -1;
    const auto b1 = static_cast<unsigned char>(t[i + 1]);
    const auto b2 = static_cast<unsigned char>(t[i + 2]);
    int code = -1;
    if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) code = 0x21 + (b2 - 0x81);
    if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) code = 0x60 + (b2 - 0x80);
    const bool number_char = (code >= '0' && code <= '9') || code == '.' || code == ',' || code == '+' || code == '-';
    return number_char ? code : -1;
}

// The Chinese words for powers of ten a count may end with, longest first.
struct Scale {
    std::string_view word;
    std::uint64_t factor;
};
constexpr std::array<Scale, 4> kScales = {{{"万亿", 1'000'000'000'000ULL}, {"亿", 100'000'000ULL}, {"万", 10'000ULL}, {"千", 1'000ULL}}};

bool multiply_add(std::uint64_t& value, std::uint64_t factor, std::uint64_t add) {
    if (factor && value > (UINT64_MAX - add) / factor) return false;
    value = value * factor + add;
    return true;
}

}  // namespace

std::string ascii_number_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (const int c = full_width_ascii(text, i); c >= 0) {
            out += static_cast<char>(c);
            i += 2;
        } else if (text.substr(i, 3) == "\u3000") {  // ideographic space
            out += ' ';
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

Result<std::uint64_t> parse_count(std::string_view text, std::uint64_t max) {
    const std::string ascii = ascii_number_text(text);
    std::string_view t = ascii;
    std::string digits;  // the number without separators
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.empty()) return coded("text", ErrorCode::empty_text, {}, "enter a number");
    std::uint64_t factor = 1;
    for (const Scale& s : kScales) {
        if (t.size() > s.word.size() && t.substr(t.size() - s.word.size()) == s.word) {
            factor = s.factor;
            t.remove_suffix(s.word.size());
            break;
        }
    }
    const auto not_number = [] { return coded("text", ErrorCode::not_whole_number, {}, "must be a whole number"); };
    bool negative = false;
    if (t.front() == '-' || t.front() == '+') {
        negative = t.front() == '-';
        t.remove_prefix(1);
    }
    std::uint64_t whole = 0;
    std::uint64_t fraction = 0;
    std::uint64_t fraction_scale = 1;
    bool point = false;
    bool any_digit = false;
    for (const char c : t) {
        if (c == ',' || c == '_' || c == ' ') {
            if (point) return not_number();
            continue;
        }
        if (c == '.') {
            if (point) return not_number();
            point = true;
            continue;
        }
        if (c < '0' || c > '9') return not_number();
        any_digit = true;
        const auto d = static_cast<std::uint64_t>(c - '0');
        if (!point) {
            if (!multiply_add(whole, 10, d)) return coded("text", ErrorCode::above_max, {{"max", std::to_string(max)}}, "too large");
        } else if (fraction_scale < 1'000'000'000'000'000ULL) {
            fraction = fraction * 10 + d;
            fraction_scale *= 10;
        } else if (d != 0) {
            return not_number();  // more decimals than any count can use
        }
    }
    if (!any_digit) return not_number();
    if (negative && (whole || fraction)) return coded("text", ErrorCode::negative, {{"value", detail::quoted_prefix(text, 40)}}, "must not be negative");
    // fraction / fraction_scale of the scale word must be a whole count: 1.41万 is 14100, 1.5 alone is not a count.
    std::uint64_t value = whole;
    if (!multiply_add(value, factor, 0)) return coded("text", ErrorCode::above_max, {{"max", std::to_string(max)}}, "too large");
    if (fraction) {
        // fraction < fraction_scale <= 10^18 and factor <= 10^12: divide the scale first to stay within 64 bits.
        std::uint64_t scale = fraction_scale;
        std::uint64_t f = factor;
        while (scale > 1 && f % 10 == 0) {
            scale /= 10;
            f /= 10;
        }
        if (scale != 1 && fraction % scale != 0) return not_number();
        const std::uint64_t part = fraction / scale;
        if (part && f > UINT64_MAX / part) return coded("text", ErrorCode::above_max, {{"max", std::to_string(max)}}, "too large");
        if (!multiply_add(value, 1, part * f)) return coded("text", ErrorCode::above_max, {{"max", std::to_string(max)}}, "too large");
    }
    if (value > max) return coded("text", ErrorCode::above_max, {{"max", std::to_string(max)}}, "too large");
    return value;
}

}  // namespace returnloop
