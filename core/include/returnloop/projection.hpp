// Projections: what a household pays and gets back in a year, and what a scheme collects, refunds, keeps and
// recovers, with a seeded Monte Carlo band over the uncertain inputs (return rate, container masses, energy).
// Money is exact (int64 minor units); containers returned are whole numbers (expected returns rounded half away
// from zero, per line), so every ledger closes to the cent: collected = refunded + unredeemed.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

// A return rate with its 80% interval (low <= rate <= high). Without an interval (low == high == rate) the
// band does not vary it. The Monte Carlo draws it on the logit scale from a two-piece normal whose 10th, 50th and
// 90th percentiles are low, rate and high, so the band's rate percentiles reproduce the interval.
struct RateInput {
    double rate = 0;
    double low = 0;
    double high = 0;
};
RateInput rate_input(const RatePrediction& prediction);  // the model's point and interval
RateInput fixed_rate(double rate);                       // a user-set rate, no uncertainty

struct Band {
    double p10 = 0, p50 = 0, p90 = 0;
};
struct CountBand {
    std::int64_t p10 = 0, p50 = 0, p90 = 0;
};
struct MoneyBand {
    Money p10, p50, p90;
};

// The scheme with this id among those loaded (the faces load assets/schemes/*.json once); an unknown id is an
// error naming "schemeId", so the web and the kiosk refuse it in the same words.
Result<const Scheme*> find_scheme(const std::vector<Scheme>& schemes, std::string_view id);

// [SECTION] Household
enum class Period : std::uint8_t { week, month, year };  // a year is 52 weeks or 12 months

struct HouseholdLine {
    Container container;
    std::uint32_t count = 0;   // containers bought per period
    Period per = Period::week;
    std::optional<double> mass_g;  // overrides the default mass (a product-register figure)
};

struct HouseholdParams {
    std::vector<HouseholdLine> lines;
    Date date;                              // the rules in force on this day apply
    RateInput return_rate;                  // the jurisdiction's rate (model, published or user-set)
    std::string factor_set = "warm-v16";
    std::string carbon_price = "cn-ets-2023";
    std::uint32_t draws = 10000;            // 0: no band
    std::uint64_t seed = 20240101;
};

struct HouseholdLineResult {
    std::int64_t per_year = 0;
    Decision decision;                      // whether and how the scheme covers the container
    std::int64_t returned_per_year = 0;     // at the return rate, whole containers
    Money deposits;                         // per year
    Money refund_if_all_returned;
    Money refund_at_rate;
    std::optional<double> mass_g;           // the mass used (override or default); none: not counted
};

struct HouseholdResult {
    Currency currency = Currency::USD;
    double return_rate = 0;
    std::int64_t containers_per_year = 0;
    std::int64_t covered_per_year = 0;      // carrying a deposit
    std::int64_t returned_per_year = 0;
    Money deposits_paid;                    // deposits charged in a year
    Money non_refundable_fees;              // e.g. Hawaii's container fee
    Money refund_if_all_returned;
    Money refund_at_rate;
    Money unreturned_at_rate;               // deposits paid minus refunds received at the rate (incl. half-back margins)
    Money left_on_table;                    // unreturned plus non-refundable fees: paid and not got back at the rate
    ImpactResult impact_at_rate;            // savings of the containers returned at the rate
    ImpactResult impact_if_all_returned;
    CarbonValue carbon_value_at_rate;
    std::vector<HouseholdLineResult> lines;
    // Monte Carlo band (percentiles 10/50/90) over the return rate, masses and energy savings.
    std::uint32_t draws = 0;
    std::uint64_t seed = 0;
    Band rate_band;
    CountBand returned_band;
    MoneyBand unreturned_band;
    Band kg_co2e_band;
    Band mj_band;
};

// Errors name the field: "lines[2].count" (above 100,000 per period), "lines[2].massG", "returnRate.rate"
// (NaN, outside 0..1, or low/high not around it), "factorSet", "carbonPrice", "draws" (above 1,000,000).
Result<HouseholdResult> household(const Scheme& scheme, const ImpactFactors& factors, const HouseholdParams& params);

// [SECTION] Scheme
struct SchemeLine {
    Container container;
    std::int64_t placed = 0;   // containers placed on the market in the period (a year)
    std::optional<double> mass_g;
};

struct ProjectionParams {
    std::vector<SchemeLine> lines;
    Date date;
    std::optional<Money> what_if_deposit;  // replaces deposit and refund of every covered container
    RateInput return_rate;
    std::uint32_t retailer_share_bp = 0;   // share of unredeemed deposits paid to retailers, basis points (Michigan 2500)
    std::string factor_set = "warm-v16";
    std::string carbon_price = "cn-ets-2023";
    std::uint32_t draws = 10000;
    std::uint64_t seed = 20240101;
};

struct SchemeLineResult {
    std::int64_t placed = 0;
    bool covered = false;
    Decision decision;
    std::int64_t returned = 0;
    Money deposits;
    Money refunds;
    std::optional<double> mass_g;
};

struct ProjectionResult {
    Currency currency = Currency::USD;
    double return_rate = 0;
    std::int64_t placed = 0;
    std::int64_t covered = 0;                 // placed and carrying a deposit
    std::int64_t returned = 0;
    Money deposits_collected;
    Money refunds_paid;
    Money unredeemed;                         // deposits collected - refunds paid
    Money unclaimed_refunds;                  // refunds of containers not returned
    Money deposit_margin;                     // half-back schemes: deposit - refund kept on every container
    Money retailer_share;                     // of unredeemed, at retailer_share_bp (rounded half away from zero)
    Money handling_fees;                      // per returned container, rounded once on the total
    Money non_refundable_fees;
    std::array<double, kMaterialCount> tonnes_recovered{};
    double tonnes_recovered_total = 0;
    double tonnes_co2e_avoided = 0;
    double gj_energy_saved = 0;
    double rpet_feedstock_tonnes = 0;         // PET recovered, before reprocessing losses (not quantified in the reference)
    ImpactResult impact;                      // kg-based detail, factor set, notes and equivalents
    CarbonValue carbon_value;
    std::vector<SchemeLineResult> lines;
    std::uint32_t draws = 0;
    std::uint64_t seed = 0;
    Band rate_band;
    CountBand returned_band;
    MoneyBand refunds_band;
    MoneyBand unredeemed_band;
    Band tonnes_band;
    Band tonnes_co2e_band;
    Band gj_band;
};

// Errors name the field: "lines[i].placed" (negative or above 10^12), "lines[i].massG", "whatIfDeposit"
// (negative, above 1,000 major units, or in another currency than the scheme's), "returnRate.rate",
// "retailerShareBp" (above 10000), "factorSet", "carbonPrice", "draws".
Result<ProjectionResult> project(const Scheme& scheme, const ImpactFactors& factors, const ProjectionParams& params);

// A what-if with no scheme: every line is covered at params.what_if_deposit (required), refund = deposit.
Result<ProjectionResult> project_what_if(const ImpactFactors& factors, const ProjectionParams& params);

}  // namespace returnloop
