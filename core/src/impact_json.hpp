// JSON reading helpers shared by the factor, conversion and model parsers: every problem becomes an Error with
// the file and JSON path, and nothing throws. The core's one reader (json_input.hpp) guards the text.
#pragma once

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "returnloop/json_input.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop::detail {

class JsonReader {
public:
    JsonReader(std::string file, std::vector<Error>& errors) : file_(std::move(file)), errors_(errors) {}

    // Parses the whole text with the core's one reader; on failure records one error with the byte offset.
    bool parse(std::string_view text, JsonDocument& doc) {
        const JsonRead read = read_json(text, doc, kDataFileLimits);
        switch (read.problem) {
        case JsonProblem::none:
            break;
        case JsonProblem::too_large:
            fail("", "the file is " + std::to_string(text.size()) + " bytes; at most " +
                         std::to_string(kDataFileLimits.max_bytes) + " are accepted");
            return false;
        case JsonProblem::nul_byte:
            fail("", "malformed JSON at byte " + std::to_string(read.offset) + ": a NUL byte is not allowed");
            return false;
        case JsonProblem::exponent_out_of_range:
            fail("", "malformed JSON at byte " + std::to_string(read.offset) + ": a number's exponent is out of range");
            return false;
        default:  // too_deep cannot happen: a file's depth is bounded by its size
            fail("", std::string("malformed JSON at byte ") + std::to_string(read.offset) + ": " +
                         rapidjson::GetParseError_En(read.syntax));
            return false;
        }
        if (!doc.IsObject()) {
            fail("", "the top level must be an object");
            return false;
        }
        return true;
    }

    void fail(const std::string& path, std::string message) {
        errors_.push_back(Error{file_.empty() ? path : (path.empty() ? file_ : file_ + ": " + path), std::move(message)});
    }
    std::size_t error_count() const { return errors_.size(); }

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

    // Reports members of obj that are not in allowed (a misspelt key is named, not ignored).
    void only(const rapidjson::Value& obj, const std::string& path, std::initializer_list<std::string_view> allowed) {
        for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it) {
            std::string_view key(it->name.GetString(), it->name.GetStringLength());
            bool known = false;
            for (auto a : allowed) known = known || a == key;
            if (!known) fail(join(path, clip(key)), "unknown field");
        }
    }

    const rapidjson::Value* member(const rapidjson::Value& obj, const std::string& path, const char* key,
                                   bool required = true) {
        auto it = obj.FindMember(key);
        if (it == obj.MemberEnd()) {
            if (required) fail(join(path, key), "missing");
            return nullptr;
        }
        return &it->value;
    }

    const rapidjson::Value* object(const rapidjson::Value& obj, const std::string& path, const char* key,
                                   bool required = true) {
        const auto* v = member(obj, path, key, required);
        if (v && !v->IsObject()) {
            fail(join(path, key), "must be an object");
            return nullptr;
        }
        return v;
    }

    const rapidjson::Value* array(const rapidjson::Value& obj, const std::string& path, const char* key,
                                  bool required = true) {
        const auto* v = member(obj, path, key, required);
        if (v && !v->IsArray()) {
            fail(join(path, key), "must be an array");
            return nullptr;
        }
        return v;
    }

    bool string(const rapidjson::Value& obj, const std::string& path, const char* key, std::string& out,
                bool required = true, bool allow_empty = false) {
        const auto* v = member(obj, path, key, required);
        if (!v) return !required;
        if (!v->IsString()) {
            fail(join(path, key), "must be a string");
            return false;
        }
        out.assign(v->GetString(), v->GetStringLength());
        if (!clean_text(out)) {
            fail(join(path, key), "must not contain a NUL character or an unpaired UTF-16 surrogate");
            out.clear();
            return false;
        }
        if (!allow_empty && out.empty()) {
            fail(join(path, key), "must not be empty");
            return false;
        }
        return true;
    }

    // A finite number in [min, max].
    bool number(const rapidjson::Value& obj, const std::string& path, const char* key, double& out, double min,
                double max, bool required = true) {
        const auto* v = member(obj, path, key, required);
        if (!v) return !required;
        return number_value(*v, join(path, key), out, min, max);
    }

    bool number_value(const rapidjson::Value& v, const std::string& path, double& out, double min, double max) {
        if (!v.IsNumber()) {
            fail(path, "must be a number");
            return false;
        }
        double d = v.GetDouble();
        if (!std::isfinite(d) || d < min || d > max) {
            fail(path, "must be between " + shortest(min) + " and " + shortest(max) + " (got " + shortest(d) + ")");
            return false;
        }
        out = d;
        return true;
    }

    bool integer(const rapidjson::Value& obj, const std::string& path, const char* key, int& out, int min, int max,
                 bool required = true) {
        const auto* v = member(obj, path, key, required);
        if (!v) return !required;
        if (!v->IsInt()) {
            fail(join(path, key), "must be a whole number");
            return false;
        }
        int i = v->GetInt();
        if (i < min || i > max) {
            fail(join(path, key), "must be between " + std::to_string(min) + " and " + std::to_string(max));
            return false;
        }
        out = i;
        return true;
    }

    bool boolean(const rapidjson::Value& obj, const std::string& path, const char* key, bool& out,
                 bool required = true) {
        const auto* v = member(obj, path, key, required);
        if (!v) return !required;
        if (!v->IsBool()) {
            fail(join(path, key), "must be true or false");
            return false;
        }
        out = v->GetBool();
        return true;
    }

    // The "sources" array every asset file carries: id, title, titleZh (the same in Simplified Chinese), url (may be
    // empty), year.
    void sources(const rapidjson::Value& root, std::vector<Source>& out) {
        const auto* arr = array(root, "", "sources");
        if (!arr) return;
        for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
            std::string p = index("sources", i);
            const auto& s = (*arr)[i];
            if (!s.IsObject()) {
                fail(p, "must be an object");
                continue;
            }
            only(s, p, {"id", "title", "titleZh", "url", "year"});
            Source src;
            string(s, p, "id", src.id);
            string(s, p, "title", src.title);
            string(s, p, "titleZh", src.title_zh);
            string(s, p, "url", src.url, true, true);
            integer(s, p, "year", src.year, 1900, 2100);
            for (const auto& existing : out)
                if (existing.id == src.id) fail(join(p, "id"), "duplicate source id '" + src.id + "'");
            out.push_back(std::move(src));
        }
    }


    // Text fit to show: no NUL (from "\u0000") and no lone surrogate (RapidJSON writes "\uDC00" as ED B0 80).
    static bool clean_text(std::string_view s) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            auto c = static_cast<unsigned char>(s[i]);
            if (c == 0) return false;
            if (c == 0xED && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return false;
        }
        return true;
    }

    // A key for a message: at most 40 bytes, cut on a UTF-8 character boundary (a megabyte-long junk key must not
    // become a megabyte-long error).
    static std::string clip(std::string_view key) {
        if (key.size() <= 40) return std::string(key);
        std::size_t n = 40;
        while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;
        return std::string(key.substr(0, n)) + "...";
    }

    static std::string shortest(double d) {
        // Short, locale-free rendering for messages (no printf: it costs kB in WASM).
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

private:
    std::string file_;
    std::vector<Error>& errors_;
};

}  // namespace returnloop::detail
