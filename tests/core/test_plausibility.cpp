// Intake plausibility: a container's measured weight and material against the register's mass_g or the core's mass
// model, within the tolerance; too heavy (not empty), too light and another material (not the registered product).
#include <doctest/doctest.h>

#include "impact_fixtures.hpp"
#include "returnloop/catalog.hpp"
#include "returnloop/plausibility.hpp"

using namespace returnloop;

namespace {

ProductView product(Material material, std::uint32_t volume_ml, Category category, std::optional<double> mass_g = std::nullopt) {
    ProductView p;
    p.container = Container{material, volume_ml, category, false};
    p.mass_g = mass_g;
    return p;
}

Plausibility verdict(const ProductView& p, std::optional<double> weight, std::optional<Material> material = std::nullopt) {
    return check_plausibility(p, &test::factors(), IntakeMeasurement{weight, material}).verdict;
}

}  // namespace

TEST_CASE("plausibility: the register's mass decides when it has one") {
    const ProductView can = product(Material::aluminium, 330, Category::beer, 13.0);
    const PlausibilityCheck check = check_plausibility(can, &test::factors(), IntakeMeasurement{13.4, Material::aluminium});
    CHECK(check.verdict == Plausibility::plausible);
    CHECK(check.from_register);
    CHECK(*check.expected_g == doctest::Approx(13.0));
    CHECK(check.low_g == doctest::Approx(13.0 * 0.75 - 5));
    CHECK(check.high_g == doctest::Approx(13.0 * 1.25 + 5));
    CHECK(verdict(can, 55.0) == Plausibility::too_heavy);  // 40 mL of beer left in it
    CHECK(verdict(can, 2.0) == Plausibility::too_light);   // a flattened label, not a can
    CHECK(verdict(can, 13.0, Material::pet) == Plausibility::wrong_material);
    // The tolerance is the retailer's: tighter, and the same can is refused sooner.
    CHECK(check_plausibility(can, nullptr, IntakeMeasurement{19.0, std::nullopt}, PlausibilityTolerance{10, 1}).verdict ==
          Plausibility::too_heavy);
}

TEST_CASE("plausibility: without a register mass the core's mass model and its spread give the band") {
    const ProductView water = product(Material::pet, 500, Category::water);  // model: 9.9 g (bmc-pet 2015)
    const PlausibilityCheck empty = check_plausibility(water, &test::factors(), IntakeMeasurement{10.5, Material::pet});
    CHECK(empty.verdict == Plausibility::plausible);
    CHECK_FALSE(empty.from_register);
    CHECK(*empty.expected_g == doctest::Approx(9.9));
    CHECK(verdict(water, 510.0) == Plausibility::too_heavy);  // a full bottle
    CHECK(verdict(water, 60.0) == Plausibility::too_heavy);   // 50 mL left
    const ProductView bottle = product(Material::glass, 330, Category::beer);  // model: 195 g
    CHECK(verdict(bottle, 200.0) == Plausibility::plausible);
    CHECK(verdict(bottle, 40.0) == Plausibility::too_light);   // not a glass bottle of this size
    CHECK(verdict(bottle, 13.0, Material::aluminium) == Plausibility::wrong_material);
}

TEST_CASE("plausibility: nothing measured, or nothing to compare with, is not a refusal") {
    const ProductView water = product(Material::pet, 500, Category::water);
    CHECK(verdict(water, std::nullopt) == Plausibility::not_checked);
    CHECK(verdict(water, std::nullopt, Material::pet) == Plausibility::plausible);
    // Cartons have no sourced default mass: only the material is checked.
    const ProductView carton = product(Material::carton, 1000, Category::juice);
    CHECK(verdict(carton, 900.0) == Plausibility::not_checked);
    CHECK(verdict(carton, 30.0, Material::glass) == Plausibility::wrong_material);
    // A register "other" promises no material; no mass model loaded: only a register mass counts.
    CHECK(verdict(product(Material::other, 500, Category::other), 20.0, Material::pet) == Plausibility::plausible);
    CHECK(check_plausibility(water, nullptr, IntakeMeasurement{510.0, std::nullopt}).verdict == Plausibility::not_checked);
}

TEST_CASE("catalog: an optional mass_g column, tenths of a gram, with errors naming the cell") {
    const std::string header = "gtin,name,brand,material,volume_ml,category,refillable,deposit_minor,mass_g\n";
    CatalogParse parsed = parse_catalog(header + "9520000000011,Water,,pet,500,water,false,,9.9\n"
                                                 "9520000000028,Water,,pet,500,water,false,\n"
                                                 "9520000000042,Can,,aluminium,330,water,false,,13\n");
    REQUIRE(parsed.catalog);
    CHECK(*parsed.catalog->find(parse_gtin("9520000000011").value())->mass_g == doctest::Approx(9.9));
    CHECK_FALSE(parsed.catalog->find(parse_gtin("9520000000028").value())->mass_g);  // the trailing empty cell dropped
    CHECK(*parsed.catalog->find(parse_gtin("9520000000042").value())->mass_g == doctest::Approx(13.0));
    for (const char* bad : {"0", "-3", "9.95", "abc", "20000.1", "1e3", "."}) {
        CAPTURE(bad);
        CatalogParse refused = parse_catalog(header + "9520000000011,Water,,pet,500,water,false,," + bad + "\n");
        REQUIRE_FALSE(refused.catalog);
        CHECK(refused.errors.at(0).path == "line 2, column mass_g");
    }
}
