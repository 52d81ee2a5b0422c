// Typed numbers: full-width digits, separators and the Chinese large-number words become exact counts; anything
// else is refused with a code.
#include <doctest/doctest.h>

#include <cstdint>

#include "returnloop/money.hpp"
#include "returnloop/number_text.hpp"

using namespace returnloop;

namespace {
constexpr std::uint64_t kMax = 1'000'000'000'000'000ULL;
std::uint64_t count(const char* text) {
    const auto r = parse_count(text, kMax);
    REQUIRE_MESSAGE(r.ok(), text, ": ", r.ok() ? "" : r.error().message);
    return r.value();
}
ErrorCode refused(const char* text, std::uint64_t max = kMax) {
    const auto r = parse_count(text, max);
    REQUIRE_MESSAGE(!r.ok(), text);
    return r.error().code;
}
}  // namespace

TEST_CASE("counts as people type them") {
    SUBCASE("ASCII digits with or without group separators") {
        CHECK(count("1410000000") == 1'410'000'000);
        CHECK(count(" 1,410,000,000 ") == 1'410'000'000);
        CHECK(count("1 410 000 000") == 1'410'000'000);
        CHECK(count("0") == 0);
    }
    SUBCASE("full-width digits, comma and the ideographic space") {
        CHECK(count("１２３") == 123);
        CHECK(count("１，０００") == 1000);
        CHECK(count("\u3000４２\u3000") == 42);
    }
    SUBCASE("Chinese large-number words, after whole and decimal numbers") {
        CHECK(count("3万") == 30'000);
        CHECK(count("1410亿") == 141'000'000'000);
        CHECK(count("１４１０亿") == 141'000'000'000);
        CHECK(count("1.41万") == 14'100);
        CHECK(count("14.0967亿") == 1'409'670'000);
        CHECK(count("2千") == 2'000);
        CHECK(count("1.5万亿") == 1'500'000'000'000);
    }
    SUBCASE("what is not a whole count is refused with its code") {
        CHECK(refused("") == ErrorCode::empty_text);
        CHECK(refused("   ") == ErrorCode::empty_text);
        CHECK(refused("abc") == ErrorCode::not_whole_number);
        CHECK(refused("万") == ErrorCode::not_whole_number);
        CHECK(refused("1.5") == ErrorCode::not_whole_number);
        CHECK(refused("1.23456万") == ErrorCode::not_whole_number);
        CHECK(refused("1..2") == ErrorCode::not_whole_number);
        CHECK(refused("3万万") == ErrorCode::not_whole_number);
        CHECK(refused("-4") == ErrorCode::negative);
        CHECK(refused("－４") == ErrorCode::negative);
        CHECK(refused("10001", 10000) == ErrorCode::above_max);
        CHECK(refused("99999999999999999999999") == ErrorCode::above_max);
        CHECK(refused("99999999999万亿") == ErrorCode::above_max);
    }
}

TEST_CASE("money typed with full-width digits") {
    const auto r = parse_money("０．３０", Currency::CNY);
    REQUIRE(r.ok());
    CHECK(r->minor == 30);
}
