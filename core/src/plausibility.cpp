// Intake plausibility: measured weight and material against the registered product (see plausibility.hpp).
#include "returnloop/plausibility.hpp"

#include <algorithm>
#include <cmath>

namespace returnloop {

std::string_view plausibility_id(Plausibility verdict) {
    switch (verdict) {
        case Plausibility::plausible: return "plausible";
        case Plausibility::not_checked: return "not_checked";
        case Plausibility::too_heavy: return "too_heavy";
        case Plausibility::too_light: return "too_light";
        case Plausibility::wrong_material: return "wrong_material";
    }
    return "not_checked";
}

PlausibilityCheck check_plausibility(const ProductView& product, const ImpactFactors* factors, const IntakeMeasurement& measured,
                                     const PlausibilityTolerance& tolerance) {
    PlausibilityCheck check;
    const Material material = product.container.material;
    // "other" in the register promises no particular material, so no reading contradicts it.
    if (measured.material && material != Material::other && *measured.material != material) {
        check.verdict = Plausibility::wrong_material;
        return check;
    }
    double low_spread = 1, high_spread = 1;
    if (product.mass_g) {
        check.expected_g = *product.mass_g;
        check.from_register = true;
    } else if (factors != nullptr) {
        check.expected_g = default_mass_g(*factors, product.container);
        const MaterialMass& model = factors->masses[static_cast<std::size_t>(material)];
        low_spread = model.low_factor;
        high_spread = model.high_factor;
    }
    if (!check.expected_g) {
        check.verdict = measured.material ? Plausibility::plausible : Plausibility::not_checked;
        return check;
    }
    const double share = std::clamp(tolerance.percent, 0, 100) / 100.0;
    const double slack = std::max(0.0, tolerance.slack_g);
    check.low_g = std::max(0.0, *check.expected_g * low_spread * (1 - share) - slack);
    check.high_g = *check.expected_g * high_spread * (1 + share) + slack;
    if (!measured.weight_g || !std::isfinite(*measured.weight_g)) {
        check.verdict = measured.material ? Plausibility::plausible : Plausibility::not_checked;
        return check;
    }
    if (*measured.weight_g > check.high_g) check.verdict = Plausibility::too_heavy;
    else if (*measured.weight_g < check.low_g) check.verdict = Plausibility::too_light;
    else check.verdict = Plausibility::plausible;
    return check;
}

}  // namespace returnloop
