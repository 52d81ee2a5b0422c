// The web module's C ABI, wrapped by web/returnloop.js: JSON text in, JSON text out, one function per API call.
// It only binds: arguments are read into core types, the core decides, results are written back as JSON.
// Errors are values ({"error":{"path","message"}}), never traps; money stays in integer minor units.
#include <emscripten/emscripten.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embedded_assets.hpp"
#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/quote.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace {

using namespace returnloop;
using Json = rapidjson::Document;
using Value = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// [SECTION] State: the presets parsed once, schemes loaded from the editor, and the last answer's text.
struct Preset {
    Scheme scheme;
    std::string_view source;  // the embedded JSON text, handed to the editor as is
};
struct WebState {
    std::vector<Preset> presets;
    std::vector<Scheme> user_schemes;  // loaded by useScheme(), addressed as "user:<id>"
    std::optional<ImpactFactors> factors;
    std::optional<Conversions> conversions;
    std::optional<ReturnModel> model;
    std::vector<Error> asset_errors;   // an embedded file that failed to parse (the native tests keep this empty)
    std::size_t next_file = 0;         // start-up progress through the embedded files
    bool loaded = false;               // every embedded file has been parsed
    rapidjson::StringBuffer out;
};
WebState& state() {
    static WebState s;
    return s;
}

// [SECTION] Writing answers
const char* finish(Writer& w) {
    (void)w;
    return state().out.GetString();
}
Writer begin() {
    state().out.Clear();
    return Writer(state().out);
}
void key_string(Writer& w, const char* key, std::string_view value) {
    w.Key(key);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
const char* error_answer(std::string_view path, std::string_view message) {
    Writer w = begin();
    w.StartObject();
    w.Key("error");
    w.StartObject();
    key_string(w, "path", path);
    key_string(w, "message", message);
    w.EndObject();
    w.EndObject();
    return finish(w);
}
const char* error_answer(const Error& e) { return error_answer(e.path, e.message); }
void write_errors(Writer& w, const std::vector<Error>& errors) {
    w.Key("errors");
    w.StartArray();
    for (const Error& e : errors) {
        w.StartObject();
        key_string(w, "path", e.path);
        key_string(w, "message", e.message);
        w.EndObject();
    }
    w.EndArray();
}
void write_money(Writer& w, const char* key, Money m) {
    w.Key(key);
    w.Int64(m.minor);
}
void write_container(Writer& w, const Container& c) {
    w.StartObject();
    key_string(w, "material", material_id(c.material));
    w.Key("volumeMl");
    w.Uint(c.volume_ml);
    key_string(w, "category", category_id(c.category));
    w.Key("refillable");
    w.Bool(c.refillable);
    w.EndObject();
}
void write_sources(Writer& w, const std::vector<Source>& sources) {
    w.Key("sources");
    w.StartArray();
    for (const Source& src : sources) {
        w.StartObject();
        key_string(w, "id", src.id);
        key_string(w, "title", src.title);
        key_string(w, "url", src.url);
        w.Key("year");
        w.Int(src.year);
        w.EndObject();
    }
    w.EndArray();
}
std::string_view status_id(SchemeStatus s) {
    switch (s) {
        case SchemeStatus::in_force: return "in_force";
        case SchemeStatus::planned: return "planned";
        case SchemeStatus::uncertain: return "uncertain";
        case SchemeStatus::hypothetical: return "hypothetical";
    }
    return "uncertain";
}

// [SECTION] Reading arguments
struct Args {
    Json doc;
    std::optional<Error> error;
};
Args parse_args(const char* text) {
    Args a;
    // The core's parse flags: one RapidJSON reader instantiation in the module instead of two.
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    std::string_view json = text ? std::string_view(text) : std::string_view();
    a.doc.Parse<kFlags>(json.data(), json.size());
    if (a.doc.HasParseError() || !a.doc.IsObject()) a.error = Error{"", "the arguments are not a JSON object"};
    return a;
}
const Value* member(const Value& obj, const char* name) {
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}
std::optional<std::string_view> string_member(const Value& obj, const char* name) {
    const Value* v = member(obj, name);
    if (!v || !v->IsString()) return std::nullopt;
    return std::string_view(v->GetString(), v->GetStringLength());
}

// The date argument is optional in the API; returnloop.js always fills in today's local date.
Result<Date> date_arg(const Value& args) {
    auto text = string_member(args, "date");
    if (!text) return Error{"date", "date must be a string YYYY-MM-DD"};
    auto d = parse_date(*text);
    if (!d) return Error{"date", d.error().message};
    return d.value();
}

Result<Container> container_arg(const Value* v, const std::string& path) {
    if (!v || !v->IsObject()) return Error{path, "a container is an object {material, volumeMl, category, refillable}"};
    auto material = string_member(*v, "material");
    auto m = material ? material_from_id(*material) : std::nullopt;
    if (!m) return Error{path + ".material", "unknown material (pet, hdpe, aluminium, steel, glass, carton, other)"};
    auto category = string_member(*v, "category");
    auto c = category ? category_from_id(*category) : std::nullopt;
    if (!c) return Error{path + ".category", "unknown category (water, soft_drink, juice, beer, wine, spirits, dairy, other)"};
    const Value* volume = member(*v, "volumeMl");
    if (!volume || !volume->IsUint()) return Error{path + ".volumeMl", "volumeMl must be a whole number of millilitres"};
    const Value* refillable = member(*v, "refillable");
    if (refillable && !refillable->IsBool()) return Error{path + ".refillable", "refillable must be true or false"};
    return Container{*m, volume->GetUint(), *c, refillable && refillable->GetBool()};
}

const Scheme* find_scheme(std::string_view id) {
    WebState& s = state();
    if (id.substr(0, 5) == "user:") {
        for (const Scheme& u : s.user_schemes)
            if (u.id == id.substr(5)) return &u;
        return nullptr;
    }
    for (const Preset& p : s.presets)
        if (p.scheme.id == id) return &p.scheme;
    return nullptr;
}
Result<const Scheme*> scheme_arg(const Value& args) {
    auto id = string_member(args, "scheme");
    const Scheme* scheme = id ? find_scheme(*id) : nullptr;
    if (!scheme) return Error{"scheme", "unknown scheme id"};
    return scheme;
}

void write_decision(Writer& w, const Decision& d) {
    w.Key("eligible");
    w.Bool(d.eligible);
    key_string(w, "reason", reason_id(d.reason));
    write_money(w, "amountMinor", d.deposit);
    write_money(w, "refundMinor", d.refund);
    write_money(w, "nonRefundableFeeMinor", d.non_refundable_fee);
    w.Key("handlingFeeMicros");
    w.Int64(d.handling_fee.micros);
    w.Key("ruleIndex");
    w.Int(d.rule_index);
}

void write_scheme_summary(Writer& w, const Scheme& s, Date today) {
    w.StartObject();
    key_string(w, "id", s.id);
    key_string(w, "name", s.name);
    key_string(w, "nameZh", s.name_zh);
    key_string(w, "country", s.country);
    key_string(w, "currency", currency_code(s.currency));
    key_string(w, "status", status_id(s.status));
    bool rule_today = false;
    for (const Rule& r : s.rules) rule_today = rule_today || (r.from <= today && (!r.until || today < *r.until));
    w.Key("inForce");
    w.Bool(s.status == SchemeStatus::in_force && rule_today);
    w.Key("hypothetical");
    w.Bool(s.hypothetical());
    key_string(w, "started", s.started ? format_date(*s.started) : std::string());
    w.Key("returnToRetail");
    w.Bool(s.return_to_retail);
    key_string(w, "operator", s.operator_name);
    key_string(w, "summary", s.summary);
    w.Key("rules");
    w.Uint(static_cast<unsigned>(s.rules.size()));
    w.Key("returnRates");
    w.StartArray();
    for (const ReturnRateObservation& r : s.return_rates) {
        w.StartObject();
        w.Key("year");
        w.Int(r.year);
        w.Key("rate");
        w.Double(r.rate);
        key_string(w, "source", r.source_id);
        key_string(w, "note", r.note);
        w.EndObject();
    }
    w.EndArray();
    write_sources(w, s.sources);
    w.EndObject();
}

// [SECTION] Embedded assets: parsed once at start
std::string_view embedded(std::string_view name) {
    for (const web::EmbeddedFile& f : web::embedded_files())
        if (f.name == name) return f.text;
    return {};
}
void note_errors(std::string_view file, const std::vector<Error>& errors) {
    for (const Error& e : errors) state().asset_errors.push_back(Error{std::string(file) + ": " + e.path, e.message});
}
// Parses the embedded files from index `next` on, stopping after `budget` scheme files, so a browser can spread
// start-up over several short tasks. Returns the index to continue from (files().size() when done).
std::size_t load_assets(std::size_t next, std::size_t budget) {
    WebState& s = state();
    const auto files = web::embedded_files();
    for (; next < files.size() && budget > 0; ++next) {
        const web::EmbeddedFile& f = files[next];
        if (f.name.substr(0, 8) != "schemes/") continue;
        --budget;
        SchemeParse parsed = parse_scheme(f.text);
        if (parsed.scheme) s.presets.push_back(Preset{std::move(*parsed.scheme), f.text});
        else note_errors(f.name, parsed.errors);
    }
    if (next < files.size() || s.loaded) return next;
    ImpactFactorsParse factors = parse_impact_factors(ImpactFactorTexts{
        embedded("factors/emission_factors.json"), embedded("factors/container_masses.json"),
        embedded("factors/energy.json"), embedded("factors/equivalents.json"), embedded("factors/carbon_prices.json")});
    s.factors = std::move(factors.factors);
    note_errors("factors", factors.errors);
    ConversionsParse conversions = parse_conversions(embedded("factors/money_conversion.json"));
    s.conversions = std::move(conversions.conversions);
    note_errors("factors/money_conversion.json", conversions.errors);
    ReturnModelParse model = parse_return_model(embedded("model/return_rate.json"));
    s.model = std::move(model.model);
    note_errors("model/return_rate.json", model.errors);
    s.loaded = true;
    return next;
}

void write_prediction(Writer& w, const RatePrediction& p) {
    w.StartObject();
    w.Key("rate");
    w.Double(p.rate);
    w.Key("low");
    w.Double(p.low);
    w.Key("high");
    w.Double(p.high);
    w.Key("level");
    w.Double(p.level);
    key_string(w, "modelId", p.model_id);
    w.Key("features");
    w.StartObject();
    w.Key("refundMajor");
    w.Double(p.features.refund_major);
    key_string(w, "currency", p.features.currency);
    w.Key("year");
    w.Int(p.features.year);
    w.Key("realRefundUsd");
    w.Double(p.features.real_refund_usd);
    w.Key("returnToRetail");
    w.Bool(p.features.return_to_retail);
    w.Key("yearsInForce");
    w.Double(p.features.years_in_force);
    w.Key("newness");
    w.Double(p.features.newness);
    w.EndObject();
    w.Key("latestObserved");
    if (p.latest_observed) {
        w.StartObject();
        w.Key("year");
        w.Int(p.latest_observed->year);
        w.Key("rate");
        w.Double(p.latest_observed->rate);
        key_string(w, "source", p.latest_observed->source_id);
        w.EndObject();
    } else {
        w.Null();
    }
    w.EndObject();
}

bool model_ready() { return state().model && state().conversions; }
const char* model_missing() { return error_answer("model", "the return-rate model is not in this build"); }


// [SECTION] Projections: shared argument readers and writers
void write_band(Writer& w, const char* key, const Band& b) {
    w.Key(key);
    w.StartObject();
    w.Key("p10");
    w.Double(b.p10);
    w.Key("p50");
    w.Double(b.p50);
    w.Key("p90");
    w.Double(b.p90);
    w.EndObject();
}
void write_count_band(Writer& w, const char* key, const CountBand& b) {
    write_band(w, key, Band{static_cast<double>(b.p10), static_cast<double>(b.p50), static_cast<double>(b.p90)});
}
void write_money_band(Writer& w, const char* key, const MoneyBand& b) {
    w.Key(key);
    w.StartObject();
    write_money(w, "p10", b.p10);
    write_money(w, "p50", b.p50);
    write_money(w, "p90", b.p90);
    w.EndObject();
}
void write_impact(Writer& w, const ImpactResult& r) {
    w.Key("impact");
    w.StartObject();
    key_string(w, "factorSetId", r.factor_set_id);
    key_string(w, "factorSetName", r.factor_set_name);
    w.Key("massKg");
    w.Double(r.mass_kg);
    w.Key("kgCo2e");
    w.Double(r.kg_co2e_avoided);
    w.Key("mj");
    w.Double(r.mj_saved);
    w.Key("kwh");
    w.Double(r.kwh_saved);
    w.Key("equivalents");
    w.StartArray();
    for (const EquivalentValue& e : r.equivalents) {
        w.StartObject();
        key_string(w, "id", e.id);
        key_string(w, "name", e.name);
        key_string(w, "unit", e.unit);
        w.Key("amount");
        w.Double(e.amount);
        key_string(w, "sourceId", e.source_id);
        w.Key("year");
        w.Int(e.year);
        w.EndObject();
    }
    w.EndArray();
    w.Key("notes");
    w.StartArray();
    for (const std::string& n : r.notes) w.String(n.c_str());
    w.EndArray();
    w.EndObject();
}
void write_carbon_value(Writer& w, const CarbonValue& c) {
    w.Key("carbonValue");
    w.StartObject();
    key_string(w, "label", c.label);
    key_string(w, "currency", currency_code(c.value.currency));
    write_money(w, "valueMinor", c.value);
    write_money(w, "perTonneMinor", c.per_tonne);
    key_string(w, "sourceId", c.source_id);
    w.Key("year");
    w.Int(c.year);
    w.EndObject();
}
// The factor sources a result rests on, by figure: emission factors and masses (co2), energy, equivalents and
// the carbon price; then each of those sources once.
void write_factor_sources(Writer& w, const ImpactFactors& f, std::string_view set_id, std::string_view price_id) {
    std::vector<std::string_view> all;
    auto group = [&](const char* key, const std::vector<std::string_view>& ids) {
        w.Key(key);
        w.StartArray();
        std::vector<std::string_view> seen;
        for (std::string_view id : ids) {
            if (id.empty() || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
            seen.push_back(id);
            w.String(id.data(), static_cast<rapidjson::SizeType>(id.size()));
            if (std::find(all.begin(), all.end(), id) == all.end()) all.push_back(id);
        }
        w.EndArray();
    };
    std::vector<std::string_view> co2, energy, equivalents, price;
    if (const EmissionFactorSet* set = f.find_set(set_id))
        for (const MaterialFactor& m : set->materials) co2.push_back(m.source_id);
    for (const MaterialMass& m : f.masses)
        for (const MassAnchor& anchor : m.anchors) co2.push_back(anchor.source_id);
    for (const EnergyFactor& e : f.energy)
        for (const std::string& id : e.source_ids) energy.push_back(id);
    for (const Equivalent& e : f.equivalents) equivalents.push_back(e.source_id);
    if (const CarbonPrice* p = f.find_price(price_id)) price.push_back(p->source_id);
    w.Key("factorSourceIds");
    w.StartObject();
    group("co2", co2);
    group("energy", energy);
    group("equivalents", equivalents);
    group("carbonPrice", price);
    w.EndObject();
    w.Key("factorSources");
    w.StartArray();
    for (std::string_view id : all) {
        const Source* src = f.find_source(id);
        if (!src) continue;
        w.StartObject();
        key_string(w, "id", src->id);
        key_string(w, "title", src->title);
        key_string(w, "url", src->url);
        w.Key("year");
        w.Int(src->year);
        w.EndObject();
    }
    w.EndArray();
}
// Optional "factorSet", "carbonPrice", "draws" and "seed" members over the core's defaults.
template <class Params>
std::optional<Error> read_projection_options(const Value& args, Params& p) {
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
// "returnRate": a number 0..1 (the user's), or absent: the latest published rate, else the model's estimate.
struct RateChoice {
    RateInput input;
    std::string_view basis;  // "user", "observed" or "model"
    int year = 0;
};
Result<RateChoice> rate_arg(const Value& args, const Scheme& scheme, Date date) {
    if (const Value* r = member(args, "returnRate")) {
        if (!r->IsNumber() || !(r->GetDouble() >= 0 && r->GetDouble() <= 1))
            return Error{"returnRate", "returnRate must be a number from 0 to 1"};
        return RateChoice{fixed_rate(r->GetDouble()), "user", 0};
    }
    const ReturnRateObservation* latest = nullptr;
    for (const ReturnRateObservation& o : scheme.return_rates)
        if (!latest || o.year > latest->year) latest = &o;
    if (latest) return RateChoice{fixed_rate(latest->rate), "observed", latest->year};
    if (!model_ready()) return Error{"returnRate", "no published rate for this scheme and no model to estimate one"};
    auto p = predict_return_rate(*state().model, *state().conversions, scheme, date);
    if (!p) return Error{"returnRate", "no published rate and no estimate: " + p.error().message};
    return RateChoice{rate_input(p.value()), "model", year_of(date)};
}
void write_rate_choice(Writer& w, const RateChoice& r) {
    w.Key("returnRate");
    w.StartObject();
    w.Key("rate");
    w.Double(r.input.rate);
    w.Key("low");
    w.Double(r.input.low);
    w.Key("high");
    w.Double(r.input.high);
    key_string(w, "basis", r.basis);
    w.Key("year");
    w.Int(r.year);
    w.EndObject();
}

}  // namespace

// [SECTION] The exported calls
extern "C" {

// Parses the next `count` embedded scheme files (then the factor and model files); call until "done" is true.
// Returns {"done","presets":N,"errors":[...]} (errors name the file in their path).
EMSCRIPTEN_KEEPALIVE const char* rl_init(unsigned count) {
    WebState& s = state();
    s.next_file = load_assets(s.next_file, count == 0 ? SIZE_MAX : count);
    Writer w = begin();
    w.StartObject();
    w.Key("done");
    w.Bool(s.loaded);
    w.Key("presets");
    w.Uint(static_cast<unsigned>(s.presets.size()));
    write_errors(w, s.asset_errors);
    w.EndObject();
    return finish(w);
}

EMSCRIPTEN_KEEPALIVE const char* rl_version() {
    Writer w = begin();
    w.String(RETURNLOOP_VERSION);
    return finish(w);
}

// {"date"} -> [scheme summary, ...] in file order (sorted by id).
EMSCRIPTEN_KEEPALIVE const char* rl_schemes(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    auto today = date_arg(a.doc);
    if (!today) return error_answer(today.error());
    Writer w = begin();
    w.StartArray();
    for (const Preset& p : state().presets) write_scheme_summary(w, p.scheme, today.value());
    w.EndArray();
    return finish(w);
}

// {"scheme"} -> the preset's JSON text (as a JSON string), for the editor.
EMSCRIPTEN_KEEPALIVE const char* rl_scheme_source(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    auto id = string_member(a.doc, "scheme");
    for (const Preset& p : state().presets) {
        if (id && p.scheme.id == *id) {
            Writer w = begin();
            w.String(p.source.data(), static_cast<rapidjson::SizeType>(p.source.size()));
            return finish(w);
        }
    }
    return error_answer("scheme", "unknown scheme id");
}

// {"scheme","container","date"} -> the decision for one container.
EMSCRIPTEN_KEEPALIVE const char* rl_deposit(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    auto scheme = scheme_arg(a.doc);
    if (!scheme) return error_answer(scheme.error());
    auto container = container_arg(member(a.doc, "container"), "container");
    if (!container) return error_answer(container.error());
    auto date = date_arg(a.doc);
    if (!date) return error_answer(date.error());
    Decision d = decide(*scheme.value(), container.value(), date.value());
    Writer w = begin();
    w.StartObject();
    write_decision(w, d);
    key_string(w, "currency", currency_code(scheme.value()->currency));
    w.EndObject();
    return finish(w);
}

// {"scheme","items":[{container,count}],"date"} -> totals and one line per item.
EMSCRIPTEN_KEEPALIVE const char* rl_quote(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    auto scheme = scheme_arg(a.doc);
    if (!scheme) return error_answer(scheme.error());
    auto date = date_arg(a.doc);
    if (!date) return error_answer(date.error());
    const Value* items = member(a.doc, "items");
    if (!items || !items->IsArray()) return error_answer("items", "items must be an array of {container, count}");
    std::vector<QuoteItem> basket;
    for (rapidjson::SizeType i = 0; i < items->Size(); ++i) {
        const std::string path = "items[" + std::to_string(i) + "]";
        const Value& item = (*items)[i];
        auto container = container_arg(item.IsObject() ? member(item, "container") : nullptr, path + ".container");
        if (!container) return error_answer(container.error());
        const Value* count = item.IsObject() ? member(item, "count") : nullptr;
        if (!count || !count->IsInt64()) return error_answer(path + ".count", "count must be a whole number");
        basket.push_back(QuoteItem{container.value(), count->GetInt64()});
    }
    auto q = quote(*scheme.value(), basket, date.value());
    if (!q) return error_answer(q.error());
    Writer w = begin();
    w.StartObject();
    key_string(w, "currency", currency_code(scheme.value()->currency));
    write_money(w, "totalMinor", q->total_deposit);
    write_money(w, "refundMinor", q->total_refund);
    write_money(w, "nonRefundableFeeMinor", q->total_non_refundable_fee);
    w.Key("eligibleCount");
    w.Int64(q->eligible_count);
    w.Key("lines");
    w.StartArray();
    for (const QuoteLine& line : q->lines) {
        w.StartObject();
        w.Key("container");
        write_container(w, line.container);
        w.Key("count");
        w.Int64(line.count);
        write_decision(w, line.decision);
        write_money(w, "lineMinor", line.deposit);
        write_money(w, "lineRefundMinor", line.refund);
        write_money(w, "lineNonRefundableFeeMinor", line.non_refundable_fee);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return finish(w);
}

// Raw JSON text (not wrapped in args) -> {"ok", "errors":[{path,message}], "id"}.
EMSCRIPTEN_KEEPALIVE const char* rl_validate_scheme(const char* json_text) {
    SchemeParse parsed = parse_scheme(json_text ? json_text : "");
    Writer w = begin();
    w.StartObject();
    w.Key("ok");
    w.Bool(parsed.scheme.has_value());
    key_string(w, "id", parsed.scheme ? std::string_view(parsed.scheme->id) : std::string_view());
    write_errors(w, parsed.errors);
    w.EndObject();
    return finish(w);
}

// Like validate, and when valid keeps the scheme as "user:<id>" for deposit() and quote() (the editor's check).
EMSCRIPTEN_KEEPALIVE const char* rl_use_scheme(const char* json_text) {
    SchemeParse parsed = parse_scheme(json_text ? json_text : "");
    std::string id;
    if (parsed.scheme) {
        id = "user:" + parsed.scheme->id;
        auto& users = state().user_schemes;
        std::erase_if(users, [&](const Scheme& u) { return u.id == parsed.scheme->id; });
        users.push_back(std::move(*parsed.scheme));
    }
    Writer w = begin();
    w.StartObject();
    w.Key("ok");
    w.Bool(!id.empty());
    key_string(w, "id", id);
    write_errors(w, parsed.errors);
    w.EndObject();
    return finish(w);
}

// {"amountMinor","currency","locale"} -> the formatted string (CLDR style, by the core).
EMSCRIPTEN_KEEPALIVE const char* rl_format_money(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    const Value* amount = member(a.doc, "amountMinor");
    if (!amount || !amount->IsInt64()) return error_answer("amountMinor", "amountMinor must be a whole number of minor units");
    auto code = string_member(a.doc, "currency");
    auto currency = code ? currency_from_code(*code) : std::nullopt;
    if (!currency) return error_answer("currency", "unknown currency code");
    auto tag = string_member(a.doc, "locale");
    auto locale = tag ? locale_from_tag(*tag) : std::nullopt;
    Writer w = begin();
    w.String(format_money(Money{amount->GetInt64(), *currency}, locale.value_or(Locale::en_US)).c_str());
    return finish(w);
}

// {"value","locale","digits"} -> the number in the locale's style.
EMSCRIPTEN_KEEPALIVE const char* rl_format_number(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    const Value* value = member(a.doc, "value");
    if (!value || !value->IsNumber() || !std::isfinite(value->GetDouble())) return error_answer("value", "value must be a finite number");
    const Value* digits = member(a.doc, "digits");
    int max_digits = digits && digits->IsInt() ? digits->GetInt() : 0;
    max_digits = max_digits < 0 ? 0 : (max_digits > 6 ? 6 : max_digits);
    auto tag = string_member(a.doc, "locale");
    auto locale = tag ? locale_from_tag(*tag) : std::nullopt;
    Writer w = begin();
    w.String(format_number(value->GetDouble(), locale.value_or(Locale::en_US), max_digits).c_str());
    return finish(w);
}

// {"text","currency"} -> {"amountMinor"} or an error naming "text" (the what-if's deposit field).
EMSCRIPTEN_KEEPALIVE const char* rl_parse_money(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    auto code = string_member(a.doc, "currency");
    auto currency = code ? currency_from_code(*code) : std::nullopt;
    if (!currency) return error_answer("currency", "unknown currency code");
    auto text = string_member(a.doc, "text");
    auto money = parse_money(text.value_or(""), *currency);
    if (!money) return error_answer("text", money.error().message);
    Writer w = begin();
    w.StartObject();
    write_money(w, "amountMinor", money.value());
    w.EndObject();
    return finish(w);
}

// {"scheme","date"} or {"whatIf":{refundMinor,currency,year,returnToRetail,yearsInForce}} -> rate with its 80% band.
EMSCRIPTEN_KEEPALIVE const char* rl_predict_return_rate(const char* args_json) {
    if (!model_ready()) return model_missing();
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    const WebState& s = state();
    Result<RatePrediction> p = Error{};
    if (const Value* what_if = member(a.doc, "whatIf")) {
        if (!what_if->IsObject()) return error_answer("whatIf", "whatIf must be an object");
        const Value* refund = member(*what_if, "refundMinor");
        if (!refund || !refund->IsInt64() || refund->GetInt64() <= 0)
            return error_answer("whatIf.refundMinor", "refundMinor must be a whole number of minor units above zero");
        auto code = string_member(*what_if, "currency");
        auto currency = code ? currency_from_code(*code) : std::nullopt;
        if (!currency) return error_answer("whatIf.currency", "unknown currency code");
        WhatIfDeposit w;
        w.refund = Money{refund->GetInt64(), *currency};
        if (const Value* year = member(*what_if, "year")) {
            if (!year->IsInt()) return error_answer("whatIf.year", "year must be a whole number");
            w.year = year->GetInt();
        }
        if (const Value* rtr = member(*what_if, "returnToRetail")) w.return_to_retail = rtr->IsBool() && rtr->GetBool();
        if (const Value* years = member(*what_if, "yearsInForce")) {
            if (!years->IsNumber() || !(years->GetDouble() >= 0) || years->GetDouble() > 200)
                return error_answer("whatIf.yearsInForce", "yearsInForce must be a number from 0 to 200");
            w.years_in_force = years->GetDouble();
        }
        p = predict_return_rate(*s.model, *s.conversions, w);
    } else {
        auto scheme = scheme_arg(a.doc);
        if (!scheme) return error_answer(scheme.error());
        auto date = date_arg(a.doc);
        if (!date) return error_answer(date.error());
        p = predict_return_rate(*s.model, *s.conversions, *scheme.value(), date.value());
    }
    if (!p) return error_answer(p.error());
    Writer w = begin();
    write_prediction(w, p.value());
    return finish(w);
}

// The impact factor sets, energy factors, equivalents and their sources, for "Sources and methods".
EMSCRIPTEN_KEEPALIVE const char* rl_factors() {
    const WebState& s = state();
    if (!s.factors) return error_answer("factors", "the impact factors are not in this build");
    const ImpactFactors& f = *s.factors;
    Writer w = begin();
    w.StartObject();
    w.Key("emissionSets");
    w.StartArray();
    for (const EmissionFactorSet& set : f.emission_sets) {
        w.StartObject();
        key_string(w, "id", set.id);
        key_string(w, "name", set.name);
        key_string(w, "description", set.description);
        w.Key("materials");
        w.StartArray();
        for (int m = 0; m < kMaterialCount; ++m) {
            const MaterialFactor& mf = set.materials[static_cast<std::size_t>(m)];
            w.StartObject();
            key_string(w, "material", material_id(static_cast<Material>(m)));
            w.Key("available");
            w.Bool(mf.available);
            w.Key("kgCo2ePerKg");
            w.Double(mf.kg_co2e_per_kg);
            w.Key("derived");
            w.Bool(mf.derived);
            key_string(w, "basis", mf.basis);
            key_string(w, "sourceId", mf.source_id);
            w.Key("year");
            w.Int(mf.year);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("equivalents");
    w.StartArray();
    for (const Equivalent& e : f.equivalents) {
        w.StartObject();
        key_string(w, "id", e.id);
        key_string(w, "name", e.name);
        key_string(w, "unit", e.unit);
        w.Key("kgCo2ePerUnit");
        w.Double(e.kg_co2e_per_unit);
        key_string(w, "basis", e.basis);
        key_string(w, "sourceId", e.source_id);
        w.Key("year");
        w.Int(e.year);
        w.EndObject();
    }
    w.EndArray();
    write_sources(w, f.sources);
    w.EndObject();
    return finish(w);
}

// The return-rate model's coefficients and validation statistics, with the money conversion's sources.
EMSCRIPTEN_KEEPALIVE const char* rl_model_info() {
    if (!model_ready()) return model_missing();
    const ReturnModel& m = *state().model;
    Writer w = begin();
    w.StartObject();
    key_string(w, "id", m.id);
    key_string(w, "conversionId", m.conversion_id);
    w.Key("level");
    w.Double(m.level);
    w.Key("intercept");
    w.Double(m.intercept);
    w.Key("bLogRefund");
    w.Double(m.b_log_refund);
    w.Key("bReturnToRetail");
    w.Double(m.b_return_to_retail);
    w.Key("bNewness");
    w.Double(m.b_newness);
    w.Key("observations");
    w.Int(m.observations);
    w.Key("jurisdictions");
    w.Int(m.jurisdictions);
    w.Key("looRmsePp");
    w.Double(m.loo_rmse_pp);
    w.Key("looMaePp");
    w.Double(m.loo_mae_pp);
    w.Key("nestedCoverage");
    w.Double(m.nested_coverage);
    w.Key("meanWidthPp");
    w.Double(m.mean_width_pp);
    key_string(w, "generatedBy", m.generated_by);
    key_string(w, "method", state().conversions->method);
    write_sources(w, state().conversions->sources);
    w.EndObject();
    return finish(w);
}

// {"scheme","lines":[{container,count,per,massG}],"returnRate"?,"date",...} -> a household's year.
EMSCRIPTEN_KEEPALIVE const char* rl_household(const char* args_json) {
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    const WebState& s = state();
    if (!s.factors) return error_answer("factors", "the impact factors are not in this build");
    auto scheme = scheme_arg(a.doc);
    if (!scheme) return error_answer(scheme.error());
    auto date = date_arg(a.doc);
    if (!date) return error_answer(date.error());
    HouseholdParams params;
    params.date = date.value();
    params.draws = 0;  // the page shows central figures; callers ask for a band with "draws"
    if (auto e = read_projection_options(a.doc, params)) return error_answer(*e);
    const Value* lines = member(a.doc, "lines");
    if (!lines || !lines->IsArray()) return error_answer("lines", "lines must be an array of {container, count, per}");
    for (rapidjson::SizeType i = 0; i < lines->Size(); ++i) {
        const std::string path = "lines[" + std::to_string(i) + "]";
        const Value& line = (*lines)[i];
        auto container = container_arg(line.IsObject() ? member(line, "container") : nullptr, path + ".container");
        if (!container) return error_answer(container.error());
        const Value* count = member(line, "count");
        if (!count || !count->IsUint()) return error_answer(path + ".count", "count must be a whole number, 0 or more");
        HouseholdLine h{container.value(), count->GetUint(), Period::week, std::nullopt};
        auto per = string_member(line, "per");
        if (per && *per == "month") h.per = Period::month;
        else if (per && *per == "year") h.per = Period::year;
        else if (per && *per != "week") return error_answer(path + ".per", "per must be week, month or year");
        if (const Value* mass = member(line, "massG")) {
            if (!mass->IsNumber()) return error_answer(path + ".massG", "massG must be a number of grams");
            h.mass_g = mass->GetDouble();
        }
        params.lines.push_back(h);
    }
    auto rate = rate_arg(a.doc, *scheme.value(), params.date);
    if (!rate) return error_answer(rate.error());
    params.return_rate = rate->input;
    auto r = household(*scheme.value(), *s.factors, params);
    if (!r) return error_answer(r.error());
    const HouseholdResult& h = r.value();
    Writer w = begin();
    w.StartObject();
    key_string(w, "currency", currency_code(h.currency));
    key_string(w, "date", format_date(params.date));
    write_rate_choice(w, rate.value());
    w.Key("containersPerYear");
    w.Int64(h.containers_per_year);
    w.Key("coveredPerYear");
    w.Int64(h.covered_per_year);
    w.Key("returnedPerYear");
    w.Int64(h.returned_per_year);
    write_money(w, "depositsMinor", h.deposits_paid);
    write_money(w, "nonRefundableFeesMinor", h.non_refundable_fees);
    write_money(w, "refundIfAllReturnedMinor", h.refund_if_all_returned);
    write_money(w, "refundMinor", h.refund_at_rate);
    write_money(w, "unreturnedMinor", h.unreturned_at_rate);
    write_impact(w, h.impact_at_rate);
    write_carbon_value(w, h.carbon_value_at_rate);
    w.Key("lines");
    w.StartArray();
    for (const HouseholdLineResult& l : h.lines) {
        w.StartObject();
        w.Key("perYear");
        w.Int64(l.per_year);
        write_decision(w, l.decision);
        w.Key("returnedPerYear");
        w.Int64(l.returned_per_year);
        if (l.decision.rule_index >= 0) {
            const Rule& rule = scheme.value()->rules[static_cast<std::size_t>(l.decision.rule_index)];
            key_string(w, "ruleId", rule.id);
            key_string(w, "sourceId", rule.source_id);
        }
        write_money(w, "depositsMinor", l.deposits);
        write_money(w, "refundAtRateMinor", l.refund_at_rate);
        w.Key("massG");
        if (l.mass_g) w.Double(*l.mass_g);
        else w.Null();
        w.EndObject();
    }
    w.EndArray();
    w.Key("band");
    w.StartObject();
    w.Key("draws");
    w.Uint(h.draws);
    write_band(w, "rate", h.rate_band);
    write_count_band(w, "returned", h.returned_band);
    write_money_band(w, "unreturnedMinor", h.unreturned_band);
    write_band(w, "kgCo2e", h.kg_co2e_band);
    write_band(w, "mj", h.mj_band);
    w.EndObject();
    write_sources(w, scheme.value()->sources);
    write_factor_sources(w, *s.factors, params.factor_set, params.carbon_price);
    w.EndObject();
    return finish(w);
}

// {"deposit":{amountMinor,currency},"containersPerYear","returnToRetail","yearsInForce"?,"date",...}: a what-if
// scheme. The containers are spread over the return-rate model's reference basket (its weights), the rate and
// band come from the model at this refund, and the core projects money and impact.
EMSCRIPTEN_KEEPALIVE const char* rl_project(const char* args_json) {
    if (!model_ready()) return model_missing();
    Args a = parse_args(args_json);
    if (a.error) return error_answer(*a.error);
    const WebState& s = state();
    if (!s.factors) return error_answer("factors", "the impact factors are not in this build");
    auto date = date_arg(a.doc);
    if (!date) return error_answer(date.error());
    const Value* amount = member(a.doc, "depositMinor");
    if (!amount || !amount->IsInt64() || amount->GetInt64() <= 0)
        return error_answer("depositMinor", "depositMinor must be a whole number of minor units above zero");
    auto code = string_member(a.doc, "currency");
    auto currency = code ? currency_from_code(*code) : std::nullopt;
    if (!currency) return error_answer("currency", "unknown currency code");
    const Value* placed = member(a.doc, "containersPerYear");
    if (!placed || !placed->IsInt64() || placed->GetInt64() <= 0)
        return error_answer("containersPerYear", "containersPerYear must be a whole number above zero");
    WhatIfDeposit what_if;
    what_if.refund = Money{amount->GetInt64(), *currency};
    what_if.year = year_of(date.value());
    if (const Value* rtr = member(a.doc, "returnToRetail")) what_if.return_to_retail = rtr->IsBool() && rtr->GetBool();
    if (const Value* years = member(a.doc, "yearsInForce")) {
        if (!years->IsNumber() || !(years->GetDouble() >= 0) || years->GetDouble() > 200)
            return error_answer("yearsInForce", "yearsInForce must be a number from 0 to 200");
        what_if.years_in_force = years->GetDouble();
    }
    auto prediction = predict_return_rate(*s.model, *s.conversions, what_if);
    if (!prediction) return error_answer(prediction.error());
    ProjectionParams params;
    params.date = date.value();
    params.what_if_deposit = what_if.refund;
    params.return_rate = rate_input(prediction.value());
    params.draws = 1000;  // enough for 10th/90th percentiles to two figures; keeps a what-if edit interactive
    if (auto e = read_projection_options(a.doc, params)) return error_answer(*e);
    double total_weight = 0;
    for (const BasketItem& b : s.model->basket) total_weight += b.weight;
    const double total = static_cast<double>(placed->GetInt64());
    for (const BasketItem& b : s.model->basket)
        params.lines.push_back(SchemeLine{b.container, static_cast<std::int64_t>(std::llround(total * b.weight / total_weight)), std::nullopt});
    auto r = project_what_if(*s.factors, params);
    if (!r) return error_answer(r.error().path == "lines[0].placed" ? Error{"containersPerYear", r.error().message} : r.error());
    const ProjectionResult& p = r.value();
    Writer w = begin();
    w.StartObject();
    key_string(w, "currency", currency_code(p.currency));
    w.Key("prediction");
    write_prediction(w, prediction.value());
    w.Key("placed");
    w.Int64(p.placed);
    w.Key("returned");
    w.Int64(p.returned);
    write_money(w, "depositsCollectedMinor", p.deposits_collected);
    write_money(w, "refundsPaidMinor", p.refunds_paid);
    write_money(w, "unredeemedMinor", p.unredeemed);
    w.Key("tonnesRecovered");
    w.Double(p.tonnes_recovered_total);
    w.Key("tonnesCo2e");
    w.Double(p.tonnes_co2e_avoided);
    w.Key("gjEnergy");
    w.Double(p.gj_energy_saved);
    write_impact(w, p.impact);
    write_carbon_value(w, p.carbon_value);
    w.Key("band");
    w.StartObject();
    w.Key("draws");
    w.Uint(p.draws);
    write_band(w, "rate", p.rate_band);
    write_count_band(w, "returned", p.returned_band);
    write_money_band(w, "unredeemedMinor", p.unredeemed_band);
    write_band(w, "tonnesCo2e", p.tonnes_co2e_band);
    write_band(w, "gjEnergy", p.gj_band);
    w.EndObject();
    write_factor_sources(w, *s.factors, params.factor_set, params.carbon_price);
    w.EndObject();
    return finish(w);
}

}  // extern "C"
