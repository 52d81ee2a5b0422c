// Strict reading of JSON request bodies: an object with only the named fields, each of the expected type and range.
// Every refusal names the field (InputError), so a 4xx can say exactly what to fix.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "batch.hpp"

namespace returnloop::hub {

using Json = nlohmann::json;

// Parses the body as one JSON object; depth and size are bounded by the server before this is called.
std::variant<Json, InputError> parse_json_object(std::string_view body);

// The first field of `object` not in `allowed`, as an InputError; nullopt when every field is known.
std::optional<InputError> unknown_field(const Json& object, std::initializer_list<std::string_view> allowed,
                                        const std::string& prefix = "");

// Each reader returns the value or sets `error` (leaving it untouched on success). Missing required fields are errors.
std::optional<std::int64_t> read_integer(const Json& object, const std::string& name, std::int64_t min, std::int64_t max,
                                         std::optional<InputError>& error, const std::string& prefix = "");
std::optional<std::string> read_string(const Json& object, const std::string& name, std::size_t max_bytes,
                                       std::optional<InputError>& error, const std::string& prefix = "");

}  // namespace returnloop::hub
