// The use cases the faces ask for: a household's figures (left on the table included), a what-if deposit, the data
// set a face loads, and the one input limit.
#include <doctest/doctest.h>

#include "impact_fixtures.hpp"
#include "returnloop/data_set.hpp"
#include "returnloop/household_figures.hpp"
#include "returnloop/input_limits.hpp"
#include "returnloop/what_if.hpp"

using namespace returnloop;
using namespace returnloop::test;

namespace {

HouseholdParams cans_a_week(std::uint32_t count, Period per = Period::week) {
    HouseholdParams p;
    p.lines = {{{Material::aluminium, 355, Category::soft_drink, false}, count, per, std::nullopt}};
    p.date = date_from_ymd(2024, 7, 1);
    p.draws = 0;
    return p;
}

struct Figures {
    RateChoice rate;
    HouseholdResult year;
};
Result<Figures> household_of(const Scheme& scheme, HouseholdParams params, std::optional<double> user_rate,
                             const ReturnModel* m, const Conversions* c) {
    RateChoice rate;
    auto year = household_figures(scheme, factors(), params, user_rate, m, c, rate);
    if (!year) return year.error();
    return Figures{rate, year.value()};
}

}  // namespace

TEST_CASE("household_figures: the chosen rate, and what is left on the table") {
    SUBCASE("Oregon at the person's 90%: 52 cans a year unreturned of 520, 10c each") {
        auto h = household_of(scheme("us-or"), cans_a_week(10), 0.9, &model(), &conversions());
        REQUIRE(h.ok());
        CHECK(h->rate.basis == RateBasis::user);
        CHECK(h->year.left_on_table == Money{520, Currency::USD});
        CHECK(h->year.left_on_table.minor == h->year.unreturned_at_rate.minor + h->year.non_refundable_fees.minor);
    }
    SUBCASE("without a person's rate the latest published one is used") {
        auto h = household_of(scheme("us-or"), cans_a_week(10), std::nullopt, &model(), &conversions());
        REQUIRE(h.ok());
        CHECK(h->rate.basis == RateBasis::observed);
    }
    SUBCASE("a rate out of 0..1 is refused at returnRate") {
        auto h = household_of(scheme("us-or"), cans_a_week(10), 1.5, &model(), &conversions());
        REQUIRE_FALSE(h.ok());
        CHECK(h.error().path == "returnRate");
    }
}

TEST_CASE("the input limit is one value: a week's count, and as many a year on a month's or a year's line") {
    const Scheme oregon = scheme("us-or");
    CHECK(household_of(oregon, cans_a_week(kMaxContainersPerWeek), 0.9, nullptr, nullptr).ok());
    auto over = household_of(oregon, cans_a_week(kMaxContainersPerWeek + 1), 0.9, nullptr, nullptr);
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().code == ErrorCode::too_many);
    CHECK(over.error().path == "lines[0].count");
    CHECK(household_of(oregon, cans_a_week(kMaxContainersPerYear, Period::year), 0.9, nullptr, nullptr).ok());
    CHECK_FALSE(household_of(oregon, cans_a_week(kMaxContainersPerYear + 1, Period::year), 0.9, nullptr, nullptr).ok());
}

TEST_CASE("project_what_if_deposit: the model's rate at the refund, projected over the basket") {
    WhatIfRequest request;
    request.deposit.refund = Money{10, Currency::CNY};
    request.containers_per_year = 141'000'000'000;
    request.options.date = date_from_ymd(2024, 7, 1);
    CHECK(request.options.draws == kWhatIfDraws);
    auto r = project_what_if_deposit(model(), conversions(), factors(), request);
    REQUIRE(r.ok());
    CHECK(r->projection.placed == doctest::Approx(141'000'000'000).epsilon(0.001));
    CHECK(r->prediction.rate > 0);
    CHECK(r->prediction.rate < 1);
    SUBCASE("containers the basket cannot hold are the containers' error") {
        request.containers_per_year = 100'000'000'000'000;
        auto big = project_what_if_deposit(model(), conversions(), factors(), request);
        REQUIRE_FALSE(big.ok());
        CHECK(big.error().code == ErrorCode::too_many);
        CHECK(big.error().path == "containersPerYear");
    }
}

TEST_CASE("DataSet loads files and snapshots, and finds presets and drafts") {
    DataSet data;
    const DataLoad oregon = data.load_file("schemes/us-or.json", asset_text("schemes/us-or.json"));
    CHECK(oregon.errors.empty());
    CHECK(oregon.id == "us-or");
    CHECK(data.scheme("us-or").ok());
    CHECK(data.scheme("nowhere").error().code == ErrorCode::unknown_scheme);
    CHECK(data.need_factors().has_value());
    SUBCASE("a preset's snapshot loads into another data set") {
        DataSet other;
        CHECK(other.load_snapshot(data.snapshot("schemes/us-or")).id == "us-or");
        CHECK(other.scheme("us-or").ok());
    }
    SUBCASE("a kept draft is user:<id>; a checked one is not kept") {
        CHECK(data.check_draft(asset_text("schemes/de.json"), false).id == "de");
        CHECK_FALSE(data.scheme("user:de").ok());
        CHECK(data.check_draft(asset_text("schemes/de.json"), true).id == "user:de");
        CHECK(data.scheme("user:de").ok());
    }
    SUBCASE("an unknown file is refused; a bad one names itself") {
        CHECK(data.load_file("other/x.json", "{}").errors.size() == 1);
        const DataLoad bad = data.load_file("schemes/x.json", "{");
        CHECK(bad.prefix == "schemes/x.json");
        CHECK_FALSE(bad.errors.empty());
    }
}
