// The deposit decision on real scheme files (read from assets/schemes, as the kiosk reads them): decide()
// over every kind of container, and parsing the scheme file itself.
#include <benchmark/benchmark.h>

#include <optional>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "returnloop/scheme.hpp"

namespace {

using namespace returnloop;

std::optional<Scheme> load_scheme(benchmark::State& state, const std::string& id, std::string* text = nullptr) {
    const std::string path = std::string(RETURNLOOP_ASSETS_DIR) + "/schemes/" + id + ".json";
    const std::optional<std::string> json = bench::read_file(path);
    if (!json) {
        state.SkipWithError(("cannot read " + path).c_str());
        return std::nullopt;
    }
    SchemeParse parse = parse_scheme(*json);
    if (!parse.scheme) {
        state.SkipWithError((path + " does not validate: " + parse.errors.at(0).path + ": " +
                             parse.errors.at(0).message)
                                .c_str());
        return std::nullopt;
    }
    if (text) *text = *json;
    return std::move(parse.scheme);
}

// Every material x category x refillable at volumes around the usual thresholds: 7 * 8 * 2 * 6 = 672.
std::vector<Container> every_container() {
    std::vector<Container> containers;
    for (int m = 0; m < kMaterialCount; ++m) {
        for (int c = 0; c < kCategoryCount; ++c) {
            for (const bool refillable : {false, true}) {
                for (const std::uint32_t ml : {50u, 200u, 330u, 710u, 1500u, 4000u}) {
                    containers.push_back(Container{static_cast<Material>(m), ml, static_cast<Category>(c), refillable});
                }
            }
        }
    }
    return containers;
}

void BM_Decide(benchmark::State& state, const std::string& id) {
    const std::optional<Scheme> scheme = load_scheme(state, id);
    if (!scheme) return;
    const std::vector<Container> containers = every_container();
    const Date date = date_from_ymd(2025, 6, 1);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(decide(*scheme, containers[i], date));
        if (++i == containers.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["rules"] = static_cast<double>(scheme->rules.size());
}
BENCHMARK_CAPTURE(BM_Decide, de, std::string("de"));
BENCHMARK_CAPTURE(BM_Decide, us_ca, std::string("us-ca"));

void BM_ParseScheme(benchmark::State& state, const std::string& id) {
    std::string json;
    if (!load_scheme(state, id, &json)) return;
    for (auto _ : state) benchmark::DoNotOptimize(parse_scheme(json));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}
BENCHMARK_CAPTURE(BM_ParseScheme, de, std::string("de"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ParseScheme, us_ca, std::string("us-ca"))->Unit(benchmark::kMicrosecond);

}  // namespace
