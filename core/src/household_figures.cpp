// A household's year at the return rate chosen for it.
#include "returnloop/household_figures.hpp"

namespace returnloop {

Result<HouseholdFigures> household_figures(const Scheme& scheme, const ImpactFactors& factors, HouseholdParams& params,
                                           std::optional<double> user_rate, const ReturnModel* model,
                                           const Conversions* conversions) {
    auto rate = choose_return_rate(scheme, params.date, user_rate, model, conversions);
    if (!rate) return rate.error();
    params.return_rate = rate->input;
    auto year = household(scheme, factors, params);
    if (!year) return year.error();
    return HouseholdFigures{rate.value(), std::move(year).value()};
}

}  // namespace returnloop
