// Numbers as people type them into a form, in either language: ASCII or full-width digits ("１２３"), group
// separators ("1,000", "1 000", "1，000") and the Chinese large-number words 千, 万, 亿 and 万亿 after a whole or
// decimal number ("3万", "1410亿", "1.41万"). The one place a face turns typed text into a count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "returnloop/result.hpp"

namespace returnloop {

// The text with full-width digits, point, comma, plus, minus and the ideographic space made ASCII; every other
// byte is kept as it is (so parse_money names the same text the reader typed, in ASCII).
std::string ascii_number_text(std::string_view text);

// A whole count from 0 to max. Errors (path "text"): empty_text; negative {value}; not_whole_number (not a
// number, or a fraction left after its 万/亿); above_max {max}.
Result<std::uint64_t> parse_count(std::string_view text, std::uint64_t max);

}  // namespace returnloop
