// json_input: the one JSON reader's guard (size, NUL, runaway exponent, depth, numbers beyond a double) and its
// exact reading of numbers, as every entry point uses it.
#include <doctest/doctest.h>

#include <string>

#include "returnloop/json_input.hpp"

using namespace returnloop;

namespace {

JsonRead read(std::string_view text, JsonLimits limits = kCallArgumentLimits) {
    JsonDocument doc;
    return read_json(text, doc, limits);
}

}  // namespace

TEST_CASE("read_json reads a call's arguments, numbers typed as RapidJSON types them") {
    JsonDocument doc;
    REQUIRE(read_json(R"({"a": 4294967296, "b": -3, "c": 0.1, "d": [true, null, "x"]})", doc, kCallArgumentLimits));
    CHECK(doc["a"].IsUint64());
    CHECK_FALSE(doc["a"].IsUint());
    CHECK(doc["b"].IsInt());
    CHECK(doc["c"].GetDouble() == 0.1);  // one correctly rounded operation: 1 / 10
    CHECK(doc["d"].Size() == 3);
}

TEST_CASE("read_json's guard refuses hostile text, naming what and where, and leaves the document null") {
    SUBCASE("size") {
        const JsonRead r = read(std::string(100, ' '), {10, 64});
        CHECK(r.problem == JsonProblem::too_large);
    }
    SUBCASE("a NUL byte") {
        const JsonRead r = read(std::string("{\"a\":\0}", 7));
        CHECK(r.problem == JsonProblem::nul_byte);
        CHECK(r.offset == 5);
    }
    SUBCASE("an exponent RapidJSON 1.1.0 would overflow on (CVE-2024-38517)") {
        const JsonRead r = read(R"({"a": 0.00000000001e-2147483639})");
        CHECK(r.problem == JsonProblem::exponent_out_of_range);
        CHECK(r.offset == 6);
    }
    SUBCASE("nesting beyond the limit; a file's depth is bounded only by its size") {
        const std::string deep = std::string(65, '[') + std::string(65, ']');
        CHECK(read(deep).problem == JsonProblem::too_deep);
        CHECK(read(std::string(64, '[') + std::string(64, ']')));
        CHECK(read(deep, kSchemeFileLimits));
    }
    SUBCASE("a number beyond a double, worded as RapidJSON words it") {
        const JsonRead r = read(R"({"a": 1e400})");
        CHECK(r.problem == JsonProblem::syntax);
        CHECK(r.syntax == rapidjson::kParseErrorNumberTooBig);
    }
    SUBCASE("text that is not JSON") {
        JsonDocument doc;
        const JsonRead r = read_json(R"({"a": )", doc, kCallArgumentLimits);
        CHECK(r.problem == JsonProblem::syntax);
        CHECK(doc.IsNull());
    }
}
