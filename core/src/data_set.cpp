// Loading the data a face computes with, from JSON files or snapshots, and finding schemes in it.
#include "returnloop/data_set.hpp"

#include <algorithm>

#include "returnloop/snapshot.hpp"

namespace returnloop {

namespace {

constexpr std::array<std::string_view, 5> kFactorFiles = {"factors/emission_factors.json", "factors/container_masses.json",
    "factors/energy.json", "factors/equivalents.json", "factors/carbon_prices.json"};

}  // namespace

void DataSet::keep_preset(Scheme scheme) {
    auto at = std::lower_bound(presets_.begin(), presets_.end(), scheme.id, [](const Scheme& a, const std::string& b) { return a.id < b; });
    if (at != presets_.end() && at->id == scheme.id) *at = std::move(scheme);
    else presets_.insert(at, std::move(scheme));
}

DataLoad DataSet::load_file(std::string_view name, std::string_view text) {
    static_assert(kFactorFiles.size() == kFactorFileCount);
    DataLoad out{{}, {}, std::string(name)};
    if (name.substr(0, 8) == "schemes/") {
        SchemeParse parsed = parse_scheme(text);
        out.errors = std::move(parsed.errors);
        if (parsed.scheme) {
            out.id = parsed.scheme->id;
            keep_preset(std::move(*parsed.scheme));
        }
    } else if (auto f = std::find(kFactorFiles.begin(), kFactorFiles.end(), name); f != kFactorFiles.end()) {
        factor_texts_[static_cast<std::size_t>(f - kFactorFiles.begin())] = text;
        const auto& t = factor_texts_;
        if (std::none_of(t.begin(), t.end(), [](const std::string& x) { return x.empty(); })) {
            ImpactFactorsParse parsed = parse_impact_factors(ImpactFactorTexts{t[0], t[1], t[2], t[3], t[4]});
            factors_ = std::move(parsed.factors);
            out.errors = std::move(parsed.errors);
            out.prefix = "factors";
        }
    } else if (name == "factors/money_conversion.json") {
        ConversionsParse parsed = parse_conversions(text);
        conversions_ = std::move(parsed.conversions);
        out.errors = std::move(parsed.errors);
    } else if (name == "model/return_rate.json") {
        ReturnModelParse parsed = parse_return_model(text);
        model_ = std::move(parsed.model);
        out.errors = std::move(parsed.errors);
    } else if (name == "china/deposit-context.json") {
        WhatIfDefaultsParse parsed = parse_what_if_defaults(text);
        what_if_defaults_ = std::move(parsed.defaults);
        out.errors = std::move(parsed.errors);
    } else {
        out.errors.push_back(Error{"", "not a data file of the web module (schemes/, factors/, model/ or china/)"});
    }
    return out;
}

DataLoad DataSet::load_snapshot(std::string_view bytes) {
    DataLoad out;
    if (snapshot_kind(bytes) == 's') {
        auto scheme = read_scheme_snapshot(bytes);
        if (!scheme) {
            out.errors.push_back(scheme.error());
            return out;
        }
        out.id = scheme->id;
        keep_preset(std::move(scheme).value());
        return out;
    }
    auto start = read_start_data_snapshot(bytes);
    if (!start) {
        out.errors.push_back(start.error());
        return out;
    }
    factors_ = std::move(start.value().factors);
    conversions_ = std::move(start.value().conversions);
    model_ = std::move(start.value().model);
    return out;
}

std::string DataSet::snapshot(std::string_view name) const {
    if (name.substr(0, 8) == "schemes/") {
        for (const Scheme& scheme : presets_)
            if (scheme.id == name.substr(8)) return snapshot_scheme(scheme, SnapshotDetail::figures);  // no notes: faces show none
    } else if ((name == "start" || name == "start-figures") && factors_ && conversions_ && model_) {
        return snapshot_start_data(StartData{*factors_, *conversions_, *model_},
                                   name == "start" ? SnapshotDetail::complete : SnapshotDetail::figures);
    }
    return {};
}

DataLoad DataSet::check_draft(std::string_view text, bool keep) {
    SchemeParse parsed = parse_scheme(text);
    DataLoad out{parsed.scheme ? parsed.scheme->id : std::string(), std::move(parsed.errors), {}};
    if (keep && parsed.scheme) {
        std::erase_if(drafts_, [&](const Scheme& d) { return d.id == out.id; });
        drafts_.push_back(std::move(*parsed.scheme));
        out.id = "user:" + out.id;
    }
    return out;
}

Result<const Scheme*> DataSet::scheme(std::string_view id) const {
    const bool draft = id.substr(0, 5) == "user:";
    for (const Scheme& s : draft ? drafts_ : presets_)
        if (s.id == id.substr(draft ? 5 : 0)) return &s;
    return coded("scheme", ErrorCode::unknown_scheme, {{"id", std::string(id.substr(0, 40))}}, "unknown scheme id");
}

const WhatIfDefaults* DataSet::what_if_defaults(std::string_view jurisdiction) const {
    return what_if_defaults_ && what_if_defaults_->jurisdiction == jurisdiction ? &*what_if_defaults_ : nullptr;
}

std::optional<Error> DataSet::need_what_if_defaults() const {
    if (!what_if_defaults_) return coded("whatIfDefaults", ErrorCode::not_in_build, {}, "the what-if's sourced figures are not in this build");
    return std::nullopt;
}

std::optional<Error> DataSet::need_factors() const {
    if (!factors_) return coded("factors", ErrorCode::not_in_build, {}, "the impact factors are not in this build");
    return std::nullopt;
}

std::optional<Error> DataSet::need_model() const {
    if (!model_ || !conversions_) return coded("model", ErrorCode::not_in_build, {}, "the return-rate model is not in this build");
    return std::nullopt;
}

}  // namespace returnloop
