// Dates: day arithmetic across leap years and centuries, strict ISO parsing with clear errors.
#include <doctest/doctest.h>

#include "returnloop/date.hpp"

using namespace returnloop;

TEST_CASE("dates") {
    SUBCASE("the epoch and known days") {
        CHECK(date_from_ymd(1970, 1, 1).days == 0);
        CHECK(date_from_ymd(2000, 3, 1).days == 11017);
        CHECK(date_from_ymd(2024, 1, 1).days == 19723);
        CHECK(date_from_ymd(1969, 12, 31).days == -1);
    }
    SUBCASE("every day from 1900 to 2200 round-trips through text") {
        for (std::int32_t d = date_from_ymd(1900, 1, 1).days; d <= date_from_ymd(2200, 12, 31).days; d += 1) {
            const Date date{d};
            auto parsed = parse_date(format_date(date));
            REQUIRE(parsed.ok());
            REQUIRE(parsed->days == d);
        }
    }
    SUBCASE("leap days exist only in leap years") {
        CHECK(parse_date("2024-02-29").ok());
        CHECK(parse_date("2000-02-29").ok());
        CHECK(parse_date("2023-02-29").error().message == "\"2023-02-29\": day 29 does not exist in that month");
        CHECK_FALSE(parse_date("1900-02-29").ok());
    }
    SUBCASE("malformed dates are errors, not guesses") {
        CHECK(parse_date("2024-1-01").error().message == "\"2024-1-01\" is not a date in the form YYYY-MM-DD");
        CHECK_FALSE(parse_date("").ok());
        CHECK_FALSE(parse_date("2024-13-01").ok());
        CHECK_FALSE(parse_date("2024-00-10").ok());
        CHECK_FALSE(parse_date("2024-04-31").ok());
        CHECK_FALSE(parse_date("１９９９-01-01").ok());
        CHECK_FALSE(parse_date("2024/01/01").ok());
        CHECK_FALSE(parse_date("0000-01-01").ok());
        CHECK_FALSE(parse_date(std::string(1 << 20, '2')).ok());
    }
    SUBCASE("a long bad date is quoted cut on a character boundary, so the message stays valid UTF-8") {
        std::string text;
        for (int i = 0; i < 20; ++i) text += "\u65e5";  // 日, three bytes each: byte 32 falls inside one
        const std::string message = parse_date(text).error().message;
        CHECK(message == "\"" + text.substr(0, 30) + "…\" is not a date in the form YYYY-MM-DD");
    }
    SUBCASE("years and fractional years for time-indexed models") {
        CHECK(year_of(date_from_ymd(2017, 4, 1)) == 2017);
        CHECK(fractional_year(date_from_ymd(2024, 1, 1)) == doctest::Approx(2024.0));
        CHECK(fractional_year(date_from_ymd(2023, 7, 2)) == doctest::Approx(2023.5).epsilon(0.003));
        CHECK(date_from_ymd(2017, 3, 31) < date_from_ymd(2017, 4, 1));
    }
}
