// Reads the core's factor files (see impact_files.hpp).
#include "backend/impact_files.hpp"

#include <array>
#include <cstdlib>

#include "common/files.hpp"

#ifndef RETURNLOOP_ASSETS_DIR
#define RETURNLOOP_ASSETS_DIR "/usr/share/returnloop/assets"
#endif

namespace returnloop::kiosk {
namespace {

constexpr std::size_t kMaxFactorFileBytes = 4 << 20;

}  // namespace

Result<ImpactFactors> load_impact_factors(const std::string& folder) {
    std::array<std::string, 5> texts;
    const std::array<const char*, 5> names{"emission_factors.json", "container_masses.json", "energy.json", "equivalents.json",
                                           "carbon_prices.json"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        Result<std::string> text = read_file(folder + "/" + names[i], kMaxFactorFileBytes);
        if (!text) return text.error();
        texts[i] = std::move(text).value();
    }
    ImpactFactorsParse parsed = parse_impact_factors(ImpactFactorTexts{texts[0], texts[1], texts[2], texts[3], texts[4]});
    if (!parsed.factors) {
        return parsed.errors.empty() ? Error{"factors", "the factor files could not be read"} : parsed.errors.front();
    }
    return std::move(*parsed.factors);
}

std::string default_assets_folder() {
    if (const char* env = std::getenv("RETURNLOOP_ASSETS"); env && *env) return env;
    return RETURNLOOP_ASSETS_DIR;
}

}  // namespace returnloop::kiosk
