// The shared JSON walker (impact_json.hpp): each problem with its typed code, the code's arguments and English words.
#include "impact_json.hpp"

#include <cmath>
#include <span>

#include "did_you_mean.hpp"

#include <rapidjson/error/en.h>

namespace returnloop::detail {

bool JsonReader::parse(std::string_view text, JsonDocument& doc) {
    const JsonRead read = read_json(text, doc, kDataFileLimits);
    if (read.problem == JsonProblem::too_large) {
        const std::string bytes = std::to_string(text.size()), limit = std::to_string(kDataFileLimits.max_bytes);
        fail("", ErrorCode::file_too_large, {{"bytes", bytes}, {"limit", limit}},
             "the file is " + bytes + " bytes; at most " + limit + " are accepted");
        return false;
    }
    if (!read) {
        const char* why = read.problem == JsonProblem::nul_byte ? "a NUL byte is not allowed"
                          : read.problem == JsonProblem::exponent_out_of_range
                              ? "a number's exponent is out of range"
                              : rapidjson::GetParseError_En(read.syntax);  // too_deep cannot happen: depth is bounded by size
        const JsonPosition at = json_position(text, read.offset);
        fail("", ErrorCode::json_malformed, {{"line", std::to_string(at.line)}, {"column", std::to_string(at.column)}},
             "malformed JSON at byte " + std::to_string(read.offset) + ": " + why);
        return false;
    }
    if (!doc.IsObject()) {
        fail("", ErrorCode::not_object, {{"got", json_type_id(doc)}}, "the top level must be an object");
        return false;
    }
    return true;
}

std::string JsonReader::place(std::string_view path) const {
    if (file_.empty()) return std::string(path);
    return path.empty() ? file_ : file_ + ": " + std::string(path);
}

void JsonReader::fail(std::string_view path, ErrorCode code, std::initializer_list<ErrorArgView> args,
                      std::string_view message) {
    errors_.push_back(coded(place(path), code, args, message));
}

void JsonReader::fail(std::string_view path, Error error) {
    error.path = place(path);
    errors_.push_back(std::move(error));
}

void JsonReader::wrong_type(const std::string& path, const char* expected, const Value& got, std::string_view message) {
    fail(path, ErrorCode::wrong_type, {{"expected", expected}, {"got", json_type_id(got)}}, message);
}

void JsonReader::unknown_value(std::string_view path, const char* kind, std::string_view what, std::string_view given,
                               std::span<const std::string_view> known) {
    fail(path, ErrorCode::unknown_value, {{"kind", kind}, {"given", quoted(given)}, {"suggestion", suggestion(given, known)}},
         "unknown " + std::string(what) + " " + quoted(given) + did_you_mean(given, known));
}

void JsonReader::only(const Value& obj, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
        std::string_view key(it->name.GetString(), it->name.GetStringLength());
        bool known = false;
        for (auto a : allowed) known = known || a == key;
        if (known) continue;
        const std::string hint = suggestion(key, std::span<const std::string_view>(allowed.begin(), allowed.size()));
        fail(join(path, clip(key)), ErrorCode::unknown_field, {{"name", quoted(key)}, {"suggestion", hint}},
             hint.empty() ? "unknown field" : "unknown field (did you mean \"" + hint + "\"?)");
    }
}

const rapidjson::Value* JsonReader::member(const Value& obj, const std::string& path, const char* key, bool required) {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) {
        if (required) fail(join(path, key), ErrorCode::missing_field, {{"name", key}}, "missing");
        return nullptr;
    }
    return &it->value;
}

const rapidjson::Value* JsonReader::object(const Value& obj, const std::string& path, const char* key, bool required) {
    const Value* v = member(obj, path, key, required);
    if (v && !v->IsObject()) {
        wrong_type(join(path, key), "object", *v, "must be an object");
        return nullptr;
    }
    return v;
}

const rapidjson::Value* JsonReader::array(const Value& obj, const std::string& path, const char* key, bool required) {
    const Value* v = member(obj, path, key, required);
    if (v && !v->IsArray()) {
        wrong_type(join(path, key), "array", *v, "must be an array");
        return nullptr;
    }
    return v;
}

bool JsonReader::string(const Value& obj, const std::string& path, const char* key, std::string& out, bool required,
                        bool allow_empty) {
    const Value* v = member(obj, path, key, required);
    if (!v) return !required;
    if (!v->IsString()) {
        wrong_type(join(path, key), "string", *v, "must be a string");
        return false;
    }
    out.assign(v->GetString(), v->GetStringLength());
    if (!clean_text(out)) {
        fail(join(path, key), ErrorCode::bad_character, {}, "must not contain a NUL character or an unpaired UTF-16 surrogate");
        out.clear();
        return false;
    }
    if (!allow_empty && out.empty()) {
        fail(join(path, key), ErrorCode::empty_text, {}, "must not be empty");
        return false;
    }
    return true;
}

bool JsonReader::number(const Value& obj, const std::string& path, const char* key, double& out, double min, double max,
                        bool required) {
    const Value* v = member(obj, path, key, required);
    if (!v) return !required;
    return number_value(*v, join(path, key), out, min, max);
}

bool JsonReader::number_value(const Value& v, const std::string& path, double& out, double min, double max) {
    if (!v.IsNumber()) {
        wrong_type(path, "number", v, "must be a number");
        return false;
    }
    const double d = v.GetDouble();
    if (!std::isfinite(d) || d < min || d > max) {
        const std::string low = shortest(min), high = shortest(max);
        fail(path, ErrorCode::out_of_range, {{"min", low}, {"max", high}},
             "must be between " + low + " and " + high + " (got " + shortest(d) + ")");
        return false;
    }
    out = d;
    return true;
}

bool JsonReader::integer(const Value& obj, const std::string& path, const char* key, int& out, int min, int max,
                         bool required) {
    const Value* v = member(obj, path, key, required);
    if (!v) return !required;
    const std::string at = join(path, key);
    const bool whole = v->IsInt64() || v->IsUint64();  // RapidJSON types a number written with "." or "e" as a double
    const bool in_range = v->IsInt() && v->GetInt() >= min && v->GetInt() <= max;
    if (!v->IsNumber()) {
        wrong_type(at, "whole_number", *v, "must be a whole number");
    } else if (!whole) {
        fail(at, ErrorCode::not_whole_number, {}, "must be a whole number");
    } else if (!in_range) {
        const std::string low = std::to_string(min), high = std::to_string(max);
        fail(at, ErrorCode::out_of_range, {{"min", low}, {"max", high}}, "must be between " + low + " and " + high);
    } else {
        out = v->GetInt();
        return true;
    }
    return false;
}

bool JsonReader::count(const Value& obj, const std::string& path, const char* key, std::int64_t max, std::int64_t& out) {
    const Value* v = member(obj, path, key);
    if (!v) return false;
    const std::string at = join(path, key), limit = std::to_string(max);
    if (!v->IsNumber()) {
        wrong_type(at, "whole_number", *v, "must be a whole number");
        return false;
    }
    if (!v->IsInt64()) {  // a fraction, or beyond int64 (1e300 is a count too large, not a fraction)
        if (v->GetDouble() > static_cast<double>(max)) {
            const std::string value = shortest(v->GetDouble());
            fail(at, ErrorCode::above_max, {{"max", limit}, {"value", value}}, "must be at most " + limit + ", not " + value);
        } else {
            fail(at, ErrorCode::not_whole_number, {}, "must be a whole number");
        }
        return false;
    }
    const std::int64_t n = v->GetInt64();
    const std::string value = std::to_string(n);
    if (n < 0) {
        fail(at, ErrorCode::negative, {{"value", value}}, "must not be negative (" + value + ")");
    } else if (n == 0) {
        fail(at, ErrorCode::below_min, {{"min", "1"}, {"value", value}}, "must be at least 1, not 0");
    } else if (n > max) {
        fail(at, ErrorCode::above_max, {{"max", limit}, {"value", value}}, "must be at most " + limit + ", not " + value);
    } else {
        out = n;
        return true;
    }
    return false;
}

bool JsonReader::boolean(const Value& obj, const std::string& path, const char* key, bool& out, bool required) {
    const Value* v = member(obj, path, key, required);
    if (!v) return !required;
    if (!v->IsBool()) {
        wrong_type(join(path, key), "boolean", *v, "must be true or false");
        return false;
    }
    out = v->GetBool();
    return true;
}

void JsonReader::sources(const Value& root, std::vector<Source>& out) {
    const Value* arr = array(root, "", "sources");
    if (!arr) return;
    const std::size_t first = out.size();
    for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
        std::string p = index("sources", i);
        const Value& s = (*arr)[i];
        if (!s.IsObject()) {
            wrong_type(p, "object", s, "must be an object");
            continue;
        }
        only(s, p, {"id", "title", "titleZh", "url", "year"});
        Source src;
        string(s, p, "id", src.id);
        string(s, p, "title", src.title);
        string(s, p, "titleZh", src.title_zh);
        string(s, p, "url", src.url, true, true);
        integer(s, p, "year", src.year, 1900, 2100);
        for (std::size_t j = first; j < out.size(); ++j)
            if (!src.id.empty() && out[j].id == src.id)
                fail(join(p, "id"), ErrorCode::duplicate_id, {{"id", src.id}, {"other", std::to_string(j - first + 1)}},
                     "duplicate source id '" + src.id + "'");
        out.push_back(std::move(src));
    }
}

bool JsonReader::clean_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return false;
        if (c == 0xED && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return false;
    }
    return true;
}

std::string JsonReader::clip(std::string_view key) {
    if (key.size() <= 40) return std::string(key);
    std::size_t n = 40;
    while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;
    return std::string(key.substr(0, n)) + "...";
}

std::string JsonReader::shortest(double d) {
    if (!std::isfinite(d)) return d != d ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
    bool neg = d < 0;
    double a = neg ? -d : d;
    if (a >= 1e15) return neg ? "-1e15+" : "1e15+";
    auto whole = static_cast<std::int64_t>(a);
    double frac = a - static_cast<double>(whole);
    std::string s = (neg ? "-" : "") + std::to_string(whole);
    if (frac > 0) {
        std::string digits;
        for (int k = 0; k < 6 && frac > 0; ++k) {
            frac *= 10;
            int dgt = static_cast<int>(frac);
            digits.push_back(static_cast<char>('0' + dgt));
            frac -= dgt;
        }
        while (!digits.empty() && digits.back() == '0') digits.pop_back();
        if (!digits.empty()) s += "." + digits;
    }
    return s;
}

}  // namespace returnloop::detail
