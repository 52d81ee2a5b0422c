// Reads a call's JSON arguments: RapidJSON checks the syntax and hands over each number as text, converted here.
#include "args_reader.hpp"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cmath>
#include <cstdint>
#include <string>

namespace returnloop::web {

namespace {

// The value of the decimal digits × 10^exp10. Up to 15 digits and 10^±22 (the rates, masses and amounts a person
// enters) both factors are exact doubles and one IEEE operation rounds correctly. Beyond (a computed figure sent
// to be formatted, 17 digits), the first 19 digits are scaled in steps of 10^22: within a few units in the last
// place (RapidJSON's default reading was within three), which no formatting to at most 6 digits can show.
double decimal_value(const std::string& digits, int exp10) {
    std::uint64_t significand = 0;
    std::size_t used = 0;
    for (; used < digits.size() && used < 19; ++used) significand = significand * 10 + static_cast<std::uint64_t>(digits[used] - '0');
    int p = exp10 + static_cast<int>(digits.size() - used);
    if (p > 400) return HUGE_VAL;
    if (p < -400) return 0;
    double value = static_cast<double>(significand);
    for (; p > 22; p -= 22) value *= 1e22;
    for (; p < -22; p += 22) value /= 1e22;
    double power = 1;
    for (int i = 0; i < (p < 0 ? -p : p); ++i) power *= 10;  // exact: 10^22 < 2^53 · 2^22
    return p < 0 ? value / power : value * power;
}

}  // namespace

bool ArgsDocument::RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view s(text, length);  // already checked by the reader: -?int(.digits)?([eE][+-]?digits)?
    const bool minus = s.front() == '-';
    constexpr std::size_t kMaxDigits = 780;  // as RapidJSON: digits beyond cannot change the double
    std::string digits;                      // the significant digits, without leading zeros
    int exp10 = 0;                           // the value is digits × 10^exp10
    bool after_point = false;
    std::size_t i = minus ? 1 : 0;
    for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
        const char c = s[i];
        if (c == '.') {
            after_point = true;
        } else if (c == '0' && digits.empty()) {
            if (after_point) --exp10;
        } else if (digits.size() < kMaxDigits) {
            digits += c;
            if (after_point) --exp10;
        } else if (!after_point) {
            ++exp10;
        }
    }
    const bool integer = !after_point && i == s.size() && exp10 == 0;
    if (i < s.size()) {
        const bool exp_minus = s[++i] == '-';
        if (s[i] == '-' || s[i] == '+') ++i;
        int e = 0;
        for (; i < s.size(); ++i) e = e < 100'000 ? e * 10 + (s[i] - '0') : e;
        exp10 += exp_minus ? -e : e;
    }
    // Whole numbers as RapidJSON types them: negatives as Int or Int64, others as Uint or Uint64 (it adds the rest).
    std::uint64_t magnitude = 0;
    bool fits = integer;
    for (std::size_t d = 0; fits && d < digits.size(); ++d)
        fits = !__builtin_mul_overflow(magnitude, 10u, &magnitude) &&
               !__builtin_add_overflow(magnitude, static_cast<unsigned>(digits[d] - '0'), &magnitude);
    if (fits && !minus) return magnitude <= 0xFFFFFFFFu ? Uint(static_cast<unsigned>(magnitude)) : Uint64(magnitude);
    if (fits && magnitude <= 0x8000'0000u) return Int(static_cast<int>(0u - static_cast<std::uint32_t>(magnitude)));
    if (fits && magnitude <= 0x8000'0000'0000'0000u) return Int64(static_cast<std::int64_t>(0u - magnitude));
    while (digits.size() > 1 && digits.back() == '0') {  // trailing zeros, so that more numbers are exact
        digits.pop_back();
        ++exp10;
    }
    const double value = digits.empty() ? 0.0 : decimal_value(digits, exp10);
    if (!std::isfinite(value)) return false;  // beyond a double: the arguments are refused
    return Double(minus ? -value : value);
}

bool read_args(std::string_view json, ArgsDocument& doc) {
    // Iterative (no recursion on hostile nesting) and checking UTF-8, as the core reads its files.
    constexpr unsigned kFlags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
    bool ok = false;
    auto generate = [&](rapidjson::Document& handler) {
        rapidjson::MemoryStream bytes(json.data(), json.size());
        rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
        rapidjson::Reader reader;
        ok = !reader.Parse<kFlags>(in, static_cast<ArgsDocument&>(handler)).IsError();
        return ok;
    };
    doc.Populate(generate);
    return ok;
}

}  // namespace returnloop::web
