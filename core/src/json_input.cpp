// The one JSON reader: the guard (size, NUL bytes, exponents, depth), then RapidJSON, numbers converted from text.
#include "returnloop/json_input.hpp"

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cmath>
#include <string>

namespace returnloop {

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

// One pass over the text before RapidJSON reads it: where a NUL byte is (RapidJSON would stop there as if the text
// ended), where a number's exponent runs away, and where nesting first goes deeper than max_depth. RapidJSON 1.1.0
// (Debian's) adds a number's exponent to its count of fraction digits in an int without a check:
// "0.00000000001e-2147483639" overflows it (CVE-2024-38517), which is undefined behaviour; numbers whose exponent has
// more than four significant digits are refused, and no real input writes one. Strings are skipped as JSON defines
// them; on text that is not valid JSON this scan and RapidJSON agree up to the first error, as far as either reads.
JsonRead scan(std::string_view text, std::size_t max_depth) {
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\0') return {JsonProblem::nul_byte, i};
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
                if (i < text.size() && text[i] == '\0') return {JsonProblem::nul_byte, i};
            }
            ++i;
            continue;
        }
        if (c == '[' || c == '{') {
            if (++depth > max_depth) return {JsonProblem::too_deep, i};
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        if (c != '-' && !is_digit(c)) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < text.size() && (is_digit(text[i]) || text[i] == '-' || text[i] == '.')) ++i;
        if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
            ++i;
            if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
            while (i < text.size() && text[i] == '0') ++i;
            std::size_t significant = 0;
            for (; i < text.size() && is_digit(text[i]); ++i) ++significant;
            if (significant > 4) return {JsonProblem::exponent_out_of_range, start};
        }
    }
    return {};
}

}  // namespace

bool JsonDocument::RawNumber(const char* text, rapidjson::SizeType length, bool) {
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
    if (!std::isfinite(value)) {  // beyond a double: the text is refused, as RapidJSON refuses it
        number_too_big_ = true;
        return false;
    }
    return Double(minus ? -value : value);
}

JsonRead read_json(std::string_view text, JsonDocument& doc, JsonLimits limits) {
    doc.SetNull();
    if (text.size() > limits.max_bytes) return {JsonProblem::too_large, 0};
    if (JsonRead problem = scan(text, limits.max_depth); !problem) return problem;
    doc.number_too_big_ = false;
    // Iterative (no recursion on hostile nesting), checking UTF-8, each number handed over as text.
    constexpr unsigned kFlags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::ParseResult result;
    auto generate = [&](rapidjson::Document& handler) {
        rapidjson::MemoryStream bytes(text.data(), text.size());
        rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> in(bytes);
        rapidjson::Reader reader;
        result = reader.Parse<kFlags>(in, static_cast<JsonDocument&>(handler));
        return !result.IsError();
    };
    doc.Populate(generate);
    if (!result.IsError()) return {};
    doc.SetNull();
    const auto code = doc.number_too_big_ ? rapidjson::kParseErrorNumberTooBig : result.Code();
    return {JsonProblem::syntax, result.Offset(), code};
}

JsonPosition json_position(std::string_view text, std::size_t offset) {
    offset = offset < text.size() ? offset : text.size();
    JsonPosition at;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((byte & 0xC0u) != 0x80u) {
            ++at.column;
        }
    }
    return at;
}

std::string_view json_type_id(const rapidjson::Value& value) {
    switch (value.GetType()) {
        case rapidjson::kFalseType:
        case rapidjson::kTrueType: return "boolean";
        case rapidjson::kObjectType: return "object";
        case rapidjson::kArrayType: return "array";
        case rapidjson::kStringType: return "string";
        case rapidjson::kNumberType: return "number";
        default: return "null";
    }
}

}  // namespace returnloop
