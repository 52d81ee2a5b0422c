// A household's year at the return rate chosen for it.
#include "returnloop/household_figures.hpp"

namespace returnloop {

Result<HouseholdResult> household_figures(const Scheme& scheme, const ImpactFactors& factors, HouseholdParams& params,
                                          std::optional<double> user_rate, const ReturnModel* model,
                                          const Conversions* conversions, RateChoice& rate) {
    auto choice = choose_return_rate(scheme, params.date, user_rate, model, conversions);
    if (!choice) return choice.error();
    rate = choice.value();
    params.return_rate = rate.input;
    return household(scheme, factors, params);
}

}  // namespace returnloop
