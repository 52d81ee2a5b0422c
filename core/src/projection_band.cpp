// Monte Carlo band: 10,000 seeded draws by default, identical natively and in WASM (own PRNG, own exp/log,
// no std:: distributions), percentiles by selection so the whole recompute stays within a few milliseconds.
#include "projection_band.hpp"

#include <algorithm>
#include <array>

#include "return_model_math.hpp"

namespace returnloop::detail {
namespace {

template <class T>
T order_statistic(std::vector<T>& v, double p) {
    // The ceil(p n)-th smallest value (type 1 quantile).
    auto n = v.size();
    auto k = static_cast<std::size_t>(static_cast<double>(n) * p);
    if (static_cast<double>(k) < static_cast<double>(n) * p) ++k;
    if (k == 0) k = 1;
    auto it = v.begin() + static_cast<std::ptrdiff_t>(k - 1);
    std::nth_element(v.begin(), it, v.end());
    return *it;
}

template <class T, class B>
void fill(std::vector<T>& v, B& band) {
    band.p10 = order_statistic(v, 0.10);
    band.p50 = order_statistic(v, 0.50);
    band.p90 = order_statistic(v, 0.90);
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
    double draw(double u) const {
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
    std::vector<double> rates(n), kg(n), co2e(n), mj(n);
    std::vector<std::int64_t> returned(n), refunds(n), unredeemed(n);
    Xoshiro256 rng(in.seed);
    RateSampler sampler(in.rate);
    std::array<double, kMaterialCount> mass_lo{}, mass_span{}, energy_lo{}, energy_span{};
    for (int m = 0; m < kMaterialCount; ++m) {
        mass_lo[m] = factors.masses[m].low_factor;
        mass_span[m] = factors.masses[m].high_factor - factors.masses[m].low_factor;
        const EnergyFactor& e = factors.energy[m];
        energy_lo[m] = e.available ? e.mj_per_kg_low : 0;
        energy_span[m] = e.available ? e.mj_per_kg_high - e.mj_per_kg_low : 0;
    }
    std::array<double, kMaterialCount> mass_factor{}, energy{};
    for (std::size_t d = 0; d < n; ++d) {
        // A fixed order of draws per scenario (rate, then every material's mass and energy) keeps streams stable.
        double r = sampler.draw(rng.uniform());
        for (int m = 0; m < kMaterialCount; ++m) mass_factor[m] = mass_lo[m] + mass_span[m] * rng.uniform();
        for (int m = 0; m < kMaterialCount; ++m) energy[m] = energy_lo[m] + energy_span[m] * rng.uniform();
        std::int64_t ret = 0, ref = 0;
        double kg_d = 0, co2e_d = 0, mj_d = 0;
        for (const BandLine& line : in.lines) {
            std::int64_t k = returned_at(line.covered, r);
            ret += k;
            ref += k * line.refund_minor;  // bounded: the caller checked covered x refund fits
            if (line.mass_g > 0) {
                double kgl = static_cast<double>(k) * line.mass_g * mass_factor[line.material] / 1000.0;
                kg_d += kgl;
                co2e_d += kgl * line.kg_co2e_per_kg;
                mj_d += kgl * energy[line.material];
            }
        }
        rates[d] = r;
        returned[d] = ret;
        refunds[d] = ref;
        unredeemed[d] = in.collected_minor - ref;
        kg[d] = kg_d;
        co2e[d] = co2e_d;
        mj[d] = mj_d;
    }
    fill(rates, out.rate);
    fill(returned, out.returned);
    fill(refunds, out.refunds_minor);
    fill(unredeemed, out.unredeemed_minor);
    fill(kg, out.mass_kg);
    fill(co2e, out.kg_co2e);
    fill(mj, out.mj);
    return out;
}

}  // namespace returnloop::detail
