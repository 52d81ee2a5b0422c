// The Monte Carlo band shared by household and scheme projections: a seeded, platform-identical loop over the
// return rate (two-piece normal on the logit scale), container masses and energy savings (uniform in their ranges).
#pragma once

#include <cstdint>
#include <vector>

#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"

namespace returnloop::detail {

struct BandLine {
    std::int64_t covered = 0;       // containers carrying a deposit (per period)
    std::int64_t refund_minor = 0;  // per container
    int material = 0;
    double mass_g = 0;              // 0: mass unknown, not counted
    double kg_co2e_per_kg = 0;      // 0 when the set has no factor
};

struct BandInput {
    std::vector<BandLine> lines;
    RateInput rate;
    std::int64_t collected_minor = 0;  // deposits collected; unredeemed = collected - refunds
    std::uint32_t draws = 0;
    std::uint64_t seed = 0;
};

struct BandOutput {
    Band rate;
    CountBand returned;
    CountBand refunds_minor;
    CountBand unredeemed_minor;
    Band mass_kg;
    Band kg_co2e;
    Band mj;
};

// Draws params.draws scenarios; percentiles are order statistics (the ceil(p n)-th smallest draw). Counts and
// money are evaluated at the rate's percentiles (they are monotone in the rate), so they are exact amounts.
BandOutput run_band(const BandInput& input, const ImpactFactors& factors);

// Expected whole containers returned: covered x rate, rounded half away from zero.
std::int64_t returned_at(std::int64_t covered, double rate);

}  // namespace returnloop::detail
