// Civil-date arithmetic (Howard Hinnant's days_from_civil algorithm) and strict ISO 8601 date parsing.
#include "returnloop/date.hpp"

#include "utf8_text.hpp"

namespace returnloop {
namespace {

struct Ymd {
    int year;
    int month;
    int day;
};

Ymd civil_from_days(std::int32_t z_in) {
    long long z = static_cast<long long>(z_in) + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long y = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return Ymd{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

Date date_from_ymd(int year, int month, int day) {
    const int y = year - (month <= 2);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const auto m = static_cast<unsigned>(month);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return Date{static_cast<std::int32_t>(era * 146097 + static_cast<int>(doe) - 719468)};
}

Result<Date> parse_date(std::string_view iso) {
    const std::string shown = detail::quoted_prefix(iso, 32);
    const auto bad = [&shown](std::string message) {
        return coded("date", ErrorCode::bad_date, {{"text", shown}}, std::move(message));
    };
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') {
        return bad(shown + " is not a date in the form YYYY-MM-DD");
    }
    int fields[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f) {
        for (int i = 0; i < lengths[f]; ++i) {
            const char c = iso[static_cast<std::size_t>(starts[f] + i)];
            if (c < '0' || c > '9') return bad(shown + " is not a date in the form YYYY-MM-DD");
            fields[f] = fields[f] * 10 + (c - '0');
        }
    }
    const int year = fields[0], month = fields[1], day = fields[2];
    if (year < 1900 || year > 2200) return bad(shown + ": year must be between 1900 and 2200");
    if (month < 1 || month > 12) return bad(shown + ": month must be 01 to 12");
    if (day < 1 || day > days_in_month(year, month)) {
        return bad(shown + ": day " + std::to_string(day) + " does not exist in that month");
    }
    return date_from_ymd(year, month, day);
}

std::string format_date(Date date) {
    const Ymd ymd = civil_from_days(date.days);
    std::string out = std::to_string(ymd.year);
    while (out.size() < 4) out.insert(out.begin(), '0');
    out += ymd.month < 10 ? "-0" : "-";
    out += std::to_string(ymd.month);
    out += ymd.day < 10 ? "-0" : "-";
    out += std::to_string(ymd.day);
    return out;
}

int year_of(Date date) { return civil_from_days(date.days).year; }

double fractional_year(Date date) {
    const int year = year_of(date);
    const std::int32_t start = date_from_ymd(year, 1, 1).days;
    const std::int32_t length = date_from_ymd(year + 1, 1, 1).days - start;
    return year + static_cast<double>(date.days - start) / length;
}

}  // namespace returnloop
