// The JSON walker shared by the factor, conversion, model and what-if parsers: every problem becomes an Error with
// the file and JSON path, a typed code with its arguments (result.hpp) and English words, and nothing throws. The
// core's one reader (json_input.hpp) guards the text. The scheme parser (scheme_parse.cpp) keeps its own walker, as
// it also collects what each rule's fields were for the validator; both word the same problems with the same codes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "returnloop/json_input.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop::detail {

class JsonReader {
public:
    using Value = rapidjson::Value;

    // file names every error's path ("energy.json: materials.pet.kind"); empty for bare paths.
    JsonReader(std::string file, std::vector<Error>& errors) : file_(std::move(file)), errors_(errors) {}

    // Parses the whole text with the core's one reader; a text that is too large (file_too_large), not JSON
    // (json_malformed, with its line and column) or not an object (not_object) records one error and gives false.
    bool parse(std::string_view text, JsonDocument& doc);

    // Records a problem at path with its code, the code's arguments (result.hpp) and the English words.
    void fail(std::string_view path, ErrorCode code, std::initializer_list<ErrorArgView> args, std::string_view message);
    // Records an error found by another part of the core (parse_money's) at path, keeping its code and words.
    void fail(std::string_view path, Error error);
    // Records unknown_value {kind, given, suggestion} at path, worded "unknown <what> "given" (did you mean ...)".
    void unknown_value(std::string_view path, const char* kind, std::string_view what, std::string_view given,
                       std::span<const std::string_view> known);
    // Records wrong_type {expected, got} at path: got is the value's own type (json_type_id).
    void wrong_type(const std::string& path, const char* expected, const Value& got, std::string_view message);

    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }
    static std::string index(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

    // Reports members of obj that are not in allowed (unknown_field: a misspelt key is named, not ignored).
    void only(const Value& obj, const std::string& path, std::initializer_list<std::string_view> allowed);

    // The member, or null when absent; a missing required one is reported (missing_field).
    const Value* member(const Value& obj, const std::string& path, const char* key, bool required = true);
    // The member when it is an object (an array); null when absent or of another type (wrong_type).
    const Value* object(const Value& obj, const std::string& path, const char* key, bool required = true);
    const Value* array(const Value& obj, const std::string& path, const char* key, bool required = true);

    // Each reads a member into out: true when it was read, or when an optional one is absent.
    // A string: wrong_type, bad_character (a NUL or an unpaired surrogate), empty_text unless allow_empty.
    bool string(const Value& obj, const std::string& path, const char* key, std::string& out, bool required = true,
                bool allow_empty = false);
    // A finite number in [min, max]: wrong_type, out_of_range {min, max}.
    bool number(const Value& obj, const std::string& path, const char* key, double& out, double min, double max,
                bool required = true);
    bool number_value(const Value& v, const std::string& path, double& out, double min, double max);
    // A whole number in [min, max]: wrong_type, not_whole_number, out_of_range {min, max}.
    bool integer(const Value& obj, const std::string& path, const char* key, int& out, int min, int max,
                 bool required = true);
    // A required count from 1 to max (zero people or containers is no figure): wrong_type, not_whole_number,
    // negative {value}, below_min {min, value}, above_max {max, value}.
    bool count(const Value& obj, const std::string& path, const char* key, std::int64_t max, std::int64_t& out);
    bool boolean(const Value& obj, const std::string& path, const char* key, bool& out, bool required = true);

    // The "sources" array every asset file carries: id, title, titleZh (the same in Simplified Chinese), url (may be
    // empty), year; an id used twice is duplicate_id {id, other}.
    void sources(const Value& root, std::vector<Source>& out);

    // Text fit to show: no NUL (from "\u0000") and no lone surrogate (RapidJSON writes "\uDC00" as ED B0 80).
    static bool clean_text(std::string_view s);
    // A key for a message: at most 40 bytes, cut on a UTF-8 character boundary (a megabyte-long junk key must not
    // become a megabyte-long error).
    static std::string clip(std::string_view key);
    // A text given, for an argument or a message: "\"aluminum\"", clipped.
    static std::string quoted(std::string_view text) { return "\"" + clip(text) + "\""; }
    // Short, locale-free rendering of a number for messages and arguments (no printf: it costs kB in WASM).
    static std::string shortest(double d);

private:
    std::string place(std::string_view path) const;

    std::string file_;
    std::vector<Error>& errors_;
};

}  // namespace returnloop::detail
