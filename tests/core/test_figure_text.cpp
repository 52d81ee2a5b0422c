// The display rules of the faces' figures (percent digits, three significant digits), in English, Chinese and German:
// the strings the web page shows (its household answer's "text", tests/web/api.test.mjs).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "returnloop/figure_text.hpp"

using namespace returnloop;

TEST_CASE("format_3_significant: three significant digits, at most three decimals") {
    const auto en = [](double v) { return format_3_significant(v, Locale::en_US); };
    const auto zh = [](double v) { return format_3_significant(v, Locale::zh_CN); };
    const auto de = [](double v) { return format_3_significant(v, Locale::de_DE); };
    SUBCASE("1234.5 kg is 1,230 (1.230 in German)") {
        CHECK(en(1234.5) == "1,230");
        CHECK(zh(1234.5) == "1,230");
        CHECK(de(1234.5) == "1.230");
    }
    SUBCASE("large figures keep three digits and their grouping") {
        CHECK(en(98765432) == "98,800,000");
        CHECK(de(98765432) == "98.800.000");
        CHECK(en(-1234.5) == "-1,230");
    }
    SUBCASE("below 1,000 the decimals make up the three digits") {
        CHECK(en(123.45) == "123");
        CHECK(en(12.345) == "12.3");
        CHECK(de(12.345) == "12,3");
        CHECK(zh(1.2345) == "1.23");
        CHECK(en(0.1234) == "0.123");
        CHECK(en(0.5) == "0.5");  // trailing zeros dropped, as the locale prints it
    }
    SUBCASE("a figure that rounds up to the next power of ten") {
        CHECK(en(999.99) == "1,000");
        CHECK(en(9.999) == "10");
    }
    SUBCASE("a half rounds away from zero, judged on the value's exact digits (as the page's JS did)") {
        CHECK(en(1.125) == "1.13");
        CHECK(en(-1.125) == "-1.13");
        CHECK(en(2.675) == "2.67");  // 2.67499999... in binary
        CHECK(en(1.3049999999999999) == "1.3");
        CHECK(en(0.04849431991577149) == "0.049");  // three digits (0.0485), then three decimals
    }
    SUBCASE("tiny figures stop at three decimals") {
        CHECK(en(0.0001234) == "0");
        CHECK(en(0.001234) == "0.001");
    }
    SUBCASE("zero and a missing figure read 0; an infinite one a dash") {
        CHECK(en(0) == "0");
        CHECK(de(std::nan("")) == "0");
        CHECK(en(std::numeric_limits<double>::infinity()) == "—");
    }
}

TEST_CASE("format_percent: one decimal below 10 %, whole percent above") {
    CHECK(format_percent(0.59, Locale::en_US) == "59%");
    CHECK(format_percent(0.59, Locale::zh_CN) == "59%");
    CHECK(format_percent(0.055, Locale::en_US) == "5.5%");
    CHECK(format_percent(0.055, Locale::de_DE) == "5,5%");
    CHECK(format_percent(0.05, Locale::zh_CN) == "5%");
    CHECK(format_percent(0.1, Locale::en_US) == "10%");
    CHECK(format_percent(0.9996, Locale::en_US) == "100%");
    CHECK(format_percent(0, Locale::de_DE) == "0%");
}
