// Reads the web module's call arguments (JSON, parsed by the core's one reader) into core types, each problem an
// error at the argument's path as the caller named it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "returnloop/container.hpp"
#include "returnloop/data_set.hpp"
#include "returnloop/date.hpp"
#include "returnloop/json_input.hpp"
#include "returnloop/money.hpp"
#include "returnloop/projection.hpp"
#include "returnloop/quote.hpp"
#include "returnloop/result.hpp"
#include "returnloop/return_model.hpp"
#include "returnloop/what_if.hpp"

namespace returnloop::web {

using Value = rapidjson::Value;
using Failure = std::optional<Error>;  // nothing, or the error to answer with

const Value* member(const Value& obj, const char* name);  // null when absent or JSON null
std::optional<std::string_view> string_member(const Value& obj, const char* name);
Error moved_to(const char* path, Error e);  // the same error at the field the caller knows it by

Result<Date> date_arg(const Value& args);  // "date", YYYY-MM-DD (returnloop.js fills in today)
Result<Currency> currency_arg(const Value& args, const char* path);  // "currency", an ISO code
Result<Container> container_arg(const Value* v, const std::string& path);  // {material, volumeMl, category, refillable}
Result<const Scheme*> scheme_arg(const Value& args, const DataSet& data);  // "scheme": a preset id or "user:<id>"
Locale locale_arg(const Value& args);  // "locale", en-US when absent or unknown

// "yearsInForce" (0..200) and "returnToRetail" of a what-if, at `prefix` ("" or "whatIf.").
Failure read_what_if(const Value& obj, const std::string& prefix, WhatIfDeposit& w);
// "whatIf": {refundMinor, currency, year, returnToRetail, yearsInForce} of a rate prediction.
Failure read_what_if_deposit(const Value& what_if, WhatIfDeposit& d);
// A what-if projection's "depositMinor", "currency", "containersPerYear", what-if members and projection options,
// on the day `date`.
Failure read_what_if_request(const Value& args, Date date, WhatIfRequest& request);
// Optional "factorSet", "carbonPrice", "draws" and "seed" members over the core's defaults.
Failure read_projection_options(const Value& args, std::string& factor_set, std::string& carbon_price, std::uint32_t& draws,
                                std::uint64_t& seed);
// "lines": [{container, count, per, massG}] of a household.
Failure read_household_lines(const Value& args, std::vector<HouseholdLine>& lines);
// "items": [{container, count}] of a quote.
Failure read_quote_items(const Value& args, std::vector<QuoteItem>& items);

}  // namespace returnloop::web
