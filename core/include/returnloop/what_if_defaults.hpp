// The figures a what-if starts from for a jurisdiction: its population and the drink containers placed on its market
// a year (and the count a person that rests on), each with its source and year. ReturnLoop has them only where a
// data file sources them (assets/china/deposit-context.json, for the cn-pilot what-if); elsewhere the reader enters them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/result.hpp"

namespace returnloop {

struct SourcedCount {
    std::int64_t value = 0;
    std::string source_id;    // empty for an assumption
    int year = 0;             // the year the figure is for
    bool assumption = false;  // no source: the file says what it rests on
};

struct WhatIfDefaults {
    std::string jurisdiction;  // the scheme id the figures are for
    SourcedCount population;
    SourcedCount containers_placed;      // a year
    SourcedCount containers_per_person;  // a year
};

// The largest figures the file may give: beyond them a value is a mistake, not a market (and stays exact in JS).
inline constexpr std::int64_t kMaxPopulation = 10'000'000'000;
inline constexpr std::int64_t kMaxContainersPlaced = 10'000'000'000'000;
inline constexpr std::int64_t kMaxContainersPerPerson = 10'000;

struct WhatIfDefaultsParse {
    std::optional<WhatIfDefaults> defaults;
    std::vector<Error> errors;  // each names its field ("population.value"); typed: file_too_large, json_malformed,
                                // not_object, missing_field, wrong_type, not_whole_number, negative, below_min,
                                // above_max, bad_date, empty_text, bad_character
};

// Reads assets/china/deposit-context.json's "scheme", "population" and "containersPlaced" (its other figures are the
// page's to show) through the core's guarded JSON reader.
WhatIfDefaultsParse parse_what_if_defaults(std::string_view json_text);

}  // namespace returnloop
