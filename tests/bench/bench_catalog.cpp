// Catalog benchmarks: loading a national-size register (10^6 rows: time, peak and retained resident memory)
// and GTIN lookups (random over the whole register, hot in cache, and unregistered codes).
// Targets (reported, never asserted): load <= 0.5 s and <= 40 MB extra resident memory; lookup <= 100 ns.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "returnloop/catalog.hpp"

namespace {

using namespace returnloop;

constexpr std::size_t kRows = 1000000;
constexpr double kMiB = 1024.0 * 1024.0;

struct Register {
    std::string csv;
    std::vector<std::uint64_t> keys;  // file order
};

const Register& generated() {
    static const Register data = [] {
        Register r;
        r.csv = bench::generate_register(kRows, &r.keys);
        return r;
    }();
    return data;
}

const Catalog& loaded() {
    static const Catalog catalog = [] {
        CatalogParse parse = parse_catalog(generated().csv);
        return std::move(*parse.catalog);
    }();
    return catalog;
}

void BM_CatalogLoad(benchmark::State& state) {
    const std::string& csv = generated().csv;

    // Memory, measured once per process before anything else has loaded a catalog (later runs would reuse
    // heap pages freed by earlier ones and understate it): the peak while loading and what the catalog keeps,
    // both relative to the resident size with the CSV text already in memory.
    struct Probe {
        std::string error;
        bool peak_reset = false;
        std::size_t rows = 0;
        double peak_delta = 0;
        double retained_delta = 0;
    };
    static const Probe probe = [&csv] {
        Probe p;
        p.peak_reset = bench::reset_peak_resident();
        const std::uint64_t before = bench::resident_bytes();
        const CatalogParse parse = parse_catalog(csv);
        if (!parse.catalog) {
            p.error = "generated register did not load: " + parse.errors.at(0).path + ": " + parse.errors.at(0).message;
            return p;
        }
        p.rows = parse.catalog->size();
        p.peak_delta = static_cast<double>(bench::peak_resident_bytes() - before) / kMiB;
        p.retained_delta = static_cast<double>(bench::resident_bytes() - before) / kMiB;
        return p;
    }();
    if (!probe.error.empty()) {
        state.SkipWithError(probe.error.c_str());
        return;
    }
    const std::size_t rows = probe.rows;

    std::optional<CatalogParse> parse;
    for (auto _ : state) {
        parse = parse_catalog(csv);
        benchmark::DoNotOptimize(parse->catalog->size());
        state.PauseTiming();
        parse.reset();  // freeing is not part of loading
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
    state.counters["rows"] = static_cast<double>(rows);
    state.counters["csv_MiB"] = static_cast<double>(csv.size()) / kMiB;
    state.counters["peak_rss_delta_MiB"] = probe.peak_delta;
    state.counters["retained_rss_delta_MiB"] = probe.retained_delta;
    state.counters["peak_reset_ok"] = probe.peak_reset ? 1 : 0;  // 0: VmHWM could not be reset, peak may be overstated
}
BENCHMARK(BM_CatalogLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

// Random keys over the whole register: each lookup misses the CPU caches, the worst case of a kiosk.
void BM_CatalogFindRandom(benchmark::State& state) {
    const Catalog& catalog = loaded();
    std::vector<std::uint64_t> keys = generated().keys;
    std::shuffle(keys.begin(), keys.end(), std::mt19937_64(20240601));
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(catalog.find(keys[i]));
        if (++i == keys.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CatalogFindRandom);

// The same 1024 products again and again: a store's usual assortment, warm in cache.
void BM_CatalogFindHot(benchmark::State& state) {
    const Catalog& catalog = loaded();
    std::vector<std::uint64_t> keys(generated().keys.begin(), generated().keys.begin() + 1024);
    std::shuffle(keys.begin(), keys.end(), std::mt19937_64(7));
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(catalog.find(keys[i]));
        i = (i + 1) & 1023;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CatalogFindHot);

// Codes that are not registered (GS1 prefix 953 is not in the generated register).
void BM_CatalogFindMissing(benchmark::State& state) {
    const Catalog& catalog = loaded();
    std::vector<std::uint64_t> keys;
    std::mt19937_64 random(99);
    for (int k = 0; k < 65536; ++k) keys.push_back(9530000000000ULL + random() % 1000000000ULL * 10);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(catalog.find(keys[i]));
        i = (i + 1) & 65535;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CatalogFindMissing);

}  // namespace
