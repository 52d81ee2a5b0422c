// The deposit-to-return-rate model: a logistic curve in the log of the deposit's real value (2022 USD) with a
// few covariates, fitted to published return rates, predicting with a calibrated 80% interval.
// Coefficients, interval and validation live in assets/model/return_rate.json (generated; see REPORT.md beside it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

// [SECTION] Money in a common real value: FX snapshot + CPI (assets/factors/money_conversion.json).
struct Conversions {
    std::string id;                  // recorded in the model so coefficients are only used with their conversion
    int reference_year = 2022;       // results are in USD of this year
    std::string fx_date;             // "2022-05-10"
    struct Fx { std::string code; double usd_per_unit = 0; };
    std::vector<Fx> fx;              // by ISO 4217 code
    // Currencies the euro replaced at an irrevocably fixed rate (FIM, NLG, EEK, LTL, HRK): worth 1/per_euro of a euro,
    // so the snapshot's euro rate converts them when the snapshot does not list them.
    struct FixedToEuro { std::string code; double per_euro = 0; std::string source_id; };
    std::vector<FixedToEuro> fixed_to_euro;
    int cpi_first_year = 0;
    std::vector<double> cpi;         // annual averages from cpi_first_year
    std::vector<Source> sources;
    std::string method;              // the documented procedure, in words

    const Fx* find_fx(std::string_view code) const;
    std::optional<double> usd_per_unit(std::string_view code) const;  // the snapshot's, else via a fixed euro rate
    int cpi_last_year() const { return cpi_first_year + static_cast<int>(cpi.size()) - 1; }
};
struct ConversionsParse {
    std::optional<Conversions> conversions;
    std::vector<Error> errors;
};
ConversionsParse parse_conversions(std::string_view json_text);

// major units of `code` in `year` -> reference-year USD: amount x usd_per_unit(snapshot) x CPI(ref)/CPI(year).
// Years after the last CPI year use the last one (no forecast); years before the first are an error.
Result<double> real_usd(const Conversions& conversions, double major_amount, std::string_view currency_code, int year);

// [SECTION] The fitted model (assets/model/return_rate.json).
struct BasketItem {
    Container container;
    double weight = 0;
};

// Covariates of one prediction, all shown to the user.
struct RateFeatures {
    double refund_major = 0;          // the basket's mean refund in local major units
    std::string currency;             // ISO code of refund_major
    int year = 0;                     // the year whose prices apply
    double real_refund_usd = 0;       // in reference-year USD
    bool return_to_retail = false;
    double years_in_force = 0;
    double newness = 0;               // max(0, 1 - years_in_force / newness_years)
};

struct ReturnModel {
    std::string id;
    std::string conversion_id;
    double newness_years = 5;
    std::vector<BasketItem> basket;
    // logit(rate) = intercept + b_log_refund * ln(real refund USD) + b_rtr * rtr + b_newness * newness
    double intercept = 0, b_log_refund = 0, b_return_to_retail = 0, b_newness = 0;
    bool uses_return_to_retail = true, uses_newness = true;
    double level = 0.8;
    double lower_logit_offset = 0, upper_logit_offset = 0;  // interval = prediction + offsets, on the logit scale
    // Validation from the data (leave one jurisdiction out), as the generated report states it.
    int observations = 0, jurisdictions = 0;
    double loo_rmse_pp = 0, loo_mae_pp = 0, nested_coverage = 0, mean_width_pp = 0;
    std::string data_fingerprint;
    std::string generated_by;
};
struct ReturnModelParse {
    std::optional<ReturnModel> model;
    std::vector<Error> errors;
};
ReturnModelParse parse_return_model(std::string_view json_text);

struct RatePrediction {
    double rate = 0;      // point prediction, 0..1
    double low = 0;       // 80% interval (level below), 0..1
    double high = 0;
    double level = 0.8;
    double logit = 0;     // the linear predictor
    RateFeatures features;
    std::string model_id;
    // The latest published rate of the scheme, when predicting for a scheme that has one (shown beside the model).
    std::optional<ReturnRateObservation> latest_observed;
};

// The basket's mean refund (weights renormalised over the containers the scheme covers on that date), in major
// units of the scheme's currency. Errors when the scheme covers none of the basket on that date.
Result<double> basket_refund_major(const std::vector<BasketItem>& basket, const Scheme& scheme, Date date);

// Features for a scheme on a date: basket refund from its rules, its return-to-retail flag, its age.
Result<RateFeatures> scheme_features(const ReturnModel& model, const Conversions& conversions, const Scheme& scheme,
                                     Date date);

// Predict for a scheme from its rules on a date.
Result<RatePrediction> predict_return_rate(const ReturnModel& model, const Conversions& conversions,
                                           const Scheme& scheme, Date date);

// Predict for a what-if refund: any supported currency (FX snapshot) and year.
struct WhatIfDeposit {
    Money refund;                    // what a consumer gets back per container
    int year = 2024;                 // prices of this year
    bool return_to_retail = true;
    double years_in_force = 10;      // a mature scheme by default
};
Result<RatePrediction> predict_return_rate(const ReturnModel& model, const Conversions& conversions,
                                           const WhatIfDeposit& what_if);

// Predict from features already computed (for the fit and for tests).
RatePrediction predict_from_features(const ReturnModel& model, const RateFeatures& features);

}  // namespace returnloop
