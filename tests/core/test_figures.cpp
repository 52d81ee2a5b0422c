// figures: whether a scheme is in force on a day, which return rate a projection uses (the user's, the latest
// published, the model's), the what-if basket spread, and the sources each impact figure rests on.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "impact_fixtures.hpp"
#include "returnloop/figures.hpp"

using namespace returnloop;
using namespace returnloop::test;

TEST_CASE("in_force_on") {
    SUBCASE("Germany is in force today, and was not before its first rule in 2003") {
        const Scheme de = scheme("de");
        CHECK(in_force_on(de, date_from_ymd(2024, 6, 1)));
        CHECK_FALSE(in_force_on(de, date_from_ymd(2002, 12, 31)));
        CHECK(in_force_on(de, date_from_ymd(2003, 1, 1)));
    }
    SUBCASE("a planned or hypothetical scheme is never in force, whatever its rules") {
        CHECK_FALSE(in_force_on(scheme("gb"), date_from_ymd(2030, 1, 1)));
        CHECK_FALSE(in_force_on(scheme("cn-pilot"), date_from_ymd(2030, 1, 1)));
    }
    SUBCASE("a rule's until day is the first day it no longer applies") {
        Scheme s = scheme("de");
        for (Rule& r : s.rules) r.until = date_from_ymd(2010, 1, 1);
        CHECK(in_force_on(s, date_from_ymd(2009, 12, 31)));
        CHECK_FALSE(in_force_on(s, date_from_ymd(2010, 1, 1)));
    }
}

TEST_CASE("choose_return_rate") {
    const Date day = date_from_ymd(2024, 6, 1);
    SUBCASE("a user's rate wins, without a band") {
        auto r = choose_return_rate(scheme("us-or"), day, 0.5, &model(), &conversions());
        REQUIRE(r.ok());
        CHECK(r->basis == RateBasis::user);
        CHECK(r->input.rate == 0.5);
        CHECK(r->input.low == 0.5);
        CHECK(r->year == 0);
        CHECK(rate_basis_id(r->basis) == "user");
    }
    SUBCASE("a user's rate outside 0..1 (or NaN) is an error at returnRate") {
        for (double bad : {-0.1, 1.01, std::numeric_limits<double>::quiet_NaN()}) {
            auto r = choose_return_rate(scheme("us-or"), day, bad, &model(), &conversions());
            REQUIRE_FALSE(r.ok());
            CHECK(r.error().path == "returnRate");
            CHECK(r.error().message == "returnRate must be a number from 0 to 1");
        }
    }
    SUBCASE("without one, Oregon's latest published rate (OBRC 2023: 90.5%) is used") {
        const Scheme s = scheme("us-or");
        const ReturnRateObservation* latest = latest_return_rate(s);
        REQUIRE(latest != nullptr);
        auto r = choose_return_rate(s, day, std::nullopt, nullptr, nullptr);
        REQUIRE(r.ok());
        CHECK(r->basis == RateBasis::observed);
        CHECK(r->year == latest->year);
        CHECK(r->input.rate == latest->rate);
        for (const ReturnRateObservation& o : s.return_rates) CHECK(o.year <= latest->year);
    }
    SUBCASE("a scheme with no published rate gets the model's estimate with its 80% interval") {
        const Scheme s = scheme("ie");
        REQUIRE(s.return_rates.empty());
        auto r = choose_return_rate(s, day, std::nullopt, &model(), &conversions());
        REQUIRE(r.ok());
        CHECK(r->basis == RateBasis::model);
        CHECK(r->year == 2024);
        auto p = predict_return_rate(model(), conversions(), s, day);
        REQUIRE(p.ok());
        CHECK(r->input.rate == p->rate);
        CHECK(r->input.low < r->input.rate);
        CHECK(r->input.rate < r->input.high);
    }
    SUBCASE("and without a model that is an error naming returnRate") {
        auto r = choose_return_rate(scheme("ie"), day, std::nullopt, nullptr, nullptr);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().path == "returnRate");
    }
}

TEST_CASE("basket_lines spreads a what-if's containers by the model's basket weights") {
    const ReturnModel& m = model();
    REQUIRE_FALSE(m.basket.empty());
    auto lines = basket_lines(m, 1'000'000);
    REQUIRE(lines.size() == m.basket.size());
    double total_weight = 0;
    for (const BasketItem& b : m.basket) total_weight += b.weight;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CHECK(lines[i].container.material == m.basket[i].container.material);
        CHECK(std::llabs(lines[i].placed - std::llround(1e6 * m.basket[i].weight / total_weight)) == 0);
        sum += lines[i].placed;
    }
    CHECK(std::llabs(sum - 1'000'000) <= static_cast<std::int64_t>(lines.size()));  // per-line rounding only
}

TEST_CASE("factor_source_ids names each figure's sources once, all of them known") {
    const ImpactFactors& f = factors();
    const FactorSourceIds ids = factor_source_ids(f, "warm-v16", "cn-ets-2023");
    CHECK_FALSE(ids.co2.empty());
    CHECK_FALSE(ids.energy.empty());
    CHECK_FALSE(ids.equivalents.empty());
    REQUIRE(ids.carbon_price.size() == 1);
    for (const auto* group : {&ids.co2, &ids.energy, &ids.equivalents, &ids.carbon_price}) {
        for (std::size_t i = 0; i < group->size(); ++i) {
            CHECK(f.find_source((*group)[i]) != nullptr);
            CHECK(std::count(group->begin(), group->end(), (*group)[i]) == 1);
            CHECK(std::count(ids.all_ids.begin(), ids.all_ids.end(), (*group)[i]) == 1);
        }
    }
    // An unknown set or price contributes nothing, rather than failing: the projection reports those by name.
    const FactorSourceIds none = factor_source_ids(f, "no-such-set", "no-such-price");
    CHECK(none.carbon_price.empty());
    CHECK(none.co2.size() < ids.co2.size() + 1);
}
