// The return-rate model: money conversion, the committed coefficients refit from the data, calibration of the
// 80% interval measured by nested leave-one-jurisdiction-out, predictions for schemes and what-ifs, bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "../../core/src/return_model_math.hpp"
#include "impact_fixtures.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/return_model_fit.hpp"

using namespace returnloop;
using returnloop::test::conversions;
using returnloop::test::model;

namespace {

const FitResult& refit() {
    static const FitResult fit = [] {
        auto data = collect_observations(test::asset_text("model/observations.json"), test::all_schemes(), conversions());
        REQUIRE_MESSAGE(data.ok(), data.error().path << ": " << data.error().message);
        auto f = fit_return_model(*data, conversions());
        REQUIRE_MESSAGE(f.ok(), f.error().message);
        return *f;
    }();
    return fit;
}

}  // namespace

TEST_CASE("deposits in a common real value") {
    const Conversions& c = conversions();
    CHECK(c.reference_year == 2022);
    SUBCASE("a 2022 US dime is 0.10") { CHECK(*real_usd(c, 0.10, "USD", 2022) == doctest::Approx(0.10)); }
    SUBCASE("Michigan's 10c in 2004 was worth 15.5 cents of 2022 (CPI-U 188.9 -> 292.655)") {
        CHECK(*real_usd(c, 0.10, "USD", 2004) == doctest::Approx(0.10 * 292.655 / 188.9));
    }
    SUBCASE("EUR 0.25 at the 10 May 2022 fixing is 26.4 cents (deposit-data.md: 0.264)") {
        CHECK(*real_usd(c, 0.25, "EUR", 2022) == doctest::Approx(0.264).epsilon(0.001));
    }
    SUBCASE("AUD 0.10 is 7.0 cents (deposit-data.md: 0.070)") {
        CHECK(*real_usd(c, 0.10, "AUD", 2022) == doctest::Approx(0.070).epsilon(0.01));
    }
    SUBCASE("a currency the euro replaced converts through its fixed euro rate (1 EUR = 15.6466 EEK = 3.4528 LTL)") {
        CHECK(*real_usd(c, 15.6466, "EEK", 2022) == doctest::Approx(*real_usd(c, 1, "EUR", 2022)));
        CHECK(*real_usd(c, 3.4528, "LTL", 2022) == doctest::Approx(*real_usd(c, 1, "EUR", 2022)));
        CHECK(*real_usd(c, 0.50, "EEK", 2008) == doctest::Approx(0.50 / 15.6466 * 1.0554 * 292.655 / 215.303).epsilon(0.001));
        // The kuna is in the 10 May 2022 snapshot itself, which takes precedence (0.1401 = 1.0554 / 7.5345 to 0.1%).
        CHECK(*real_usd(c, 1, "HRK", 2022) == doctest::Approx(0.1401));
        // The markka and the guilder went in 2002 (1 EUR = 5.94573 FIM = 2.20371 NLG).
        CHECK(*real_usd(c, 5.94573, "FIM", 2022) == doctest::Approx(*real_usd(c, 1, "EUR", 2022)));
        CHECK(*real_usd(c, 2.20371, "NLG", 2022) == doctest::Approx(*real_usd(c, 1, "EUR", 2022)));
        CHECK(*real_usd(c, 1, "FIM", 2001) == doctest::Approx(1 / 5.94573 * 1.0554 * 292.655 / 177.1).epsilon(0.001));
    }
    SUBCASE("years after the CPI table use its last year; before it, and unknown currencies, are errors") {
        CHECK(*real_usd(c, 1, "USD", 2030) == doctest::Approx(*real_usd(c, 1, "USD", c.cpi_last_year())));
        CHECK(real_usd(c, 1, "USD", 1990).error().path == "year");
        CHECK(real_usd(c, 1, "NZD", 2022).error().path == "currency");
        CHECK(real_usd(c, 1, "TRY", 2022).error().path == "currency");
    }
}

TEST_CASE("the committed model is what the data gives") {
    // Refits from assets/model/observations.json, every scheme file's returnRates and the conversion table;
    // if this fails, the data changed: run `cmake --build <build dir> --target fit_model` and commit assets/model/.
    const ReturnModel& committed = model();
    const ReturnModel& fresh = refit().model;
    CHECK(committed.conversion_id == conversions().id);
    CHECK(committed.data_fingerprint == fresh.data_fingerprint);
    CHECK(committed.intercept == doctest::Approx(fresh.intercept).epsilon(1e-12));
    CHECK(committed.b_log_refund == doctest::Approx(fresh.b_log_refund).epsilon(1e-12));
    CHECK(committed.b_return_to_retail == doctest::Approx(fresh.b_return_to_retail).epsilon(1e-12));
    CHECK(committed.b_newness == doctest::Approx(fresh.b_newness).epsilon(1e-12));
    CHECK(committed.lower_logit_offset == doctest::Approx(fresh.lower_logit_offset).epsilon(1e-12));
    CHECK(committed.upper_logit_offset == doctest::Approx(fresh.upper_logit_offset).epsilon(1e-12));
    CHECK(committed.loo_rmse_pp == doctest::Approx(fresh.loo_rmse_pp).epsilon(1e-12));
    CHECK(committed.nested_coverage == doctest::Approx(fresh.nested_coverage).epsilon(1e-12));
    CHECK(committed.observations == fresh.observations);
    CHECK(committed.jurisdictions == fresh.jurisdictions);
}

TEST_CASE("the 80% interval is calibrated on places the fit has not seen") {
    const FitResult& fit = refit();
    const ReturnModel& m = fit.model;
    REQUIRE(m.observations >= 20);
    REQUIRE(m.jurisdictions >= 15);
    SUBCASE("nested leave-one-jurisdiction-out coverage is near 80%, neither decorative nor useless") {
        CHECK(m.nested_coverage >= 0.70);
        CHECK(m.nested_coverage <= 0.90);
        CHECK(fit.nested_coverage_unweighted >= 0.70);
        CHECK(fit.nested_coverage_unweighted <= 0.90);
        CHECK(m.mean_width_pp < 45);  // an interval wider than this would say nothing
    }
    SUBCASE("the deposit's real value predicts better than the average alone") {
        CHECK(m.loo_rmse_pp < fit.baseline_loo_rmse_pp);
        CHECK(m.b_log_refund > 0);
    }
    SUBCASE("coverage counted point by point agrees with the stored figure") {
        MESSAGE("observations " << m.observations << ", jurisdictions " << m.jurisdictions << ", LOO RMSE "
                                << m.loo_rmse_pp << " pp, MAE " << m.loo_mae_pp << " pp, nested coverage "
                                << m.nested_coverage << " (points: " << fit.nested_coverage_unweighted
                                << "), mean width " << m.mean_width_pp << " pp");
        double covered = 0, total = 0;
        auto data = collect_observations(test::asset_text("model/observations.json"), test::all_schemes(), conversions());
        REQUIRE(data.ok());
        REQUIRE(data->used.size() == fit.points.size());
        for (std::size_t i = 0; i < fit.points.size(); ++i) {
            const LooPoint& p = fit.points[i];
            bool inside = data->used[i].rate >= p.nested_low - 1e-12 && data->used[i].rate <= p.nested_high + 1e-12;
            CHECK(inside == p.covered);
            covered += inside ? data->used[i].weight : 0;
            total += data->used[i].weight;
        }
        CHECK(covered / total == doctest::Approx(m.nested_coverage));
    }
}

TEST_CASE("the fitter recovers known coefficients and refuses what it cannot fit") {
    ObservationSet synthetic;
    synthetic.config.model_id = "synthetic";
    synthetic.config.use_return_to_retail = true;
    synthetic.config.use_newness = false;
    synthetic.config.basket = {{{Material::aluminium, 355, Category::soft_drink, false}, 1.0}};
    for (int j = 0; j < 12; ++j) {
        for (int k = 0; k < 3; ++k) {
            FitObservation o;
            o.jurisdiction = "j" + std::to_string(j);
            o.year = 2010 + k;
            o.features.real_refund_usd = 0.03 + 0.01 * j + 0.004 * k;
            o.features.return_to_retail = j % 2 == 0;
            o.rate = detail::logistic(4.0 + 1.25 * std::log(o.features.real_refund_usd) + (o.features.return_to_retail ? 0.3 : 0));
            o.weight = 1 / std::sqrt(3.0);
            synthetic.used.push_back(o);
        }
    }
    auto fit = fit_return_model(synthetic, conversions());
    REQUIRE(fit.ok());
    CHECK(fit->model.intercept == doctest::Approx(4.0).epsilon(1e-9));
    CHECK(fit->model.b_log_refund == doctest::Approx(1.25).epsilon(1e-9));
    CHECK(fit->model.b_return_to_retail == doctest::Approx(0.3).epsilon(1e-9));
    CHECK(fit->model.loo_rmse_pp < 1e-6);
    synthetic.used.resize(5);
    CHECK_FALSE(fit_return_model(synthetic, conversions()).ok());
}

TEST_CASE("predictions for a scheme from its rules and a date") {
    const ReturnModel& m = model();
    SUBCASE("Oregon 2023: 10 cents (9.6 cents of 2022), with the published 90.5% beside it") {
        auto p = predict_return_rate(m, conversions(), test::scheme("us-or"), date_from_ymd(2023, 7, 1));
        REQUIRE(p.ok());
        CHECK(p->features.refund_major == doctest::Approx(0.10));
        CHECK(p->features.currency == "USD");
        CHECK(p->features.real_refund_usd == doctest::Approx(0.10 * 292.655 / 304.702));
        CHECK(p->low < p->rate);
        CHECK(p->rate < p->high);
        CHECK(p->level == 0.8);
        REQUIRE(p->latest_observed.has_value());
        CHECK(p->latest_observed->year == 2023);
        CHECK(p->latest_observed->rate == doctest::Approx(0.905));
        CHECK(p->logit == doctest::Approx(m.intercept + m.b_log_refund * std::log(p->features.real_refund_usd) +
                                          (m.uses_return_to_retail ? m.b_return_to_retail : 0)));
    }
    SUBCASE("Oregon's 2017 doubling raises the prediction") {
        auto before = predict_return_rate(m, conversions(), test::scheme("us-or"), date_from_ymd(2015, 7, 1));
        auto after = predict_return_rate(m, conversions(), test::scheme("us-or"), date_from_ymd(2018, 7, 1));
        REQUIRE(before.ok());
        REQUIRE(after.ok());
        CHECK(after->rate > before->rate + 0.05);
    }
    SUBCASE("Michigan's dime loses real value, and the prediction falls with it") {
        auto y2004 = predict_return_rate(m, conversions(), test::scheme("us-mi"), date_from_ymd(2004, 7, 1));
        auto y2023 = predict_return_rate(m, conversions(), test::scheme("us-mi"), date_from_ymd(2023, 7, 1));
        REQUIRE(y2004.ok());
        REQUIRE(y2023.ok());
        CHECK(y2004->rate > y2023->rate);
    }
    SUBCASE("the hypothetical China pilot converts yuan at the snapshot") {
        auto p = predict_return_rate(m, conversions(), test::scheme("cn-pilot"), date_from_ymd(2026, 7, 1));
        REQUIRE(p.ok());
        CHECK(p->features.currency == "CNY");
        CHECK(p->features.real_refund_usd == doctest::Approx(p->features.refund_major * 0.1488 * 292.655 / 313.689));
        CHECK_FALSE(p->latest_observed.has_value());
    }
    SUBCASE("a date before the scheme's rules is an error, not a guess") {
        auto p = predict_return_rate(m, conversions(), test::scheme("cn-pilot"), date_from_ymd(2024, 7, 1));
        REQUIRE_FALSE(p.ok());
        CHECK(p.error().path == "date");
    }
}

TEST_CASE("what-if predictions") {
    const ReturnModel& m = model();
    auto at = [&](std::int64_t cents) {
        WhatIfDeposit w;
        w.refund = Money{cents, Currency::USD};
        w.year = 2022;
        auto p = predict_return_rate(m, conversions(), w);
        REQUIRE(p.ok());
        return *p;
    };
    SUBCASE("more deposit, more returns; the interval always holds the point") {
        double last = 0;
        for (std::int64_t cents : {2, 5, 10, 15, 25, 50}) {
            RatePrediction p = at(cents);
            CHECK(p.rate > last);
            CHECK(p.low < p.rate);
            CHECK(p.high > p.rate);
            last = p.rate;
        }
    }
    SUBCASE("a what-if in another currency and year goes through the same conversion") {
        WhatIfDeposit w;
        w.refund = Money{25, Currency::EUR};
        w.year = 2022;
        auto eur = predict_return_rate(m, conversions(), w);
        REQUIRE(eur.ok());
        CHECK(eur->features.real_refund_usd == doctest::Approx(0.25 * 1.0554));
    }
    SUBCASE("bad what-ifs are refused with the field named") {
        WhatIfDeposit w;
        w.refund = Money{0, Currency::USD};
        CHECK(predict_return_rate(m, conversions(), w).error().path == "refund");
        w.refund = Money{-5, Currency::USD};
        CHECK(predict_return_rate(m, conversions(), w).error().path == "refund");
        w.refund = Money{10, Currency::NZD};
        CHECK(predict_return_rate(m, conversions(), w).error().path == "currency");
        w.refund = Money{10, Currency::USD};
        w.years_in_force = std::nan("");
        CHECK(predict_return_rate(m, conversions(), w).error().path == "yearsInForce");
    }
}

TEST_CASE("model and observation files are checked") {
    SUBCASE("a model file with a misspelt coefficient is refused") {
        std::string text = test::asset_text("model/return_rate.json");
        auto pos = text.find("\"logRealRefundUsd\"");
        REQUIRE(pos != std::string::npos);
        text.replace(pos, 18, "\"logRealRefundUSD\"");
        auto parsed = parse_return_model(text);
        CHECK_FALSE(parsed.model.has_value());
    }
    SUBCASE("an observation with a rate of 1 cannot enter a logit fit") {
        std::string obs = R"({"model": {"id": "m", "newnessYears": 5, "covariates": {"returnToRetail": false, "newness": false},
            "level": 0.8, "basketBasis": "b", "basket": [{"material": "aluminium", "volumeMl": 355, "category": "beer", "weight": 1}]},
            "observations": [{"jurisdiction": "x", "year": 2020, "rate": 1, "refund": "0.05", "currency": "USD",
            "returnToRetail": true, "started": "2000-01-01", "source": "s"}]})";
        auto r = collect_observations(obs, {}, conversions());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().path == "observations.json: observations[0].rate");
    }
    SUBCASE("a model fitted with another conversion table is not used with this one") {
        ReturnModel other = model();
        other.conversion_id = "something-else";
        WhatIfDeposit w;
        w.refund = Money{10, Currency::USD};
        CHECK(predict_return_rate(other, conversions(), w).error().path == "conversion");
    }
}

TEST_CASE("platform-identical exp and log agree with the C library to the last bits") {
    for (double x : {-30.0, -5.5, -1.0, -1e-8, 0.0, 0.3, 1.0, 2.5, 10.0, 700.0}) {
        CHECK(detail::det_exp(x) == doctest::Approx(std::exp(x)).epsilon(4e-16));
    }
    for (double x : {1e-300, 1e-5, 0.04, 0.5, 0.7071, 1.0, 1.5, 10.0, 12345.678, 1e300}) {
        double expected = std::log(x);
        CHECK(std::fabs(detail::det_log(x) - expected) <= 4e-16 * std::fmax(1.0, std::fabs(expected)));
    }
    CHECK(detail::normal_quantile(0.9) == doctest::Approx(1.2815515655446004).epsilon(1e-8));
    CHECK(detail::normal_quantile(0.001) == doctest::Approx(-3.090232306167813).epsilon(1e-8));
}
