// Exact fixed-point decimals read from text ("0.0159" at 6 places is 15900), for fee rates and money input,
// so no amount ever passes through a double.
#pragma once

#include <cstdint>
#include <string_view>

#include "returnloop/result.hpp"

namespace returnloop::detail {

// Reads an optional '-', one or more digits, and optionally '.' followed by one to `places` digits (0..18),
// and returns the value scaled by 10^places. Exponents, '+', spaces, ".5" and "1." are refused, as is a value
// that does not fit an int64 once scaled. The error names no path; the caller adds it.
Result<std::int64_t> parse_fixed_decimal(std::string_view text, int places);

}  // namespace returnloop::detail
