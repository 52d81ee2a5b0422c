// Benchmarks of the models: the web calculator's full recompute (household + scheme projection, each with a
// 10,000-draw band; target <= 5 ms median), a prediction, and the kiosk's "impact of this session so far".
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "bench_support.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace {

using namespace returnloop;

std::string asset(const std::string& relative) {
    auto text = bench::read_file(std::string(RETURNLOOP_ASSETS_DIR) + "/" + relative);
    if (!text) throw std::runtime_error("cannot read assets/" + relative);
    return *text;
}

struct Models {
    ImpactFactors factors;
    Conversions conversions;
    ReturnModel model;
    Scheme oregon;
    Models() {
        std::string e = asset("factors/emission_factors.json"), m = asset("factors/container_masses.json"),
                    en = asset("factors/energy.json"), eq = asset("factors/equivalents.json"),
                    p = asset("factors/carbon_prices.json");
        auto f = parse_impact_factors({e, m, en, eq, p});
        auto c = parse_conversions(asset("factors/money_conversion.json"));
        auto r = parse_return_model(asset("model/return_rate.json"));
        auto s = parse_scheme(asset("schemes/us-or.json"));
        if (!f.factors || !c.conversions || !r.model || !s.scheme) throw std::runtime_error("model assets do not parse");
        factors = std::move(*f.factors);
        conversions = std::move(*c.conversions);
        model = std::move(*r.model);
        oregon = std::move(*s.scheme);
    }
};

const Models& models() {
    static const Models m;
    return m;
}

Container can() { return {Material::aluminium, 355, Category::soft_drink, false}; }
Container water() { return {Material::pet, 500, Category::water, false}; }
Container beer() { return {Material::glass, 330, Category::beer, false}; }

HouseholdParams household_params(RateInput rate) {
    HouseholdParams h;
    h.lines = {{can(), 12, Period::week, std::nullopt}, {water(), 6, Period::week, std::nullopt},
               {beer(), 6, Period::week, std::nullopt}};
    h.date = date_from_ymd(2024, 7, 1);
    h.return_rate = rate;
    h.draws = 10000;
    return h;
}

ProjectionParams scheme_params(RateInput rate) {
    ProjectionParams p;
    p.lines = {{can(), 1'200'000'000, std::nullopt},
               {water(), 800'000'000, std::nullopt},
               {{Material::pet, 1500, Category::soft_drink, false}, 300'000'000, std::nullopt},
               {beer(), 400'000'000, std::nullopt},
               {{Material::steel, 330, Category::soft_drink, false}, 50'000'000, std::nullopt}};
    p.date = date_from_ymd(2024, 7, 1);
    p.return_rate = rate;
    p.draws = 10000;
    return p;
}

// What the web calculator does on each input: predict the rate, then both projections with their bands.
void BM_FullRecompute(benchmark::State& state) {
    const Models& m = models();
    for (auto _ : state) {
        auto rate = predict_return_rate(m.model, m.conversions, m.oregon, date_from_ymd(2024, 7, 1));
        auto h = household(m.oregon, m.factors, household_params(rate_input(*rate)));
        auto p = project(m.oregon, m.factors, scheme_params(rate_input(*rate)));
        benchmark::DoNotOptimize(h);
        benchmark::DoNotOptimize(p);
    }
}
BENCHMARK(BM_FullRecompute)->Unit(benchmark::kMillisecond);

void BM_SchemeProjection10k(benchmark::State& state) {
    const Models& m = models();
    ProjectionParams p = scheme_params({0.8, 0.65, 0.9});
    for (auto _ : state) benchmark::DoNotOptimize(project(m.oregon, m.factors, p));
}
BENCHMARK(BM_SchemeProjection10k)->Unit(benchmark::kMillisecond);

void BM_PredictReturnRate(benchmark::State& state) {
    const Models& m = models();
    for (auto _ : state)
        benchmark::DoNotOptimize(predict_return_rate(m.model, m.conversions, m.oregon, date_from_ymd(2024, 7, 1)));
}
BENCHMARK(BM_PredictReturnRate);

// The kiosk's running total: CO2e of a 40-container session.
void BM_SessionImpact(benchmark::State& state) {
    const Models& m = models();
    std::vector<ImpactItem> items{{can(), 24, std::nullopt}, {water(), 10, std::nullopt}, {beer(), 6, std::nullopt}};
    for (auto _ : state) benchmark::DoNotOptimize(compute_impact(m.factors, items, "warm-v16"));
}
BENCHMARK(BM_SessionImpact);

}  // namespace
