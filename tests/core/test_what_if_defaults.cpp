// The figures a what-if starts from: China's sourced population and assumed containers (assets/china/
// deposit-context.json), none for other jurisdictions, and a bad file refused with a typed error naming the field.
#include <doctest/doctest.h>

#include <string>

#include "impact_fixtures.hpp"
#include "returnloop/data_set.hpp"
#include "returnloop/what_if_defaults.hpp"

using namespace returnloop;
using namespace returnloop::test;

namespace {

const std::string kFile = "china/deposit-context.json";

// The repository's file with one piece of text replaced (which must be there).
std::string with(const std::string& from, const std::string& to) {
    std::string text = asset_text(kFile);
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return text.replace(at, from.size(), to);
}

Error only_error(const std::string& text) {
    const WhatIfDefaultsParse parsed = parse_what_if_defaults(text);
    CHECK_FALSE(parsed.defaults);
    REQUIRE(parsed.errors.size() == 1);
    return parsed.errors[0];
}

// The file with `from` replaced by `to` is refused with one error of that code at that path.
void refused(const std::string& from, const std::string& to, ErrorCode code, const std::string& path) {
    const Error e = only_error(with(from, to));
    CHECK(e.code == code);
    CHECK(e.path == path);
}

}  // namespace

TEST_CASE("what-if defaults: China's population (NBS, end of 2023) and its assumed 100 containers a person") {
    const WhatIfDefaultsParse parsed = parse_what_if_defaults(asset_text(kFile));
    REQUIRE_MESSAGE(parsed.errors.empty(), errors_text(parsed.errors));
    REQUIRE(parsed.defaults);
    const WhatIfDefaults& d = *parsed.defaults;
    CHECK(d.jurisdiction == "cn-pilot");
    CHECK(d.population.value == 1'409'670'000);
    CHECK(d.population.source_id == "nbs-2023");
    CHECK(d.population.year == 2023);
    CHECK_FALSE(d.population.assumption);
    CHECK(d.containers_placed.value == 141'000'000'000);
    CHECK(d.containers_placed.assumption);
    CHECK(d.containers_placed.source_id.empty());
    CHECK(d.containers_per_person.value == 100);
    CHECK(d.containers_per_person.assumption);
    CHECK(d.containers_per_person.year == 2023);
}

TEST_CASE("what-if defaults through the data set: the cn-pilot has them, other jurisdictions do not") {
    DataSet data;
    REQUIRE(data.need_what_if_defaults());
    CHECK(data.need_what_if_defaults()->code == ErrorCode::not_in_build);
    const DataLoad load = data.load_file(kFile, asset_text(kFile));
    REQUIRE_MESSAGE(load.errors.empty(), errors_text(load.errors));
    CHECK_FALSE(data.need_what_if_defaults());
    REQUIRE(data.what_if_defaults("cn-pilot"));
    CHECK(data.what_if_defaults("cn-pilot")->population.value == 1'409'670'000);
    CHECK(data.what_if_defaults("de") == nullptr);
    CHECK(data.what_if_defaults("") == nullptr);
}

TEST_CASE("what-if defaults: a bad file is refused with a typed error naming the field") {
    SUBCASE("a missing figure") {
        refused("\"population\": {\"value\": 1409670000, ", "\"population\": {", ErrorCode::missing_field, "population.value");
    }
    SUBCASE("a negative count, and zero containers") {
        refused("\"perPerson\": 100", "\"perPerson\": -100", ErrorCode::negative, "containersPlaced.perPerson");
        refused("\"value\": 141000000000", "\"value\": 0", ErrorCode::below_min, "containersPlaced.value");
        const Error zero = only_error(with("\"value\": 141000000000", "\"value\": 0"));
        REQUIRE(zero.args.size() == 2);
        CHECK((std::string(zero.args[0].name) == "min" && zero.args[0].value == "1"));
        CHECK((std::string(zero.args[1].name) == "value" && zero.args[1].value == "0"));
    }
    SUBCASE("a huge population, as a whole number and beyond int64") {
        refused("\"value\": 1409670000", "\"value\": 1409670000000", ErrorCode::above_max, "population.value");
        refused("\"value\": 1409670000", "\"value\": 1e300", ErrorCode::above_max, "population.value");
    }
    SUBCASE("a fraction, and text where a count belongs") {
        refused("\"perPerson\": 100", "\"perPerson\": 100.5", ErrorCode::not_whole_number, "containersPlaced.perPerson");
        refused("\"perPerson\": 100", "\"perPerson\": \"100\"", ErrorCode::wrong_type, "containersPlaced.perPerson");
    }
    SUBCASE("a population without its source's id, or a bad date") {
        CHECK(only_error(with("\"id\": \"nbs-2023\", ", "")).path == "population.source.id");
        CHECK(only_error(with("\"asOf\": \"2023-12-31\"", "\"asOf\": \"2023-13-31\"")).code == ErrorCode::bad_date);
    }
    SUBCASE("counts said to be sourced must name their source") {
        CHECK(only_error(with("\"assumption\": true", "\"assumption\": false")).path == "containersPlaced.source");
    }
    SUBCASE("not JSON, or not an object") {
        CHECK(only_error("{\"scheme\": ").code == ErrorCode::json_malformed);
        CHECK(only_error("[]").code == ErrorCode::not_object);
        CHECK(only_error(std::string("{\"a\":1}\0", 8)).code == ErrorCode::json_malformed);
    }
}
