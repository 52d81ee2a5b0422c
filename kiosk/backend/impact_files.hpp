// The core's impact and mass-model files (assets/factors/) read from disk: the window's CO2e figures and the
// intake's plausibility check (expected empty mass by material and volume) both use them.
#pragma once

#include <string>

#include "common/status.hpp"
#include "returnloop/impact.hpp"

namespace returnloop::kiosk {

// The five factor files from a folder (assets/factors/), parsed by the core.
Result<ImpactFactors> load_impact_factors(const std::string& folder);

// The assets folder: $RETURNLOOP_ASSETS, else the one this build was configured with.
std::string default_assets_folder();

}  // namespace returnloop::kiosk
