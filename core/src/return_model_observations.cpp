// Gathers the fit's data: the observations file (deposit-data.md section 2) and every scheme's returnRates,
// each turned into the model's covariates the same way a prediction computes them.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "fixed_decimal.hpp"
#include "impact_json.hpp"
#include "return_model_basket.hpp"
#include "returnloop/return_model_fit.hpp"

namespace returnloop {
namespace {

using detail::JsonReader;
using Value = rapidjson::Value;

struct Entry {
    std::string jurisdiction;
    int year = 0;
    double rate = 0;
    std::optional<Date> date;
    std::optional<double> refund;
    std::string currency;
    std::optional<bool> return_to_retail;
    std::optional<Date> started;
    std::string source, note, exclude;
};

bool read_date(JsonReader& r, const Value& v, const std::string& path, const char* key, std::optional<Date>& out) {
    std::string text;
    if (!r.string(v, path, key, text, false) || text.empty()) return true;
    auto d = parse_date(text);
    if (!d) {
        r.fail(JsonReader::join(path, key), ErrorCode::bad_date, {{"text", JsonReader::quoted(text)}},
               "must be a date YYYY-MM-DD");
        return false;
    }
    out = *d;
    return true;
}

void read_config(JsonReader& r, const Value& root, FitConfig& c) {
    const Value* m = r.object(root, "", "model");
    if (!m) return;
    r.only(*m, "model", {"id", "newnessYears", "covariates", "level", "basketBasis", "basket"});
    r.string(*m, "model", "id", c.model_id);
    r.number(*m, "model", "newnessYears", c.newness_years, 0.5, 50);
    r.number(*m, "model", "level", c.level, 0.5, 0.99);
    r.string(*m, "model", "basketBasis", c.basket_basis);
    if (const Value* cov = r.object(*m, "model", "covariates")) {
        r.only(*cov, "model.covariates", {"returnToRetail", "newness", "basis"});
        r.boolean(*cov, "model.covariates", "returnToRetail", c.use_return_to_retail);
        r.boolean(*cov, "model.covariates", "newness", c.use_newness);
    }
    detail::read_basket(r, *m, "model", c.basket);
}

std::vector<Entry> read_entries(JsonReader& r, const Value& root) {
    std::vector<Entry> out;
    const Value* arr = r.array(root, "", "observations");
    if (!arr) return out;
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
        std::string p = JsonReader::index("observations", i);
        const Value& v = (*arr)[i];
        if (!v.IsObject()) {
            r.wrong_type(p, "object", v, "must be an object");
            continue;
        }
        r.only(v, p, {"jurisdiction", "year", "rate", "date", "refund", "currency", "returnToRetail", "started",
                      "source", "note", "exclude"});
        Entry e;
        r.string(v, p, "jurisdiction", e.jurisdiction);
        r.integer(v, p, "year", e.year, 1950, 2100);
        r.number(v, p, "rate", e.rate, 0, 1);
        read_date(r, v, p, "date", e.date);
        read_date(r, v, p, "started", e.started);
        r.string(v, p, "source", e.source);
        r.string(v, p, "note", e.note, false);
        r.string(v, p, "exclude", e.exclude, false);
        std::string refund;
        if (r.string(v, p, "refund", refund, false) && !refund.empty()) {
            auto fixed = detail::parse_fixed_decimal(refund, 6);
            if (!fixed || *fixed <= 0)  // bad_decimal: a refund of zero or less is no amount a fit can use either
                r.fail(JsonReader::join(p, "refund"), ErrorCode::bad_decimal,
                       {{"text", JsonReader::quoted(refund)}, {"places", "6"}},
                       "must be a positive decimal amount such as \"0.05\"");
            else
                e.refund = static_cast<double>(*fixed) / 1e6;
        }
        r.string(v, p, "currency", e.currency, false);
        bool rtr = false;
        if (v.HasMember("returnToRetail") && r.boolean(v, p, "returnToRetail", rtr)) e.return_to_retail = rtr;
        if (e.exclude.empty() && !(e.rate > 0 && e.rate < 1))
            r.fail(JsonReader::join(p, "rate"), ErrorCode::rate_out_of_range, {},
                   "must be strictly between 0 and 1 (the model works on the logit)");
        out.push_back(std::move(e));
    }
    return out;
}

Date mid_year(int year) { return date_from_ymd(year, 7, 1); }

double newness(const FitConfig& c, double years) {
    double n = 1 - years / c.newness_years;
    return n < 0 ? 0 : (n > 1 ? 1 : n);
}

std::optional<Date> scheme_start(const Scheme& s) {
    std::optional<Date> start = s.started;
    for (const auto& rule : s.rules)
        if (!start || rule.from < *start) start = rule.from;
    return start;
}

double years_between(Date from, Date to) {
    double d = static_cast<double>(to.days - from.days) / 365.25;
    return d > 0 ? d : 0;
}

std::string source_title(const Scheme& s, const std::string& id) {
    const Source* src = s.find_source(id);
    return src ? src->title : id;
}

}  // namespace

Result<ObservationSet> collect_observations(std::string_view observations_json, const std::vector<Scheme>& schemes,
                                            const Conversions& conversions) {
    std::vector<Error> errors;
    JsonReader r("observations.json", errors);
    JsonDocument doc;
    ObservationSet set;
    std::vector<Entry> entries;
    if (r.parse(observations_json, doc)) {
        r.only(doc, "", {"about", "model", "observations"});
        read_config(r, doc, set.config);
        entries = read_entries(r, doc);
    }
    if (!errors.empty()) return errors.front();

    std::map<std::string, const Scheme*> by_id;
    for (const auto& s : schemes) by_id[s.id] = &s;
    std::set<std::pair<std::string, int>> listed;
    const FitConfig& cfg = set.config;

    for (const auto& e : entries) {
        listed.insert({e.jurisdiction, e.year});
        if (!e.exclude.empty()) {
            set.excluded.push_back({e.jurisdiction, e.year, e.rate, "observations.json", e.exclude});
            continue;
        }
        Date date = e.date ? *e.date : mid_year(e.year);
        FitObservation o;
        o.jurisdiction = e.jurisdiction;
        o.year = e.year;
        o.rate = e.rate;
        o.origin = "observations.json";
        o.source = e.source;
        o.note = e.note;
        o.features.year = year_of(date);
        auto it = by_id.find(e.jurisdiction);
        std::optional<double> rules_refund;
        if (it != by_id.end()) {
            auto refund = basket_refund_major(cfg.basket, *it->second, date);
            if (refund && *refund > 0) rules_refund = *refund;
        }
        if (rules_refund) {
            const Scheme& s = *it->second;
            o.deposit_basis = "rules";
            o.features.refund_major = *rules_refund;
            o.features.currency = std::string(currency_code(s.currency_on(date)));
            o.features.return_to_retail = s.return_to_retail;
            auto start = scheme_start(s);
            o.features.years_in_force = start ? years_between(*start, date) : 0;
            if (e.refund && e.currency == o.features.currency &&
                std::fabs(*e.refund - *rules_refund) > 0.25 * *e.refund)
                set.warnings.push_back(e.jurisdiction + " " + std::to_string(e.year) + ": the stated refund " +
                                       JsonReader::shortest(*e.refund) + " " + e.currency +
                                       " differs from the rules' basket mean " + JsonReader::shortest(*rules_refund));
            if (e.return_to_retail && *e.return_to_retail != s.return_to_retail)
                set.warnings.push_back(e.jurisdiction + ": returnToRetail here differs from the scheme file's; the "
                                                        "scheme file's is used");
        } else {
            if (!e.refund || e.currency.empty() || !e.return_to_retail || !e.started) {
                set.excluded.push_back({e.jurisdiction, e.year, e.rate, "observations.json",
                                        "no scheme rules for the date and no refund, currency, returnToRetail and "
                                        "started stated"});
                continue;
            }
            o.deposit_basis = "stated";
            o.features.refund_major = *e.refund;
            o.features.currency = e.currency;
            o.features.return_to_retail = *e.return_to_retail;
            o.features.years_in_force = years_between(*e.started, date);
        }
        auto real = real_usd(conversions, o.features.refund_major, o.features.currency, o.features.year);
        if (!real) {
            set.excluded.push_back({e.jurisdiction, e.year, e.rate, "observations.json", real.error().message});
            continue;
        }
        o.features.real_refund_usd = *real;
        o.features.newness = newness(cfg, o.features.years_in_force);
        set.used.push_back(std::move(o));
    }

    // Scheme files' published rates, for the jurisdiction-years the observations file does not list.
    for (const auto& [id, scheme] : by_id) {
        if (scheme->status == SchemeStatus::hypothetical || scheme->status == SchemeStatus::planned) continue;
        for (const auto& rr : scheme->return_rates) {
            if (listed.count({id, rr.year})) continue;
            listed.insert({id, rr.year});
            std::string origin = "assets/schemes/" + id + ".json";
            if (!(rr.rate > 0 && rr.rate < 1)) {
                set.excluded.push_back({id, rr.year, rr.rate, origin, "a rate of 0 or 1 has no logit"});
                continue;
            }
            Date date = mid_year(rr.year);
            auto refund = basket_refund_major(cfg.basket, *scheme, date);
            if (!refund || !(*refund > 0)) {
                set.excluded.push_back({id, rr.year, rr.rate, origin,
                                        "the scheme file has no rule covering the reference containers in that year"});
                continue;
            }
            FitObservation o;
            o.jurisdiction = id;
            o.year = rr.year;
            o.rate = rr.rate;
            o.origin = origin;
            o.deposit_basis = "rules";
            o.source = source_title(*scheme, rr.source_id);
            o.note = rr.note;
            o.features.year = rr.year;
            o.features.refund_major = *refund;
            o.features.currency = std::string(currency_code(scheme->currency_on(date)));
            o.features.return_to_retail = scheme->return_to_retail;
            auto start = scheme_start(*scheme);
            o.features.years_in_force = start ? years_between(*start, date) : 0;
            o.features.newness = newness(cfg, o.features.years_in_force);
            auto real = real_usd(conversions, o.features.refund_major, o.features.currency, o.features.year);
            if (!real) {
                set.excluded.push_back({id, rr.year, rr.rate, origin, real.error().message});
                continue;
            }
            o.features.real_refund_usd = *real;
            set.used.push_back(std::move(o));
        }
    }

    std::sort(set.used.begin(), set.used.end(), [](const FitObservation& a, const FitObservation& b) {
        return a.jurisdiction != b.jurisdiction ? a.jurisdiction < b.jurisdiction : a.year < b.year;
    });
    std::sort(set.excluded.begin(), set.excluded.end(), [](const ExcludedObservation& a, const ExcludedObservation& b) {
        return a.jurisdiction != b.jurisdiction ? a.jurisdiction < b.jurisdiction : a.year < b.year;
    });
    std::map<std::string, int> counts;
    for (const auto& o : set.used) ++counts[o.jurisdiction];
    for (auto& o : set.used) o.weight = 1.0 / std::sqrt(static_cast<double>(counts[o.jurisdiction]));
    return set;
}

}  // namespace returnloop
