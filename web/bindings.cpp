// The web module's C ABI, wrapped by web/returnloop.js: JSON text in, JSON text out, one function per API call.
// It only binds: arguments are read into core types (args_reader.cpp), the core decides, answers are written back
// as JSON (answers.cpp). Errors are values ({"error":{path,message,code,...}}), never traps; money stays in integer
// minor units. The module carries no data: the page hands it the JSON files (rl_load) or the core's snapshots of
// them (rl_load_snapshot, all the first view's module can read: it links no JSON data parser).
#include <algorithm>
#include <cmath>
#include <string>

#include "answers.hpp"
#include "args_reader.hpp"
#include "json_writer.hpp"
#include "returnloop/number_text.hpp"
#include "returnloop/snapshot.hpp"

namespace {

using namespace returnloop;
using namespace returnloop::web;

// The data loaded so far, the last answer, and rl_snapshot's last answer (4 bytes of length, then the bytes).
struct WebState {
    DataSet data;
    JsonOut out;
    std::string snapshot;
};
WebState& state() {
    static WebState& s = *new WebState;  // as long as the module: no destructor linked in
    return s;
}

const char* error_answer(const Error& e) {
    JsonOut& w = state().out;
    w.clear();
    w.object().key("error");
    write_error(w, e);
    w.end_object();
    return w.c_str();
}
const char* load_answer(const DataLoad& load) {
    JsonOut& w = state().out;
    w.clear();
    write_load(w, load);
    return w.c_str();
}

// Parses the arguments object (the core's reader and guard), runs one call's body and answers with what it wrote,
// or with its error.
using Body = Failure (*)(const Value& args, const DataSet& data, JsonOut& w);
const char* run(const char* args_json, Body body) {
    JsonDocument doc;
    if (!read_json(args_json ? args_json : "", doc, kCallArgumentLimits) || !doc.IsObject())
        return error_answer(coded("", ErrorCode::bad_arguments, {}, "the arguments are not a JSON object"));
    JsonOut& w = state().out;
    w.clear();
    if (Failure e = body(doc, state().data, w)) return error_answer(*e);
    return w.c_str();
}

// [SECTION] The calls' bodies
// {"date"} -> [scheme summary, ...] of the loaded presets, by id.
Failure schemes_body(const Value& args, const DataSet& data, JsonOut& w) {
    auto today = date_arg(args);
    if (!today) return today.error();
    w.array();
    for (const Scheme& s : data.presets()) write_scheme_summary(w, s, today.value());
    w.end_array();
    return std::nullopt;
}

// {"scheme","container","date"} -> the decision for one container.
Failure deposit_body(const Value& args, const DataSet& data, JsonOut& w) {
    auto scheme = scheme_arg(args, data);
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
Failure quote_body(const Value& args, const DataSet& data, JsonOut& w) {
    auto scheme = scheme_arg(args, data);
    if (!scheme) return scheme.error();
    auto date = date_arg(args);
    if (!date) return date.error();
    std::vector<QuoteItem> basket;
    if (Failure e = read_quote_items(args, basket)) return e;
    auto q = quote(*scheme.value(), basket, date.value());
    if (!q) return q.error();
    write_quote(w, scheme.value()->currency, q.value());
    return std::nullopt;
}

// {"amountMinor","currency","locale"} -> the formatted string (CLDR style, by the core).
Failure format_money_body(const Value& args, const DataSet&, JsonOut& w) {
    const Value* amount = member(args, "amountMinor");
    if (!amount || !amount->IsInt64()) return Error{"amountMinor", "amountMinor must be a whole number of minor units"};
    auto currency = currency_arg(args, "currency");
    if (!currency) return currency.error();
    w.string(format_money(Money{amount->GetInt64(), currency.value()}, locale_arg(args)));
    return std::nullopt;
}

// {"value","locale","digits"} -> the number in the locale's style.
Failure format_number_body(const Value& args, const DataSet&, JsonOut& w) {
    const Value* value = member(args, "value");
    if (!value || !value->IsNumber() || !std::isfinite(value->GetDouble())) return Error{"value", "value must be a finite number"};
    const Value* digits = member(args, "digits");
    const int max_digits = std::clamp(digits && digits->IsInt() ? digits->GetInt() : 0, 0, 6);
    w.string(format_number(value->GetDouble(), locale_arg(args), max_digits));
    return std::nullopt;
}

// {"text","max"} -> {"value"}: a count as a person typed it (full-width digits, 万/亿; number_text.hpp), at most max
// (a whole number up to 2^53 - 1, so JS holds it exactly; that is also the default).
Failure parse_count_body(const Value& args, const DataSet&, JsonOut& w) {
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
Failure parse_money_body(const Value& args, const DataSet&, JsonOut& w) {
    auto currency = currency_arg(args, "currency");
    if (!currency) return currency.error();
    auto money = parse_money(string_member(args, "text").value_or(""), currency.value());
    if (!money) return moved_to("text", money.error());
    w.object().integer("amountMinor", money->minor).end_object();
    return std::nullopt;
}

// {"scheme","date"} or {"whatIf":{refundMinor,currency,year,returnToRetail,yearsInForce}} -> rate with its 80% band.
Failure predict_body(const Value& args, const DataSet& data, JsonOut& w) {
    if (Failure e = data.need_model()) return e;
    Result<RatePrediction> p = Error{};
    if (const Value* what_if = member(args, "whatIf")) {
        WhatIfDeposit d;
        if (Failure e = read_what_if_deposit(*what_if, d)) return e;
        p = predict_return_rate(*data.model(), *data.conversions(), d);
    } else {
        auto scheme = scheme_arg(args, data);
        if (!scheme) return scheme.error();
        auto date = date_arg(args);
        if (!date) return date.error();
        p = predict_return_rate(*data.model(), *data.conversions(), *scheme.value(), date.value());
    }
    if (!p) return p.error();
    write_prediction(w, p.value());
    return std::nullopt;
}

// {"scheme","lines":[{container,count,per,massG}],"returnRate"?,"date","locale"?,...} -> a household's year, its
// figures also as text in the locale (en-US by default).
Failure household_body(const Value& args, const DataSet& data, JsonOut& w) {
    if (Failure e = data.need_factors()) return e;
    auto scheme = scheme_arg(args, data);
    if (!scheme) return scheme.error();
    auto date = date_arg(args);
    if (!date) return date.error();
    HouseholdParams params;
    params.date = date.value();
    params.draws = 0;  // the page shows central figures; callers ask for a band with "draws"
    if (Failure e = read_projection_options(args, params.factor_set, params.carbon_price, params.draws, params.seed)) return e;
    if (Failure e = read_household_lines(args, params.lines)) return e;
    std::optional<double> user_rate;
    if (const Value* r = member(args, "returnRate")) {
        if (!r->IsNumber()) return coded("returnRate", ErrorCode::rate_out_of_range, {}, "returnRate must be a number from 0 to 1");
        user_rate = r->GetDouble();
    }
    RateChoice rate;
    auto h = household_figures(*scheme.value(), *data.factors(), params, user_rate, data.model(), data.conversions(), rate);
    if (!h) return h.error();
    write_household(w, *scheme.value(), *data.factors(), params, rate, h.value(), locale_arg(args));
    return std::nullopt;
}

// {"depositMinor","currency","containersPerYear","returnToRetail","yearsInForce"?,"date",...}: a what-if scheme
// (the core's use case: what_if.hpp).
Failure project_body(const Value& args, const DataSet& data, JsonOut& w) {
    if (Failure e = data.need_model()) return e;
    if (Failure e = data.need_factors()) return e;
    auto date = date_arg(args);
    if (!date) return date.error();
    WhatIfRequest request;
    if (Failure e = read_what_if_request(args, date.value(), request)) return e;
    auto r = project_what_if_deposit(*data.model(), *data.conversions(), *data.factors(), request);
    if (!r) return r.error();
    write_what_if(w, *data.factors(), request, r.value());
    return std::nullopt;
}

// {"jurisdiction"} -> the what-if's sourced starting figures for that scheme id ({"sourced": false} where none are).
Failure what_if_defaults_body(const Value& args, const DataSet& data, JsonOut& w) {
    const std::string_view id = string_member(args, "jurisdiction").value_or("");
    if (id.empty()) return coded("jurisdiction", ErrorCode::missing_field, {{"name", "jurisdiction"}}, "jurisdiction must be a scheme id");
    if (Failure e = data.need_what_if_defaults()) return e;
    write_what_if_defaults(w, id, data.what_if_defaults(id));
    return std::nullopt;
}

// Answers a call that takes no arguments object: its body writes from the data, or answers an error.
const char* answer(Body body) { return run("{}", body); }

}  // namespace

// [SECTION] The exported calls (web/CMakeLists.txt exports them by name: the first view's module only some)
extern "C" {

// Loads one data file by its name under assets/ (DataSet::load_file). Returns {"ok","id","errors":[...]} with each
// error's path prefixed by the file name.
const char* rl_load(const char* name, const char* text) {
    return load_answer(state().data.load_file(name ? name : "", text ? text : ""));
}

// Loads a snapshot (returnloop/snapshot.hpp) of a preset or of the start data, made by rl_snapshot when the page was
// built from files this core validated. Returns {"ok","id","errors"} like rl_load.
const char* rl_load_snapshot(const char* bytes, std::size_t size) {
    return load_answer(state().data.load_snapshot(std::string_view(bytes ? bytes : "", bytes ? size : 0)));
}

// A snapshot of what rl_load accepted (DataSet::snapshot): 4 bytes of length (little endian), then the bytes.
const char* rl_snapshot(const char* name) {
    WebState& s = state();
    const std::string bytes = s.data.snapshot(name ? name : "");
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
const char* rl_what_if_defaults(const char* args) { return run(args, what_if_defaults_body); }

// Raw JSON text (not wrapped in args) -> {"ok", "errors":[{path,message}], "id"}.
const char* rl_validate_scheme(const char* json_text) { return load_answer(state().data.check_draft(json_text ? json_text : "", false)); }
// Like validate, and when valid keeps the scheme as "user:<id>" for deposit() and quote().
const char* rl_use_scheme(const char* json_text) { return load_answer(state().data.check_draft(json_text ? json_text : "", true)); }

// The impact factor sets, energy factors, equivalents and their sources, for "Sources and methods".
const char* rl_factors() {
    return answer([](const Value&, const DataSet& data, JsonOut& w) -> Failure {
        if (Failure e = data.need_factors()) return e;
        write_factor_tables(w, *data.factors());
        return std::nullopt;
    });
}

// The return-rate model's coefficients and validation statistics, with the money conversion's sources.
const char* rl_model_info() {
    return answer([](const Value&, const DataSet& data, JsonOut& w) -> Failure {
        if (Failure e = data.need_model()) return e;
        write_model_info(w, *data.model(), *data.conversions());
        return std::nullopt;
    });
}

// The core's id lists (materials, categories, issued currencies, statuses, scopes, qualities) and input limits, so
// the page's forms offer what the core accepts.
const char* rl_tables() {
    JsonOut& w = state().out;
    w.clear();
    write_tables(w);
    return w.c_str();
}

}  // extern "C"
