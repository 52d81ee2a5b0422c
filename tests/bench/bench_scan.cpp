// Scanner input: cleaning what a USB scanner types (normalise_scan) and cleaning plus GTIN check (parse_scan).
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

#include "returnloop/gtin.hpp"

namespace {

using namespace returnloop;

// What scanners send: bare digits with CR/LF, AIM symbology identifiers, GS1 element strings with more AIs.
constexpr std::array<std::string_view, 8> kScans{
    "4006381333931\r\n",
    "]E04006381333931",
    "]E496385074\n",
    "036000291452\r",
    " 9520000000028\t",
    "]C1010400638133393117261231",
    "(01)04006381333931(17)261231",
    "]d20109520000000028",
};

void BM_NormaliseScan(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(normalise_scan(kScans[i]));
        i = (i + 1) % kScans.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormaliseScan);

void BM_ParseScan(benchmark::State& state) {
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(parse_scan(kScans[i]));
        i = (i + 1) % kScans.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseScan);

}  // namespace
