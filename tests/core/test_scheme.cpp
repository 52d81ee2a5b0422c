// Schemes: parsing and validating the JSON format of assets/schemes/README.md, and decide()'s answer and reasons.
// Inline files start from the README's Oregon example; golden amounts cite their source beside the case.
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "returnloop/scheme.hpp"

using namespace returnloop;

namespace {

// Oregon's 5 cent rule (1972 to 31 March 2017) and its 10 cent successor from 1 April 2017
// (resource-recycling.com 2024-04-17, OBRC annual report; bottlebill.org Oregon).
constexpr std::string_view kOregon5c = R"({
      "id": "standard-5c", "from": "1972-10-01", "until": "2017-04-01",
      "materials": ["pet", "hdpe", "aluminium", "steel", "glass"],
      "categories": ["water", "soft_drink", "juice", "beer", "other"],
      "containers": "single_use", "minMl": 118, "maxMl": 5000, "depositMinor": 5, "source": "obrc-2024"
    })";
constexpr std::string_view kOregon10c = R"({
      "id": "standard-10c", "from": "2017-04-01",
      "materials": ["pet", "hdpe", "aluminium", "steel", "glass"],
      "categories": ["water", "soft_drink", "juice", "beer", "other"],
      "containers": "single_use", "minMl": 118, "maxMl": 5000, "depositMinor": 10, "source": "obrc-2024"
    })";

std::string scheme_json(std::initializer_list<std::string_view> rules) {
    std::string text = R"j({
  "id": "us-or",
  "name": "Oregon",
  "nameZh": "俄勒冈州",
  "country": "US",
  "currency": "USD",
  "status": "in_force",
  "started": "1972-10-01",
  "returnToRetail": true,
  "operator": "Oregon Beverage Recycling Cooperative (OBRC)",
  "summary": "10 cents on most drinks in glass, plastic and metal since 1 April 2017 (5 cents from 1972).",
  "summaryZh": "自2017年4月1日起，玻璃、塑料和金属容器的大多数饮料押金10美分（1972年起为5美分）。",
  "rules": [)j";
    bool first = true;
    for (std::string_view rule : rules) {
        if (!first) text += ",";
        text += "\n    ";
        text += rule;
        first = false;
    }
    text += R"j(
  ],
  "returnRates": [
    { "year": 2023, "rate": 0.905, "note": "preliminary", "source": "obrc-2024" }
  ],
  "sources": [
    { "id": "obrc-2024", "title": "Resource Recycling: Oregon redemption rate (OBRC annual report)", "titleZh": "Resource Recycling：俄勒冈州兑付率（OBRC年度报告）", "url": "https://resource-recycling.com/recycling/2024/04/17/", "year": 2024, "quality": "secondary" }
  ]
})j";
    return text;
}

std::string oregon() { return scheme_json({kOregon5c, kOregon10c}); }

// Replaces exactly one occurrence, and fails the test if the text to replace is not there (so a typo in a test
// cannot silently test the unmodified file).
std::string replaced(std::string text, std::string_view from, std::string_view to) {
    const std::size_t at = text.find(from);
    CHECK_MESSAGE(at != std::string::npos, "test setup: text to replace not found: ", from);
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// One rule with the given fields after a fixed valid core; `extra` starts with a comma when non-empty.
std::string rule(std::string_view id, std::string_view materials, std::string_view categories,
                 std::string_view extra = "", std::string_view containers = "single_use",
                 std::string_view from = "2000-01-01") {
    std::string text = R"({"id": ")" + std::string(id) + R"(", "from": ")" + std::string(from) +
                       R"(", "materials": )" + std::string(materials) + R"(, "categories": )" +
                       std::string(categories) + R"(, "containers": ")" + std::string(containers) +
                       R"(", "depositMinor": 10, "source": "obrc-2024")" + std::string(extra) + "}";
    return text;
}

std::string describe(const SchemeParse& parse) {
    std::string text;
    for (const Error& error : parse.errors) text += "\n  " + error.path + ": " + error.message;
    return text.empty() ? "(no errors)" : text;
}

// True when some error has exactly this path and a message containing the fragment.
bool has_error(const SchemeParse& parse, std::string_view path, std::string_view fragment) {
    for (const Error& error : parse.errors)
        if (error.path == path && error.message.find(fragment) != std::string::npos) return true;
    return false;
}

#define CHECK_ERROR(parse, path, fragment)                                                    \
    do {                                                                                      \
        const SchemeParse& checked_parse_ = (parse);                                          \
        INFO("errors:", describe(checked_parse_));                                            \
        CHECK(has_error(checked_parse_, path, fragment));                                     \
        CHECK_FALSE(checked_parse_.scheme.has_value());                                       \
    } while (false)

#define CHECK_VALID(parse)                                                                    \
    do {                                                                                      \
        const SchemeParse& checked_parse_ = (parse);                                          \
        INFO("errors:", describe(checked_parse_));                                            \
        CHECK(checked_parse_.errors.empty());                                                 \
        CHECK(checked_parse_.scheme.has_value());                                             \
    } while (false)

// Parses text that is expected to be refused, checking the contract for hostile input: no exception, at least one
// error, no scheme.
void check_refused(std::string_view text) {
    SchemeParse parse;
    CHECK_NOTHROW(parse = parse_scheme(text));
    CHECK_FALSE(parse.errors.empty());
    CHECK_FALSE(parse.scheme.has_value());
}

Scheme parsed(const std::string& text) {
    SchemeParse parse = parse_scheme(text);
    INFO("errors:", describe(parse));
    REQUIRE(parse.scheme.has_value());
    return std::move(*parse.scheme);
}

Date day(int y, int m, int d) { return date_from_ymd(y, m, d); }

Container can(std::uint32_t ml, Category category = Category::soft_drink) {
    return Container{Material::aluminium, ml, category, false};
}

}  // namespace

TEST_CASE("parse_scheme reads the README's Oregon example into every field") {
    const Scheme scheme = parsed(oregon());
    CHECK(scheme.id == "us-or");
    CHECK(scheme.name == "Oregon");
    CHECK(scheme.name_zh == "俄勒冈州");
    CHECK(scheme.country == "US");
    CHECK(scheme.currency == Currency::USD);
    CHECK(scheme.status == SchemeStatus::in_force);
    CHECK_FALSE(scheme.hypothetical());
    REQUIRE(scheme.started.has_value());
    CHECK(*scheme.started == day(1972, 10, 1));
    CHECK(scheme.return_to_retail);
    CHECK(scheme.operator_name == "Oregon Beverage Recycling Cooperative (OBRC)");
    REQUIRE(scheme.rules.size() == 2);

    const Rule& old_rule = scheme.rules[0];
    CHECK(old_rule.id == "standard-5c");
    CHECK(old_rule.from == day(1972, 10, 1));
    REQUIRE(old_rule.until.has_value());
    CHECK(*old_rule.until == day(2017, 4, 1));
    CHECK(old_rule.material_mask == 0b0011111);  // pet, hdpe, aluminium, steel, glass; not carton, other
    CHECK(old_rule.category_mask == ((1u << 0) | (1u << 1) | (1u << 2) | (1u << 3) | (1u << 7)));
    CHECK(old_rule.refill == RefillScope::single_use);
    CHECK(old_rule.min_ml == 118);
    CHECK(old_rule.max_ml == 5000);
    CHECK(old_rule.deposit_minor == 5);
    CHECK(old_rule.refund_minor == 5);  // no refundMinor: the whole deposit comes back
    CHECK(old_rule.non_refundable_fee_minor == 0);
    CHECK(old_rule.handling_fee == FeeRate{0});
    CHECK(old_rule.source_id == "obrc-2024");
    CHECK_FALSE(scheme.rules[1].until.has_value());

    REQUIRE(scheme.return_rates.size() == 1);
    CHECK(scheme.return_rates[0].year == 2023);
    CHECK(scheme.return_rates[0].rate == doctest::Approx(0.905));
    CHECK(scheme.return_rates[0].note == "preliminary");
    REQUIRE(scheme.sources.size() == 1);
    CHECK(scheme.sources[0].year == 2024);
    CHECK(scheme.summary_zh.find("押金10美分") != std::string::npos);
    CHECK(scheme.sources[0].title_zh == "Resource Recycling：俄勒冈州兑付率（OBRC年度报告）");
    CHECK(scheme.sources[0].quality == SourceQuality::secondary);

    const Source* source = scheme.find_source("obrc-2024");
    REQUIRE(source != nullptr);
    CHECK(source->url == "https://resource-recycling.com/recycling/2024/04/17/");
    CHECK(scheme.find_source("nope") == nullptr);
}

TEST_CASE("optional fields may be left out or set to null, and defaults apply") {
    std::string text = scheme_json({R"({"id": "all", "from": "2000-01-01", "until": null, "materials": ["glass"],
        "categories": ["beer"], "containers": "any", "depositMinor": 10, "source": "obrc-2024", "note": ""})"});
    text = replaced(text, R"("started": "1972-10-01",)", R"("started": null, "notes": "fl oz converted to mL",)");
    text = replaced(text, R"j("operator": "Oregon Beverage Recycling Cooperative (OBRC)",)j", "");
    const Scheme scheme = parsed(text);
    CHECK_FALSE(scheme.started.has_value());
    CHECK(scheme.operator_name.empty());
    CHECK_FALSE(scheme.rules[0].until.has_value());
    CHECK(scheme.rules[0].min_ml == 0);
    CHECK(scheme.rules[0].max_ml == UINT32_MAX);
    CHECK(scheme.rules[0].refill == RefillScope::any);
}

TEST_CASE("statuses and container scopes are read by their ids") {
    // Plain pairs, not structured bindings: clang 14 (Emscripten's) cannot capture a binding in CAPTURE's lambda.
    for (const auto& entry : {std::pair{"in_force", SchemeStatus::in_force}, std::pair{"planned", SchemeStatus::planned},
                              std::pair{"uncertain", SchemeStatus::uncertain},
                              std::pair{"hypothetical", SchemeStatus::hypothetical}}) {
        const std::string id = entry.first;
        CAPTURE(id);
        const Scheme scheme = parsed(replaced(oregon(), R"("status": "in_force")", R"("status": ")" + id + "\""));
        CHECK(scheme.status == entry.second);
        CHECK(scheme.hypothetical() == (entry.second == SchemeStatus::hypothetical));
    }
    for (const auto& entry : {std::pair{"single_use", RefillScope::single_use},
                              std::pair{"refillable", RefillScope::refillable}, std::pair{"any", RefillScope::any}}) {
        const std::string id = entry.first;
        CAPTURE(id);
        CHECK(parsed(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", "", id)})).rules[0].refill == entry.second);
    }
}

TEST_CASE("decide: Oregon's deposit changes from 5 to 10 cents on 1 April 2017") {
    const Scheme scheme = parsed(oregon());
    SUBCASE("from is inclusive and until is exclusive") {
        const Decision before = decide(scheme, can(355), day(2017, 3, 31));
        CHECK(before.eligible);
        CHECK(before.reason == Reason::none);
        CHECK(before.deposit == Money{5, Currency::USD});
        CHECK(before.refund == Money{5, Currency::USD});
        CHECK(before.rule_index == 0);

        const Decision on = decide(scheme, can(355), day(2017, 4, 1));
        CHECK(on.eligible);
        CHECK(on.deposit == Money{10, Currency::USD});
        CHECK(on.rule_index == 1);
    }
    SUBCASE("the first day of the scheme is covered and the day before is not_in_force") {
        CHECK(decide(scheme, can(355), day(1972, 10, 1)).deposit.minor == 5);
        const Decision earlier = decide(scheme, can(355), day(1972, 9, 30));
        CHECK_FALSE(earlier.eligible);
        CHECK(earlier.reason == Reason::not_in_force);
        CHECK(earlier.deposit == Money{0, Currency::USD});
        CHECK(earlier.rule_index == -1);
    }
    SUBCASE("an open-ended rule applies far into the future") {
        CHECK(decide(scheme, can(355), day(2150, 1, 1)).deposit.minor == 10);
    }
    SUBCASE("both volume bounds are inclusive") {
        CHECK(decide(scheme, can(118), day(2020, 1, 1)).eligible);
        CHECK(decide(scheme, can(5000), day(2020, 1, 1)).eligible);
        CHECK(decide(scheme, can(117), day(2020, 1, 1)).reason == Reason::volume_out_of_range);
        CHECK(decide(scheme, can(5001), day(2020, 1, 1)).reason == Reason::volume_out_of_range);
    }
}

TEST_CASE("decide names the first filter that leaves no rule") {
    const Scheme scheme = parsed(oregon());
    const Date date = day(2020, 6, 1);
    SUBCASE("ended: every rule's until has passed") {
        const Scheme old_only = parsed(scheme_json({kOregon5c}));
        const Decision decision = decide(old_only, can(355), date);
        CHECK_FALSE(decision.eligible);
        CHECK(decision.reason == Reason::ended);
        CHECK(decision.deposit.currency == Currency::USD);
    }
    SUBCASE("material_not_covered: a carton") {
        CHECK(decide(scheme, Container{Material::carton, 1000, Category::juice, false}, date).reason ==
              Reason::material_not_covered);
    }
    SUBCASE("material is checked before category: a carton of wine is a material problem") {
        CHECK(decide(scheme, Container{Material::carton, 1000, Category::wine, false}, date).reason ==
              Reason::material_not_covered);
    }
    SUBCASE("category_not_covered: wine in glass (Oregon excludes wine bottles)") {
        CHECK(decide(scheme, Container{Material::glass, 750, Category::wine, false}, date).reason ==
              Reason::category_not_covered);
    }
    SUBCASE("refillable_not_covered: a refillable bottle under a single-use rule") {
        CHECK(decide(scheme, Container{Material::glass, 500, Category::beer, true}, date).reason ==
              Reason::refillable_not_covered);
    }
    SUBCASE("single_use_not_covered: a can where only refillables carry a deposit") {
        const Scheme refill_only = parsed(scheme_json({rule("refill", R"(["glass", "aluminium"])", R"(["beer"])", "",
                                                            "refillable")}));
        CHECK(decide(refill_only, Container{Material::aluminium, 500, Category::beer, false}, date).reason ==
              Reason::single_use_not_covered);
        CHECK(decide(refill_only, Container{Material::glass, 500, Category::beer, true}, date).eligible);
    }
    SUBCASE("volume_out_of_range: a 6 L container") {
        CHECK(decide(scheme, can(6000), date).reason == Reason::volume_out_of_range);
    }
    SUBCASE("the furthest any rule got decides: glass water fails on category, not material") {
        // One rule takes glass beer, the other aluminium water; glass water passes the first rule's material
        // filter, so category is the first filter that leaves nothing.
        const Scheme split = parsed(scheme_json({rule("glass-beer", R"(["glass"])", R"(["beer"])"),
                                                 rule("can-water", R"(["aluminium"])", R"(["water"])")}));
        CHECK(decide(split, Container{Material::glass, 500, Category::water, false}, date).reason ==
              Reason::category_not_covered);
        CHECK(decide(split, Container{Material::steel, 500, Category::water, false}, date).reason ==
              Reason::material_not_covered);
        CHECK(decide(split, Container{Material::aluminium, 500, Category::water, false}, date).rule_index == 1);
    }
    SUBCASE("a gap between two rules reads as ended, as the README's step 1 says") {
        const Scheme gap = parsed(scheme_json(
            {rule("a", R"(["glass"])", R"(["beer"])", R"(, "until": "2001-01-01")"),
             rule("b", R"(["glass"])", R"(["beer"])", "", "single_use", "2002-01-01")}));
        CHECK(decide(gap, Container{Material::glass, 500, Category::beer, false}, day(2001, 6, 1)).reason ==
              Reason::ended);
        CHECK(decide(gap, Container{Material::glass, 500, Category::beer, false}, day(2002, 1, 1)).rule_index == 1);
    }
    SUBCASE("a container with an out-of-range enum value matches nothing instead of misbehaving") {
        Container odd = can(355);
        odd.material = static_cast<Material>(200);
        CHECK(decide(scheme, odd, date).reason == Reason::material_not_covered);
    }
}

TEST_CASE("decide pays the amounts of the matching rule") {
    SUBCASE("half-back: New Brunswick charges 10 cents and refunds 5 (easternrecyclers.ca)") {
        const Scheme scheme = parsed(
            replaced(scheme_json({rule("half-back", R"(["pet", "aluminium", "glass"])", R"(["soft_drink"])",
                                       R"(, "refundMinor": 5, "handlingFee": "0.043")")}),
                     R"("currency": "USD")", R"("currency": "CAD")"));
        const Decision decision = decide(scheme, can(355), day(2024, 1, 1));
        CHECK(decision.eligible);
        CHECK(decision.deposit == Money{10, Currency::CAD});
        CHECK(decision.refund == Money{5, Currency::CAD});
        CHECK(decision.handling_fee == FeeRate{43'000});
    }
    SUBCASE("Hawaii: 5 cents refundable plus a 1 cent container fee that is never refunded (health.hawaii.gov/hi5)") {
        const Scheme scheme = parsed(scheme_json({R"({"id": "hi5", "from": "2005-01-01",
            "materials": ["aluminium", "steel", "glass", "pet", "hdpe"], "categories": ["soft_drink", "beer", "water"],
            "containers": "single_use", "maxMl": 2000, "depositMinor": 5, "nonRefundableFeeMinor": 1,
            "source": "obrc-2024"})"}));
        const Decision decision = decide(scheme, can(355), day(2024, 1, 1));
        CHECK(decision.deposit == Money{5, Currency::USD});
        CHECK(decision.refund == Money{5, Currency::USD});
        CHECK(decision.non_refundable_fee == Money{1, Currency::USD});
    }
    SUBCASE("Lithuania's manual PET handling fee EUR 0.0159 is 15900 millionths exactly (bottlebill.org)") {
        const Scheme scheme = parsed(
            replaced(scheme_json({rule("pet", R"(["pet"])", R"(["water"])", R"(, "handlingFee": "0.0159")")}),
                     R"("currency": "USD")", R"("currency": "EUR")"));
        CHECK(scheme.rules[0].handling_fee.micros == 15900);
        const Decision decision = decide(scheme, Container{Material::pet, 500, Category::water, false}, day(2024, 1, 1));
        CHECK(decision.handling_fee == FeeRate{15900});
        CHECK(decision.deposit.currency == Currency::EUR);
    }
}

TEST_CASE("handlingFee is an exact decimal string in major units") {
    const auto fee = [](std::string_view value) {
        return parse_scheme(scheme_json({rule("r", R"(["pet"])", R"(["water"])",
                                              std::string(R"(, "handlingFee": )") + std::string(value))}));
    };
    const auto micros = [&](std::string_view value) {
        SchemeParse parse = fee(value);
        INFO("errors:", describe(parse));
        REQUIRE(parse.scheme.has_value());
        return parse.scheme->rules[0].handling_fee.micros;
    };
    CHECK(micros(R"("0.0159")") == 15900);
    CHECK(micros(R"("0.035")") == 35000);
    CHECK(micros(R"("0.000001")") == 1);
    CHECK(micros(R"("0")") == 0);
    CHECK(micros(R"("2")") == 2'000'000);
    CHECK(micros(R"("1000")") == 1'000'000'000);
    CHECK(micros(R"("1000.000000")") == 1'000'000'000);

    CHECK_ERROR(fee(R"("0.0000001")"), "rules[0].handlingFee", "more than 6 decimals");
    CHECK_ERROR(fee(R"("0.0159000")"), "rules[0].handlingFee", "more than 6 decimals");
    CHECK_ERROR(fee("0.0159"), "rules[0].handlingFee", "must be a decimal string");
    CHECK_ERROR(fee(R"("-0.01")"), "rules[0].handlingFee", "negative");
    CHECK_ERROR(fee(R"("1000.000001")"), "rules[0].handlingFee", "more than 1000");
    CHECK_ERROR(fee(R"("99999999999999999999")"), "rules[0].handlingFee", "too large");
    for (std::string_view bad : {R"("")", R"("1e-2")", R"(".5")", R"("1.")", R"("+1")", R"(" 1")", R"("0,5")",
                                 R"("1.2.3")", R"("-")", R"("0x10")", R"("１")"}) {
        CAPTURE(bad);
        const SchemeParse parse = fee(bad);
        INFO("errors:", describe(parse));
        CHECK(has_error(parse, "rules[0].handlingFee", ""));
        CHECK_FALSE(parse.scheme.has_value());
    }
}

TEST_CASE("validation reports each problem at its path") {
    const std::string base = oregon();
    SUBCASE("malformed JSON gives the position") {
        const SchemeParse parse = parse_scheme("{\n  \"id\": }");
        REQUIRE(parse.errors.size() == 1);
        CHECK(parse.errors[0].path.empty());
        CHECK(parse.errors[0].message.find("malformed JSON at line 2, column 9 (byte 10)") == 0);
    }
    SUBCASE("the top level must be an object") {
        CHECK(has_error(parse_scheme("[]"), "", "must be a JSON object"));
        CHECK(has_error(parse_scheme("42"), "", "must be a JSON object"));
    }
    SUBCASE("wrong types name the field and what was found") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("minMl": 118, "maxMl": 5000, "depositMinor": 5)",
                                          R"("minMl": "118", "maxMl": 5000, "depositMinor": 5)")),
                    "rules[0].minMl", "must be a whole number, not a string");
        CHECK_ERROR(parse_scheme(replaced(base, R"("returnToRetail": true)", R"("returnToRetail": "yes")")),
                    "returnToRetail", "must be true or false, not a string");
        CHECK_ERROR(parse_scheme(replaced(base, R"("name": "Oregon")", R"("name": 7)")), "name",
                    "must be a string, not a number");
        const SchemeParse rules_object = parse_scheme(replaced(base, R"("rules": [)", R"("rules": {}, "rulez": [)"));
        CHECK_ERROR(rules_object, "rules", "must be an array, not an object");
        CHECK_ERROR(rules_object, "rulez", "unknown field \"rulez\" (did you mean \"rules\"?)");
        CHECK_ERROR(parse_scheme(replaced(base, R"("materials": ["pet", "hdpe", "aluminium", "steel", "glass"],
      "categories": ["water", "soft_drink", "juice", "beer", "other"],
      "containers": "single_use", "minMl": 118, "maxMl": 5000, "depositMinor": 10)",
                                          R"("materials": "glass",
      "categories": ["water", "soft_drink", "juice", "beer", "other"],
      "containers": "single_use", "minMl": 118, "maxMl": 5000, "depositMinor": 10)")),
                    "rules[1].materials", "must be an array, not a string");
        CHECK_ERROR(parse_scheme(replaced(base, R"("depositMinor": 5)", R"("depositMinor": 5.0)")),
                    "rules[0].depositMinor", "whole number");
        CHECK_ERROR(parse_scheme(replaced(base, R"("depositMinor": 5)", R"("depositMinor": null)")),
                    "rules[0].depositMinor", "not null");
        CHECK_ERROR(parse_scheme(scheme_json({kOregon5c, "17"})), "rules[1]", "must be an object");
        CHECK_ERROR(parse_scheme(replaced(base, R"("year": 2023)", R"("year": "2023")")), "returnRates[0].year",
                    "whole number");
    }
    SUBCASE("missing required fields") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("depositMinor": 5, )", "")), "rules[0].depositMinor",
                    "missing required field");
        CHECK_ERROR(parse_scheme(replaced(base, R"("currency": "USD",)", "")), "currency", "missing required field");
        CHECK_ERROR(parse_scheme(replaced(base, R"j("title": "Resource Recycling: Oregon redemption rate (OBRC annual report)", )j", "")),
                    "sources[0].title", "missing required field");
    }
    SUBCASE("every text a reader sees comes in English and Chinese: summary and summaryZh, title and titleZh") {
        CHECK_ERROR(parse_scheme(replaced(base, R"j("summaryZh": "自2017年4月1日起，玻璃、塑料和金属容器的大多数饮料押金10美分（1972年起为5美分）。",)j", "")),
                    "summaryZh", "missing required field \"summaryZh\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"j("summary": "10 cents on most drinks in glass, plastic and metal since 1 April 2017 (5 cents from 1972).",)j", "")),
                    "summary", "missing required field \"summary\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"j("titleZh": "Resource Recycling：俄勒冈州兑付率（OBRC年度报告）", )j", "")),
                    "sources[0].titleZh", "missing required field \"titleZh\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"j("titleZh": "Resource Recycling：俄勒冈州兑付率（OBRC年度报告）")j", R"j("titleZh": "")j")),
                    "sources[0].titleZh", "must not be empty");
    }
    SUBCASE("a source says how far it can be trusted: official, operator, secondary or weak") {
        CHECK_ERROR(parse_scheme(replaced(base, R"(, "quality": "secondary")", "")), "sources[0].quality",
                    "missing required field");
        CHECK_ERROR(parse_scheme(replaced(base, R"("quality": "secondary")", R"("quality": "secondry")")),
                    "sources[0].quality", "unknown source quality \"secondry\" (did you mean \"secondary\"?)");
        for (std::string_view quality : {"official", "operator", "secondary", "weak"}) {
            const Scheme scheme = parsed(replaced(base, R"("quality": "secondary")", "\"quality\": \"" + std::string(quality) + "\""));
            CHECK(source_quality_id(scheme.sources[0].quality) == quality);
        }
    }
    SUBCASE("unknown fields are named, with the likely intended one") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("maxMl": 5000, "depositMinor": 5)",
                                          R"("maxML": 5000, "depositMinor": 5)")),
                    "rules[0].maxML", "unknown field \"maxML\" (did you mean \"maxMl\"?)");
        CHECK_ERROR(parse_scheme(replaced(base, R"("summary")", R"("sumary")")), "sumary",
                    "(did you mean \"summary\"?)");
        CHECK_ERROR(parse_scheme(replaced(base, R"("nameZh": "俄勒冈州",)", R"("nameZh": "俄勒冈州", "colour": "red",)")),
                    "colour", "unknown field \"colour\"");
    }
    SUBCASE("a field given twice") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("name": "Oregon",)", R"("name": "Oregon", "name": "Oregon",)")),
                    "name", "appears more than once");
    }
    SUBCASE("unknown material, category, currency, status and container scope") {
        CHECK_ERROR(parse_scheme(replaced(base, R"(["pet", "hdpe", "aluminium", "steel", "glass"],
      "categories": ["water", "soft_drink", "juice", "beer", "other"],
      "containers": "single_use", "minMl": 118, "maxMl": 5000, "depositMinor": 5)",
                                          R"(["pet", "aluminum", "aluminium", "steel", "glass"],
      "categories": ["water", "soft_drink", "juice", "beer", "other"],
      "containers": "single_use", "minMl": 118, "maxMl": 5000, "depositMinor": 5)")),
                    "rules[0].materials[1]", "unknown material \"aluminum\" (did you mean \"aluminium\"?)");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["plastic"])", R"(["beer"])")})), "rules[0].materials[0]",
                    "unknown material \"plastic\" (one of pet, hdpe, aluminium, steel, glass, carton, other)");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer", "milk"])")})),
                    "rules[0].categories[1]", "unknown category \"milk\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"("currency": "USD")", R"("currency": "usd")")), "currency",
                    "unknown currency \"usd\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"("currency": "USD")", R"("currency": "XYZ")")), "currency",
                    "unknown currency \"XYZ\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"("status": "in_force")", R"("status": "active")")), "status",
                    "unknown status \"active\" (one of in_force, planned, uncertain, hypothetical)");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", "", "reusable")})),
                    "rules[0].containers", "unknown container scope \"reusable\"");
    }
    SUBCASE("a material listed twice") {
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass", "glass"])", R"(["beer"])")})),
                    "rules[0].materials[1]", "listed twice");
    }
    SUBCASE("bad dates") {
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", "", "single_use", "2023-02-29")})),
                    "rules[0].from", "2023-02-29");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", "", "single_use", "1/4/2017")})),
                    "rules[0].from", "YYYY-MM-DD");
        CHECK_ERROR(parse_scheme(replaced(base, R"("started": "1972-10-01")", R"("started": 1972)")), "started",
                    "date string");
        CHECK_VALID(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", "", "single_use", "2024-02-29")})));
    }
    SUBCASE("until must be after from") {
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "until": "2000-01-01")")})),
                    "rules[0].until", "must be after from (2000-01-01)");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "until": "1999-12-31")")})),
                    "rules[0].until", "must be after from");
        CHECK_VALID(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "until": "2000-01-02")")})));
    }
    SUBCASE("minMl above maxMl") {
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "minMl": 1000, "maxMl": 500)")})),
                    "rules[0].maxMl", "maxMl (500) is below minMl (1000)");
        CHECK_VALID(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "minMl": 500, "maxMl": 500)")})));
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "minMl": -1)")})),
                    "rules[0].minMl", "must not be negative");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "maxMl": 4294967296)")})),
                    "rules[0].maxMl", "must be at most 4294967295");
    }
    SUBCASE("negative amounts") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("depositMinor": 5)", R"("depositMinor": -5)")),
                    "rules[0].depositMinor", "must not be negative (-5)");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "refundMinor": -1)")})),
                    "rules[0].refundMinor", "must not be negative");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "nonRefundableFeeMinor": -1)")})),
                    "rules[0].nonRefundableFeeMinor", "must not be negative");
    }
    SUBCASE("amounts above 1000 major units for one container, judged in the scheme's currency") {
        CHECK_VALID(parse_scheme(replaced(base, R"("depositMinor": 5)", R"("depositMinor": 100000)")));
        CHECK_ERROR(parse_scheme(replaced(base, R"("depositMinor": 5)", R"("depositMinor": 100001)")),
                    "rules[0].depositMinor", "more than 1000 USD for one container");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "nonRefundableFeeMinor": 500000)")})),
                    "rules[0].nonRefundableFeeMinor", "more than 1000 USD");
        // ISK has no minor unit (ISO 4217): Iceland's 16 kronur is 16 minor units, and 1001 is already absurd.
        const std::string krona = replaced(base, R"("currency": "USD")", R"("currency": "ISK")");
        CHECK_VALID(parse_scheme(replaced(krona, R"("depositMinor": 5)", R"("depositMinor": 16)")));
        CHECK_ERROR(parse_scheme(replaced(krona, R"("depositMinor": 5)", R"("depositMinor": 1001)")),
                    "rules[0].depositMinor", "more than 1000 ISK");
    }
    SUBCASE("a refund above the deposit") {
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "refundMinor": 11)")})),
                    "rules[0].refundMinor", "refundMinor (11) is above depositMinor (10)");
        CHECK_VALID(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "refundMinor": 10)")})));
        CHECK_VALID(parse_scheme(scheme_json({rule("r", R"(["glass"])", R"(["beer"])", R"(, "refundMinor": 0)")})));
    }
    SUBCASE("source ids must be in sources") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("depositMinor": 5, "source": "obrc-2024")",
                                          R"("depositMinor": 5, "source": "obrc-2023")")),
                    "rules[0].source", "unknown source \"obrc-2023\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"("source": "obrc-2024" }
  ],)",
                                          R"("source": "somewhere" }
  ],)")),
                    "returnRates[0].source", "unknown source \"somewhere\"");
        CHECK_ERROR(parse_scheme(replaced(base, R"("quality": "secondary" }
  ])",
                                          R"("quality": "secondary" },
    { "id": "obrc-2024", "title": "Again", "titleZh": "再次", "url": "", "year": 2024, "quality": "weak" }
  ])")),
                    "sources[1].id", "duplicate source id \"obrc-2024\" (also sources[0])");
        CHECK_ERROR(parse_scheme(replaced(base, R"("url": "https://resource-recycling.com/recycling/2024/04/17/")",
                                          R"("url": "resource-recycling.com")")),
                    "sources[0].url", "must start with https://");
    }
    SUBCASE("duplicate rule ids") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("id": "standard-10c")", R"("id": "standard-5c")")), "rules[1].id",
                    "duplicate rule id \"standard-5c\" (also rules[0])");
    }
    SUBCASE("empty lists") {
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", "[]", R"(["beer"])")})), "rules[0].materials",
                    "at least one material");
        CHECK_ERROR(parse_scheme(scheme_json({rule("r", R"(["glass"])", "[]")})), "rules[0].categories",
                    "at least one category");
        CHECK_ERROR(parse_scheme(scheme_json({})), "rules", "at least one rule");
        const std::string no_sources = replaced(base, R"j([
    { "id": "obrc-2024", "title": "Resource Recycling: Oregon redemption rate (OBRC annual report)", "titleZh": "Resource Recycling：俄勒冈州兑付率（OBRC年度报告）", "url": "https://resource-recycling.com/recycling/2024/04/17/", "year": 2024, "quality": "secondary" }
  ])j",
                                                "[]");
        CHECK_ERROR(parse_scheme(no_sources), "sources", "at least one source");
    }
    SUBCASE("empty required strings, and ids and country codes in their forms") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("returnToRetail": true,)", R"("returnToRetail": true, "operator": "",)")),
                    "operator", "appears more than once");
        CHECK_ERROR(parse_scheme(replaced(base, R"("name": "Oregon")", R"("name": "")")), "name", "must not be empty");
        CHECK_ERROR(parse_scheme(replaced(base, R"("id": "us-or")", R"("id": "US-OR")")), "id", "is not a scheme id");
        CHECK_ERROR(parse_scheme(replaced(base, R"("id": "us-or")", R"("id": "us-")")), "id", "is not a scheme id");
        CHECK_ERROR(parse_scheme(replaced(base, R"("country": "US")", R"("country": "USA")")), "country",
                    "ISO 3166-1 alpha-2");
        CHECK_VALID(parse_scheme(replaced(base, R"("id": "us-or")", R"("id": "cn-pilot")")));
    }
    SUBCASE("return rates are shares between 0 and 1") {
        CHECK_ERROR(parse_scheme(replaced(base, R"("rate": 0.905)", R"("rate": 90.5)")), "returnRates[0].rate",
                    "between 0 and 1");
        CHECK_ERROR(parse_scheme(replaced(base, R"("rate": 0.905)", R"("rate": -0.1)")), "returnRates[0].rate",
                    "between 0 and 1");
        CHECK_VALID(parse_scheme(replaced(base, R"("rate": 0.905)", R"("rate": 1)")));
    }
    SUBCASE("every problem in a file is reported, not just the first") {
        std::string text = replaced(base, R"("currency": "USD")", R"("currency": "XYZ")");
        text = replaced(text, R"("maxMl": 5000, "depositMinor": 5)", R"("maxML": 5000, "depositMinor": 5)");
        text = replaced(text, R"("id": "standard-10c", "from": "2017-04-01")",
                        R"("id": "standard-10c", "from": "2017-04-31")");
        text = replaced(text, R"("rate": 0.905)", R"("rate": 90.5)");
        const SchemeParse parse = parse_scheme(text);
        INFO("errors:", describe(parse));
        CHECK(parse.errors.size() == 4);
        CHECK(has_error(parse, "currency", "unknown currency"));
        CHECK(has_error(parse, "rules[0].maxML", "unknown field"));
        CHECK(has_error(parse, "rules[1].from", "2017-04-31"));
        CHECK(has_error(parse, "returnRates[0].rate", "between 0 and 1"));
    }
    SUBCASE("one mistyped field does not cause false alarms about the fields that depend on it") {
        // depositMinor is unreadable, so refund-above-deposit cannot be judged and is not claimed.
        const SchemeParse parse = parse_scheme(scheme_json(
            {rule("r", R"(["glass"])", R"(["beer"])", R"(, "refundMinor": 99)"),
             R"({"id": "s", "from": "2000-01-01", "materials": ["pet"], "categories": ["beer"], "containers": "single_use", "depositMinor": "10", "refundMinor": 5, "source": "obrc-2024"})"}));
        INFO("errors:", describe(parse));
        CHECK(has_error(parse, "rules[1].depositMinor", "whole number"));
        CHECK(parse.errors.size() == 2);  // and rules[0].refundMinor (99 > 10)
    }
}

TEST_CASE("two rules that could match one container on one day are refused as overlapping") {
    const auto glass_beer = [](std::string_view id, std::string_view extra, std::string_view containers = "single_use",
                               std::string_view from = "2000-01-01") {
        return rule(id, R"(["glass"])", R"(["beer"])", extra, containers, from);
    };
    SUBCASE("the same coverage twice") {
        const SchemeParse parse = parse_scheme(scheme_json({glass_beer("a", ""), glass_beer("b", "")}));
        CHECK_ERROR(parse, "rules[1]", "overlaps rules[0] (\"a\"): both would match a 0 mL single-use glass beer "
                                       "container on 2000-01-01");
    }
    SUBCASE("volume ranges sharing one millilitre overlap; adjacent ones do not") {
        CHECK_ERROR(parse_scheme(scheme_json({glass_beer("small", R"(, "maxMl": 710)"),
                                              glass_beer("large", R"(, "minMl": 710)")})),
                    "rules[1]", "a 710 mL");
        CHECK_VALID(parse_scheme(scheme_json({glass_beer("small", R"(, "maxMl": 709)"),
                                              glass_beer("large", R"(, "minMl": 710)")})));
    }
    SUBCASE("a rule ending on the day the next starts does not overlap it; one day later does") {
        CHECK_VALID(parse_scheme(scheme_json({glass_beer("old", R"(, "until": "2010-01-01")"),
                                              glass_beer("new", "", "single_use", "2010-01-01")})));
        CHECK_ERROR(parse_scheme(scheme_json({glass_beer("old", R"(, "until": "2010-01-02")"),
                                              glass_beer("new", "", "single_use", "2010-01-01")})),
                    "rules[1]", "on 2010-01-01");
        CHECK_ERROR(parse_scheme(scheme_json({glass_beer("open", ""), glass_beer("later", "", "single_use", "2030-01-01")})),
                    "rules[1]", "on 2030-01-01");
    }
    SUBCASE("single-use and refillable rules are disjoint; any meets both") {
        CHECK_VALID(parse_scheme(scheme_json({glass_beer("one-way", ""), glass_beer("refill", "", "refillable")})));
        CHECK_ERROR(parse_scheme(scheme_json({glass_beer("refill", "", "refillable"), glass_beer("all", "", "any")})),
                    "rules[1]", "refillable glass beer");
    }
    SUBCASE("disjoint materials or categories do not overlap; one shared entry does") {
        CHECK_VALID(parse_scheme(scheme_json({rule("a", R"(["glass"])", R"(["beer"])"),
                                              rule("b", R"(["pet"])", R"(["beer"])"),
                                              rule("c", R"(["glass"])", R"(["wine"])")})));
        CHECK_ERROR(parse_scheme(scheme_json({rule("a", R"(["glass", "pet"])", R"(["beer", "water"])"),
                                              rule("b", R"(["aluminium", "pet"])", R"(["wine", "water"])")})),
                    "rules[1]", "a 0 mL single-use pet water container");
    }
    SUBCASE("every overlapping pair is reported") {
        const SchemeParse parse =
            parse_scheme(scheme_json({glass_beer("a", ""), glass_beer("b", ""), glass_beer("c", "")}));
        INFO("errors:", describe(parse));
        CHECK(parse.errors.size() == 3);
        CHECK(has_error(parse, "rules[2]", "overlaps rules[1]"));
    }
}

TEST_CASE("hostile input is refused with errors, never a crash, hang or exception") {
    const std::string valid = oregon();
    SUBCASE("the empty string and whitespace") {
        check_refused("");
        CHECK(has_error(parse_scheme(""), "", "empty"));
        check_refused("   \n\t ");
    }
    SUBCASE("every truncation of a valid file") {
        for (std::size_t length = 0; length < valid.size(); ++length) {
            CAPTURE(length);
            check_refused(std::string_view(valid).substr(0, length));
        }
        CHECK_VALID(parse_scheme(valid));
    }
    SUBCASE("numbers too large for any type") {
        const SchemeParse huge_double = parse_scheme(replaced(valid, R"("depositMinor": 5)", R"("depositMinor": 1e400)"));
        CHECK_ERROR(huge_double, "", "malformed JSON");
        CHECK_ERROR(parse_scheme(replaced(valid, R"("depositMinor": 5)", R"("depositMinor": 99999999999999999999)")),
                    "rules[0].depositMinor", "too large");
        CHECK_ERROR(parse_scheme(replaced(valid, R"("depositMinor": 5)", R"("depositMinor": -99999999999999999999)")),
                    "rules[0].depositMinor", "too large");
        CHECK_ERROR(parse_scheme(replaced(valid, R"("depositMinor": 5)", R"("depositMinor": 9223372036854775807)")),
                    "rules[0].depositMinor", "more than 1000 USD");
        CHECK_ERROR(parse_scheme(replaced(valid, R"("year": 2023)", R"("year": 1e400)")), "", "malformed JSON");
        CHECK_NOTHROW(parse_scheme(replaced(valid, R"("rate": 0.905)", R"("rate": 1e-400)")));
        check_refused(replaced(valid, R"("rate": 0.905)", R"("rate": NaN)"));
        check_refused(replaced(valid, R"("rate": 0.905)", R"("rate": Infinity)"));
        check_refused(replaced(valid, R"("depositMinor": 5)", "\"depositMinor\": " + std::string(5000, '9')));
        CHECK_NOTHROW(parse_scheme(replaced(valid, R"("rate": 0.905)", "\"rate\": 0." + std::string(5000, '9'))));
        CHECK_NOTHROW(parse_scheme(replaced(valid, R"("rate": 0.905)", "\"rate\": 0." + std::string(5000, '0') + "1")));
    }
    SUBCASE("an exponent that overflows RapidJSON's arithmetic (CVE-2024-38517) is refused before it runs") {
        const SchemeParse parse = parse_scheme(replaced(valid, R"("rate": 0.905)", R"("rate": 0.00000000001e-2147483639)"));
        CHECK_ERROR(parse, "", "exponent is out of range");
        check_refused("[1E+99999]");
        check_refused("-0.000000000000e-000000000000002147483648");
        // A string that merely looks like such a number is text, and is judged as text.
        CHECK_ERROR(parse_scheme(replaced(valid, R"("rate": 0.905)", R"("rate": "1e-2147483639")")),
                    "returnRates[0].rate", "must be a number, not a string");
        CHECK_VALID(parse_scheme(replaced(valid, R"("rate": 0.905)", R"("rate": 9.05e-0001)")));
    }
    SUBCASE("invalid UTF-8 inside a string") {
        for (std::string_view bad : {"\xC3\x28", "\xE2\x82", "\xF0\x28\x8C\x28", "\xC0\xAF", "\xED\xA0\x80", "\xFF"}) {
            const SchemeParse parse = parse_scheme(replaced(valid, "Oregon\"", std::string(bad) + "\""));
            INFO("errors:", describe(parse));
            CHECK(has_error(parse, "", "malformed JSON"));
            CHECK(has_error(parse, "", "encoding"));
        }
    }
    SUBCASE("escapes that make text unfit to store: \\u0000 and an unpaired surrogate") {
        CHECK_ERROR(parse_scheme(replaced(valid, "Oregon\"", "Ore\\u0000gon\"")), "name", "NUL");
        CHECK_ERROR(parse_scheme(replaced(valid, "Oregon\"", "Ore\\uDC00gon\"")), "name", "unpaired UTF-16 surrogate");
        CHECK_ERROR(parse_scheme(replaced(valid, "Oregon\"", "Ore\\uD800gon\"")), "", "surrogate");
        CHECK(parsed(replaced(valid, "Oregon\"", "Ore\\uD83D\\uDE00gon\"")).name == "Ore\U0001F600gon");
        // A key with such an escape is named with it replaced, so the error itself is valid UTF-8.
        const SchemeParse parse = parse_scheme(replaced(valid, R"("summary": )", R"("a\uDC00\u0001": 1, "summary": )"));
        CHECK_ERROR(parse, "\"a\uFFFD?\"", "unknown field \"a\uFFFD?\"");
    }
    SUBCASE("a NUL byte, even after a complete document") {
        check_refused(valid + std::string(1, '\0') + "junk");
        check_refused(replaced(valid, "Oregon\"", std::string("Ore\0gon\"", 8)));
    }
    SUBCASE("2 MB of junk is refused by size, a megabyte just under the limit by the parser") {
        std::string junk(2u << 20, 'x');
        std::uint32_t state = 12345;
        for (char& c : junk) {
            state = state * 1664525u + 1013904223u;
            c = static_cast<char>(state >> 24);
        }
        check_refused(junk);
        CHECK(has_error(parse_scheme(junk), "", "limited to"));
        check_refused(std::string_view(junk).substr(0, (1u << 20) - 1));
        check_refused(std::string((1u << 20) - 1, '{'));
        check_refused(std::string((1u << 20) - 1, ' '));
    }
    SUBCASE("deeply nested arrays do not exhaust the stack") {
        check_refused(std::string(100000, '['));
        check_refused(std::string(100000, '{'));
        // Balanced and valid JSON: it parses, then the field's type is wrong.
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        CHECK_ERROR(parse_scheme(replaced(valid, R"("summary": )", "\"notes\": " + deep + ", \"summary\": ")),
                    "notes", "must be a string, not an array");
        CHECK_ERROR(parse_scheme(replaced(valid, R"("summary": )", "\"x\": " + deep + ", \"summary\": ")), "x",
                    "unknown field");
    }
    SUBCASE("an unknown key a megabyte long is named without a megabyte-long message") {
        const SchemeParse parse = parse_scheme(replaced(valid, R"("summary": )", "\"" + std::string(900000, 'k') + "\": 1, \"summary\": "));
        REQUIRE(parse.errors.size() == 1);
        CHECK(parse.errors[0].message.size() < 200);
        CHECK(parse.errors[0].path.size() < 100);
    }
    SUBCASE("a flood of bad entries is reported as the first hundred and a count") {
        std::string many = "[";
        for (int i = 0; i < 1000; ++i) many += i == 0 ? "\"x\"" : ", \"x\"";
        many += "]";
        const SchemeParse parse = parse_scheme(scheme_json({rule("r", many, R"(["beer"])")}));
        REQUIRE(parse.errors.size() == 101);
        CHECK(parse.errors[0].path == "rules[0].materials[0]");
        CHECK(parse.errors[100].message.find("and 900 more problems") == 0);
        CHECK_FALSE(parse.scheme.has_value());
    }
    SUBCASE("arrays longer than any real scheme needs") {
        std::vector<std::string> rules;
        for (int i = 0; i < 1001; ++i) rules.push_back(rule("r" + std::to_string(i), R"(["glass"])", R"(["beer"])"));
        std::string text = scheme_json({});
        std::string joined;
        for (const std::string& r : rules) joined += (joined.empty() ? "" : ",") + r;
        text = replaced(text, R"("rules": [)", R"("rules": [)" + joined);
        CHECK_ERROR(parse_scheme(text), "rules", "has 1001 entries; at most 1000");
    }
}

TEST_CASE("reason ids are the stable strings the faces translate") {
    CHECK(reason_id(Reason::none) == "none");
    CHECK(reason_id(Reason::not_in_force) == "not_in_force");
    CHECK(reason_id(Reason::ended) == "ended");
    CHECK(reason_id(Reason::material_not_covered) == "material_not_covered");
    CHECK(reason_id(Reason::category_not_covered) == "category_not_covered");
    CHECK(reason_id(Reason::refillable_not_covered) == "refillable_not_covered");
    CHECK(reason_id(Reason::single_use_not_covered) == "single_use_not_covered");
    CHECK(reason_id(Reason::volume_out_of_range) == "volume_out_of_range");
    CHECK(reason_id(static_cast<Reason>(99)).empty());
}

namespace {

std::string with_currencies(std::string_view periods, std::string_view currency = "USD") {
    return replaced(oregon(), R"("currency": "USD",)",
                    "\"currency\": \"" + std::string(currency) + "\", \"currencies\": " + std::string(periods) + ",");
}

}  // namespace

TEST_CASE("currency periods: each rule is decided in the currency in force on its dates") {
    const Scheme scheme = parsed(with_currencies(
        R"([{"currency": "CAD", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-04-01"}])"));
    REQUIRE(scheme.currency_periods.size() == 2);
    CHECK(scheme.currency_on(day(1900, 1, 1)) == Currency::CAD);
    CHECK(scheme.currency_on(day(2017, 3, 31)) == Currency::CAD);
    CHECK(scheme.currency_on(day(2017, 4, 1)) == Currency::USD);
    const Container can{Material::aluminium, 355, Category::soft_drink, false};
    const Decision before = decide(scheme, can, day(2017, 3, 31));
    CHECK(before.deposit == Money{5, Currency::CAD});
    CHECK(before.refund == Money{5, Currency::CAD});
    CHECK(decide(scheme, can, day(2017, 4, 1)).deposit == Money{10, Currency::USD});
    // Not eligible still answers in the currency of the date: its zero is not mixed with another currency's.
    CHECK(decide(scheme, can, day(1970, 1, 1)).deposit == Money{0, Currency::CAD});
    CHECK(parsed(oregon()).currency_on(day(1970, 1, 1)) == Currency::USD);  // no periods: the one currency
}

TEST_CASE("currency periods: the markka and the guilder hand over to the euro on 1 January 2002") {
    const Container can{Material::aluminium, 355, Category::soft_drink, false};
    const std::string until_euro = replaced(std::string(kOregon5c), R"("until": "2017-04-01")", R"("until": "2002-01-01")");
    const std::string from_euro = replaced(std::string(kOregon10c), R"("from": "2017-04-01")", R"("from": "2002-01-01")");
    for (const auto& pre_euro : {std::pair{"FIM", Currency::FIM}, std::pair{"NLG", Currency::NLG}}) {
        const std::string_view code = pre_euro.first;
        const Currency currency = pre_euro.second;
        CAPTURE(code);
        const std::string periods = R"("currency": "EUR", "currencies": [{"currency": ")" + std::string(code) +
                                    R"(", "until": "2002-01-01"}, {"currency": "EUR", "from": "2002-01-01"}],)";
        const Scheme scheme = parsed(replaced(scheme_json({until_euro, from_euro}), R"("currency": "USD",)", periods));
        CHECK(scheme.currency_on(day(2001, 12, 31)) == currency);
        CHECK(scheme.currency_on(day(2002, 1, 1)) == Currency::EUR);
        CHECK(decide(scheme, can, day(2001, 12, 31)).deposit == Money{5, currency});
        CHECK(decide(scheme, can, day(2002, 1, 1)).deposit == Money{10, Currency::EUR});
        // A rule that runs across the changeover would pay one amount in two currencies: refused.
        CHECK_ERROR(parse_scheme(replaced(oregon(), R"("currency": "USD",)", periods)), "rules[0].until",
                    "when " + std::string(code) + " gave way to EUR");
    }
}

TEST_CASE("currency periods must meet end to end, end in the scheme's currency and contain every rule") {
    SUBCASE("a gap or an overlap between periods") {
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "CAD", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-05-01"}])")),
                    "currencies[1].from", "leaves a gap after currencies[0], which ends on 2017-04-01");
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "CAD", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-03-01"}])")),
                    "currencies[1].from", "overlaps currencies[0]");
    }
    SUBCASE("the first reaches back to the beginning and only the last is open-ended") {
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "CAD", "from": "1970-01-01", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-04-01"}])")),
                    "currencies[0].from", "leave out from");
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "CAD", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-04-01", "until": "2030-01-01"}])")),
                    "currencies[1].until", "leave out until");
        CHECK_ERROR(parse_scheme(with_currencies(R"([{"currency": "CAD"}, {"currency": "USD", "from": "2017-04-01"}])")),
                    "currencies[0]", "only the last currency period may be open-ended");
        CHECK_ERROR(parse_scheme(with_currencies(R"([{"currency": "CAD", "until": "2017-04-01"}, {"currency": "USD"}])")),
                    "currencies[1]", "missing \"from\"");
    }
    SUBCASE("the last period is the scheme's currency, and a change changes the currency") {
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "USD", "until": "2017-04-01"}, {"currency": "CAD", "from": "2017-04-01"}])")),
                    "currency", "USD is not the last currency period's (CAD)");
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "USD", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-04-01"}])")),
                    "currencies[1].currency", "is the same currency as currencies[0]");
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "XEU", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-04-01"}])")),
                    "currencies[0].currency", "unknown currency \"XEU\"");
        CHECK_ERROR(parse_scheme(with_currencies("[]")), "currencies", "at least one currency period");
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "CAD", "until": "2017-04-01", "rate": 1}, {"currency": "USD", "from": "2017-04-01"}])")),
                    "currencies[0].rate", "unknown field");
    }
    SUBCASE("a rule whose dates cross a changeover mixes two currencies and is refused") {
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "CAD", "until": "2010-01-01"}, {"currency": "USD", "from": "2010-01-01"}])")),
                    "rules[0].until", "runs past 2010-01-01, when CAD gave way to USD");
        // An open-ended rule that starts before the last change.
        CHECK_ERROR(parse_scheme(with_currencies(
                        R"([{"currency": "USD", "until": "2020-01-01"}, {"currency": "CAD", "from": "2020-01-01"}])", "CAD")),
                    "rules[1].until", "runs past 2020-01-01, when USD gave way to CAD");
    }
    SUBCASE("amounts are judged in the currency of their period") {
        // 5 ISK is fine, 5,000,000 minor units of it is not (ISK has no minor unit: 1000 major = 1000 minor).
        std::string text = with_currencies(
            R"([{"currency": "ISK", "until": "2017-04-01"}, {"currency": "USD", "from": "2017-04-01"}])");
        text = replaced(text, R"("depositMinor": 5, )", R"("depositMinor": 5000, )");
        CHECK_ERROR(parse_scheme(text), "rules[0].depositMinor", "5000 is more than 1000 ISK for one container");
    }
}
