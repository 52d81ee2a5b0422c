// The web module's answers as JSON: one writer per core result, field names in JS style (camelCase), amounts in
// minor units. The shapes are the API's (web/returnloop.d.ts); web/tests check them through returnloop.js.
#include "answers.hpp"

#include <string>

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

}  // namespace returnloop::web
