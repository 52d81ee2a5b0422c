// Calendar dates as whole days since 1970-01-01 (proleptic Gregorian), so rules can apply by date.
// The core never reads a clock: callers pass today's date in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "returnloop/result.hpp"

namespace returnloop {

struct Date {
    std::int32_t days = 0;  // days since 1970-01-01
    friend auto operator<=>(const Date&, const Date&) = default;
};

Date date_from_ymd(int year, int month, int day);  // month 1..12, day 1..31; caller guarantees validity
Result<Date> parse_date(std::string_view iso);     // "YYYY-MM-DD", checked (2023-02-29 is an error)
std::string format_date(Date date);                // "YYYY-MM-DD"
int year_of(Date date);
double fractional_year(Date date);  // 2024-07-01 -> ~2024.5, for models indexed by time

}  // namespace returnloop
