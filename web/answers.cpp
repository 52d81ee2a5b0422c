// The web module's answers as JSON: one writer per core result, field names in JS style (camelCase), amounts in
// minor units. The shapes are the API's (web/returnloop.d.ts); web/tests check them through returnloop.js.
#include "answers.hpp"

#include <string>

#include "returnloop/input_limits.hpp"
#include "returnloop/money.hpp"

namespace returnloop::web {

void write_error(JsonOut& w, const Error& e, std::string_view prefix) {
    const ErrorPlace place = e.place();
    w.object().key("path");
    if (prefix.empty()) w.string(e.path);
    else w.string(std::string(prefix) + ": " + e.path);
    w.string("message", e.message);
    w.string("code", error_code_id(e.code)).string("list", place.list).integer("index", place.index);
    w.string("field", place.field).object("args");
    for (const ErrorArg& a : e.args) w.string(a.name, a.value);
    w.end_object().end_object();
}
void write_errors(JsonOut& w, const std::vector<Error>& errors, std::string_view prefix) {
    w.array("errors");
    for (const Error& e : errors) write_error(w, e, prefix);
    w.end_array();
}
void write_source(JsonOut& w, const Source& s) {
    w.object().string("id", s.id).string("title", s.title).string("titleZh", s.title_zh).string("url", s.url).integer("year", s.year);
    w.string("quality", source_quality_id(s.quality)).end_object();
}
void write_sources(JsonOut& w, const std::vector<Source>& sources) {
    w.array("sources");
    for (const Source& s : sources) write_source(w, s);
    w.end_array();
}
void write_container(JsonOut& w, const Container& c) {
    w.object().string("material", material_id(c.material)).integer("volumeMl", c.volume_ml);
    w.string("category", category_id(c.category)).boolean("refillable", c.refillable).end_object();
}
void write_decision(JsonOut& w, const Decision& d) {
    w.boolean("eligible", d.eligible).string("reason", reason_id(d.reason));
    w.integer("amountMinor", d.deposit.minor).integer("refundMinor", d.refund.minor);
    w.integer("nonRefundableFeeMinor", d.non_refundable_fee.minor).integer("handlingFeeMicros", d.handling_fee.micros);
    w.integer("ruleIndex", d.rule_index);
}
void write_scheme_summary(JsonOut& w, const Scheme& s, Date today) {
    w.object().string("id", s.id).string("name", s.name).string("nameZh", s.name_zh).string("country", s.country);
    w.string("currency", currency_code(s.currency)).string("status", scheme_status_id(s.status));
    w.boolean("inForce", in_force_on(s, today)).boolean("hypothetical", s.hypothetical());
    w.boolean("refillable", has_refillable_deposit(s, today));  // the household form offers a refillable bottle
    w.string("started", s.started ? format_date(*s.started) : std::string()).boolean("returnToRetail", s.return_to_retail);
    w.string("operator", s.operator_name).string("summary", s.summary).string("summaryZh", s.summary_zh).integer("rules", static_cast<std::int64_t>(s.rules.size()));
    w.array("returnRates");
    for (const ReturnRateObservation& r : s.return_rates)
        w.object().integer("year", r.year).number("rate", r.rate).string("source", r.source_id).string("note", r.note).end_object();
    w.end_array();
    write_sources(w, s.sources);
    w.end_object();
}
void write_prediction(JsonOut& w, const RatePrediction& p) {
    w.object().number("rate", p.rate).number("low", p.low).number("high", p.high).number("level", p.level);
    w.string("modelId", p.model_id).object("features").number("refundMajor", p.features.refund_major);
    w.string("currency", p.features.currency).integer("year", p.features.year).number("realRefundUsd", p.features.real_refund_usd);
    w.boolean("returnToRetail", p.features.return_to_retail).number("yearsInForce", p.features.years_in_force);
    w.number("newness", p.features.newness).end_object().key("latestObserved");
    if (p.latest_observed) {
        w.object().integer("year", p.latest_observed->year).number("rate", p.latest_observed->rate);
        w.string("source", p.latest_observed->source_id).end_object();
    } else {
        w.null();
    }
    w.end_object();
}
void write_band(JsonOut& w, const char* key, const Band& b) {
    w.object(key).number("p10", b.p10).number("p50", b.p50).number("p90", b.p90).end_object();
}
void write_count_band(JsonOut& w, const char* key, const CountBand& b) {
    w.object(key).integer("p10", b.p10).integer("p50", b.p50).integer("p90", b.p90).end_object();
}
void write_money_band(JsonOut& w, const char* key, const MoneyBand& b) {
    w.object(key).integer("p10", b.p10.minor).integer("p50", b.p50.minor).integer("p90", b.p90.minor).end_object();
}
void write_impact(JsonOut& w, const ImpactResult& r) {
    w.object("impact").string("factorSetId", r.factor_set_id).string("factorSetName", r.factor_set_name);
    w.number("massKg", r.mass_kg).number("kgCo2e", r.kg_co2e_avoided).number("mj", r.mj_saved).number("kwh", r.kwh_saved);
    w.array("equivalents");
    for (const EquivalentValue& e : r.equivalents) {
        w.object().string("id", e.id).string("name", e.name).string("unit", e.unit).number("amount", e.amount);
        w.string("sourceId", e.source_id).integer("year", e.year).end_object();
    }
    w.end_array().array("notes");
    for (const std::string& n : r.notes) w.string(n);
    w.end_array().end_object();
}
void write_carbon_value(JsonOut& w, const CarbonValue& c) {
    w.object("carbonValue").string("label", c.label).string("currency", currency_code(c.value.currency));
    w.integer("valueMinor", c.value.minor).integer("perTonneMinor", c.per_tonne.minor);
    w.string("sourceId", c.source_id).integer("year", c.year).end_object();
}
// The factor sources a result rests on, by figure, then each of those sources once.
void write_factor_sources(JsonOut& w, const ImpactFactors& f, std::string_view set_id, std::string_view price_id) {
    const FactorSourceIds ids = factor_source_ids(f, set_id, price_id);
    const auto group = [&w](const char* key, const std::vector<std::string_view>& list) {
        w.array(key);
        for (std::string_view id : list) w.string(id);
        w.end_array();
    };
    w.object("factorSourceIds");
    group("co2", ids.co2);
    group("energy", ids.energy);
    group("equivalents", ids.equivalents);
    group("carbonPrice", ids.carbon_price);
    w.end_object().array("factorSources");
    for (std::string_view id : ids.all_ids)
        if (const Source* src = f.find_source(id)) write_source(w, *src);
    w.end_array();
}
void write_rate_choice(JsonOut& w, const RateChoice& r) {
    w.object("returnRate").number("rate", r.input.rate).number("low", r.input.low).number("high", r.input.high);
    w.string("basis", rate_basis_id(r.basis)).integer("year", r.year).end_object();
}

void write_load(JsonOut& w, const DataLoad& load) {
    w.object().boolean("ok", load.errors.empty()).string("id", load.id);
    write_errors(w, load.errors, load.prefix);
    w.end_object();
}
void write_quote(JsonOut& w, Currency currency, const Quote& q) {
    w.object().string("currency", currency_code(currency)).integer("totalMinor", q.total_deposit.minor);
    w.integer("refundMinor", q.total_refund.minor).integer("nonRefundableFeeMinor", q.total_non_refundable_fee.minor);
    w.integer("eligibleCount", q.eligible_count).array("lines");
    for (const QuoteLine& line : q.lines) {
        w.object().key("container");
        write_container(w, line.container);
        w.integer("count", line.count);
        write_decision(w, line.decision);
        w.integer("lineMinor", line.deposit.minor).integer("lineRefundMinor", line.refund.minor);
        w.integer("lineNonRefundableFeeMinor", line.non_refundable_fee.minor).end_object();
    }
    w.end_array().end_object();
}
// The figures as the page shows them, worded by the core for the call's locale (figure_text.hpp).
void write_household_text(JsonOut& w, const HouseholdResult& h, const RateChoice& rate, Locale locale) {
    const auto money = [&w, locale](const char* key, Money m) { w.string(key, format_money(m, locale)); };
    const auto count = [&w, locale](const char* key, std::int64_t n) { w.string(key, format_number(static_cast<double>(n), locale, 0)); };
    const auto percent = [&w, locale](const char* key, double share) { w.string(key, format_percent(share, locale)); };
    const auto measure = [&w, locale](const char* key, double v) { w.string(key, format_3_significant(v, locale)); };
    w.object("text");
    money("deposits", h.deposits_paid);
    money("refund", h.refund_at_rate);
    money("unreturned", h.unreturned_at_rate);
    money("leftOnTable", h.left_on_table);
    money("nonRefundableFees", h.non_refundable_fees);
    percent("rate", rate.input.rate);
    percent("rateLow", rate.input.low);
    percent("rateHigh", rate.input.high);
    percent("notReturned", 1 - rate.input.rate);
    count("containersPerYear", h.containers_per_year);
    count("coveredPerYear", h.covered_per_year);
    measure("kgCo2e", h.impact_at_rate.kg_co2e_avoided);
    measure("mj", h.impact_at_rate.mj_saved);
    measure("kwh", h.impact_at_rate.kwh_saved);
    w.array("equivalents");
    for (const EquivalentValue& e : h.impact_at_rate.equivalents) w.string(format_3_significant(e.amount, locale));
    w.end_array().array("lines");
    for (const HouseholdLineResult& l : h.lines) {
        w.object();
        count("perYear", l.per_year);
        money("amount", l.decision.deposit);
        money("deposits", l.deposits);
        w.end_object();
    }
    w.end_array().end_object();
}
void write_household(JsonOut& w, const Scheme& scheme, const ImpactFactors& f, const HouseholdParams& params,
                     const RateChoice& rate, const HouseholdResult& h, Locale locale) {
    w.object().string("currency", currency_code(h.currency)).string("date", format_date(params.date));
    write_rate_choice(w, rate);
    w.integer("containersPerYear", h.containers_per_year).integer("coveredPerYear", h.covered_per_year);
    w.integer("returnedPerYear", h.returned_per_year).integer("depositsMinor", h.deposits_paid.minor);
    w.integer("nonRefundableFeesMinor", h.non_refundable_fees.minor).integer("refundIfAllReturnedMinor", h.refund_if_all_returned.minor);
    w.integer("refundMinor", h.refund_at_rate.minor).integer("unreturnedMinor", h.unreturned_at_rate.minor);
    w.integer("leftOnTableMinor", h.left_on_table.minor);
    write_impact(w, h.impact_at_rate);
    write_carbon_value(w, h.carbon_value_at_rate);
    w.array("lines");
    for (const HouseholdLineResult& l : h.lines) {
        w.object().integer("perYear", l.per_year);
        write_decision(w, l.decision);
        w.integer("returnedPerYear", l.returned_per_year);
        if (l.decision.rule_index >= 0) {
            const Rule& rule = scheme.rules[static_cast<std::size_t>(l.decision.rule_index)];
            w.string("ruleId", rule.id).string("sourceId", rule.source_id);
        }
        w.integer("depositsMinor", l.deposits.minor).integer("refundAtRateMinor", l.refund_at_rate.minor).key("massG");
        if (l.mass_g) w.number(*l.mass_g);
        else w.null();
        w.end_object();
    }
    w.end_array().object("band").integer("draws", h.draws);
    write_band(w, "rate", h.rate_band);
    write_count_band(w, "returned", h.returned_band);
    write_money_band(w, "unreturnedMinor", h.unreturned_band);
    write_band(w, "kgCo2e", h.kg_co2e_band);
    write_band(w, "mj", h.mj_band);
    w.end_object();
    write_household_text(w, h, rate, locale);
    write_sources(w, scheme.sources);
    write_factor_sources(w, f, params.factor_set, params.carbon_price);
    w.end_object();
}
void write_what_if(JsonOut& w, const ImpactFactors& f, const WhatIfRequest& request, const WhatIfResult& r) {
    const ProjectionResult& p = r.projection;
    w.object().string("currency", currency_code(p.currency)).key("prediction");
    write_prediction(w, r.prediction);
    w.integer("placed", p.placed).integer("returned", p.returned).integer("depositsCollectedMinor", p.deposits_collected.minor);
    w.integer("refundsPaidMinor", p.refunds_paid.minor).integer("unredeemedMinor", p.unredeemed.minor);
    w.number("tonnesRecovered", p.tonnes_recovered_total).number("tonnesCo2e", p.tonnes_co2e_avoided).number("gjEnergy", p.gj_energy_saved);
    write_impact(w, p.impact);
    write_carbon_value(w, p.carbon_value);
    w.object("band").integer("draws", p.draws);
    write_band(w, "rate", p.rate_band);
    write_count_band(w, "returned", p.returned_band);
    write_money_band(w, "unredeemedMinor", p.unredeemed_band);
    write_band(w, "tonnesCo2e", p.tonnes_co2e_band);
    write_band(w, "gjEnergy", p.gj_band);
    w.end_object();
    write_factor_sources(w, f, request.options.factor_set, request.options.carbon_price);
    w.end_object();
}
void write_sourced_count(JsonOut& w, const char* key, const SourcedCount& c) {
    w.object(key).integer("value", c.value).string("sourceId", c.source_id).integer("year", c.year);
    w.boolean("assumption", c.assumption).end_object();
}
void write_what_if_defaults(JsonOut& w, std::string_view jurisdiction, const WhatIfDefaults* d) {
    w.object().string("jurisdiction", jurisdiction).boolean("sourced", d != nullptr);
    if (d) {
        write_sourced_count(w, "population", d->population);
        write_sourced_count(w, "containersPlaced", d->containers_placed);
        write_sourced_count(w, "containersPerPerson", d->containers_per_person);
    }
    w.end_object();
}
void write_factor_tables(JsonOut& w, const ImpactFactors& f) {
    w.object().array("emissionSets");
    for (const EmissionFactorSet& set : f.emission_sets) {
        w.object().string("id", set.id).string("name", set.name).string("description", set.description).array("materials");
        for (int m = 0; m < kMaterialCount; ++m) {
            const MaterialFactor& mf = set.materials[static_cast<std::size_t>(m)];
            w.object().string("material", material_id(static_cast<Material>(m))).boolean("available", mf.available);
            w.number("kgCo2ePerKg", mf.kg_co2e_per_kg).boolean("derived", mf.derived).string("basis", mf.basis);
            w.string("sourceId", mf.source_id).integer("year", mf.year).end_object();
        }
        w.end_array().end_object();
    }
    w.end_array().array("equivalents");
    for (const Equivalent& e : f.equivalents) {
        w.object().string("id", e.id).string("name", e.name).string("unit", e.unit).number("kgCo2ePerUnit", e.kg_co2e_per_unit);
        w.string("basis", e.basis).string("sourceId", e.source_id).integer("year", e.year).end_object();
    }
    w.end_array();
    write_sources(w, f.sources);
    w.end_object();
}
void write_model_info(JsonOut& w, const ReturnModel& m, const Conversions& c) {
    w.object().string("id", m.id).string("conversionId", m.conversion_id).number("level", m.level);
    w.number("intercept", m.intercept).number("bLogRefund", m.b_log_refund).number("bReturnToRetail", m.b_return_to_retail);
    w.number("bNewness", m.b_newness).integer("observations", m.observations).integer("jurisdictions", m.jurisdictions);
    w.number("looRmsePp", m.loo_rmse_pp).number("looMaePp", m.loo_mae_pp).number("nestedCoverage", m.nested_coverage);
    w.number("meanWidthPp", m.mean_width_pp).string("generatedBy", m.generated_by).string("method", c.method);
    write_sources(w, c.sources);
    w.end_object();
}
void write_tables(JsonOut& w) {
    const auto list = [&w](const char* key, int count, auto id_of) {
        w.array(key);
        for (int i = 0; i < count; ++i) w.string(id_of(i));
        w.end_array();
    };
    w.object();
    list("materials", kMaterialCount, [](int i) { return material_id(static_cast<Material>(i)); });
    list("categories", kCategoryCount, [](int i) { return category_id(static_cast<Category>(i)); });
    list("currencies", kIssuedCurrencyCount, [](int i) { return currency_code(static_cast<Currency>(i)); });
    list("statuses", kSchemeStatusCount, [](int i) { return scheme_status_id(static_cast<SchemeStatus>(i)); });
    list("scopes", kRefillScopeCount, [](int i) { return refill_scope_id(static_cast<RefillScope>(i)); });
    list("qualities", kSourceQualityCount, [](int i) { return source_quality_id(static_cast<SourceQuality>(i)); });
    w.object("limits").integer("containersPerWeek", kMaxContainersPerWeek).end_object();
    w.end_object();
}

}  // namespace returnloop::web
