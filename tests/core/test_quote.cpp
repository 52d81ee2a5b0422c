// quote(): a basket priced under one scheme on one date. Golden baskets from the laws (deposit-data.md: California
// CRV 5c under 24 fl oz and 10c from 24 fl oz; Hawaii 5c plus a non-refundable 1c container fee; New Brunswick
// half-back 10c paid, 5c refunded; Michigan 10c on beer and soft drinks, not wine), mixed eligibility, bad counts
// and int64 overflow named at the item, and dates outside the scheme's rules.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "impact_fixtures.hpp"
#include "returnloop/quote.hpp"

using namespace returnloop;
using returnloop::test::scheme;

namespace {

Container single_use(Material m, std::uint32_t ml, Category c) { return Container{m, ml, c, false}; }
const Container kCan355 = single_use(Material::aluminium, 355, Category::soft_drink);
const Container kPet1L = single_use(Material::pet, 1000, Category::soft_drink);
const Container kWine750 = single_use(Material::glass, 750, Category::wine);
const Date k2024 = date_from_ymd(2024, 6, 1);
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

}  // namespace

TEST_CASE("quote") {
    SUBCASE("California 2024: six 355 mL cans at 5 cents and two 1 L bottles at 10 cents come to $0.50") {
        const std::vector<QuoteItem> basket{{kCan355, 6}, {kPet1L, 2}};
        auto q = quote(scheme("us-ca"), basket, k2024);
        REQUIRE(q.ok());
        CHECK(q->total_deposit == Money{50, Currency::USD});
        CHECK(q->total_refund == Money{50, Currency::USD});
        CHECK(q->total_non_refundable_fee == Money{0, Currency::USD});
        CHECK(q->eligible_count == 8);
        REQUIRE(q->lines.size() == 2);
        CHECK(q->lines[0].decision.deposit.minor == 5);
        CHECK(q->lines[0].deposit.minor == 30);
        CHECK(q->lines[1].decision.deposit.minor == 10);
        CHECK(q->lines[1].deposit.minor == 20);
        CHECK(q->lines[1].count == 2);
        CHECK(q->lines[1].container.volume_ml == 1000);
    }

    SUBCASE("Hawaii: twelve cans pay 60 cents of deposit, all refundable, plus the 12 cent container fee") {
        auto q = quote(scheme("us-hi"), std::vector<QuoteItem>{{kCan355, 12}}, k2024);
        REQUIRE(q.ok());
        CHECK(q->total_deposit.minor == 60);
        CHECK(q->total_refund.minor == 60);
        CHECK(q->total_non_refundable_fee.minor == 12);
        CHECK(q->lines[0].non_refundable_fee.minor == 12);
    }

    SUBCASE("New Brunswick half-back (until March 2024): four bottles pay 40 cents and return 20") {
        auto q = quote(scheme("ca-nb"), std::vector<QuoteItem>{{single_use(Material::pet, 500, Category::soft_drink), 4}}, date_from_ymd(2023, 6, 1));
        REQUIRE(q.ok());
        CHECK(q->total_deposit == Money{40, Currency::CAD});
        CHECK(q->total_refund == Money{20, Currency::CAD});
        CHECK(q->lines[0].refund.minor == 20);
    }

    SUBCASE("mixed eligibility in Michigan: wine carries nothing and says why, cans count") {
        const std::vector<QuoteItem> basket{{kWine750, 3}, {kCan355, 5}, {kPet1L, 0}};
        auto q = quote(scheme("us-mi"), basket, k2024);
        REQUIRE(q.ok());
        CHECK(q->total_deposit.minor == 50);
        CHECK(q->eligible_count == 5);
        REQUIRE(q->lines.size() == 3);
        CHECK_FALSE(q->lines[0].decision.eligible);
        CHECK(q->lines[0].decision.reason == Reason::category_not_covered);
        CHECK(q->lines[0].deposit.minor == 0);
        CHECK(q->lines[0].deposit.currency == Currency::USD);
        CHECK(q->lines[1].decision.eligible);
        CHECK(q->lines[2].decision.eligible);  // an empty row is priced at zero, not refused
        CHECK(q->lines[2].deposit.minor == 0);
    }

    SUBCASE("an empty basket totals zero in the scheme's currency") {
        auto q = quote(scheme("de"), std::vector<QuoteItem>{}, k2024);
        REQUIRE(q.ok());
        CHECK(q->lines.empty());
        CHECK(q->total_deposit == Money{0, Currency::EUR});
        CHECK(q->eligible_count == 0);
    }

    SUBCASE("a date before any rule: every line is not in force and nothing is charged") {
        auto q = quote(scheme("de"), std::vector<QuoteItem>{{kCan355, 10}}, date_from_ymd(2002, 12, 31));
        REQUIRE(q.ok());
        CHECK(q->total_deposit.minor == 0);
        CHECK(q->eligible_count == 0);
        CHECK(q->lines[0].decision.reason == Reason::not_in_force);
    }

    SUBCASE("a negative count is refused at its item") {
        auto q = quote(scheme("de"), std::vector<QuoteItem>{{kCan355, 1}, {kCan355, -1}}, k2024);
        REQUIRE_FALSE(q.ok());
        CHECK(q.error().path == "items[1].count");
        CHECK(q.error().message == "count must not be negative");
    }

    SUBCASE("a line that would overflow int64 minor units is refused, not wrapped") {
        auto q = quote(scheme("de"), std::vector<QuoteItem>{{kCan355, kMax / 10}}, k2024);  // 25 cents each
        REQUIRE_FALSE(q.ok());
        CHECK(q.error().path == "items[0].count");
        CHECK(q.error().message == "count is too large to price");
    }

    SUBCASE("lines that fit alone but overflow the total are refused at the item that tips it") {
        const std::int64_t count = kMax / 25;  // each line's deposit fits, two of them do not
        auto q = quote(scheme("de"), std::vector<QuoteItem>{{kCan355, count}, {kCan355, count}}, k2024);
        REQUIRE_FALSE(q.ok());
        CHECK(q.error().path == "items[1].count");
        CHECK(q.error().message == "the basket total is too large to price");
    }

    SUBCASE("uncovered containers never overflow: a huge count of wine in Michigan prices at zero") {
        auto q = quote(scheme("us-mi"), std::vector<QuoteItem>{{kWine750, kMax}}, k2024);
        REQUIRE(q.ok());
        CHECK(q->total_deposit.minor == 0);
        CHECK(q->eligible_count == 0);
    }
}
