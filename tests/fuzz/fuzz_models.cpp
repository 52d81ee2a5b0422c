// Fuzzes the models' parsers (factor files, money conversion and the what-if's defaults, model file, fit
// observations) and the projections fed arbitrary numbers: bytes give a result or an error naming a field, never a
// crash or hang, and every projection that succeeds closes its ledger (collected = refunded + unredeemed) with
// ordered bands.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/return_model_fit.hpp"
#include "returnloop/what_if_defaults.hpp"

using namespace returnloop;

namespace {

std::string asset(const char* relative) {
    std::ifstream in(std::string(RETURNLOOP_FUZZ_DIR) + "/../../assets/" + relative, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Assets {
    std::string files[5] = {asset("factors/emission_factors.json"), asset("factors/container_masses.json"),
                            asset("factors/energy.json"), asset("factors/equivalents.json"),
                            asset("factors/carbon_prices.json")};
    ImpactFactors factors;
    Conversions conversions;
    Assets() {
        auto f = parse_impact_factors({files[0], files[1], files[2], files[3], files[4]});
        auto c = parse_conversions(asset("factors/money_conversion.json"));
        RETURNLOOP_FUZZ_CHECK(f.factors.has_value() && c.conversions.has_value());
        factors = *f.factors;
        conversions = *c.conversions;
    }
};

const Assets& assets() {
    static const Assets a;
    return a;
}

// Reads fixed-size values from the input, zero when it runs out.
struct Bytes {
    const std::uint8_t* p;
    std::size_t n;
    template <class T>
    T take() {
        T v{};
        std::size_t k = n < sizeof(T) ? n : sizeof(T);
        std::memcpy(&v, p, k);
        p += k;
        n -= k;
        return v;
    }
};

void fuzz_projection(Bytes in) {
    const Assets& a = assets();
    ProjectionParams p;
    int lines = in.take<std::uint8_t>() % 6;
    for (int i = 0; i < lines; ++i) {
        Container c{static_cast<Material>(in.take<std::uint8_t>() % kMaterialCount), in.take<std::uint32_t>(),
                    static_cast<Category>(in.take<std::uint8_t>() % kCategoryCount), false};
        std::int64_t placed = in.take<std::int64_t>();
        std::optional<double> mass;
        if (in.take<std::uint8_t>() & 1) mass = in.take<double>();
        p.lines.push_back({c, placed, mass});
    }
    p.return_rate = {in.take<double>(), in.take<double>(), in.take<double>()};
    p.what_if_deposit = Money{in.take<std::int64_t>() % 200000, Currency::USD};
    p.retailer_share_bp = in.take<std::uint16_t>();
    p.draws = in.take<std::uint16_t>() % 2000;
    p.seed = in.take<std::uint64_t>();
    auto r = project_what_if(a.factors, p);
    if (!r.ok()) {
        RETURNLOOP_FUZZ_CHECK(!r.error().path.empty());
        return;
    }
    RETURNLOOP_FUZZ_CHECK(r->deposits_collected.minor == r->refunds_paid.minor + r->unredeemed.minor);
    RETURNLOOP_FUZZ_CHECK(r->returned <= r->covered && r->covered <= r->placed);
    if (p.draws > 0) {
        RETURNLOOP_FUZZ_CHECK(r->rate_band.p10 <= r->rate_band.p50 && r->rate_band.p50 <= r->rate_band.p90);
        RETURNLOOP_FUZZ_CHECK(r->refunds_band.p10.minor <= r->refunds_band.p90.minor);
        RETURNLOOP_FUZZ_CHECK(r->tonnes_band.p10 <= r->tonnes_band.p90);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t mode = data[0] % 9;
    std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const Assets& a = assets();
    switch (mode) {
        case 0: {
            auto c = parse_conversions(text);
            RETURNLOOP_FUZZ_CHECK(c.conversions.has_value() == c.errors.empty());
            auto d = parse_what_if_defaults(text);  // the same kind of small data file
            RETURNLOOP_FUZZ_CHECK(d.defaults.has_value() == d.errors.empty());
            for (const Error& e : d.errors) RETURNLOOP_FUZZ_CHECK(e.code != ErrorCode::other);
            if (d.defaults) RETURNLOOP_FUZZ_CHECK(d.defaults->population.value > 0 && d.defaults->population.value <= kMaxPopulation);
            break;
        }
        case 1: {
            auto m = parse_return_model(text);
            RETURNLOOP_FUZZ_CHECK(m.model.has_value() == m.errors.empty());
            if (m.model) {
                WhatIfDeposit w;
                w.refund = Money{10, Currency::USD};
                (void)predict_return_rate(*m.model, a.conversions, w);
            }
            break;
        }
        case 2: {
            auto obs = collect_observations(text, {}, a.conversions);
            if (obs && obs->used.size() <= 60) (void)fit_return_model(*obs, a.conversions);
            break;
        }
        case 8:
            fuzz_projection({data + 1, size - 1});
            break;
        default: {
            std::string_view files[5] = {a.files[0], a.files[1], a.files[2], a.files[3], a.files[4]};
            files[mode - 3] = text;
            auto f = parse_impact_factors({files[0], files[1], files[2], files[3], files[4]});
            RETURNLOOP_FUZZ_CHECK(f.factors.has_value() == f.errors.empty());
            if (f.factors)
                (void)compute_impact(*f.factors, {{{Material::aluminium, 355, Category::beer, false}, 3, std::nullopt}},
                                     f.factors->emission_sets.empty() ? "" : f.factors->emission_sets[0].id);
            break;
        }
    }
    return 0;
}
