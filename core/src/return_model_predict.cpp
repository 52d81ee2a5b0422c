// Predicts a return rate with its 80% interval from a scheme's rules on a date or from a what-if refund,
// using the fitted coefficients and the interval offsets measured by leave-one-jurisdiction-out validation.
#include <cmath>
#include <string>

#include "return_model_math.hpp"
#include "returnloop/return_model.hpp"

namespace returnloop {

Result<double> basket_refund_major(const std::vector<BasketItem>& basket, const Scheme& scheme, Date date) {
    double weight = 0, refund = 0;
    for (const auto& item : basket) {
        Decision d = decide(scheme, item.container, date);
        if (!d.eligible) continue;
        weight += item.weight;
        refund += item.weight * static_cast<double>(d.refund.minor);
    }
    if (!(weight > 0))
        return coded("date", ErrorCode::not_covered, {{"date", format_date(date)}},
                     "scheme '" + scheme.id + "' covers none of the model's reference containers on " +
                         format_date(date));
    return refund / weight / static_cast<double>(minor_per_major(scheme.currency_on(date)));
}

RatePrediction predict_from_features(const ReturnModel& m, const RateFeatures& f) {
    RatePrediction p;
    p.features = f;
    p.model_id = m.id;
    p.level = m.level;
    p.logit = m.intercept + m.b_log_refund * detail::det_log(f.real_refund_usd) +
              (m.uses_return_to_retail && f.return_to_retail ? m.b_return_to_retail : 0.0) +
              (m.uses_newness ? m.b_newness * f.newness : 0.0);
    p.rate = detail::logistic(p.logit);
    p.low = detail::logistic(p.logit + m.lower_logit_offset);
    p.high = detail::logistic(p.logit + m.upper_logit_offset);
    return p;
}

namespace {

double newness_of(const ReturnModel& m, double years_in_force) {
    double n = 1 - years_in_force / m.newness_years;
    return n < 0 ? 0 : (n > 1 ? 1 : n);
}

}  // namespace

Result<RateFeatures> scheme_features(const ReturnModel& model, const Conversions& conversions, const Scheme& scheme,
                                     Date date) {
    if (model.conversion_id != conversions.id)
        return Error{"conversion", "the model was fitted with conversion '" + model.conversion_id +
                                       "', not '" + conversions.id + "'"};
    auto refund = basket_refund_major(model.basket, scheme, date);
    if (!refund) return refund.error();
    if (!(*refund > 0))
        return coded("date", ErrorCode::not_covered, {{"date", format_date(date)}},
                     "scheme '" + scheme.id + "' refunds nothing on the reference containers on " + format_date(date));
    RateFeatures f;
    f.refund_major = *refund;
    f.currency = std::string(currency_code(scheme.currency_on(date)));
    f.year = year_of(date);
    auto real = real_usd(conversions, f.refund_major, f.currency, f.year);
    if (!real) return real.error();
    f.real_refund_usd = *real;
    f.return_to_retail = scheme.return_to_retail;
    std::optional<Date> start = scheme.started;
    for (const auto& rule : scheme.rules)
        if (!start || rule.from < *start) start = rule.from;
    double days = start ? static_cast<double>(date.days - start->days) : 0.0;
    f.years_in_force = days > 0 ? days / 365.25 : 0.0;
    f.newness = newness_of(model, f.years_in_force);
    return f;
}

Result<RatePrediction> predict_return_rate(const ReturnModel& model, const Conversions& conversions,
                                           const Scheme& scheme, Date date) {
    auto f = scheme_features(model, conversions, scheme, date);
    if (!f) return f.error();
    RatePrediction p = predict_from_features(model, *f);
    int year = year_of(date);
    for (const auto& obs : scheme.return_rates)
        if (obs.year <= year && (!p.latest_observed || obs.year >= p.latest_observed->year)) p.latest_observed = obs;
    return p;
}

Result<RatePrediction> predict_return_rate(const ReturnModel& model, const Conversions& conversions,
                                           const WhatIfDeposit& w) {
    if (model.conversion_id != conversions.id)
        return Error{"conversion", "the model was fitted with conversion '" + model.conversion_id +
                                       "', not '" + conversions.id + "'"};
    if (w.refund.minor <= 0)
        return coded("refund", ErrorCode::out_of_range, {{"min", "0"}, {"max", "1000"}}, "a what-if refund must be above zero");
    if (w.refund.minor > 1000 * minor_per_major(w.refund.currency))
        return coded("refund", ErrorCode::out_of_range, {{"min", "0"}, {"max", "1000"}},
                     "a refund above 1,000 major units per container is absurd");
    if (w.year < 1900 || w.year > 2100)
        return coded("year", ErrorCode::out_of_range, {{"min", "1900"}, {"max", "2100"}}, "year must be between 1900 and 2100");
    if (!std::isfinite(w.years_in_force) || w.years_in_force < 0 || w.years_in_force > 200)
        return coded("yearsInForce", ErrorCode::out_of_range, {{"min", "0"}, {"max", "200"}},
                     "must be a number of years between 0 and 200");
    RateFeatures f;
    f.refund_major = static_cast<double>(w.refund.minor) / static_cast<double>(minor_per_major(w.refund.currency));
    f.currency = std::string(currency_code(w.refund.currency));
    f.year = w.year;
    auto real = real_usd(conversions, f.refund_major, f.currency, f.year);
    if (!real) return real.error();
    f.real_refund_usd = *real;
    f.return_to_retail = w.return_to_retail;
    f.years_in_force = w.years_in_force;
    f.newness = newness_of(model, w.years_in_force);
    return predict_from_features(model, f);
}

}  // namespace returnloop
