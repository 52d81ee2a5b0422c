// Household and scheme projections: exact ledgers (whole containers, int64 minor units) for the central case,
// impact of the containers returned, and the Monte Carlo band around them.
#include "returnloop/projection.hpp"

#include <cmath>
#include <string>

#include "projection_band.hpp"
#include "returnloop/input_limits.hpp"
#include "return_model_math.hpp"

namespace returnloop {
namespace {

constexpr std::int64_t kMaxPlaced = 1'000'000'000'000LL;  // 10^12 containers of one kind: absurd beyond
constexpr std::uint32_t kMaxDraws = 1'000'000;
constexpr double kMaxMassG = 20000;

std::string line_path(std::size_t i, const char* field) { return "lines[" + std::to_string(i) + "]." + field; }

std::optional<Error> check_rate(const RateInput& r) {
    auto in01 = [](double v) { return std::isfinite(v) && v >= 0 && v <= 1; };
    if (!in01(r.rate)) return coded("returnRate.rate", ErrorCode::rate_out_of_range, {}, "must be a number from 0 to 1");
    if (!in01(r.low) || !in01(r.high)) return coded("returnRate.low", ErrorCode::rate_out_of_range, {}, "low and high must be numbers from 0 to 1");
    if (!(r.low <= r.rate && r.rate <= r.high)) return coded("returnRate.low", ErrorCode::rate_out_of_range, {}, "must satisfy low <= rate <= high");
    bool varies = r.low != r.rate || r.high != r.rate;
    if (varies && (r.low <= 0 || r.high >= 1 || r.rate <= 0 || r.rate >= 1))
        return coded("returnRate.low", ErrorCode::rate_out_of_range, {}, "an interval needs 0 < low <= rate <= high < 1");
    return std::nullopt;
}

std::optional<Error> check_common(const ImpactFactors& f, const std::string& set, const std::string& price,
                                  std::uint32_t draws) {
    if (!f.find_set(set)) return coded("factorSet", ErrorCode::unknown_id, {{"id", set}}, "unknown factor set '" + set + "'");
    if (!f.find_price(price))
        return coded("carbonPrice", ErrorCode::unknown_id, {{"id", price}}, "unknown carbon price '" + price + "'");
    if (draws > kMaxDraws) return coded("draws", ErrorCode::too_many, {{"max", "1000000"}}, "at most 1,000,000 draws");
    return std::nullopt;
}

std::optional<Error> check_mass(const std::optional<double>& mass, std::size_t i) {
    if (mass && !(std::isfinite(*mass) && *mass > 0 && *mass <= kMaxMassG))
        return coded(line_path(i, "massG"), ErrorCode::out_of_range, {{"min", "0"}, {"max", "20000"}},
                     "mass must be a number of grams above 0 and at most 20000");
    return std::nullopt;
}

std::optional<double> line_mass(const ImpactFactors& f, const Container& c, const std::optional<double>& override_g) {
    return override_g ? override_g : default_mass_g(f, c);
}

// Money totals checked against overflow; the first overflow names the line.
struct Ledger {
    std::optional<Error> error;
    std::int64_t add(std::int64_t acc, std::int64_t count, std::int64_t each, std::size_t i, const char* field) {
        if (error) return acc;
        auto prod = checked_multiply(count, each);
        auto sum = prod ? checked_add(acc, *prod) : std::nullopt;
        if (!sum) {
            error = coded(line_path(i, field), ErrorCode::not_exact_money, {}, "the total does not fit exact money");
            return acc;
        }
        return *sum;
    }
};

std::int64_t round_div(std::int64_t num, std::int64_t den) {
    // Half away from zero, for non-negative num and positive den.
    return (num + den / 2) / den;
}

MoneyBand money_band(const CountBand& b, Currency c) { return {Money{b.p10, c}, Money{b.p50, c}, Money{b.p90, c}}; }

}  // namespace

Result<const Scheme*> find_scheme(const std::vector<Scheme>& schemes, std::string_view id) {
    for (const auto& s : schemes)
        if (s.id == id) return &s;
    std::string shown(id.substr(0, 40));
    return coded("schemeId", ErrorCode::unknown_scheme, {{"id", shown}},
                 "unknown scheme '" + shown + (id.size() > 40 ? "...'" : "'"));
}

RateInput rate_input(const RatePrediction& p) { return RateInput{p.rate, p.low, p.high}; }
RateInput fixed_rate(double rate) { return RateInput{rate, rate, rate}; }

Result<HouseholdResult> household(const Scheme& scheme, const ImpactFactors& factors, const HouseholdParams& params) {
    if (auto e = check_common(factors, params.factor_set, params.carbon_price, params.draws)) return *e;
    if (auto e = check_rate(params.return_rate)) return *e;
    HouseholdResult out;
    out.currency = scheme.currency_on(params.date);
    out.return_rate = params.return_rate.rate;
    const Currency cur = out.currency;
    const EmissionFactorSet* set = factors.find_set(params.factor_set);
    std::int64_t deposits = 0, fees = 0, refund_all = 0, refund_rate = 0;
    Ledger ledger;
    std::vector<ImpactItem> at_rate, all;
    detail::BandInput band;
    for (std::size_t i = 0; i < params.lines.size(); ++i) {
        const HouseholdLine& line = params.lines[i];
        const std::uint32_t per = line.per == Period::week ? 52 : (line.per == Period::month ? 12 : 1);
        if (line.count > kMaxContainersPerYear / per)
            return coded(line_path(i, "count"), ErrorCode::too_many, {{"max", std::to_string(kMaxContainersPerYear / per)}},
                         "more than 10,000 containers of one kind a week is not a household");
        if (auto e = check_mass(line.mass_g, i)) return *e;
        HouseholdLineResult lr;
        lr.per_year = static_cast<std::int64_t>(line.count) * per;
        lr.decision = decide(scheme, line.container, params.date);
        lr.mass_g = line_mass(factors, line.container, line.mass_g);
        out.containers_per_year += lr.per_year;
        const std::int64_t covered = lr.decision.eligible ? lr.per_year : 0;
        lr.returned_per_year = detail::returned_at(covered, params.return_rate.rate);
        deposits = ledger.add(deposits, covered, lr.decision.deposit.minor, i, "count");
        fees = ledger.add(fees, covered, lr.decision.non_refundable_fee.minor, i, "count");
        refund_all = ledger.add(refund_all, covered, lr.decision.refund.minor, i, "count");
        refund_rate = ledger.add(refund_rate, lr.returned_per_year, lr.decision.refund.minor, i, "count");
        lr.deposits = Money{covered * lr.decision.deposit.minor, cur};
        lr.refund_if_all_returned = Money{covered * lr.decision.refund.minor, cur};
        lr.refund_at_rate = Money{lr.returned_per_year * lr.decision.refund.minor, cur};
        if (covered > 0) {
            out.covered_per_year += covered;
            out.returned_per_year += lr.returned_per_year;
            at_rate.push_back({line.container, static_cast<std::uint64_t>(lr.returned_per_year), lr.mass_g});
            all.push_back({line.container, static_cast<std::uint64_t>(covered), lr.mass_g});
            const MaterialFactor& mf = set->materials[static_cast<int>(line.container.material)];
            band.lines.push_back({covered, lr.decision.refund.minor, static_cast<int>(line.container.material),
                                  lr.mass_g ? *lr.mass_g : 0.0, mf.available ? mf.kg_co2e_per_kg : 0.0});
        }
        out.lines.push_back(std::move(lr));
    }
    if (ledger.error) return *ledger.error;
    out.deposits_paid = Money{deposits, cur};
    out.non_refundable_fees = Money{fees, cur};
    out.refund_if_all_returned = Money{refund_all, cur};
    out.refund_at_rate = Money{refund_rate, cur};
    out.unreturned_at_rate = Money{deposits - refund_rate, cur};
    out.left_on_table = Money{deposits - refund_rate + fees, cur};
    auto impact_rate = compute_impact(factors, at_rate, params.factor_set);
    if (!impact_rate) return impact_rate.error();
    auto impact_all = compute_impact(factors, all, params.factor_set);
    if (!impact_all) return impact_all.error();
    out.impact_at_rate = std::move(*impact_rate);
    out.impact_if_all_returned = std::move(*impact_all);
    auto value = carbon_value(factors, out.impact_at_rate.kg_co2e_avoided / 1000.0, params.carbon_price);
    if (!value) return value.error();
    out.carbon_value_at_rate = std::move(*value);

    band.rate = params.return_rate;
    band.collected_minor = deposits;
    band.draws = params.draws;
    band.seed = params.seed;
    out.draws = params.draws;
    out.seed = params.seed;
    detail::BandOutput b = detail::run_band(band, factors);
    out.rate_band = b.rate;
    out.returned_band = b.returned;
    out.unreturned_band = money_band(b.unredeemed_minor, cur);
    out.kg_co2e_band = b.kg_co2e;
    out.mj_band = b.mj;
    return out;
}

namespace {

Result<ProjectionResult> project_impl(const Scheme* scheme, const ImpactFactors& factors, const ProjectionParams& p) {
    if (auto e = check_common(factors, p.factor_set, p.carbon_price, p.draws)) return *e;
    if (auto e = check_rate(p.return_rate)) return *e;
    if (p.retailer_share_bp > 10000) return coded("retailerShareBp", ErrorCode::out_of_range, {{"min", "0"}, {"max", "10000"}},
                     "a share above 10000 basis points (100%)");
    if (!scheme && !p.what_if_deposit) return coded("whatIfDeposit", ErrorCode::needs_deposit, {}, "a what-if projection needs a deposit");
    const Currency cur = scheme ? scheme->currency_on(p.date) : p.what_if_deposit->currency;
    if (p.what_if_deposit) {
        const Money& w = *p.what_if_deposit;
        if (w.currency != cur)
            return coded("whatIfDeposit", ErrorCode::wrong_currency, {{"currency", currency_code(cur)}},
                         "must be in the scheme's currency (" + std::string(currency_code(cur)) + ")");
        if (w.minor < 0 || w.minor > 1000 * minor_per_major(cur))
            return coded("whatIfDeposit", ErrorCode::out_of_range, {{"min", "0"}, {"max", "1000"}},
                         "must be from 0 to 1,000 major units per container");
    }
    const EmissionFactorSet* set = factors.find_set(p.factor_set);
    ProjectionResult out;
    out.currency = cur;
    out.return_rate = p.return_rate.rate;
    Ledger ledger;
    std::int64_t collected = 0, refunds = 0, unclaimed = 0, margin = 0, fees = 0, handling_micros = 0;
    std::vector<ImpactItem> items;
    detail::BandInput band;
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const SchemeLine& line = p.lines[i];
        if (line.placed < 0) return coded(line_path(i, "placed"), ErrorCode::negative, {}, "must not be negative");
        if (line.placed > kMaxPlaced) return coded(line_path(i, "placed"), ErrorCode::too_many, {{"max", std::to_string(kMaxPlaced)}},
                         "more than 10^12 containers is absurd");
        if (auto e = check_mass(line.mass_g, i)) return *e;
        SchemeLineResult lr;
        lr.placed = line.placed;
        if (scheme) {
            lr.decision = decide(*scheme, line.container, p.date);
        } else {
            lr.decision.eligible = true;
            lr.decision.non_refundable_fee = Money{0, cur};
        }
        if (lr.decision.eligible && p.what_if_deposit) {
            lr.decision.deposit = *p.what_if_deposit;
            lr.decision.refund = *p.what_if_deposit;
        }
        lr.covered = lr.decision.eligible;
        lr.mass_g = line_mass(factors, line.container, line.mass_g);
        out.placed += line.placed;
        if (out.placed > 10 * kMaxPlaced) return coded(line_path(i, "placed"), ErrorCode::too_many, {{"max", std::to_string(10 * kMaxPlaced)}},
                         "more than 10^13 containers in all is absurd");
        if (lr.covered) {
            const std::int64_t n = line.placed;
            lr.returned = detail::returned_at(n, p.return_rate.rate);
            collected = ledger.add(collected, n, lr.decision.deposit.minor, i, "placed");
            refunds = ledger.add(refunds, lr.returned, lr.decision.refund.minor, i, "placed");
            unclaimed = ledger.add(unclaimed, n - lr.returned, lr.decision.refund.minor, i, "placed");
            margin = ledger.add(margin, n, lr.decision.deposit.minor - lr.decision.refund.minor, i, "placed");
            fees = ledger.add(fees, n, lr.decision.non_refundable_fee.minor, i, "placed");
            handling_micros = ledger.add(handling_micros, lr.returned, lr.decision.handling_fee.micros, i, "placed");
            lr.deposits = Money{n * lr.decision.deposit.minor, cur};
            lr.refunds = Money{lr.returned * lr.decision.refund.minor, cur};
            out.covered += n;
            out.returned += lr.returned;
            items.push_back({line.container, static_cast<std::uint64_t>(lr.returned), lr.mass_g});
            const MaterialFactor& mf = set->materials[static_cast<int>(line.container.material)];
            band.lines.push_back({n, lr.decision.refund.minor, static_cast<int>(line.container.material),
                                  lr.mass_g ? *lr.mass_g : 0.0, mf.available ? mf.kg_co2e_per_kg : 0.0});
        } else {
            lr.deposits = Money{0, cur};
            lr.refunds = Money{0, cur};
        }
        out.lines.push_back(std::move(lr));
    }
    if (ledger.error) return *ledger.error;
    out.deposits_collected = Money{collected, cur};
    out.refunds_paid = Money{refunds, cur};
    out.unredeemed = Money{collected - refunds, cur};
    out.unclaimed_refunds = Money{unclaimed, cur};
    out.deposit_margin = Money{margin, cur};
    out.non_refundable_fees = Money{fees, cur};
    const std::int64_t micros_per_minor = 1'000'000 / minor_per_major(cur);
    out.handling_fees = Money{round_div(handling_micros, micros_per_minor), cur};
    const std::int64_t unredeemed = collected - refunds;
    auto share = checked_multiply(unredeemed, static_cast<std::int64_t>(p.retailer_share_bp));
    if (!share) return coded("retailerShareBp", ErrorCode::not_exact_money, {}, "the retailers' share does not fit exact money");
    out.retailer_share = Money{unredeemed >= 0 ? round_div(*share, 10000) : -round_div(-*share, 10000), cur};

    auto impact = compute_impact(factors, items, p.factor_set);
    if (!impact) return impact.error();
    out.impact = std::move(*impact);
    for (int m = 0; m < kMaterialCount; ++m) out.tonnes_recovered[m] = out.impact.by_material[m].mass_kg / 1000.0;
    out.tonnes_recovered_total = out.impact.mass_kg / 1000.0;
    out.tonnes_co2e_avoided = out.impact.kg_co2e_avoided / 1000.0;
    out.gj_energy_saved = out.impact.mj_saved / 1000.0;
    out.rpet_feedstock_tonnes = out.tonnes_recovered[static_cast<int>(Material::pet)];
    auto value = carbon_value(factors, out.tonnes_co2e_avoided, p.carbon_price);
    if (!value) return value.error();
    out.carbon_value = std::move(*value);

    band.rate = p.return_rate;
    band.collected_minor = collected;
    band.draws = p.draws;
    band.seed = p.seed;
    out.draws = p.draws;
    out.seed = p.seed;
    detail::BandOutput b = detail::run_band(band, factors);
    out.rate_band = b.rate;
    out.returned_band = b.returned;
    out.refunds_band = money_band(b.refunds_minor, cur);
    out.unredeemed_band = money_band(b.unredeemed_minor, cur);
    out.tonnes_band = {b.mass_kg.p10 / 1000, b.mass_kg.p50 / 1000, b.mass_kg.p90 / 1000};
    out.tonnes_co2e_band = {b.kg_co2e.p10 / 1000, b.kg_co2e.p50 / 1000, b.kg_co2e.p90 / 1000};
    out.gj_band = {b.mj.p10 / 1000, b.mj.p50 / 1000, b.mj.p90 / 1000};
    return out;
}

}  // namespace

Result<ProjectionResult> project(const Scheme& scheme, const ImpactFactors& factors, const ProjectionParams& params) {
    return project_impl(&scheme, factors, params);
}

Result<ProjectionResult> project_what_if(const ImpactFactors& factors, const ProjectionParams& params) {
    return project_impl(nullptr, factors, params);
}

}  // namespace returnloop
