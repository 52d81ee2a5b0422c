// Clearing: handling fees rounded once when paid, and the materials a booked deposit stands for.
#include <doctest/doctest.h>

#include "returnloop/clearing.hpp"

using namespace returnloop;

namespace {
Rule rule(const char* id, std::uint8_t materials, std::int64_t deposit, int from_days, std::optional<int> until_days = {}) {
    Rule r;
    r.id = id;
    r.from = Date{from_days};
    if (until_days) r.until = Date{*until_days};
    r.material_mask = materials;
    r.deposit_minor = deposit;
    r.refund_minor = deposit;
    return r;
}
constexpr std::uint8_t bit(Material m) { return static_cast<std::uint8_t>(1u << static_cast<int>(m)); }
}  // namespace

TEST_CASE("handling fees payable") {
    SUBCASE("accrued millionths are rounded once, half up, to whole cents") {
        CHECK(handling_fees_payable(15900, Currency::EUR) == Money{2, Currency::EUR});   // 1.59 cents
        CHECK(handling_fees_payable(15000, Currency::EUR) == Money{2, Currency::EUR});   // exactly half
        CHECK(handling_fees_payable(14999, Currency::EUR) == Money{1, Currency::EUR});
        CHECK(handling_fees_payable(1000 * 15900, Currency::EUR) == Money{1590, Currency::EUR});  // 1,000 x EUR 0.0159
    }
    SUBCASE("currencies without minor units round to whole units") {
        CHECK(handling_fees_payable(1500000, Currency::JPY) == Money{2, Currency::JPY});
        CHECK(handling_fees_payable(0, Currency::KRW) == Money{0, Currency::KRW});
    }
}

TEST_CASE("materials for amounts") {
    Scheme s;
    s.rules = {rule("cans", bit(Material::aluminium) | bit(Material::steel), 25, 100),
               rule("plastic", bit(Material::pet), 25, 100, 200),
               rule("refill", bit(Material::glass), 8, 100)};
    SUBCASE("the union of every rule in force that charges those amounts") {
        CHECK(materials_for_amounts(s, 25, 25, Date{150}) == std::vector<Material>{Material::pet, Material::aluminium, Material::steel});
        CHECK(materials_for_amounts(s, 8, 8, Date{150}) == std::vector<Material>{Material::glass});
    }
    SUBCASE("a rule no longer in force does not count") {
        CHECK(materials_for_amounts(s, 25, 25, Date{200}) == std::vector<Material>{Material::aluminium, Material::steel});
    }
    SUBCASE("amounts no rule charges have no material") {
        CHECK(materials_for_amounts(s, 10, 10, Date{150}).empty());
        CHECK(materials_for_amounts(s, 25, 25, Date{50}).empty());
    }
}
