// Reading and checking the sourced figures a what-if starts from (what_if_defaults.hpp).
#include "returnloop/what_if_defaults.hpp"

#include <string>

#include "impact_json.hpp"
#include "returnloop/date.hpp"

namespace returnloop {
namespace {
using detail::JsonReader;
using Value = rapidjson::Value;
}  // namespace

WhatIfDefaultsParse parse_what_if_defaults(std::string_view json_text) {
    WhatIfDefaultsParse out;
    JsonReader r("", out.errors);  // the data set names the file
    JsonDocument doc;
    if (!r.parse(json_text, doc)) return out;
    WhatIfDefaults d;
    r.string(doc, "", "scheme", d.jurisdiction);
    if (const Value* pop = r.object(doc, "", "population")) {
        r.count(*pop, "population", "value", kMaxPopulation, d.population.value);
        std::string as_of;
        if (r.string(*pop, "population", "asOf", as_of)) {
            if (auto date = parse_date(as_of)) d.population.year = year_of(date.value());
            else
                r.fail("population.asOf", ErrorCode::bad_date, {{"text", JsonReader::quoted(as_of)}},
                       "must be a date YYYY-MM-DD");
        }
        if (const Value* src = r.object(*pop, "population", "source"))
            r.string(*src, "population.source", "id", d.population.source_id);
    }
    if (const Value* placed = r.object(doc, "", "containersPlaced")) {
        r.count(*placed, "containersPlaced", "value", kMaxContainersPlaced, d.containers_placed.value);
        r.count(*placed, "containersPlaced", "perPerson", kMaxContainersPerPerson, d.containers_per_person.value);
        r.boolean(*placed, "containersPlaced", "assumption", d.containers_placed.assumption);
        // A sourced count names its source; an assumption may still cite one.
        const bool wants_source = !d.containers_placed.assumption || placed->HasMember("source");
        const Value* src = wants_source ? r.object(*placed, "containersPlaced", "source") : nullptr;
        if (src) r.string(*src, "containersPlaced.source", "id", d.containers_placed.source_id);
    }
    if (!out.errors.empty()) return out;
    // The count a person rests on is the same kind of figure as the total: sourced or assumed alike, for the same year.
    d.containers_placed.year = d.containers_per_person.year = d.population.year;
    d.containers_per_person.assumption = d.containers_placed.assumption;
    d.containers_per_person.source_id = d.containers_placed.source_id;
    out.defaults = std::move(d);
    return out;
}

}  // namespace returnloop
