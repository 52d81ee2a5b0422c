// The web module's C ABI, wrapped by web/returnloop.js: JSON text in, JSON text out, one function per API call.
// It only binds: arguments are read into core types, the core decides, answers are written back as JSON.
// Errors are values ({"error":{"path","message"}}), never traps; money stays in integer minor units.
// The module carries no data: the page hands it the JSON files (rl_load) or the core's snapshots of them
// (rl_load_snapshot, all the first view's module can read: it links no JSON data parser).
//
// [SECTION] State
// [SECTION] Writing answers
// [SECTION] Reading arguments
// [SECTION] The calls' bodies
// [SECTION] The exported calls
#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "answers.hpp"
#include "args_reader.hpp"
#include "json_writer.hpp"
#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/figures.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/money.hpp"
#include "returnloop/number_text.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/quote.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"
#include "returnloop/snapshot.hpp"

namespace {

using namespace returnloop;
using namespace returnloop::web;
using Value = rapidjson::Value;
using Failure = std::optional<Error>;  // what a call's body returns: nothing, or the error to answer with

// [SECTION] State: the presets and data files loaded so far, schemes from the editor, and the last answer.
// The five factor files are parsed together, so each is kept until all five have arrived.
constexpr std::array<std::string_view, 5> kFactorFiles = {"factors/emission_factors.json", "factors/container_masses.json",
    "factors/energy.json", "factors/equivalents.json", "factors/carbon_prices.json"};

struct WebState {
    std::vector<Scheme> presets;       // sorted by id
    std::vector<Scheme> user_schemes;  // loaded by useScheme(), addressed as "user:<id>"
    std::array<std::string, kFactorFiles.size()> factor_texts;
    std::optional<ImpactFactors> factors;
    std::optional<Conversions> conversions;
    std::optional<ReturnModel> model;
    JsonOut out;
    std::string snapshot;  // rl_snapshot's last answer: 4 bytes of length (little endian), then the bytes
};
WebState& state() {
    static WebState s;
    return s;
}

// [SECTION] Writing answers (the JSON shapes of the core's results are in answers.cpp)
const char* error_answer(const Error& e) {
    JsonOut& w = state().out;
    w.clear();
    w.object().key("error");
    write_error(w, e);
    w.end_object();
    return w.c_str();
}
void keep_preset(Scheme scheme) {
    auto& presets = state().presets;
    auto at = std::lower_bound(presets.begin(), presets.end(), scheme.id, [](const Scheme& a, const std::string& b) { return a.id < b; });
    if (at != presets.end() && at->id == scheme.id) *at = std::move(scheme);
    else presets.insert(at, std::move(scheme));
}
const char* load_answer(const std::vector<Error>& errors, std::string_view id, std::string_view prefix) {
    JsonOut& w = state().out;
    w.clear();
    w.object().boolean("ok", errors.empty()).string("id", id);
    write_errors(w, errors, prefix);
    w.end_object();
    return w.c_str();
}
// [SECTION] Reading arguments
const Value* member(const Value& obj, const char* name) {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}
std::optional<std::string_view> string_member(const Value& obj, const char* name) {
    const Value* v = member(obj, name);
    if (!v || !v->IsString()) return std::nullopt;
    return std::string_view(v->GetString(), v->GetStringLength());
}
// The same error at the field the caller knows it by (the core checked a value the binding derived from that field).
Error moved_to(const char* path, Error e) {
    e.path = path;
    return e;
}
std::string indexed(const char* list, unsigned i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

// The date argument is optional in the API; returnloop.js always fills in today's local date.
Result<Date> date_arg(const Value& args) {
    auto text = string_member(args, "date");
    if (!text) return coded("date", ErrorCode::wrong_type, {{"expected", "date"}}, "date must be a string YYYY-MM-DD");
    auto d = parse_date(*text);
    if (!d) return d.error();
    return d.value();
}
Result<Currency> currency_arg(const Value& args, const char* path) {
    auto code = string_member(args, "currency");
    auto currency = code ? currency_from_code(*code) : std::nullopt;
    if (!currency) return coded(path, ErrorCode::unknown_value, {{"kind", "currency"}, {"given", code.value_or("")}}, "unknown currency code");
    return *currency;
}
Result<Container> container_arg(const Value* v, const std::string& path) {
    if (!v || !v->IsObject()) return Error{path, "a container is an object {material, volumeMl, category, refillable}"};
    auto material = string_member(*v, "material");
    auto m = material ? material_from_id(*material) : std::nullopt;
    if (!m) return coded(path + ".material", ErrorCode::unknown_value, {{"kind", "material"}}, "unknown material (pet, hdpe, aluminium, steel, glass, carton, other)");
    auto category = string_member(*v, "category");
    auto c = category ? category_from_id(*category) : std::nullopt;
    if (!c) return coded(path + ".category", ErrorCode::unknown_value, {{"kind", "category"}}, "unknown category (water, soft_drink, juice, beer, wine, spirits, dairy, other)");
    const Value* volume = member(*v, "volumeMl");
    if (!volume || !volume->IsUint()) return coded(path + ".volumeMl", ErrorCode::not_whole_number, {}, "volumeMl must be a whole number of millilitres");
    const Value* refillable = member(*v, "refillable");
    if (refillable && !refillable->IsBool()) return Error{path + ".refillable", "refillable must be true or false"};
    return Container{*m, volume->GetUint(), *c, refillable && refillable->GetBool()};
}
Result<const Scheme*> scheme_arg(const Value& args) {
    const WebState& s = state();
    auto id = string_member(args, "scheme");
    const bool user = id && id->substr(0, 5) == "user:";
    for (const Scheme& scheme : user ? s.user_schemes : s.presets)
        if (id && scheme.id == id->substr(user ? 5 : 0)) return &scheme;
    return coded("scheme", ErrorCode::unknown_scheme, {{"id", id.value_or("").substr(0, 40)}}, "unknown scheme id");
}
// "yearsInForce" (0..200) and "returnToRetail" of a what-if, at `prefix` ("" or "whatIf.").
Failure read_what_if(const Value& obj, const std::string& prefix, WhatIfDeposit& w) {
    if (const Value* rtr = member(obj, "returnToRetail")) w.return_to_retail = rtr->IsBool() && rtr->GetBool();
    if (const Value* years = member(obj, "yearsInForce")) {
        if (!years->IsNumber() || !(years->GetDouble() >= 0) || years->GetDouble() > 200)
            return coded(prefix + "yearsInForce", ErrorCode::out_of_range, {{"min", "0"}, {"max", "200"}}, "yearsInForce must be a number from 0 to 200");
        w.years_in_force = years->GetDouble();
    }
    return std::nullopt;
}
// Optional "factorSet", "carbonPrice", "draws" and "seed" members over the core's defaults.
template <class Params>
Failure read_projection_options(const Value& args, Params& p) {
    if (auto set = string_member(args, "factorSet")) p.factor_set = std::string(*set);
    if (auto price = string_member(args, "carbonPrice")) p.carbon_price = std::string(*price);
    if (const Value* draws = member(args, "draws")) {
        if (!draws->IsUint()) return Error{"draws", "draws must be a whole number"};
        p.draws = draws->GetUint();
    }
    if (const Value* seed = member(args, "seed")) {
        if (!seed->IsUint64()) return Error{"seed", "seed must be a whole number"};
        p.seed = seed->GetUint64();
    }
    return std::nullopt;
}
Failure need_model() {
    if (!state().model || !state().conversions) return coded("model", ErrorCode::not_in_build, {}, "the return-rate model is not in this build");
    return std::nullopt;
}
Failure need_factors() {
    if (!state().factors) return coded("factors", ErrorCode::not_in_build, {}, "the impact factors are not in this build");
    return std::nullopt;
}

// Parses the arguments object, runs one call's body and answers with what it wrote, or with its error.
using Body = Failure (*)(const Value& args, JsonOut& w);
const char* run(const char* args_json, Body body) {
    ArgsDocument doc;
    if (!read_args(args_json ? args_json : "", doc) || !doc.IsObject()) return error_answer(coded("", ErrorCode::bad_arguments, {}, "the arguments are not a JSON object"));
    JsonOut& w = state().out;
    w.clear();
    if (Failure e = body(doc, w)) return error_answer(*e);
    return w.c_str();
}

// [SECTION] The calls' bodies
// {"date"} -> [scheme summary, ...] of the loaded presets, by id.
Failure schemes_body(const Value& args, JsonOut& w) {
    auto today = date_arg(args);
    if (!today) return today.error();
    w.array();
    for (const Scheme& s : state().presets) write_scheme_summary(w, s, today.value());
    w.end_array();
    return std::nullopt;
}

// {"scheme","container","date"} -> the decision for one container.
Failure deposit_body(const Value& args, JsonOut& w) {
    auto scheme = scheme_arg(args);
    if (!scheme) return scheme.error();
    auto container = container_arg(member(args, "container"), "container");
    if (!container) return container.error();
    auto date = date_arg(args);
    if (!date) return date.error();
    w.object();
    write_decision(w, decide(*scheme.value(), container.value(), date.value()));
    w.string("currency", currency_code(scheme.value()->currency)).end_object();
    return std::nullopt;
}

// {"scheme","items":[{container,count}],"date"} -> totals and one line per item.
Failure quote_body(const Value& args, JsonOut& w) {
    auto scheme = scheme_arg(args);
    if (!scheme) return scheme.error();
    auto date = date_arg(args);
    if (!date) return date.error();
    const Value* items = member(args, "items");
    if (!items || !items->IsArray()) return Error{"items", "items must be an array of {container, count}"};
    std::vector<QuoteItem> basket;
    for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
        const std::string path = indexed("items", i);
        const Value& item = (*items)[i];
        auto container = container_arg(member(item, "container"), path + ".container");
        if (!container) return container.error();
        const Value* count = member(item, "count");
        if (!count || !count->IsInt64()) return Error{path + ".count", "count must be a whole number"};
        basket.push_back(QuoteItem{container.value(), count->GetInt64()});
    }
    auto q = quote(*scheme.value(), basket, date.value());
    if (!q) return q.error();
    w.object().string("currency", currency_code(scheme.value()->currency)).integer("totalMinor", q->total_deposit.minor);
    w.integer("refundMinor", q->total_refund.minor).integer("nonRefundableFeeMinor", q->total_non_refundable_fee.minor);
    w.integer("eligibleCount", q->eligible_count).array("lines");
    for (const QuoteLine& line : q->lines) {
        w.object().key("container");
        write_container(w, line.container);
        w.integer("count", line.count);
        write_decision(w, line.decision);
        w.integer("lineMinor", line.deposit.minor).integer("lineRefundMinor", line.refund.minor);
        w.integer("lineNonRefundableFeeMinor", line.non_refundable_fee.minor).end_object();
    }
    w.end_array().end_object();
    return std::nullopt;
}

// {"amountMinor","currency","locale"} -> the formatted string (CLDR style, by the core).
Failure format_money_body(const Value& args, JsonOut& w) {
    const Value* amount = member(args, "amountMinor");
    if (!amount || !amount->IsInt64()) return Error{"amountMinor", "amountMinor must be a whole number of minor units"};
    auto currency = currency_arg(args, "currency");
    if (!currency) return currency.error();
    auto tag = string_member(args, "locale");
    auto locale = tag ? locale_from_tag(*tag) : std::nullopt;
    w.string(format_money(Money{amount->GetInt64(), currency.value()}, locale.value_or(Locale::en_US)));
    return std::nullopt;
}

// {"value","locale","digits"} -> the number in the locale's style.
Failure format_number_body(const Value& args, JsonOut& w) {
    const Value* value = member(args, "value");
    if (!value || !value->IsNumber() || !std::isfinite(value->GetDouble())) return Error{"value", "value must be a finite number"};
    const Value* digits = member(args, "digits");
    const int max_digits = std::clamp(digits && digits->IsInt() ? digits->GetInt() : 0, 0, 6);
    auto tag = string_member(args, "locale");
    auto locale = tag ? locale_from_tag(*tag) : std::nullopt;
    w.string(format_number(value->GetDouble(), locale.value_or(Locale::en_US), max_digits));
    return std::nullopt;
}

// {"text","max"} -> {"value"}: a count as a person typed it (full-width digits, 万/亿; number_text.hpp), at most max
// (a whole number up to 2^53 - 1, so JS holds it exactly; that is also the default).
Failure parse_count_body(const Value& args, JsonOut& w) {
    constexpr std::uint64_t kExactInJs = (std::uint64_t{1} << 53) - 1;
    const Value* max = member(args, "max");
    if (max && (!max->IsUint64() || max->GetUint64() > kExactInJs))
        return coded("max", ErrorCode::out_of_range, {{"min", "0"}, {"max", "9007199254740991"}}, "max must be a whole number from 0 to 2^53 - 1");
    auto count = parse_count(string_member(args, "text").value_or(""), max ? max->GetUint64() : kExactInJs);
    if (!count) return count.error();
    w.object().integer("value", static_cast<std::int64_t>(*count)).end_object();
    return std::nullopt;
}

// {"text","currency"} -> {"amountMinor"} or an error naming "text" (the what-if's deposit field).
Failure parse_money_body(const Value& args, JsonOut& w) {
    auto currency = currency_arg(args, "currency");
    if (!currency) return currency.error();
    auto money = parse_money(string_member(args, "text").value_or(""), currency.value());
    if (!money) return moved_to("text", money.error());
    w.object().integer("amountMinor", money->minor).end_object();
    return std::nullopt;
}

// {"scheme","date"} or {"whatIf":{refundMinor,currency,year,returnToRetail,yearsInForce}} -> rate with its 80% band.
Failure predict_body(const Value& args, JsonOut& w) {
    if (Failure e = need_model()) return e;
    const WebState& s = state();
    Result<RatePrediction> p = Error{};
    if (const Value* what_if = member(args, "whatIf")) {
        if (!what_if->IsObject()) return Error{"whatIf", "whatIf must be an object"};
        const Value* refund = member(*what_if, "refundMinor");
        if (!refund || !refund->IsInt64() || refund->GetInt64() <= 0)
            return Error{"whatIf.refundMinor", "refundMinor must be a whole number of minor units above zero"};
        auto currency = currency_arg(*what_if, "whatIf.currency");
        if (!currency) return currency.error();
        WhatIfDeposit d;
        d.refund = Money{refund->GetInt64(), currency.value()};
        if (const Value* year = member(*what_if, "year")) {
            if (!year->IsInt()) return Error{"whatIf.year", "year must be a whole number"};
            d.year = year->GetInt();
        }
        if (Failure e = read_what_if(*what_if, "whatIf.", d)) return e;
        p = predict_return_rate(*s.model, *s.conversions, d);
    } else {
        auto scheme = scheme_arg(args);
        if (!scheme) return scheme.error();
        auto date = date_arg(args);
        if (!date) return date.error();
        p = predict_return_rate(*s.model, *s.conversions, *scheme.value(), date.value());
    }
    if (!p) return p.error();
    write_prediction(w, p.value());
    return std::nullopt;
}

// {"scheme","lines":[{container,count,per,massG}],"returnRate"?,"date",...} -> a household's year.
Failure household_body(const Value& args, JsonOut& w) {
    if (Failure e = need_factors()) return e;
    const WebState& s = state();
    auto scheme = scheme_arg(args);
    if (!scheme) return scheme.error();
    auto date = date_arg(args);
    if (!date) return date.error();
    HouseholdParams params;
    params.date = date.value();
    params.draws = 0;  // the page shows central figures; callers ask for a band with "draws"
    if (Failure e = read_projection_options(args, params)) return e;
    const Value* lines = member(args, "lines");
    if (!lines || !lines->IsArray()) return Error{"lines", "lines must be an array of {container, count, per}"};
    for (rapidjson::SizeType i = 0; i < lines->Size(); ++i) {
        const std::string path = indexed("lines", i);
        const Value& line = (*lines)[i];
        auto container = container_arg(member(line, "container"), path + ".container");
        if (!container) return container.error();
        const Value* count = member(line, "count");
        if (!count || !count->IsUint()) return coded(path + ".count", ErrorCode::not_whole_number, {}, "count must be a whole number, 0 or more");
        HouseholdLine h{container.value(), count->GetUint(), Period::week, std::nullopt};
        auto per = string_member(line, "per");
        if (per && *per == "month") h.per = Period::month;
        else if (per && *per == "year") h.per = Period::year;
        else if (per && *per != "week") return Error{path + ".per", "per must be week, month or year"};
        if (const Value* mass = member(line, "massG")) {
            if (!mass->IsNumber()) return Error{path + ".massG", "massG must be a number of grams"};
            h.mass_g = mass->GetDouble();
        }
        params.lines.push_back(h);
    }
    std::optional<double> user_rate;
    if (const Value* r = member(args, "returnRate")) {
        if (!r->IsNumber()) return coded("returnRate", ErrorCode::rate_out_of_range, {}, "returnRate must be a number from 0 to 1");
        user_rate = r->GetDouble();
    }
    auto rate = choose_return_rate(*scheme.value(), params.date, user_rate, s.model ? &*s.model : nullptr,
                                   s.conversions ? &*s.conversions : nullptr);
    if (!rate) return rate.error();
    params.return_rate = rate->input;
    auto r = household(*scheme.value(), *s.factors, params);
    if (!r) return r.error();
    const HouseholdResult& h = r.value();
    w.object().string("currency", currency_code(h.currency)).string("date", format_date(params.date));
    write_rate_choice(w, rate.value());
    w.integer("containersPerYear", h.containers_per_year).integer("coveredPerYear", h.covered_per_year);
    w.integer("returnedPerYear", h.returned_per_year).integer("depositsMinor", h.deposits_paid.minor);
    w.integer("nonRefundableFeesMinor", h.non_refundable_fees.minor).integer("refundIfAllReturnedMinor", h.refund_if_all_returned.minor);
    w.integer("refundMinor", h.refund_at_rate.minor).integer("unreturnedMinor", h.unreturned_at_rate.minor);
    write_impact(w, h.impact_at_rate);
    write_carbon_value(w, h.carbon_value_at_rate);
    w.array("lines");
    for (const HouseholdLineResult& l : h.lines) {
        w.object().integer("perYear", l.per_year);
        write_decision(w, l.decision);
        w.integer("returnedPerYear", l.returned_per_year);
        if (l.decision.rule_index >= 0) {
            const Rule& rule = scheme.value()->rules[static_cast<std::size_t>(l.decision.rule_index)];
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
    write_sources(w, scheme.value()->sources);
    write_factor_sources(w, *s.factors, params.factor_set, params.carbon_price);
    w.end_object();
    return std::nullopt;
}

// {"depositMinor","currency","containersPerYear","returnToRetail","yearsInForce"?,"date",...}: a what-if scheme.
// The core spreads the containers over the model's reference basket, predicts the rate and band at this refund,
// and projects money and impact.
Failure project_body(const Value& args, JsonOut& w) {
    if (Failure e = need_model()) return e;
    if (Failure e = need_factors()) return e;
    const WebState& s = state();
    auto date = date_arg(args);
    if (!date) return date.error();
    const Value* amount = member(args, "depositMinor");
    if (!amount || !amount->IsInt64() || amount->GetInt64() <= 0)
        return coded("depositMinor", ErrorCode::out_of_range, {{"min", "0"}, {"max", "1000"}}, "depositMinor must be a whole number of minor units above zero");
    auto currency = currency_arg(args, "currency");
    if (!currency) return currency.error();
    const Value* placed = member(args, "containersPerYear");
    if (!placed || !placed->IsInt64() || placed->GetInt64() <= 0)
        return coded("containersPerYear", ErrorCode::not_whole_number, {}, "containersPerYear must be a whole number above zero");
    WhatIfDeposit what_if;
    what_if.refund = Money{amount->GetInt64(), currency.value()};
    what_if.year = year_of(date.value());
    if (Failure e = read_what_if(args, "", what_if)) return e;
    auto prediction = predict_return_rate(*s.model, *s.conversions, what_if);
    if (!prediction) return prediction.error();
    ProjectionParams params;
    params.date = date.value();
    params.what_if_deposit = what_if.refund;
    params.return_rate = rate_input(prediction.value());
    params.draws = 1000;  // enough for 10th/90th percentiles to two figures; keeps a what-if edit interactive
    if (Failure e = read_projection_options(args, params)) return e;
    params.lines = basket_lines(*s.model, placed->GetInt64());
    auto r = project_what_if(*s.factors, params);
    if (!r) {  // the basket's lines are the containers per year the caller gave, so its errors are that field's
        const Error& e = r.error();
        return e.place().list == "lines" ? moved_to("containersPerYear", e) : e;
    }
    const ProjectionResult& p = r.value();
    w.object().string("currency", currency_code(p.currency)).key("prediction");
    write_prediction(w, prediction.value());
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
    write_factor_sources(w, *s.factors, params.factor_set, params.carbon_price);
    w.end_object();
    return std::nullopt;
}

// {ok, id, errors} for a scheme file's text; with keep, a valid scheme becomes "user:<id>" (the editor's check).
const char* check_scheme(const char* json_text, bool keep) {
    SchemeParse parsed = parse_scheme(json_text ? json_text : "");
    std::string id = parsed.scheme ? parsed.scheme->id : std::string();
    if (keep && parsed.scheme) {
        auto& users = state().user_schemes;
        std::erase_if(users, [&](const Scheme& u) { return u.id == id; });
        users.push_back(std::move(*parsed.scheme));
        id = "user:" + id;
    }
    JsonOut& w = state().out;
    w.clear();
    w.object().boolean("ok", parsed.errors.empty()).string("id", id);
    write_errors(w, parsed.errors);
    w.end_object();
    return w.c_str();
}

}  // namespace

// [SECTION] The exported calls (web/CMakeLists.txt exports them by name: the first view's module only some)
extern "C" {

// Loads one data file by its name under assets/: "schemes/<id>.json" (a preset, replacing one of the same id),
// the five "factors/*.json" impact files (parsed together once all are in), "factors/money_conversion.json" or
// "model/return_rate.json". Returns {"ok","id","errors":[...]} with each error's path prefixed by the file name.
const char* rl_load(const char* name_text, const char* text) {
    WebState& s = state();
    const std::string_view name = name_text ? name_text : "";
    const std::string_view body = text ? text : "";
    std::vector<Error> errors;
    std::string_view prefix = name;
    std::string id;
    if (name.substr(0, 8) == "schemes/") {
        SchemeParse parsed = parse_scheme(body);
        errors = std::move(parsed.errors);
        if (parsed.scheme) {
            id = parsed.scheme->id;
            keep_preset(std::move(*parsed.scheme));
        }
    } else if (auto f = std::find(kFactorFiles.begin(), kFactorFiles.end(), name); f != kFactorFiles.end()) {
        s.factor_texts[static_cast<std::size_t>(f - kFactorFiles.begin())] = body;
        const auto& t = s.factor_texts;
        if (std::none_of(t.begin(), t.end(), [](const std::string& x) { return x.empty(); })) {
            ImpactFactorsParse parsed = parse_impact_factors(ImpactFactorTexts{t[0], t[1], t[2], t[3], t[4]});
            s.factors = std::move(parsed.factors);
            errors = std::move(parsed.errors);
            prefix = "factors";
        }
    } else if (name == "factors/money_conversion.json") {
        ConversionsParse parsed = parse_conversions(body);
        s.conversions = std::move(parsed.conversions);
        errors = std::move(parsed.errors);
    } else if (name == "model/return_rate.json") {
        ReturnModelParse parsed = parse_return_model(body);
        s.model = std::move(parsed.model);
        errors = std::move(parsed.errors);
    } else {
        errors.push_back(Error{"", "not a data file of the web module (schemes/, factors/ or model/)"});
    }
    return load_answer(errors, id, prefix);
}

// Loads a snapshot (returnloop/snapshot.hpp) of a preset or of the start data, made by rl_snapshot when the page was
// built from files this core validated. Returns {"ok","id","errors"} like rl_load.
const char* rl_load_snapshot(const char* bytes, std::size_t size) {
    const std::string_view data(bytes ? bytes : "", bytes ? size : 0);
    std::vector<Error> errors;
    std::string id;
    if (snapshot_kind(data) == 's') {
        auto scheme = read_scheme_snapshot(data);
        if (scheme) {
            id = scheme->id;
            keep_preset(std::move(scheme).value());
        } else {
            errors.push_back(scheme.error());
        }
    } else {
        auto start = read_start_data_snapshot(data);
        if (start) {
            WebState& s = state();
            s.factors = std::move(start.value().factors);
            s.conversions = std::move(start.value().conversions);
            s.model = std::move(start.value().model);
        } else {
            errors.push_back(start.error());
        }
    }
    return load_answer(errors, id, {});
}

// A snapshot of what rl_load accepted: "schemes/<id>" a loaded preset, "start" the factors, conversion and model
// (all loaded), "start-figures" the same without their descriptive texts (what the first view's module needs). Returns 4 bytes of length (little endian) and the bytes; length 0 when there is nothing to take.
const char* rl_snapshot(const char* name_text) {
    WebState& s = state();
    const std::string_view name = name_text ? name_text : "";
    std::string bytes;
    if (name.substr(0, 8) == "schemes/") {
        for (const Scheme& scheme : s.presets)
            if (scheme.id == name.substr(8)) bytes = snapshot_scheme(scheme, SnapshotDetail::figures);  // no notes: the page shows none
    } else if ((name == "start" || name == "start-figures") && s.factors && s.conversions && s.model) {
        bytes = snapshot_start_data(StartData{*s.factors, *s.conversions, *s.model},
                                    name == "start" ? SnapshotDetail::complete : SnapshotDetail::figures);
    }
    const auto n = static_cast<std::uint32_t>(bytes.size());
    s.snapshot.assign({static_cast<char>(n & 0xFF), static_cast<char>((n >> 8) & 0xFF), static_cast<char>((n >> 16) & 0xFF),
                       static_cast<char>(n >> 24)});
    s.snapshot += bytes;
    return s.snapshot.data();
}

const char* rl_version() {
    JsonOut& w = state().out;
    w.clear();
    return w.string(RETURNLOOP_VERSION).c_str();
}

const char* rl_schemes(const char* args) { return run(args, schemes_body); }
const char* rl_deposit(const char* args) { return run(args, deposit_body); }
const char* rl_quote(const char* args) { return run(args, quote_body); }
const char* rl_format_money(const char* args) { return run(args, format_money_body); }
const char* rl_format_number(const char* args) { return run(args, format_number_body); }
const char* rl_parse_money(const char* args) { return run(args, parse_money_body); }
const char* rl_parse_count(const char* args) { return run(args, parse_count_body); }
const char* rl_predict_return_rate(const char* args) { return run(args, predict_body); }
const char* rl_household(const char* args) { return run(args, household_body); }
const char* rl_project(const char* args) { return run(args, project_body); }

// Raw JSON text (not wrapped in args) -> {"ok", "errors":[{path,message}], "id"}.
const char* rl_validate_scheme(const char* json_text) { return check_scheme(json_text, false); }
// Like validate, and when valid keeps the scheme as "user:<id>" for deposit() and quote().
const char* rl_use_scheme(const char* json_text) { return check_scheme(json_text, true); }

// The impact factor sets, energy factors, equivalents and their sources, for "Sources and methods".
const char* rl_factors() {
    if (Failure e = need_factors()) return error_answer(*e);
    const ImpactFactors& f = *state().factors;
    JsonOut& w = state().out;
    w.clear();
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
    return w.end_object().c_str();
}

// The return-rate model's coefficients and validation statistics, with the money conversion's sources.
const char* rl_model_info() {
    if (Failure e = need_model()) return error_answer(*e);
    const ReturnModel& m = *state().model;
    JsonOut& w = state().out;
    w.clear();
    w.object().string("id", m.id).string("conversionId", m.conversion_id).number("level", m.level);
    w.number("intercept", m.intercept).number("bLogRefund", m.b_log_refund).number("bReturnToRetail", m.b_return_to_retail);
    w.number("bNewness", m.b_newness).integer("observations", m.observations).integer("jurisdictions", m.jurisdictions);
    w.number("looRmsePp", m.loo_rmse_pp).number("looMaePp", m.loo_mae_pp).number("nestedCoverage", m.nested_coverage);
    w.number("meanWidthPp", m.mean_width_pp).string("generatedBy", m.generated_by).string("method", state().conversions->method);
    write_sources(w, state().conversions->sources);
    return w.end_object().c_str();
}

}  // extern "C"
