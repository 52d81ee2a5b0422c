// A what-if deposit law: the model's rate at the refund, then the year projected over the reference basket.
#include "returnloop/what_if.hpp"

#include "returnloop/figures.hpp"

namespace returnloop {

Result<WhatIfResult> project_what_if_deposit(const ReturnModel& model, const Conversions& conversions,
                                             const ImpactFactors& factors, const WhatIfRequest& request) {
    if (request.containers_per_year <= 0)
        return coded("containersPerYear", ErrorCode::not_whole_number, {}, "containersPerYear must be a whole number above zero");
    auto prediction = predict_return_rate(model, conversions, request.deposit);
    if (!prediction) return prediction.error();
    ProjectionParams params = request.options;
    params.what_if_deposit = request.deposit.refund;
    params.return_rate = rate_input(prediction.value());
    params.lines = basket_lines(model, request.containers_per_year);
    auto projection = project_what_if(factors, params);
    if (!projection) {
        Error e = projection.error();
        if (e.place().list == "lines") e.path = "containersPerYear";
        return e;
    }
    return WhatIfResult{prediction.value(), std::move(projection).value()};
}

}  // namespace returnloop
