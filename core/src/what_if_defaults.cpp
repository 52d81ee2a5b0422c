// Reading and checking the sourced figures a what-if starts from (what_if_defaults.hpp).
#include "returnloop/what_if_defaults.hpp"

#include <string>

#include "returnloop/date.hpp"
#include "returnloop/json_input.hpp"

namespace returnloop {
namespace {

using Value = rapidjson::Value;

class Reader {
public:
    explicit Reader(std::vector<Error>& errors) : errors_(errors) {}

    const Value* member(const Value& obj, const std::string& path, const char* key, const char* type) {
        const std::string at = join(path, key);
        const auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) {
            errors_.push_back(coded(at, ErrorCode::missing_field, {{"name", key}}, at + " is missing"));
            return nullptr;
        }
        const bool ok = std::string_view(type) == "object" ? it->value.IsObject()
                        : std::string_view(type) == "string" ? it->value.IsString()
                        : std::string_view(type) == "boolean" ? it->value.IsBool()
                                                              : it->value.IsNumber();
        if (!ok) {
            errors_.push_back(coded(at, ErrorCode::wrong_type, {{"expected", type}}, at + " must be a " + type));
            return nullptr;
        }
        return &it->value;
    }

    // A whole number from 1 to max: zero people or containers is no starting point.
    bool count(const Value& obj, const std::string& path, const char* key, std::int64_t max, std::int64_t& out) {
        const Value* v = member(obj, path, key, "whole_number");
        if (!v) return false;
        const std::string at = join(path, key);
        if (!v->IsInt64()) {
            if (v->IsNumber() && v->GetDouble() > static_cast<double>(max))
                return fail(coded(at, ErrorCode::above_max, {{"max", std::to_string(max)}}, at + " is above " + std::to_string(max)));
            return fail(coded(at, ErrorCode::not_whole_number, {}, at + " must be a whole number"));
        }
        const std::int64_t n = v->GetInt64();
        if (n < 0) return fail(coded(at, ErrorCode::negative, {{"value", std::to_string(n)}}, at + " must not be negative"));
        if (n == 0) return fail(coded(at, ErrorCode::below_min, {{"min", "1"}, {"value", "0"}}, at + " must be at least 1"));
        if (n > max)
            return fail(coded(at, ErrorCode::above_max, {{"max", std::to_string(max)}, {"value", std::to_string(n)}}, at + " is above " + std::to_string(max)));
        out = n;
        return true;
    }

    bool text(const Value& obj, const std::string& path, const char* key, std::string& out) {
        const Value* v = member(obj, path, key, "string");
        if (!v) return false;
        out.assign(v->GetString(), v->GetStringLength());
        if (out.empty()) return fail(coded(join(path, key), ErrorCode::empty_text, {}, join(path, key) + " is empty"));
        return true;
    }

    static std::string join(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }

private:
    bool fail(Error e) {
        errors_.push_back(std::move(e));
        return false;
    }
    std::vector<Error>& errors_;
};

}  // namespace

WhatIfDefaultsParse parse_what_if_defaults(std::string_view json_text) {
    WhatIfDefaultsParse out;
    JsonDocument doc;
    if (!read_json(json_text, doc, kDataFileLimits) || !doc.IsObject()) {
        out.errors.push_back(coded("", ErrorCode::json_malformed, {}, "not a JSON object"));
        return out;
    }
    Reader r(out.errors);
    WhatIfDefaults d;
    r.text(doc, "", "scheme", d.jurisdiction);
    if (const Value* pop = r.member(doc, "", "population", "object")) {
        r.count(*pop, "population", "value", kMaxPopulation, d.population.value);
        std::string as_of;
        if (r.text(*pop, "population", "asOf", as_of)) {
            if (auto date = parse_date(as_of)) d.population.year = year_of(date.value());
            else out.errors.push_back(coded("population.asOf", ErrorCode::bad_date, {{"text", as_of}}, "population.asOf must be a date YYYY-MM-DD"));
        }
        if (const Value* src = r.member(*pop, "population", "source", "object")) r.text(*src, "population.source", "id", d.population.source_id);
    }
    if (const Value* placed = r.member(doc, "", "containersPlaced", "object")) {
        r.count(*placed, "containersPlaced", "value", kMaxContainersPlaced, d.containers_placed.value);
        r.count(*placed, "containersPlaced", "perPerson", kMaxContainersPerPerson, d.containers_per_person.value);
        if (const Value* a = r.member(*placed, "containersPlaced", "assumption", "boolean")) d.containers_placed.assumption = a->GetBool();
        // A sourced count names its source; an assumption may still cite one.
        const bool wants_source = !d.containers_placed.assumption || placed->HasMember("source");
        const Value* src = wants_source ? r.member(*placed, "containersPlaced", "source", "object") : nullptr;
        if (src) r.text(*src, "containersPlaced.source", "id", d.containers_placed.source_id);
    }
    if (!out.errors.empty()) return out;
    // The count a person rests on is the same kind of figure as the total: sourced or assumed alike, for the same year.
    d.containers_placed.year = d.containers_per_person.year = d.population.year;
    d.containers_per_person.assumption = d.containers_placed.assumption;
    d.containers_per_person.source_id = d.containers_placed.source_id;
    out.defaults = std::move(d);
    return out;
}

}  // namespace returnloop
