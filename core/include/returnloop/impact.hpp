// What recycling returned containers saves: container masses, named emission-factor sets (EPA WARM, rPET views),
// energy savings, everyday equivalents and the money value of avoided CO2e at a named carbon price.
// All factors come from assets/factors/*.json (each value with its source and year); the caller reads the files.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"  // Source

namespace returnloop {

// Emission factor of one material in one set: kg CO2e avoided per kg of that material returned for recycling.
struct MaterialFactor {
    bool available = false;      // false: the set has no figure for this material (its mass is not counted)
    double kg_co2e_per_kg = 0;
    bool derived = false;        // computed by ReturnLoop from the source's figures (see basis)
    std::string basis;           // how the number was obtained, in words, e.g. "WARM v16: landfilling 0.02 - recycling -1.04 ..."
    std::string source_id;
    int year = 0;
};

// A named view of the savings, e.g. "warm-v16" (recycling instead of landfilling) or "rpet-uscbc-2024"
// (rPET bottle-to-bottle: virgin PET displaced). Results always say which set they used.
struct EmissionFactorSet {
    std::string id;
    std::string name;
    std::string name_zh;  // Chinese texts: validated here, shown from the published JSON (not kept in snapshots)
    std::string description;
    std::string description_zh;
    std::array<MaterialFactor, kMaterialCount> materials;
    std::optional<double> bottle_loops_low, bottle_loops_high;  // rPET sets: bottle-to-bottle loops claimed
    std::optional<double> total_uses;                            // rPET sets: uses of the original plastic in all
};

// Primary energy saved per kg recycled, with the range used by the Monte Carlo band.
struct EnergyFactor {
    bool available = false;
    double mj_per_kg = 0;       // central value
    double mj_per_kg_low = 0;
    double mj_per_kg_high = 0;
    bool derived = false;       // e.g. a virgin-production figure times a percentage saving
    std::string basis;
    std::vector<std::string> source_ids;
    int year = 0;               // of the saving figure
};

// A sourced container mass: anchors by volume; between anchors mass is interpolated linearly, beyond them
// it scales with volume^(2/3) (surface area) from the nearest anchor.
struct MassAnchor {
    std::uint32_t volume_ml = 0;
    double grams = 0;
    std::uint16_t category_mask = 0;  // 0: any category; else only these (PET water bottles are lighter)
    std::string source_id;
    int year = 0;
};
struct MaterialMass {
    std::vector<MassAnchor> anchors;  // empty: no sourced default (the register must give a mass)
    double low_factor = 1, high_factor = 1;  // multiplicative range for the Monte Carlo band
    std::string range_basis;
};

// One everyday equivalent, e.g. "car_km": kg CO2e per kilometre driven by an average passenger car.
struct Equivalent {
    std::string id;
    std::string name;
    std::string unit;
    double kg_co2e_per_unit = 0;
    std::string basis;
    std::string source_id;
    int year = 0;
};

// A carbon price to value avoided CO2e, e.g. China's national ETS ~70 CNY/t (end of 2023).
struct CarbonPrice {
    std::string id;
    std::string label;
    Money per_tonne;  // exact, in the price's currency
    std::string source_id;
    int year = 0;
};

struct ImpactFactors {
    std::vector<Source> sources;  // every source id used below, from all files
    std::vector<EmissionFactorSet> emission_sets;
    std::array<EnergyFactor, kMaterialCount> energy;
    std::array<MaterialMass, kMaterialCount> masses;
    std::vector<Equivalent> equivalents;
    std::vector<CarbonPrice> carbon_prices;

    const EmissionFactorSet* find_set(std::string_view id) const;
    const CarbonPrice* find_price(std::string_view id) const;
    const Source* find_source(std::string_view id) const;
};

// The texts of the factor files (assets/factors/): each is parsed and checked, errors name file and JSON path.
struct ImpactFactorTexts {
    std::string_view emission_factors;  // emission_factors.json
    std::string_view container_masses;  // container_masses.json
    std::string_view energy;            // energy.json
    std::string_view equivalents;       // equivalents.json
    std::string_view carbon_prices;     // carbon_prices.json
};
struct ImpactFactorsParse {
    std::optional<ImpactFactors> factors;  // set only when errors is empty
    std::vector<Error> errors;
};
ImpactFactorsParse parse_impact_factors(const ImpactFactorTexts& texts);

// Default mass in grams of a container from the sourced anchors; nullopt when the material has none.
std::optional<double> default_mass_g(const ImpactFactors& factors, const Container& container);

// Containers to evaluate, e.g. a kiosk session so far. mass_g overrides the default (a product-register figure).
struct ImpactItem {
    Container container;
    std::uint64_t count = 0;
    std::optional<double> mass_g;
};

struct MaterialImpact {
    std::uint64_t count = 0;
    double mass_kg = 0;
    double kg_co2e = 0;       // 0 when the set has no factor for the material
    double mj = 0;            // 0 when no energy factor
    bool co2e_counted = false;
    bool energy_counted = false;
};

struct EquivalentValue {
    std::string id;
    std::string name;
    std::string unit;
    double amount = 0;
    std::string source_id;
    int year = 0;
};

// Doubles carry full precision; the factors behind them have two to three significant figures, so show
// CO2e, energy and mass to at most three significant figures.
struct ImpactResult {
    std::string factor_set_id;
    std::string factor_set_name;
    std::uint64_t count = 0;
    double mass_kg = 0;
    double kg_co2e_avoided = 0;
    double mj_saved = 0;
    double kwh_saved = 0;  // mj_saved / 3.6
    std::array<MaterialImpact, kMaterialCount> by_material{};
    std::vector<EquivalentValue> equivalents;  // of kg_co2e_avoided
    std::vector<std::string> notes;            // what was not counted and why
};

// Errors: unknown factor set ("factorSet"), a count above 10^13 ("items[i].count"), a mass that is not a finite
// number in (0, 20000] g ("items[i].massG"). A material with no default mass and no override, or with no factor in
// the set, is not counted and says so in notes (a kiosk session with a carton still gets its other savings).
Result<ImpactResult> compute_impact(const ImpactFactors& factors, const std::vector<ImpactItem>& items,
                                    std::string_view factor_set_id);

std::vector<EquivalentValue> equivalents_of(const ImpactFactors& factors, double kg_co2e);

// The value of avoided CO2e at a named price, rounded to whole minor units (half away from zero).
struct CarbonValue {
    std::string price_id;
    std::string label;
    Money per_tonne;
    Money value;
    std::string source_id;
    int year = 0;
};
Result<CarbonValue> carbon_value(const ImpactFactors& factors, double tonnes_co2e, std::string_view price_id);

}  // namespace returnloop
