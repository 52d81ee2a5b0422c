// Typed errors of the factor, conversion and model files (the JSON walker they share, impact_json.hpp): each problem
// carries the code and arguments result.hpp lists for it, as the scheme files' do, with the file and path.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "impact_fixtures.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/json_input.hpp"
#include "returnloop/return_model.hpp"

using namespace returnloop;

namespace {

// One set with one material and its source: an emission factor file the parser takes as it is.
constexpr std::string_view kEmission = R"({"sets": [{"id": "x", "name": "x", "nameZh": "x", "description": "x",
    "descriptionZh": "x", "materials": {"pet": {"kind": "warm_recycling_vs_landfill", "recycling": -1,
    "landfilling": 0.02, "basis": "b", "source": "s", "year": 2023}}}],
    "sources": [{"id": "s", "title": "t", "titleZh": "t", "url": "", "year": 2023}]})";

std::string with(std::string_view from, std::string_view to) {
    std::string text(kEmission);
    const std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "test setup: not found: ", from);
    return text.replace(at, from.size(), to);
}

std::vector<Error> emission_errors(const std::string& text) {
    test::FactorTexts t;
    t.emission = text;
    return parse_impact_factors(t.views()).errors;
}

Error only(const std::vector<Error>& errors) {
    INFO("errors:", test::errors_text(errors));
    REQUIRE(errors.size() == 1);
    return errors[0];
}

std::string arg(const Error& e, std::string_view name) {
    for (const ErrorArg& a : e.args)
        if (std::string_view(a.name) == name) return a.value;
    return "(absent)";
}

constexpr const char* kPet = "emission_factors.json: sets[0].materials.pet.";

}  // namespace

TEST_CASE("a factor file's problems carry their codes and arguments") {
    REQUIRE_MESSAGE(emission_errors(std::string(kEmission)).empty(), test::errors_text(emission_errors(std::string(kEmission))));
    SUBCASE("a missing field names itself") {
        const Error e = only(emission_errors(with(R"("basis": "b", )", "")));
        CHECK(e.code == ErrorCode::missing_field);
        CHECK(e.path == std::string(kPet) + "basis");
        CHECK(arg(e, "name") == "basis");
        CHECK(e.message == "missing");
    }
    SUBCASE("a wrong type says what was expected and what was there") {
        const Error year = only(emission_errors(with(R"("year": 2023}}})", R"("year": "2023"}}})")));
        CHECK(year.code == ErrorCode::wrong_type);
        CHECK(year.path == std::string(kPet) + "year");
        CHECK(arg(year, "expected") == "whole_number");
        CHECK(arg(year, "got") == "string");
        const Error factor = only(emission_errors(with(R"("recycling": -1)", R"("recycling": null)")));
        CHECK(factor.code == ErrorCode::wrong_type);
        CHECK(arg(factor, "expected") == "number");
        CHECK(arg(factor, "got") == "null");
        const Error sets = only(emission_errors(R"({"sets": {}, "sources": []})"));
        CHECK(sets.code == ErrorCode::wrong_type);
        CHECK(arg(sets, "expected") == "array");
        CHECK(arg(sets, "got") == "object");
    }
    SUBCASE("an unknown field is named, quoted") {
        const Error e = only(emission_errors(with(R"("basis": "b", )", R"("basis": "b", "colour": 1, )")));
        CHECK(e.code == ErrorCode::unknown_field);
        CHECK(e.path == std::string(kPet) + "colour");
        CHECK(arg(e, "name") == "\"colour\"");
        CHECK(arg(e, "suggestion").empty());
        CHECK(e.message == "unknown field");
    }
    SUBCASE("a mistyped field or id gets the name it is likely to mean") {
        const Error field = only(emission_errors(with(R"("basis": "b", )", R"("basis": "b", "Sourse": "s", )")));
        CHECK(field.code == ErrorCode::unknown_field);
        CHECK(arg(field, "suggestion") == "source");
        CHECK(field.message == "unknown field (did you mean \"source\"?)");
        const Error material = only(emission_errors(with(R"("pet": {)", R"("PET": {)")));
        CHECK(arg(material, "suggestion") == "pet");
        CHECK(material.message == "unknown material \"PET\" (did you mean \"pet\"?)");
        const Error kind = only(emission_errors(with("warm_recycling_vs_landfill", "warm_recycling_vs_landfil")));
        CHECK(arg(kind, "suggestion") == "warm_recycling_vs_landfill");
    }
    SUBCASE("a number out of its range gives the range") {
        const Error factor = only(emission_errors(with(R"("recycling": -1)", R"("recycling": -1e300)")));
        CHECK(factor.code == ErrorCode::out_of_range);
        CHECK(factor.path == std::string(kPet) + "recycling");
        CHECK(arg(factor, "min") == "-100");
        CHECK(arg(factor, "max") == "100");
        CHECK(factor.message == "must be between -100 and 100 (got -1e15+)");
        const Error year = only(emission_errors(with(R"("year": 2023}}})", R"("year": 1800}}})")));
        CHECK(year.code == ErrorCode::out_of_range);
        CHECK(arg(year, "min") == "1900");
        CHECK(arg(year, "max") == "2100");
        CHECK(only(emission_errors(with(R"("year": 2023}}})", R"("year": 2023.5}}})"))).code == ErrorCode::not_whole_number);
    }
    SUBCASE("text that cannot be shown, or is empty") {
        CHECK(only(emission_errors(with(R"("basis": "b")", R"("basis": "b\u0000")"))).code == ErrorCode::bad_character);
        CHECK(only(emission_errors(with(R"("basis": "b")", R"("basis": "")"))).code == ErrorCode::empty_text);
    }
    SUBCASE("ids: an unknown source, material, kind or base set, and an id used twice") {
        const Error source = only(emission_errors(with(R"("source": "s")", R"("source": "nowhere")")));
        CHECK(source.code == ErrorCode::unknown_source);
        CHECK(arg(source, "id") == "nowhere");
        const Error material = only(emission_errors(with(R"("pet": {)", R"("pets": {)")));
        CHECK(material.code == ErrorCode::unknown_value);
        CHECK(arg(material, "kind") == "material");
        CHECK(arg(material, "given") == "\"pets\"");
        CHECK(arg(material, "suggestion") == "pet");
        const Error kind = only(emission_errors(with("warm_recycling_vs_landfill", "magic")));
        CHECK(kind.code == ErrorCode::unknown_value);
        CHECK(arg(kind, "kind") == "factor_kind");
        CHECK(arg(kind, "suggestion").empty());  // nothing close to "magic": the message lists the kinds instead
        CHECK(kind.message == "unknown kind \"magic\" (one of warm_recycling_vs_landfill, fraction_of_virgin, virgin_minus_recycled)");
        const Error base = only(emission_errors(with(R"("id": "x", )", R"("id": "x", "base": "y", )")));
        CHECK(base.code == ErrorCode::unknown_id);
        CHECK(arg(base, "id") == "y");
        const Error twice = only(emission_errors(with(R"("url": "", "year": 2023}]})", R"("url": "", "year": 2023},
            {"id": "s", "title": "t", "titleZh": "t", "url": "", "year": 2023}]})")));
        CHECK(twice.code == ErrorCode::duplicate_id);
        CHECK(twice.path == "emission_factors.json: sources[1].id");
        CHECK(arg(twice, "id") == "s");
        CHECK(arg(twice, "other") == "1");
    }
    SUBCASE("a file that is not JSON, not an object, or too large") {
        const Error broken = only(emission_errors("{\n  \"sets\": ["));
        CHECK(broken.code == ErrorCode::json_malformed);
        CHECK(broken.path == "emission_factors.json");
        CHECK(arg(broken, "line") == "2");
        CHECK(broken.message.find("byte") != std::string::npos);
        const Error array = only(emission_errors("[]"));
        CHECK(array.code == ErrorCode::not_object);
        CHECK(arg(array, "got") == "array");
        const Error large = only(emission_errors(std::string(kDataFileLimits.max_bytes + 1, ' ')));
        CHECK(large.code == ErrorCode::file_too_large);
        CHECK(arg(large, "limit") == std::to_string(kDataFileLimits.max_bytes));
    }
}

TEST_CASE("the conversion and model files' problems are typed too") {
    std::string conversion = test::asset_text("factors/money_conversion.json");
    const std::size_t usd = conversion.find("\"referenceCurrency\": \"USD\"");
    REQUIRE(usd != std::string::npos);
    conversion.replace(usd, 26, "\"referenceCurrency\": \"EUR\"");
    const Error currency = only(parse_conversions(conversion).errors);
    CHECK(currency.code == ErrorCode::wrong_currency);
    CHECK(arg(currency, "currency") == "USD");

    std::string model = test::asset_text("model/return_rate.json");
    const std::size_t level = model.find("\"level\": 0.8");
    REQUIRE(level != std::string::npos);
    model.replace(level, 12, "\"level\": 7");
    const Error range = only(parse_return_model(model).errors);
    CHECK(range.code == ErrorCode::out_of_range);
    CHECK(range.path == "return_rate.json: interval.level");
    CHECK(arg(range, "min") == "0.5");
    CHECK(arg(range, "max") == "0.99");
}
