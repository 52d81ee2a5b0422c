// A household's year under a scheme as a face shows it: the return rate chosen for it (the person's, the latest
// published, or the model's estimate) and the year's figures, "left on the table" included (HouseholdResult).
#pragma once

#include <optional>

#include "returnloop/figures.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

// The year at the chosen rate (written to `rate`); params.return_rate is set to it. model and conversions may be
// null (choose_return_rate). The result is household()'s own, not copied: the first view's module stays small.
Result<HouseholdResult> household_figures(const Scheme& scheme, const ImpactFactors& factors, HouseholdParams& params,
                                          std::optional<double> user_rate, const ReturnModel* model,
                                          const Conversions* conversions, RateChoice& rate);

}  // namespace returnloop
