// Fitting the return-rate model from data: the published observations (assets/model/observations.json, from
// deposit-data.md section 2) plus every scheme file's returnRates, weighted least squares on the logit scale,
// leave-one-jurisdiction-out validation and a nested check of the 80% interval's coverage.
// Used by the returnloop_fit_model tool (writes assets/model/) and by the test that refits and compares.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

struct FitConfig {
    std::string model_id;
    double newness_years = 5;
    bool use_return_to_retail = true;
    bool use_newness = true;
    double level = 0.8;
    std::vector<BasketItem> basket;
    std::string basket_basis;
};

struct FitObservation {
    std::string jurisdiction;
    int year = 0;
    double rate = 0;
    RateFeatures features;
    double weight = 1;               // 1/sqrt(points of its jurisdiction): no single place dominates the fit
    std::string origin;              // "observations.json" or "assets/schemes/<id>.json"
    std::string deposit_basis;       // "rules" (the scheme file's rules, basket mean) or "stated" (the observation's own refund)
    std::string source;              // source title or id, for the report
    std::string note;
};

struct ExcludedObservation {
    std::string jurisdiction;
    int year = 0;
    double rate = 0;
    std::string origin;
    std::string reason;
};

struct ObservationSet {
    FitConfig config;
    std::vector<FitObservation> used;
    std::vector<ExcludedObservation> excluded;
    std::vector<std::string> warnings;  // e.g. a stated refund that disagrees with the scheme file's rules
};

// observations_json: assets/model/observations.json. schemes: every parsed scheme file (hypothetical and planned
// schemes contribute no observations). An observation in observations.json takes precedence over a scheme's
// returnRates entry for the same jurisdiction and year.
Result<ObservationSet> collect_observations(std::string_view observations_json, const std::vector<Scheme>& schemes,
                                            const Conversions& conversions);

struct LooPoint {
    double loo_logit = 0;        // linear predictor from the fit without this point's jurisdiction
    double loo_rate = 0;
    double residual_logit = 0;   // logit(observed) - loo_logit
    double nested_low = 0, nested_high = 0;  // interval from residuals of the other jurisdictions only
    bool covered = false;
    double fitted_rate = 0;      // the final model's prediction, with its interval
    double low = 0, high = 0;
};

struct VariantScore {
    std::string name;
    bool log_refund = false, return_to_retail = false, newness = false;
    double loo_rmse_pp = 0, loo_mae_pp = 0;
    double nested_coverage = 0;             // weighted by observation weights
    double nested_coverage_unweighted = 0;  // every held-out point counts once
    double mean_width_pp = 0;
    bool used = false;                      // the model the configuration chose
    bool identifiable = true;               // false: the data cannot fit this model (no scores)
};

struct FitResult {
    ReturnModel model;
    std::vector<LooPoint> points;          // parallel to ObservationSet::used
    std::vector<VariantScore> variants;    // every nested model; `used` marks the chosen one
    double nested_coverage_unweighted = 0;
    double loo_bias_pp = 0;                // mean (observed - predicted), weighted
    double baseline_loo_rmse_pp = 0;       // intercept-only model
};

Result<FitResult> fit_return_model(const ObservationSet& data, const Conversions& conversions);

// The model as the JSON committed in assets/model/return_rate.json.
std::string model_to_json(const ReturnModel& model, const FitResult& fit, const ObservationSet& data);

}  // namespace returnloop
