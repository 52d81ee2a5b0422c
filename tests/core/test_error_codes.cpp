// Typed errors: every problem a person can cause carries a code, its arguments and its place (list, entry, field),
// so each face words it in its own language without reading paths or English messages.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>

#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

using namespace returnloop;

namespace {

constexpr std::string_view kValid = R"({
  "id": "us-or", "name": "Oregon", "nameZh": "俄勒冈州", "country": "US", "currency": "USD",
  "status": "in_force", "returnToRetail": true, "summary": "10 cents.", "summaryZh": "10 美分。",
  "rules": [
    {"id": "a", "from": "2017-04-01", "materials": ["glass"], "categories": ["beer"], "containers": "single_use",
     "depositMinor": 10, "source": "s"}
  ],
  "sources": [{"id": "s", "title": "OBRC", "titleZh": "OBRC", "url": "https://www.obrc.com/", "year": 2024, "quality": "operator"}]
})";

std::string with(std::string_view from, std::string_view to) {
    std::string text(kValid);
    const std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "test setup: not found: ", from);
    text.replace(at, from.size(), to);
    return text;
}

std::string arg(const Error& e, std::string_view name) {
    for (const ErrorArg& a : e.args)
        if (std::string_view(a.name) == name) return a.value;
    return "(absent)";
}

Error only(const SchemeParse& parse) {
    std::string all;
    for (const Error& e : parse.errors) all += "\n  " + e.path + ": " + e.message;
    INFO("errors:", all);
    REQUIRE(parse.errors.size() == 1);
    return parse.errors[0];
}

}  // namespace

TEST_CASE("error code ids are stable, distinct and cover every code") {
    std::set<std::string_view> ids;
    for (int i = 0; i < kErrorCodeCount; ++i) ids.insert(error_code_id(static_cast<ErrorCode>(i)));
    CHECK(ids.size() == static_cast<std::size_t>(kErrorCodeCount));
    CHECK(error_code_id(ErrorCode::other) == "other");
    CHECK(error_code_id(ErrorCode::rules_overlap) == "rules_overlap");
    CHECK(error_code_id(ErrorCode::bad_arguments) == "bad_arguments");
    CHECK(error_code_id(static_cast<ErrorCode>(250)) == "other");
}

TEST_CASE("an error's place is read from its path by the core") {
    const Error rule_error{"rules[5].depositMinor", ""};  // a place views its error's path
    const ErrorPlace rule = rule_error.place();
    CHECK(rule.list == "rules");
    CHECK(rule.index == 5);
    CHECK(rule.field == "depositMinor");
    const Error entry_error{"rules[2].materials[1]", ""};
    const ErrorPlace entry = entry_error.place();
    CHECK(entry.list == "rules");
    CHECK(entry.index == 2);
    CHECK(entry.field == "materials");
    const Error whole_error{"rules[12]", ""};
    const ErrorPlace whole = whole_error.place();
    CHECK(whole.index == 12);
    CHECK(whole.field.empty());
    const Error top_error{"currency", ""};
    const ErrorPlace top = top_error.place();
    CHECK(top.list.empty());
    CHECK(top.index == -1);
    CHECK(top.field == "currency");
    const Error file_error{"", ""};
    CHECK(file_error.place().field.empty());
    const Error odd_error{"rules[x].id", ""};
    const ErrorPlace odd = odd_error.place();  // not a path the core writes: kept whole
    CHECK(odd.index == -1);
    CHECK(odd.field == "rules[x].id");
    const Error huge{"rules[99999999999999].id", ""};
    CHECK(huge.place().index == -1);  // no overflow
}

TEST_CASE("scheme problems carry their code, arguments and place") {
    SUBCASE("a negative deposit in rule 1") {
        const Error e = only(parse_scheme(with(R"("depositMinor": 10)", R"("depositMinor": -5)")));
        CHECK(e.code == ErrorCode::negative);
        CHECK(arg(e, "value") == "-5");
        CHECK(e.place().list == "rules");
        CHECK(e.place().index == 0);
        CHECK(e.place().field == "depositMinor");
    }
    SUBCASE("an absurd amount gives the limit and the currency's scale") {
        const Error e = only(parse_scheme(with(R"("depositMinor": 10)", R"("depositMinor": 500000)")));
        CHECK(e.code == ErrorCode::amount_too_large);
        CHECK(arg(e, "limit") == "1000");
        CHECK(arg(e, "currency") == "USD");
        CHECK(arg(e, "minorPerMajor") == "100");
    }
    SUBCASE("a misspelt field suggests the right one (and the right one is then missing)") {
        const SchemeParse parse = parse_scheme(with(R"("summary")", R"("sumary")"));
        REQUIRE(parse.errors.size() == 2);
        CHECK(parse.errors[0].code == ErrorCode::unknown_field);
        CHECK(arg(parse.errors[0], "name") == "\"sumary\"");
        CHECK(arg(parse.errors[0], "suggestion") == "summary");
        CHECK(parse.errors[1].code == ErrorCode::missing_field);
    }
    SUBCASE("a missing field names it") {
        const SchemeParse parse = parse_scheme(with(R"("summary": "10 cents.", )", ""));
        const Error e = only(parse);
        CHECK(e.code == ErrorCode::missing_field);
        CHECK(arg(e, "name") == "summary");
        CHECK(e.place().field == "summary");
    }
    SUBCASE("an unknown material gives the kind, the text and the suggestion") {
        const Error e = only(parse_scheme(with(R"(["glass"])", R"(["glas"])")));
        CHECK(e.code == ErrorCode::unknown_value);
        CHECK(arg(e, "kind") == "material");
        CHECK(arg(e, "given") == "\"glas\"");
        CHECK(arg(e, "suggestion") == "glass");
        CHECK(e.place().field == "materials");
    }
    SUBCASE("wrong types say what was expected and found") {
        const Error e = only(parse_scheme(with(R"("returnToRetail": true)", R"("returnToRetail": "yes")")));
        CHECK(e.code == ErrorCode::wrong_type);
        CHECK(arg(e, "expected") == "boolean");
        CHECK(arg(e, "got") == "string");
    }
    SUBCASE("malformed JSON gives line and column") {
        const SchemeParse parse = parse_scheme("{\n  \"id\": }");
        const Error e = only(parse);
        CHECK(e.code == ErrorCode::json_malformed);
        CHECK(arg(e, "line") == "2");
        CHECK(arg(e, "column") == "9");
    }
    SUBCASE("an empty file and a non-object") {
        CHECK(only(parse_scheme("")).code == ErrorCode::file_empty);
        CHECK(only(parse_scheme("[1]")).code == ErrorCode::not_object);
        CHECK(arg(only(parse_scheme("[1]")), "got") == "array");
    }
    SUBCASE("until before from, with both dates") {
        const Error e = only(parse_scheme(with(R"("from": "2017-04-01",)", R"("from": "2017-04-01", "until": "2010-01-01",)")));
        CHECK(e.code == ErrorCode::until_before_from);
        CHECK(arg(e, "until") == "2010-01-01");
        CHECK(arg(e, "from") == "2017-04-01");
    }
    SUBCASE("a bad date quotes the text") {
        const Error e = only(parse_scheme(with(R"("from": "2017-04-01")", R"("from": "2017-13-01")")));
        CHECK(e.code == ErrorCode::bad_date);
        CHECK(arg(e, "text") == "\"2017-13-01\"");
    }
    SUBCASE("an unknown source reference") {
        const Error e = only(parse_scheme(with(R"("depositMinor": 10, "source": "s")", R"("depositMinor": 10, "source": "t")")));
        CHECK(e.code == ErrorCode::unknown_source);
        CHECK(arg(e, "id") == "t");
    }
    SUBCASE("overlapping rules name the other rule by its number, 1-based") {
        const std::string rule_b = R"({"id": "b", "from": "2020-01-01", "materials": ["glass"], "categories": ["beer"],
            "containers": "any", "depositMinor": 10, "source": "s"}
  ],)";
        const std::string text = with("\n  ],", ",\n    " + rule_b);
        const Error e = only(parse_scheme(text));
        CHECK(e.code == ErrorCode::rules_overlap);
        CHECK(e.place().index == 1);
        CHECK(arg(e, "other") == "1");
        CHECK(arg(e, "otherId") == "a");
        CHECK(arg(e, "material") == "glass");
        CHECK(arg(e, "category") == "beer");
        CHECK(arg(e, "date") == "2020-01-01");
    }
    SUBCASE("more than the list's limit ends with a count of those left out") {
        std::string many = "{";
        for (int i = 0; i < 150; ++i) many += "\"x" + std::to_string(i) + "\": 1,";
        many += "\"y\": 1}";
        const SchemeParse parse = parse_scheme(many);
        REQUIRE_FALSE(parse.errors.empty());
        CHECK(parse.errors.back().code == ErrorCode::more_errors);
        CHECK(std::stoi(arg(parse.errors.back(), "count")) > 0);
    }
}

TEST_CASE("every error of the scheme reader carries a code") {
    // A file with many different mistakes at once: none may come back uncoded.
    const std::string text = R"({"id": "X", "name": "", "nameZh": 3, "country": "usa", "currency": "USX",
      "status": "gone", "started": "1999-02-30", "returnToRetail": 1, "summary": "s", "extra": 1, "name": "again",
      "rules": [{"id": "a", "from": "2001-01-01", "until": "2000-01-01", "materials": ["pet", "pet", 4],
                 "categories": [], "containers": "some", "minMl": 10, "maxMl": 5, "depositMinor": -1,
                 "refundMinor": 2.5, "handlingFee": 0.1, "source": "nowhere"},
                {"id": "a", "from": "2001-01-01", "materials": ["pet"], "categories": ["beer"],
                 "containers": "any", "depositMinor": 100000000, "handlingFee": "1e3", "source": "s"}, 7],
      "returnRates": [{"year": 1700, "rate": 1.5, "source": "none"}, {"year": 2000, "rate": "x", "source": "s"}],
      "sources": [{"id": "s", "title": "t", "url": "ftp://x", "year": 2000}, {"id": "s", "title": "t", "url": "", "year": 2000}]
    })";
    const SchemeParse parse = parse_scheme(text);
    REQUIRE(parse.errors.size() > 15);
    for (const Error& e : parse.errors) {
        INFO(e.path, ": ", e.message);
        CHECK(e.code != ErrorCode::other);
    }
}

TEST_CASE("dates, money and projections carry codes too") {
    CHECK(parse_date("2024-02-30").error().code == ErrorCode::bad_date);
    const auto money = parse_money("1.234", Currency::USD);
    REQUIRE_FALSE(money.ok());
    CHECK(money.error().code == ErrorCode::bad_decimal);
    CHECK(arg(money.error(), "places") == "2");
    CHECK(parse_money("", Currency::USD).error().code == ErrorCode::empty_text);
    const std::vector<Scheme> none;
    const auto missing = find_scheme(none, "xx");
    CHECK(missing.error().code == ErrorCode::unknown_scheme);
    CHECK(arg(missing.error(), "id") == "xx");
}
