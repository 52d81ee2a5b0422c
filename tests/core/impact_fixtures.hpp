// Loads the repository's factor, conversion, model and scheme files for the impact, model and projection tests,
// the way the kiosk does: read the bytes, hand them to the core.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "returnloop/impact.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop::test {

inline std::string asset_text(const std::string& relative) {
    std::ifstream in(std::filesystem::path(RETURNLOOP_ASSETS_DIR) / relative, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read assets/" << relative);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string errors_text(const std::vector<Error>& errors) {
    std::string out;
    for (const auto& e : errors) out += "\n  " + e.path + ": " + e.message;
    return out;
}

struct FactorTexts {
    std::string emission = asset_text("factors/emission_factors.json");
    std::string masses = asset_text("factors/container_masses.json");
    std::string energy = asset_text("factors/energy.json");
    std::string equivalents = asset_text("factors/equivalents.json");
    std::string prices = asset_text("factors/carbon_prices.json");
    ImpactFactorTexts views() const { return {emission, masses, energy, equivalents, prices}; }
};

inline const ImpactFactors& factors() {
    static const ImpactFactors f = [] {
        FactorTexts t;
        auto parsed = parse_impact_factors(t.views());
        REQUIRE_MESSAGE(parsed.factors.has_value(), errors_text(parsed.errors));
        return *parsed.factors;
    }();
    return f;
}

inline const Conversions& conversions() {
    static const Conversions c = [] {
        auto parsed = parse_conversions(asset_text("factors/money_conversion.json"));
        REQUIRE_MESSAGE(parsed.conversions.has_value(), errors_text(parsed.errors));
        return *parsed.conversions;
    }();
    return c;
}

inline const ReturnModel& model() {
    static const ReturnModel m = [] {
        auto parsed = parse_return_model(asset_text("model/return_rate.json"));
        REQUIRE_MESSAGE(parsed.model.has_value(), errors_text(parsed.errors));
        return *parsed.model;
    }();
    return m;
}

inline Scheme scheme(const std::string& id) {
    auto parsed = parse_scheme(asset_text("schemes/" + id + ".json"));
    REQUIRE_MESSAGE(parsed.scheme.has_value(), id << errors_text(parsed.errors));
    return *parsed.scheme;
}

inline std::vector<Scheme> all_schemes() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(RETURNLOOP_ASSETS_DIR) / "schemes"))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    std::vector<Scheme> out;
    for (const auto& f : files) out.push_back(scheme(f.stem().string()));
    return out;
}

}  // namespace returnloop::test
