// Does a container in a reverse-vending machine's intake look like the product its barcode names? The machine
// weighs it and its sensor sees a material; the rule compares both with the register (the product's own mass_g,
// else the core's mass model for its material and volume, assets/factors/container_masses.json) within a tolerance.
// Too heavy: there is still drink in it. Too light or another material: not the registered container (a label
// stuck on something else). The kiosk asks this rule; it never carries its own thresholds.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "returnloop/catalog.hpp"
#include "returnloop/container.hpp"
#include "returnloop/impact.hpp"

namespace returnloop {

enum class Plausibility : std::uint8_t {
    plausible,
    not_checked,     // nothing measured, or no expected mass and no material reading
    too_heavy,       // heavier than the band: not empty
    too_light,       // lighter than the band: not the registered container
    wrong_material,  // the sensor sees another material than the register names
};
std::string_view plausibility_id(Plausibility verdict);  // "plausible", "not_checked", "too_heavy", ...

struct PlausibilityTolerance {
    int percent = 25;      // on either side of the expected mass (after the model's own spread)
    double slack_g = 5.0;  // added to both sides: scale resolution, a drop of water, a label
};

struct IntakeMeasurement {
    std::optional<double> weight_g;     // what the machine's scale read
    std::optional<Material> material;   // what its sensor saw (nullopt: no sensor or no reading)
};

struct PlausibilityCheck {
    Plausibility verdict = Plausibility::not_checked;
    std::optional<double> expected_g;  // the register's mass or the model's
    bool from_register = false;        // expected_g is the register's own figure
    double low_g = 0, high_g = 0;      // the accepted band (when expected_g is set)
};

// factors may be null (no mass model loaded): then only a register mass and the material are checked.
PlausibilityCheck check_plausibility(const ProductView& product, const ImpactFactors* factors, const IntakeMeasurement& measured,
                                     const PlausibilityTolerance& tolerance = {});

}  // namespace returnloop
