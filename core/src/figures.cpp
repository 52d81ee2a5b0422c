// The choices behind shown figures (rate basis, in force today, basket spread) and their provenance, decided once
// here so the web page and the kiosk never decide them on their own.
#include "returnloop/figures.hpp"

#include <algorithm>
#include <cmath>

namespace returnloop {

bool in_force_on(const Scheme& scheme, Date date) {
    if (scheme.status != SchemeStatus::in_force) return false;
    for (const Rule& r : scheme.rules)
        if (r.from <= date && (!r.until || date < *r.until)) return true;
    return false;
}

const ReturnRateObservation* latest_return_rate(const Scheme& scheme) {
    const ReturnRateObservation* latest = nullptr;
    for (const ReturnRateObservation& o : scheme.return_rates)
        if (!latest || o.year > latest->year) latest = &o;
    return latest;
}

std::string_view rate_basis_id(RateBasis basis) {
    switch (basis) {
        case RateBasis::user: return "user";
        case RateBasis::observed: return "observed";
        case RateBasis::model: return "model";
    }
    return "user";
}

Result<RateChoice> choose_return_rate(const Scheme& scheme, Date date, std::optional<double> user_rate,
                                      const ReturnModel* model, const Conversions* conversions) {
    if (user_rate) {
        if (!(*user_rate >= 0 && *user_rate <= 1)) return coded("returnRate", ErrorCode::rate_out_of_range, {}, "returnRate must be a number from 0 to 1");
        return RateChoice{fixed_rate(*user_rate), RateBasis::user, 0};
    }
    if (const ReturnRateObservation* latest = latest_return_rate(scheme))
        return RateChoice{fixed_rate(latest->rate), RateBasis::observed, latest->year};
    if (!model || !conversions) return coded("returnRate", ErrorCode::no_rate, {}, "no published rate for this scheme and no model to estimate one");
    auto p = predict_return_rate(*model, *conversions, scheme, date);
    if (!p) return coded("returnRate", ErrorCode::no_rate, {}, "no published rate and no estimate: " + p.error().message);
    return RateChoice{rate_input(p.value()), RateBasis::model, year_of(date)};
}

std::vector<SchemeLine> basket_lines(const ReturnModel& model, std::int64_t containers) {
    double total_weight = 0;
    for (const BasketItem& b : model.basket) total_weight += b.weight;
    const auto total = static_cast<double>(containers);
    std::vector<SchemeLine> lines;
    for (const BasketItem& b : model.basket)
        lines.push_back(SchemeLine{b.container, static_cast<std::int64_t>(std::llround(total * b.weight / total_weight)), std::nullopt});
    return lines;
}

namespace {

void add_once(std::vector<std::string_view>& ids, std::string_view id) {
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

FactorSourceIds factor_source_ids(const ImpactFactors& f, std::string_view set_id, std::string_view price_id) {
    FactorSourceIds out;
    if (const EmissionFactorSet* set = f.find_set(set_id))
        for (const MaterialFactor& m : set->materials) add_once(out.co2, m.source_id);
    for (const MaterialMass& m : f.masses)
        for (const MassAnchor& anchor : m.anchors) add_once(out.co2, anchor.source_id);
    for (const EnergyFactor& e : f.energy)
        for (const std::string& id : e.source_ids) add_once(out.energy, id);
    for (const Equivalent& e : f.equivalents) add_once(out.equivalents, e.source_id);
    if (const CarbonPrice* p = f.find_price(price_id)) add_once(out.carbon_price, p->source_id);
    for (const auto* group : {&out.co2, &out.energy, &out.equivalents, &out.carbon_price})
        for (std::string_view id : *group) add_once(out.all_ids, id);
    return out;
}

}  // namespace returnloop
