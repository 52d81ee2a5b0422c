// Compact binary snapshots of data the core has already parsed and validated: a scheme, and the start data (impact
// factors, money conversion, return-rate model). A face that ships prevalidated data and must stay small reads them
// without the JSON parsers (the web calculator's first view). A snapshot is written only from parsed data, so it
// holds only what validation accepted, and reads back exactly (doubles bit for bit). Reading checks every length,
// count and enum against the bytes left and fails with an Error; it never reads out of bounds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "returnloop/impact.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

struct StartData {
    ImpactFactors factors;
    Conversions conversions;
    ReturnModel model;
};

// What a snapshot keeps. figures: everything a figure is computed from or cites (values, names, units,
// sources), with the descriptive texts left empty: for start data the set descriptions, the bases of factors and
// mass ranges, the conversion's method and the model's provenance; for a scheme its notes, its rules' notes and its
// Chinese texts (summaryZh, titleZh: a face reads them from the scheme's JSON when it shows Chinese).
enum class SnapshotDetail : std::uint8_t { complete, figures };

std::string snapshot_scheme(const Scheme& scheme, SnapshotDetail detail = SnapshotDetail::complete);
std::string snapshot_start_data(const StartData& data, SnapshotDetail detail = SnapshotDetail::complete);

// Errors have the path "snapshot" and say what was wrong (not a snapshot, truncated, a value out of range).
Result<Scheme> read_scheme_snapshot(std::string_view bytes);
Result<StartData> read_start_data_snapshot(std::string_view bytes);

// What a snapshot holds, from its first bytes: 's' a scheme, 'd' start data, 0 neither.
char snapshot_kind(std::string_view bytes);

}  // namespace returnloop
