// The data a face computes with: the preset schemes by id, schemes a person drafted, the impact factors, the money
// conversion and the return-rate model, loaded from the JSON files of assets/ or from the core's snapshots of them.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/impact.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"
#include "returnloop/what_if_defaults.hpp"

namespace returnloop {

// What a load did: the scheme's id (when it was one) and the problems found, each path prefixed by `prefix`.
struct DataLoad {
    std::string id;
    std::vector<Error> errors;
    std::string prefix;
};

class DataSet {
public:
    // One data file by its name under assets/: "schemes/<id>.json" (a preset, replacing one of the same id), the
    // five "factors/*.json" impact files (parsed together once all are in), "factors/money_conversion.json" or
    // "model/return_rate.json", or "china/deposit-context.json" (the what-if's sourced starting figures).
    DataLoad load_file(std::string_view name, std::string_view text);
    // A snapshot (snapshot.hpp) of a preset or of the start data.
    DataLoad load_snapshot(std::string_view bytes);
    // A snapshot of what was loaded: "schemes/<id>" a preset, "start" the factors, conversion and model (all loaded),
    // "start-figures" the same without their descriptive texts; empty when there is nothing to take.
    std::string snapshot(std::string_view name) const;
    // A scheme file a person drafted, checked; with keep, a valid one becomes "user:<id>" (the id answered).
    DataLoad check_draft(std::string_view text, bool keep);

    // A preset by id, or a kept draft by "user:<id>"; an unknown_scheme error at "scheme" otherwise.
    Result<const Scheme*> scheme(std::string_view id) const;
    const std::vector<Scheme>& presets() const { return presets_; }  // sorted by id

    const ImpactFactors* factors() const { return factors_ ? &*factors_ : nullptr; }
    const Conversions* conversions() const { return conversions_ ? &*conversions_ : nullptr; }
    const ReturnModel* model() const { return model_ ? &*model_ : nullptr; }
    // The what-if's sourced starting figures for a jurisdiction (a scheme id); null where no data file has them (the
    // reader enters them). need_what_if_defaults: not_in_build at "whatIfDefaults" until their file is loaded.
    const WhatIfDefaults* what_if_defaults(std::string_view jurisdiction) const;
    std::optional<Error> need_what_if_defaults() const;
    // A not_in_build error at "factors" or "model" when what a call needs is not loaded.
    std::optional<Error> need_factors() const;
    std::optional<Error> need_model() const;  // the model and its money conversion

private:
    static constexpr std::size_t kFactorFileCount = 5;
    void keep_preset(Scheme scheme);
    std::vector<Scheme> presets_;
    std::vector<Scheme> drafts_;
    std::array<std::string, kFactorFileCount> factor_texts_;  // kept until all five have arrived
    std::optional<ImpactFactors> factors_;
    std::optional<Conversions> conversions_;
    std::optional<ReturnModel> model_;
    std::optional<WhatIfDefaults> what_if_defaults_;
};

}  // namespace returnloop
