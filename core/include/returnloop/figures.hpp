// What stands behind the figures the faces show: whether a scheme is in force on a day, which return rate a
// projection uses (the user's, the latest published, or the model's estimate), the model's reference basket
// spread over a what-if's containers, and which factor sources each impact figure rests on.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "returnloop/date.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

// Status in_force and at least one rule applying on the day (from <= date < until).
bool in_force_on(const Scheme& scheme, Date date);

// The published return rate with the latest year (the first of equal years), or none.
const ReturnRateObservation* latest_return_rate(const Scheme& scheme);

enum class RateBasis : std::uint8_t { user, observed, model };
std::string_view rate_basis_id(RateBasis basis);  // "user", "observed", "model"

struct RateChoice {
    RateInput input;
    RateBasis basis = RateBasis::user;
    int year = 0;  // the observation's year, or the year predicted for; 0 for a user's rate
};

// The user's rate when given (0..1, else an error at "returnRate"), else the latest published rate, else the
// model's estimate for the scheme on the date with its 80% interval. model and conversions may be null (not
// loaded): a scheme without a published rate is then an error at "returnRate".
Result<RateChoice> choose_return_rate(const Scheme& scheme, Date date, std::optional<double> user_rate,
                                      const ReturnModel* model, const Conversions* conversions);

// A what-if's containers spread over the model's reference basket by its weights (rounded per line).
std::vector<SchemeLine> basket_lines(const ReturnModel& model, std::int64_t containers);

// The source ids an impact figure rests on, each once and in first-use order: CO2e (the set's emission factors
// and the mass anchors), energy, equivalents and the carbon price; all_ids lists every one of them once.
struct FactorSourceIds {
    std::vector<std::string_view> co2, energy, equivalents, carbon_price, all_ids;
};
FactorSourceIds factor_source_ids(const ImpactFactors& factors, std::string_view set_id, std::string_view price_id);

}  // namespace returnloop
