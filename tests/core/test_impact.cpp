// Impact: factor files, WARM conversions against deposit-data.md's worked figures, container masses, CO2e,
// energy, equivalents, carbon value, and refusal of bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "impact_fixtures.hpp"
#include "returnloop/impact.hpp"

using namespace returnloop;
using returnloop::test::factors;

namespace {

const MaterialFactor& factor(const char* set, Material m) {
    const EmissionFactorSet* s = factors().find_set(set);
    REQUIRE(s != nullptr);
    return s->materials[static_cast<int>(m)];
}

Container can(std::uint32_t ml = 355) { return {Material::aluminium, ml, Category::soft_drink, false}; }

ImpactFactorsParse parse_with_emission(const std::string& emission) {
    test::FactorTexts t;
    t.emission = emission;
    return parse_impact_factors(t.views());
}

bool has_error(const std::vector<Error>& errors, const std::string& path_part) {
    for (const auto& e : errors)
        if (e.path.find(path_part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("impact factor files") {
    SUBCASE("all five files parse and every source id they use is listed") {
        CHECK(factors().emission_sets.size() == 4);
        for (const auto& set : factors().emission_sets)
            for (const auto& m : set.materials)
                if (m.available) CHECK_MESSAGE(factors().find_source(m.source_id) != nullptr, set.id << " " << m.source_id);
        for (const auto& e : factors().equivalents) CHECK(factors().find_source(e.source_id) != nullptr);
    }
    SUBCASE("WARM v16 recycling-vs-landfilling matches deposit-data.md's worked kg CO2e per kg") {
        // deposit-data.md section 3a: "avoids (0.02+9.13) x 1.1023 = 10.09 kg CO2e per kg Al cans; PET 1.17;
        // HDPE 0.86; glass 0.33; steel 2.04".
        CHECK(factor("warm-v16", Material::aluminium).kg_co2e_per_kg == doctest::Approx(10.09).epsilon(0.001));
        CHECK(factor("warm-v16", Material::pet).kg_co2e_per_kg == doctest::Approx(1.17).epsilon(0.003));
        CHECK(factor("warm-v16", Material::hdpe).kg_co2e_per_kg == doctest::Approx(0.86).epsilon(0.003));
        CHECK(factor("warm-v16", Material::glass).kg_co2e_per_kg == doctest::Approx(0.33).epsilon(0.005));
        CHECK(factor("warm-v16", Material::steel).kg_co2e_per_kg == doctest::Approx(2.04).epsilon(0.003));
        CHECK_FALSE(factor("warm-v16", Material::aluminium).derived);
        CHECK_FALSE(factor("warm-v16", Material::carton).available);
    }
    SUBCASE("the rPET views give PET their own figure and take the other materials from WARM") {
        // USCBC: 63% of WARM's virgin PET 2.22 MTCO2E/short ton; NAPCOR 60%; ALPLA/denkstatt 2.15 - 0.45.
        CHECK(factor("rpet-uscbc-2024", Material::pet).kg_co2e_per_kg == doctest::Approx(0.63 * 2.22 * 1.10231).epsilon(1e-4));
        CHECK(factor("rpet-napcor-2020", Material::pet).kg_co2e_per_kg == doctest::Approx(0.60 * 2.22 * 1.10231).epsilon(1e-4));
        CHECK(factor("rpet-alpla-denkstatt", Material::pet).kg_co2e_per_kg == doctest::Approx(1.70));
        CHECK(factor("rpet-uscbc-2024", Material::pet).derived);
        CHECK(factor("rpet-uscbc-2024", Material::aluminium).kg_co2e_per_kg ==
              factor("warm-v16", Material::aluminium).kg_co2e_per_kg);
        const EmissionFactorSet* uscbc = factors().find_set("rpet-uscbc-2024");
        REQUIRE(uscbc->bottle_loops_low.has_value());
        CHECK(*uscbc->bottle_loops_low == 4);
        CHECK(*uscbc->bottle_loops_high == 6);
        CHECK(*uscbc->total_uses == 7);
    }
    SUBCASE("energy savings: derived where a percentage meets a virgin figure, direct for steel") {
        const EnergyFactor& al = factors().energy[static_cast<int>(Material::aluminium)];
        CHECK(al.derived);
        CHECK(al.mj_per_kg == doctest::Approx(218 * 0.92));
        CHECK(al.mj_per_kg_low == doctest::Approx(218 * 0.90));
        CHECK(al.mj_per_kg_high == doctest::Approx(218 * 0.95));
        const EnergyFactor& steel = factors().energy[static_cast<int>(Material::steel)];
        CHECK_FALSE(steel.derived);
        CHECK(steel.mj_per_kg == doctest::Approx(17.47));
        CHECK(factors().energy[static_cast<int>(Material::glass)].mj_per_kg == doctest::Approx(4.5));
        CHECK(factors().energy[static_cast<int>(Material::pet)].mj_per_kg == doctest::Approx(82.7 * 0.75));
        CHECK_FALSE(factors().energy[static_cast<int>(Material::carton)].available);
        for (const auto& e : factors().energy)
            if (e.available) CHECK(e.year >= 2000);
    }
    SUBCASE("the equivalents are EPA's published values with the stated unit conversions") {
        for (const auto& e : factors().equivalents) {
            if (e.id == "car_km") CHECK(e.kg_co2e_per_unit == doctest::Approx(393e-3 / 1.609344).epsilon(1e-5));
            if (e.id == "petrol_litres") CHECK(e.kg_co2e_per_unit == doctest::Approx(8.89 / 3.785411784).epsilon(1e-5));
            if (e.id == "phone_charges") CHECK(e.kg_co2e_per_unit == doctest::Approx(0.0124));
        }
    }
}

TEST_CASE("default container masses come from the sourced anchors") {
    CHECK(*default_mass_g(factors(), can()) == doctest::Approx(12.99));  // Aluminum Association 2021
    CHECK(*default_mass_g(factors(), {Material::glass, 330, Category::beer, false}) == doctest::Approx(195));
    // Between anchors: linear, 275 mL 165 g to 330 mL 195 g.
    CHECK(*default_mass_g(factors(), {Material::glass, 300, Category::beer, false}) ==
          doctest::Approx(165 + 30.0 * 25 / 55));
    // A 0.5 L water bottle uses the water anchor (9.9 g), a soft-drink bottle the generic ones.
    CHECK(*default_mass_g(factors(), {Material::pet, 500, Category::water, false}) == doctest::Approx(9.9));
    CHECK(*default_mass_g(factors(), {Material::pet, 2000, Category::soft_drink, false}) == doctest::Approx(42));
    // Beyond the anchor: area scaling. A 500 mL can from the 355 mL anchor lands near Japan's 350/500 mL
    // average of 16.03 g (deposit-data.md 3b), an outside check of the rule.
    CHECK(*default_mass_g(factors(), can(500)) == doctest::Approx(16.03).epsilon(0.03));
    CHECK_FALSE(default_mass_g(factors(), {Material::carton, 1000, Category::juice, false}).has_value());
}

TEST_CASE("impact of returned containers") {
    SUBCASE("100 cans under WARM: 1.299 kg of aluminium, about 13.1 kg CO2e and 261 MJ") {
        auto r = compute_impact(factors(), {{can(), 100, std::nullopt}}, "warm-v16");
        REQUIRE(r.ok());
        CHECK(r->factor_set_id == "warm-v16");
        CHECK(r->mass_kg == doctest::Approx(1.299));
        CHECK(r->kg_co2e_avoided == doctest::Approx(1.299 * 9.15 * 1000 / 907.18474));
        CHECK(r->mj_saved == doctest::Approx(1.299 * 218 * 0.92));
        CHECK(r->kwh_saved == doctest::Approx(r->mj_saved / 3.6));
        CHECK(r->notes.empty());
        bool found_km = false;
        for (const auto& e : r->equivalents)
            if (e.id == "car_km") {
                found_km = true;
                CHECK(e.amount == doctest::Approx(r->kg_co2e_avoided / 0.244199));
            }
        CHECK(found_km);
    }
    SUBCASE("the chosen factor set changes PET's figure and is named in the result") {
        std::vector<ImpactItem> bottles{{{Material::pet, 500, Category::soft_drink, false}, 1000, 20.0}};
        auto warm = compute_impact(factors(), bottles, "warm-v16");
        auto alpla = compute_impact(factors(), bottles, "rpet-alpla-denkstatt");
        REQUIRE(warm.ok());
        REQUIRE(alpla.ok());
        CHECK(alpla->factor_set_id == "rpet-alpla-denkstatt");
        CHECK(warm->kg_co2e_avoided == doctest::Approx(20.0 * 1.06 * 1000 / 907.18474));
        CHECK(alpla->kg_co2e_avoided == doctest::Approx(20.0 * 1.70));
    }
    SUBCASE("a register mass overrides the default") {
        auto r = compute_impact(factors(), {{can(), 10, 15.0}}, "warm-v16");
        REQUIRE(r.ok());
        CHECK(r->mass_kg == doctest::Approx(0.150));
    }
    SUBCASE("a carton without a mass or factor is counted but not valued, and the notes say why") {
        auto r = compute_impact(factors(), {{{Material::carton, 1000, Category::juice, false}, 3, std::nullopt}, {can(), 1, std::nullopt}},
                                "warm-v16");
        REQUIRE(r.ok());
        CHECK(r->count == 4);
        CHECK(r->by_material[static_cast<int>(Material::carton)].mass_kg == 0);
        REQUIRE(r->notes.size() == 1);
        CHECK(r->notes[0].find("carton") == 0);
        auto with_mass = compute_impact(factors(), {{{Material::carton, 1000, Category::juice, false}, 3, 28.0}}, "warm-v16");
        REQUIRE(with_mass.ok());
        CHECK(with_mass->kg_co2e_avoided == 0);
        CHECK(with_mass->notes.size() == 2);  // no CO2e factor, no energy factor
    }
    SUBCASE("bad input is refused with the field named") {
        auto unknown = compute_impact(factors(), {{can(), 1, std::nullopt}}, "warm-v99");
        REQUIRE_FALSE(unknown.ok());
        CHECK(unknown.error().path == "factorSet");
        auto nan = compute_impact(factors(), {{can(), 1, std::numeric_limits<double>::quiet_NaN()}}, "warm-v16");
        REQUIRE_FALSE(nan.ok());
        CHECK(nan.error().path == "items[0].massG");
        auto inf = compute_impact(factors(), {{can(), 1, std::numeric_limits<double>::infinity()}}, "warm-v16");
        CHECK_FALSE(inf.ok());
        auto negative = compute_impact(factors(), {{can(), 1, -3.0}}, "warm-v16");
        CHECK_FALSE(negative.ok());
        auto absurd = compute_impact(factors(), {{can(), 1, std::nullopt}, {can(), 20'000'000'000'000ULL, std::nullopt}}, "warm-v16");
        REQUIRE_FALSE(absurd.ok());
        CHECK(absurd.error().path == "items[1].count");
    }
}

TEST_CASE("carbon value at the report's prices") {
    auto ets = carbon_value(factors(), 1.0, "cn-ets-2023");
    REQUIRE(ets.ok());
    CHECK(ets->value == Money{7000, Currency::CNY});  // 70 CNY per tonne (USCBC 2024)
    CHECK(ets->label.find("ETS") != std::string::npos);
    auto imf = carbon_value(factors(), 0.5, "imf-50usd");
    REQUIRE(imf.ok());
    CHECK(imf->value == Money{2500, Currency::USD});
    // Half a cent rounds away from zero: 0.0001 t x 5000 cents/t = 0.5 cent.
    CHECK(carbon_value(factors(), 0.0001, "imf-50usd")->value.minor == 1);
    CHECK(carbon_value(factors(), 0.00009, "imf-50usd")->value.minor == 0);
    CHECK(carbon_value(factors(), 1, "eu-ets").error().path == "carbonPrice");
    CHECK_FALSE(carbon_value(factors(), std::nan(""), "imf-50usd").ok());
}

TEST_CASE("malformed factor files are refused with the file and path") {
    SUBCASE("broken JSON names the byte offset") {
        auto r = parse_with_emission("{\"sets\": [");
        REQUIRE_FALSE(r.factors.has_value());
        CHECK(r.errors[0].path == "emission_factors.json");
        CHECK(r.errors[0].message.find("byte") != std::string::npos);
    }
    SUBCASE("megabytes of nesting do not overflow the stack") {
        std::string deep(3'000'000, '[');
        auto r = parse_with_emission(deep);
        CHECK_FALSE(r.factors.has_value());
    }
    SUBCASE("a NUL byte, a runaway exponent (CVE-2024-38517) and a NUL in text are refused before use") {
        CHECK(parse_with_emission(std::string("{\"sets\": []}\0junk", 17)).errors[0].message.find("NUL") != std::string::npos);
        auto exp = parse_with_emission(R"({"sets": [], "x": 0.00000000001e-2147483639})");
        REQUIRE_FALSE(exp.factors.has_value());
        CHECK(exp.errors[0].message.find("exponent") != std::string::npos);
        auto nul = parse_with_emission(R"({"sets": [{"id": "a\u0000b"}], "sources": []})");
        CHECK(has_error(nul.errors, "sets[0].id"));
    }
    SUBCASE("a megabyte-long unknown key gives a short message") {
        auto r = parse_with_emission("{\"" + std::string(1'000'000, 'k') + "\": 1}");
        REQUIRE_FALSE(r.factors.has_value());
        CHECK(r.errors[0].path.size() < 100);
    }
    SUBCASE("a misspelt field, an unknown kind and a missing source are each named") {
        std::string bad = R"({"sets": [{"id": "x", "name": "x", "description": "x", "materials": {
            "pet": {"kind": "warm_recycling_vs_landfill", "recyling": -1, "landfilling": 0.02, "basis": "b", "source": "nowhere", "year": 2023},
            "glass": {"kind": "magic", "basis": "b", "source": "s", "year": 2023}}}],
            "sources": [{"id": "s", "title": "t", "url": "", "year": 2023}]})";
        auto r = parse_with_emission(bad);
        REQUIRE_FALSE(r.factors.has_value());
        CHECK(has_error(r.errors, "sets[0].materials.pet.recyling"));
        CHECK(has_error(r.errors, "sets[0].materials.glass.kind"));
        CHECK(has_error(r.errors, "sets[0].materials.pet.source"));
    }
    SUBCASE("a set or a source without its Chinese text is refused at that field") {
        std::string bad = R"({"sets": [{"id": "x", "name": "x", "description": "x", "materials": {
            "pet": {"kind": "warm_recycling_vs_landfill", "recycling": -1, "landfilling": 0.02, "basis": "b", "source": "s", "year": 2023}}}],
            "sources": [{"id": "s", "title": "t", "url": "", "year": 2023}]})";
        auto r = parse_with_emission(bad);
        REQUIRE_FALSE(r.factors.has_value());
        CHECK(has_error(r.errors, "sets[0].nameZh"));
        CHECK(has_error(r.errors, "sets[0].descriptionZh"));
        CHECK(has_error(r.errors, "sources[0].titleZh"));
    }
    SUBCASE("a NaN-like or out-of-range factor is refused") {
        std::string bad = R"({"sets": [{"id": "x", "name": "x", "description": "x", "materials": {
            "pet": {"kind": "warm_recycling_vs_landfill", "recycling": -1e300, "landfilling": 0.02, "basis": "b", "source": "s", "year": 2023}}}],
            "sources": [{"id": "s", "title": "t", "url": "", "year": 2023}]})";
        auto r = parse_with_emission(bad);
        REQUIRE_FALSE(r.factors.has_value());
        CHECK(has_error(r.errors, "sets[0].materials.pet.recycling"));
    }
}
