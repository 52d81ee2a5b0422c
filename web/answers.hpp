// The JSON shapes of the core's results as the web module answers them (web/returnloop.d.ts describes them for JS):
// money as integer minor units, each figure beside the sources it rests on. Used by bindings.cpp only.
#pragma once

#include <string_view>
#include <vector>

#include "json_writer.hpp"
#include "returnloop/data_set.hpp"
#include "returnloop/figure_text.hpp"
#include "returnloop/figures.hpp"
#include "returnloop/household_figures.hpp"
#include "returnloop/quote.hpp"
#include "returnloop/what_if.hpp"
#include "returnloop/what_if_defaults.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop::web {

void write_error(JsonOut& w, const Error& e, std::string_view prefix = {});  // {path, message, code, list, index, field, args}
void write_errors(JsonOut& w, const std::vector<Error>& errors, std::string_view prefix = {});  // "errors": [...]
void write_source(JsonOut& w, const Source& s);
void write_sources(JsonOut& w, const std::vector<Source>& sources);  // "sources": [...]
void write_container(JsonOut& w, const Container& c);
void write_decision(JsonOut& w, const Decision& d);  // members of the enclosing object
void write_scheme_summary(JsonOut& w, const Scheme& s, Date today);
void write_prediction(JsonOut& w, const RatePrediction& p);
void write_band(JsonOut& w, const char* key, const Band& b);
void write_count_band(JsonOut& w, const char* key, const CountBand& b);
void write_money_band(JsonOut& w, const char* key, const MoneyBand& b);
void write_impact(JsonOut& w, const ImpactResult& r);           // "impact": {...}
void write_carbon_value(JsonOut& w, const CarbonValue& c);      // "carbonValue": {...}
void write_factor_sources(JsonOut& w, const ImpactFactors& f, std::string_view set_id, std::string_view price_id);
void write_rate_choice(JsonOut& w, const RateChoice& r);        // "returnRate": {...}

// Whole answers, one per call.
void write_load(JsonOut& w, const DataLoad& load);  // {ok, id, errors}
void write_quote(JsonOut& w, Currency currency, const Quote& q);
// With "text": each figure the page shows, worded in locale by the core (figure_text.hpp).
void write_household(JsonOut& w, const Scheme& scheme, const ImpactFactors& f, const HouseholdParams& params,
                     const RateChoice& rate, const HouseholdResult& h, Locale locale);
void write_what_if(JsonOut& w, const ImpactFactors& f, const WhatIfRequest& request, const WhatIfResult& r);
// {jurisdiction, sourced, population?, containersPlaced?, containersPerPerson?}: d null where none are sourced.
void write_what_if_defaults(JsonOut& w, std::string_view jurisdiction, const WhatIfDefaults* d);
void write_factor_tables(JsonOut& w, const ImpactFactors& f);  // sets, equivalents and sources, for "Sources"
void write_model_info(JsonOut& w, const ReturnModel& m, const Conversions& c);
void write_tables(JsonOut& w);  // the core's id lists and input limits, for the page's forms

}  // namespace returnloop::web
