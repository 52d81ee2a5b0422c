// A what-if deposit law as a face asks for it: the return rate the model predicts at that refund, and a year of
// money and impact for the containers placed, spread over the model's reference basket.
#pragma once

#include <cstdint>

#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"

namespace returnloop {

// The defaults a what-if starts from (the deposit's other terms are WhatIfDeposit's).
inline constexpr std::uint32_t kWhatIfDraws = 1000;  // enough for 10th/90th percentiles to two figures, and interactive

struct WhatIfRequest {
    WhatIfDeposit deposit;                 // refund, year, return to retail, years in force
    std::int64_t containers_per_year = 0;  // placed on the market, above zero
    ProjectionParams options;              // date, factor set, carbon price, draws (kWhatIfDraws), seed
    WhatIfRequest() { options.draws = kWhatIfDraws; }
};

struct WhatIfResult {
    RatePrediction prediction;
    ProjectionResult projection;
};

// Errors of the basket's lines are the containers' ("containersPerYear"): the caller gave them as one number.
Result<WhatIfResult> project_what_if_deposit(const ReturnModel& model, const Conversions& conversions,
                                             const ImpactFactors& factors, const WhatIfRequest& request);

}  // namespace returnloop
