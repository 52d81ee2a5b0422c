// Monte Carlo band: 10,000 seeded draws by default, identical natively and in WASM (own PRNG, own exp/log,
// no std:: distributions), percentiles by selection so the whole recompute stays within a few milliseconds.
#include "projection_band.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

#include "return_model_math.hpp"

namespace returnloop::detail {
namespace {

// The ceil(p n)-th smallest value (type 1 quantile), 1-based.
std::size_t rank_of(std::size_t n, double p) {
    auto k = static_cast<std::size_t>(static_cast<double>(n) * p);
    if (static_cast<double>(k) < static_cast<double>(n) * p) ++k;
    return k == 0 ? 1 : k;
}

// Doubles as unsigned keys in the same order (sign bit flipped for positives, all bits for negatives).
RETURNLOOP_HOT std::uint64_t order_key(double d) {
    std::uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return (bits >> 63) ? ~bits : bits | 0x8000000000000000ULL;
}

// Scratch space for percentile selection, reused across the arrays of one band.
struct Selector {
    std::vector<std::uint64_t> keys;
    std::array<std::uint32_t, 4096> count{};
    std::vector<double> bucket[3];
};

// p10, p50 and p90 (type 1) in three linear passes: the keys' range, a histogram of their high bits (which bucket
// holds each rank), and one pass gathering those three buckets; each rank is then selected within its bucket.
// Exact order statistics, as nth_element gives, at a fraction of its cost. Raw pointers keep the loops tight in
// size-optimised (WASM) builds.
template <class B>
void fill(const double* v, std::size_t n, Selector& sel, B& band) {
    sel.keys.resize(n);
    std::uint64_t* keys = sel.keys.data();
    std::uint64_t lo = ~0ULL, hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t k = order_key(v[i]);
        keys[i] = k;
        lo = k < lo ? k : lo;
        hi = k > hi ? k : hi;
    }
    int shift = 0;
    while (((hi - lo) >> shift) >= sel.count.size()) ++shift;
    std::uint32_t* count = sel.count.data();
    std::memset(count, 0, sizeof(std::uint32_t) * sel.count.size());
    for (std::size_t i = 0; i < n; ++i) ++count[(keys[i] - lo) >> shift];
    const std::size_t ranks[3] = {rank_of(n, 0.10), rank_of(n, 0.50), rank_of(n, 0.90)};
    std::size_t target[3], below[3];
    {
        std::size_t acc = 0, b = 0;
        for (int t = 0; t < 3; ++t) {
            while (acc + count[b] < ranks[t]) acc += count[b++];
            target[t] = b;
            below[t] = acc;
        }
    }
    for (auto& b : sel.bucket) b.clear();
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t b = static_cast<std::size_t>((keys[i] - lo) >> shift);
        for (int t = 0; t < 3; ++t)
            if (b == target[t]) sel.bucket[t].push_back(v[i]);
    }
    double result[3];
    for (int t = 0; t < 3; ++t) {
        auto& bucket = sel.bucket[t];
        auto nth = bucket.begin() + static_cast<std::ptrdiff_t>(ranks[t] - below[t] - 1);
        std::nth_element(bucket.begin(), nth, bucket.end());
        result[t] = *nth;
    }
    band.p10 = result[0];
    band.p50 = result[1];
    band.p90 = result[2];
}

struct RateSampler {
    bool fixed = true;
    double rate = 0, center = 0, sigma_low = 0, sigma_high = 0;
    explicit RateSampler(const RateInput& in) : rate(in.rate) {
        if (in.low == in.rate && in.high == in.rate) return;
        fixed = false;
        center = logit(in.rate);
        sigma_low = (center - logit(in.low)) / kZ90;
        sigma_high = (logit(in.high) - center) / kZ90;
    }
    RETURNLOOP_HOT double draw(double u) const {
        if (fixed) return rate;
        double z = normal_quantile(u);
        return logistic(center + z * (z < 0 ? sigma_low : sigma_high));
    }
};

}  // namespace

std::int64_t returned_at(std::int64_t covered, double rate) {
    return round_to_int(static_cast<double>(covered) * rate);
}

BandOutput run_band(const BandInput& in, const ImpactFactors& factors) {
    BandOutput out;
    if (in.draws == 0) return out;
    const std::size_t n = in.draws;
    // Per material, kg and kg CO2e if every covered container came back; a draw scales them by its rate and
    // its mass factor. (The band uses expected, unrounded counts for masses: a relative difference below 1e-9.)
    std::array<double, kMaterialCount> full_kg{}, full_co2e{};
    for (const BandLine& line : in.lines) {
        double kg = static_cast<double>(line.covered) * line.mass_g / 1000.0;
        full_kg[line.material] += kg;
        full_co2e[line.material] += kg * line.kg_co2e_per_kg;
    }
    struct Present {
        double kg, co2e, mass_lo, mass_span, energy_lo, energy_span;
    };
    std::vector<Present> present;
    for (int m = 0; m < kMaterialCount; ++m) {
        if (!(full_kg[m] > 0)) continue;
        const EnergyFactor& e = factors.energy[m];
        present.push_back({full_kg[m], full_co2e[m], factors.masses[m].low_factor,
                           factors.masses[m].high_factor - factors.masses[m].low_factor,
                           e.available ? e.mj_per_kg_low : 0.0, e.available ? e.mj_per_kg_high - e.mj_per_kg_low : 0.0});
    }
    std::vector<double> buffer(4 * n);
    double* rates = buffer.data();
    double* kg = rates + n;
    double* co2e = kg + n;
    double* mj = co2e + n;
    const Present* materials = present.data();
    const std::size_t material_count = present.size();
    Xoshiro256 rng(in.seed);
    RateSampler sampler(in.rate);
    for (std::size_t d = 0; d < n; ++d) {
        // A fixed order of draws per scenario (the rate, then each present material's mass and energy).
        double r = sampler.draw(rng.uniform());
        double kg_d = 0, co2e_d = 0, mj_d = 0;
        for (std::size_t m = 0; m < material_count; ++m) {
            const Present& p = materials[m];
            double f = p.mass_lo + p.mass_span * rng.uniform();
            double e = p.energy_lo + p.energy_span * rng.uniform();
            kg_d += f * p.kg;
            co2e_d += f * p.co2e;
            mj_d += f * p.kg * e;
        }
        rates[d] = r;
        kg[d] = r * kg_d;
        co2e[d] = r * co2e_d;
        mj[d] = r * mj_d;
    }
    Selector sel;
    fill(rates, n, sel, out.rate);
    fill(kg, n, sel, out.mass_kg);
    fill(co2e, n, sel, out.kg_co2e);
    fill(mj, n, sel, out.mj);
    // Containers returned and refunds never decrease with the rate, so their percentiles are their values at
    // the rate's percentiles, exactly (whole containers per line, exact money); unredeemed runs the other way.
    auto at = [&](double r, std::int64_t& returned, std::int64_t& refunds) {
        returned = refunds = 0;
        for (const BandLine& line : in.lines) {
            std::int64_t k = returned_at(line.covered, r);
            returned += k;
            refunds += k * line.refund_minor;  // bounded: the caller checked covered x refund fits
        }
    };
    at(out.rate.p10, out.returned.p10, out.refunds_minor.p10);
    at(out.rate.p50, out.returned.p50, out.refunds_minor.p50);
    at(out.rate.p90, out.returned.p90, out.refunds_minor.p90);
    out.unredeemed_minor = {in.collected_minor - out.refunds_minor.p90, in.collected_minor - out.refunds_minor.p50,
                            in.collected_minor - out.refunds_minor.p10};
    return out;
}

}  // namespace returnloop::detail
