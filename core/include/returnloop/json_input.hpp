// The one JSON reader of every entry point (scheme files, the factor and model files, the web module's call
// arguments): RapidJSON under one guard against hostile input, with numbers converted here from their text.
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace returnloop {

// What a text may be: its size in bytes and how deeply objects and arrays may nest. The parse is iterative, so depth
// costs heap, not stack; a file's depth is bounded by its size (a scheme file nested 100,000 deep still reaches the
// field checks, which name the field), a call's arguments are a few levels deep.
struct JsonLimits {
    std::size_t max_bytes = 0;
    std::size_t max_depth = 0;
};
inline constexpr JsonLimits kSchemeFileLimits{std::size_t{1} << 20, std::size_t{1} << 20};
inline constexpr JsonLimits kDataFileLimits{std::size_t{4} << 20, std::size_t{4} << 20};  // factor and model files
inline constexpr JsonLimits kCallArgumentLimits{std::size_t{1} << 20, 64};

// Why a text was refused. syntax carries RapidJSON's code (a number beyond a double is kParseErrorNumberTooBig).
enum class JsonProblem : std::uint8_t { none, too_large, nul_byte, exponent_out_of_range, too_deep, syntax };

struct JsonRead {
    JsonProblem problem = JsonProblem::none;
    std::size_t offset = 0;  // the byte where the problem is (0 for too_large)
    rapidjson::ParseErrorCode syntax = rapidjson::kParseErrorNone;
    explicit operator bool() const { return problem == JsonProblem::none; }
};

// A RapidJSON document that converts numbers from their text: whole numbers typed as RapidJSON
// types them, decimals exactly up to 15 digits and 10^±22 (json_input.cpp). RapidJSON's own conversion carries a
// table of 309 powers of ten (2.4 KB brotli), more than the web page's first module can spend.
class JsonDocument : public rapidjson::Document {
public:
    // The reader's event for a number (RapidJSON calls it through the handler's own type).
    bool RawNumber(const char* text, rapidjson::SizeType length, bool copy);

private:
    friend JsonRead read_json(std::string_view text, JsonDocument& doc, JsonLimits limits);
    bool number_too_big_ = false;
};

// Parses text into doc under limits; on a problem doc is left null and the answer says what and where.
JsonRead read_json(std::string_view text, JsonDocument& doc, JsonLimits limits);

// Where a byte of text is, as editors count: lines from 1, columns from 1 in characters (not UTF-8 bytes).
struct JsonPosition {
    std::int64_t line = 1, column = 1;
};
JsonPosition json_position(std::string_view text, std::size_t offset);

// A value's type as the typed errors name it ("got"): null, boolean, object, array, string or number.
std::string_view json_type_id(const rapidjson::Value& value);

}  // namespace returnloop
