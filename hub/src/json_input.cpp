// Strict JSON request reading (see json_input.hpp).
#include "json_input.hpp"

namespace returnloop::hub {
namespace {

// The field `name` of `object`, or nullptr when an earlier error stands or the field is missing (then that is the error).
const Json* required_field(const Json& object, const std::string& name, std::optional<InputError>& error, const std::string& prefix) {
    if (error) return nullptr;
    auto it = object.find(name);
    if (it == object.end()) {
        error = InputError{prefix + name, "is required"};
        return nullptr;
    }
    return &*it;
}

}  // namespace

std::variant<Json, InputError> parse_json_object(std::string_view body) {
    Json j = Json::parse(body.begin(), body.end(), nullptr, false);
    if (j.is_discarded()) return InputError{"body", "is not valid JSON"};
    if (!j.is_object()) return InputError{"body", "must be a JSON object"};
    return j;
}

std::optional<InputError> unknown_field(const Json& object, std::initializer_list<std::string_view> allowed,
                                        const std::string& prefix) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool known = false;
        for (std::string_view a : allowed) known = known || a == it.key();
        if (!known) {
            // An empty name is shown quoted so the error still names a field (found by fuzz_hub_batch).
            std::string shown = it.key().empty() ? "\"\"" : it.key().substr(0, 64);
            return InputError{prefix + shown, "is not a known field"};
        }
    }
    return std::nullopt;
}

std::optional<std::int64_t> read_integer(const Json& object, const std::string& name, std::int64_t min, std::int64_t max,
                                         std::optional<InputError>& error, const std::string& prefix) {
    const Json* field = required_field(object, name, error, prefix);
    if (!field) return std::nullopt;
    std::int64_t value = 0;
    if (field->is_number_unsigned()) {
        const std::uint64_t u = field->get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(max)) {
            error = InputError{prefix + name, "must be at most " + std::to_string(max)};
            return std::nullopt;
        }
        value = static_cast<std::int64_t>(u);
    } else if (field->is_number_integer()) {
        value = field->get<std::int64_t>();
    } else {
        error = InputError{prefix + name, field->is_number() ? "must be a whole number" : "must be a number"};
        return std::nullopt;
    }
    if (value < min || value > max) {
        error = InputError{prefix + name, "must be between " + std::to_string(min) + " and " + std::to_string(max)};
        return std::nullopt;
    }
    return value;
}

std::optional<std::string> read_string(const Json& object, const std::string& name, std::size_t max_bytes,
                                       std::optional<InputError>& error, const std::string& prefix) {
    const Json* field = required_field(object, name, error, prefix);
    if (!field) return std::nullopt;
    if (!field->is_string()) {
        error = InputError{prefix + name, "must be a string"};
        return std::nullopt;
    }
    const std::string& s = field->get_ref<const std::string&>();
    if (s.size() > max_bytes) {
        error = InputError{prefix + name, "is longer than " + std::to_string(max_bytes) + " bytes"};
        return std::nullopt;
    }
    if (s.find('\0') != std::string::npos) {
        error = InputError{prefix + name, "must not contain NUL characters"};
        return std::nullopt;
    }
    return s;
}

}  // namespace returnloop::hub
