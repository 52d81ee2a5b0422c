// Money: exact minor units, ISO 4217 exponents, overflow checks, parsing, and CLDR formatting per locale.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "returnloop/money.hpp"

using namespace returnloop;

namespace {
std::string fmt(std::int64_t minor, Currency currency, Locale locale) { return format_money(Money{minor, currency}, locale); }
}  // namespace

TEST_CASE("currencies") {
    SUBCASE("ISO 4217 codes round-trip and unknown codes are refused") {
        for (int i = 0; i < kCurrencyCount; ++i) {
            const auto currency = static_cast<Currency>(i);
            CHECK(currency_from_code(currency_code(currency)) == currency);
        }
        CHECK_FALSE(currency_from_code("usd").has_value());
        CHECK_FALSE(currency_from_code("XYZ").has_value());
        CHECK_FALSE(currency_from_code("").has_value());
    }
    SUBCASE("minor-unit exponents follow ISO 4217: USD 2, JPY/KRW/ISK 0") {
        CHECK(minor_exponent(Currency::USD) == 2);
        CHECK(minor_exponent(Currency::EUR) == 2);
        CHECK(minor_exponent(Currency::JPY) == 0);
        CHECK(minor_exponent(Currency::KRW) == 0);
        CHECK(minor_exponent(Currency::ISK) == 0);
        CHECK(minor_per_major(Currency::NOK) == 100);
        CHECK(minor_per_major(Currency::KRW) == 1);
        CHECK(minor_exponent(Currency::FIM) == 2);  // penni
        CHECK(minor_exponent(Currency::NLG) == 2);  // cent
        CHECK(currency_from_code("FIM") == Currency::FIM);
        CHECK(currency_from_code("NLG") == Currency::NLG);
    }
}

TEST_CASE("arithmetic") {
    SUBCASE("adding amounts of one currency is exact") {
        auto sum = add(Money{10, Currency::USD}, Money{5, Currency::USD});
        REQUIRE(sum.ok());
        CHECK(sum->minor == 15);
    }
    SUBCASE("mixing currencies is an error naming both") {
        auto sum = add(Money{10, Currency::USD}, Money{5, Currency::EUR});
        REQUIRE_FALSE(sum.ok());
        CHECK(sum.error().message == "cannot combine USD and EUR");
    }
    SUBCASE("overflow is reported, never wrapped") {
        const auto max = std::numeric_limits<std::int64_t>::max();
        CHECK_FALSE(add(Money{max, Currency::USD}, Money{1, Currency::USD}).ok());
        CHECK_FALSE(subtract(Money{-max - 1, Currency::USD}, Money{1, Currency::USD}).ok());
        CHECK_FALSE(multiply(Money{max / 2 + 1, Currency::USD}, 2).ok());
        CHECK(multiply(Money{10, Currency::USD}, 1'000'000'000).value().minor == 10'000'000'000);
        CHECK_FALSE(checked_add(max, 1).has_value());
        CHECK_FALSE(checked_multiply(-max, 2).has_value());
    }
}

TEST_CASE("parse_money") {
    SUBCASE("decimal strings become exact minor units") {
        CHECK(parse_money("0.10", Currency::USD).value().minor == 10);
        CHECK(parse_money("0.1", Currency::USD).value().minor == 10);
        CHECK(parse_money("2", Currency::NOK).value().minor == 200);
        CHECK(parse_money(".25", Currency::EUR).value().minor == 25);
        CHECK(parse_money("-1.50", Currency::CAD).value().minor == -150);
        CHECK(parse_money("350", Currency::KRW).value().minor == 350);
        CHECK(parse_money("92233720368547758.07", Currency::USD).value().minor == std::numeric_limits<std::int64_t>::max());
    }
    SUBCASE("bad amounts are errors that say what is wrong") {
        CHECK(parse_money("0.105", Currency::USD).error().message == "\"0.105\" has more decimals than USD allows (2)");
        CHECK(parse_money("1.5", Currency::JPY).error().message == "\"1.5\" has more decimals than JPY allows (0)");
        CHECK(parse_money("", Currency::USD).error().message == "amount is empty");
        CHECK(parse_money("-", Currency::USD).error().message == "\"-\" has no digits");
        CHECK(parse_money(".", Currency::USD).error().message == "\".\" has no digits");
        CHECK(parse_money("1,50", Currency::EUR).error().message ==
              "\"1,50\" is not a decimal number (use digits and a '.' decimal point)");
        CHECK(parse_money("1.2.3", Currency::EUR).error().message == "\"1.2.3\" has more than one decimal point");
        CHECK(parse_money("1e3", Currency::EUR).ok() == false);
        CHECK(parse_money("99999999999999999999", Currency::USD).error().message ==
              "amount is too large to represent exactly");
        CHECK(parse_money(std::string(100000, '9'), Currency::USD).ok() == false);
        CHECK(parse_money("\xff\xfe", Currency::USD).ok() == false);
    }
}

// Golden strings are what Node 20's Intl.NumberFormat (ICU/CLDR) prints for the same amounts.
TEST_CASE("format_money matches CLDR") {
    SUBCASE("the product's headline examples") {
        CHECK(fmt(10, Currency::USD, Locale::en_US) == "$0.10");
        CHECK(fmt(25, Currency::EUR, Locale::de_DE) == "0,25\u00a0€");
        CHECK(fmt(200, Currency::NOK, Locale::nb_NO) == "2,00\u00a0kr");
        CHECK(fmt(10, Currency::CNY, Locale::zh_CN) == "¥0.10");
    }
    SUBCASE("each supported locale in its home currency") {
        CHECK(fmt(10, Currency::AUD, Locale::en_AU) == "$0.10");
        CHECK(fmt(10, Currency::CAD, Locale::en_CA) == "$0.10");
        CHECK(fmt(20, Currency::GBP, Locale::en_GB) == "£0.20");
        CHECK(fmt(10, Currency::CAD, Locale::fr_CA) == "0,10\u00a0$");
        CHECK(fmt(25, Currency::EUR, Locale::nl_NL) == "€\u00a00,25");
        CHECK(fmt(200, Currency::SEK, Locale::sv_SE) == "2,00\u00a0kr");
        CHECK(fmt(200, Currency::DKK, Locale::da_DK) == "2,00\u00a0kr.");
        CHECK(fmt(15, Currency::EUR, Locale::fi_FI) == "0,15\u00a0€");
        CHECK(fmt(10, Currency::EUR, Locale::es_ES) == "0,10\u00a0€");
    }
    SUBCASE("grouping, negatives and minus signs per locale") {
        CHECK(fmt(-123456750, Currency::USD, Locale::en_US) == "-$1,234,567.50");
        CHECK(fmt(-123456750, Currency::EUR, Locale::de_DE) == "-1.234.567,50\u00a0€");
        CHECK(fmt(-123456750, Currency::EUR, Locale::nl_NL) == "€\u00a0-1.234.567,50");
        CHECK(fmt(-123456750, Currency::NOK, Locale::nb_NO) == "\u22121\u00a0234\u00a0567,50\u00a0kr");
        CHECK(fmt(-123456750, Currency::CAD, Locale::fr_CA) == "-1\u00a0234\u00a0567,50\u00a0$");
        CHECK(fmt(-123456750, Currency::SEK, Locale::sv_SE) == "\u22121\u00a0234\u00a0567,50\u00a0kr");
        CHECK(fmt(-123456750, Currency::CNY, Locale::zh_CN) == "-¥1,234,567.50");
        CHECK(fmt(123456750, Currency::EUR, Locale::es_ES) == "1.234.567,50\u00a0€");
        CHECK(fmt(123450, Currency::EUR, Locale::es_ES) == "1234,50\u00a0€");  // es groups from five digits
    }
    SUBCASE("foreign currencies take the locale's symbol or the ISO code") {
        CHECK(fmt(10, Currency::USD, Locale::zh_CN) == "US$0.10");
        CHECK(fmt(10, Currency::CAD, Locale::en_US) == "CA$0.10");
        CHECK(fmt(10, Currency::USD, Locale::fr_CA) == "0,10\u00a0$\u00a0US");
        CHECK(fmt(123450, Currency::USD, Locale::de_DE) == "1.234,50\u00a0$");
        CHECK(fmt(1000, Currency::CHF, Locale::en_US) == "CHF\u00a010.00");
        CHECK(fmt(200, Currency::NOK, Locale::sv_SE) == "2,00\u00a0Nkr");
        CHECK(fmt(10, Currency::USD, Locale::en_AU) == "USD\u00a00.10");
        CHECK(fmt(25, Currency::EUR, Locale::zh_CN) == "€0.25");
    }
    SUBCASE("zero-decimal currencies show no fraction") {
        CHECK(fmt(1234, Currency::JPY, Locale::en_US) == "¥1,234");
        CHECK(fmt(1300, Currency::KRW, Locale::en_US) == "₩1,300");
        CHECK(fmt(16, Currency::ISK, Locale::de_DE) == "16\u00a0ISK");
        CHECK(fmt(5000, Currency::HUF, Locale::de_DE) == "50\u00a0HUF");
        CHECK(fmt(5050, Currency::HUF, Locale::de_DE) == "50,50\u00a0HUF");  // never hide a fraction
    }
    SUBCASE("the extremes of int64 format without overflow") {
        CHECK(fmt(std::numeric_limits<std::int64_t>::min(), Currency::USD, Locale::en_US) ==
              "-$92,233,720,368,547,758.08");
        CHECK(fmt(0, Currency::USD, Locale::en_US) == "$0.00");
    }
}

TEST_CASE("format_number") {
    CHECK(format_number(-1234567.5, Locale::en_US, 2) == "-1,234,567.5");
    CHECK(format_number(-1234567.5, Locale::nb_NO, 2) == "\u22121\u00a0234\u00a0567,5");
    CHECK(format_number(1234, Locale::es_ES, 0) == "1234");
    CHECK(format_number(1234, Locale::de_DE, 0) == "1.234");
    CHECK(format_number(0.125, Locale::en_US, 2) == "0.13");
    CHECK(format_number(2.0, Locale::en_US, 3) == "2");
    CHECK(format_number(-0.0001, Locale::en_US, 2) == "0");
    CHECK(format_number(1.0 / 0.0, Locale::en_US, 2) == "—");
    CHECK(format_number(1e300, Locale::en_US, 2) == "9,000,000,000,000,000,000");
}

TEST_CASE("locale_from_tag") {
    CHECK(locale_from_tag("en-US") == Locale::en_US);
    CHECK(locale_from_tag("en_au") == Locale::en_AU);
    CHECK(locale_from_tag("zh-Hans-CN") == Locale::zh_CN);
    CHECK(locale_from_tag("zh") == Locale::zh_CN);
    CHECK(locale_from_tag("no") == Locale::nb_NO);
    CHECK(locale_from_tag("fr") == Locale::fr_CA);
    CHECK(locale_from_tag("en-NZ") == Locale::en_US);
    CHECK(locale_tag(Locale::da_DK) == "da-DK");
    CHECK_FALSE(locale_from_tag("xx-YY").has_value());
    CHECK_FALSE(locale_from_tag("").has_value());
}
