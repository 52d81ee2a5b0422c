// Error codes' stable ids and an error's place (list, entry, field) read from the path the core wrote.
#include <array>

#include "returnloop/result.hpp"

namespace returnloop {

namespace {
constexpr std::array<std::string_view, kErrorCodeCount> kIds = {
    "other", "file_empty", "file_too_large", "json_malformed", "not_object", "unknown_field", "duplicate_field",
    "missing_field", "wrong_type", "empty_text", "bad_character", "not_whole_number", "number_too_large",
    "below_min", "above_max", "out_of_range", "bad_date", "bad_decimal", "unknown_value", "listed_twice",
    "too_many_entries", "empty_list", "bad_scheme_id", "bad_country", "bad_url", "rate_out_of_range",
    "until_before_from", "max_below_min", "negative", "amount_too_large", "refund_above_deposit", "fee_too_large",
    "unknown_source", "duplicate_id", "rules_overlap", "more_errors", "unknown_scheme", "unknown_id", "too_many",
    "wrong_currency", "not_exact_money", "no_rate", "not_covered", "needs_deposit", "not_in_build", "bad_arguments",
    "currency_periods", "rule_past_currency"};
}  // namespace

Error coded(std::string path, ErrorCode code, std::vector<ErrorArg> args, std::string message) {
    return Error{std::move(path), std::move(message), code, std::move(args)};
}

Error coded(std::string path, ErrorCode code, std::initializer_list<ErrorArgView> args, std::string message) {
    std::vector<ErrorArg> copied;
    copied.reserve(args.size());
    for (const ErrorArgView& a : args) copied.push_back(ErrorArg{a.name, std::string(a.value)});
    return Error{std::move(path), std::move(message), code, std::move(copied)};
}

std::string_view error_code_id(ErrorCode code) {
    const auto i = static_cast<std::size_t>(code);
    return i < kIds.size() ? kIds[i] : kIds[0];
}

// Paths the core writes are "field", "list[i]", "list[i].field" or "list[i].field[j]" (an entry of a list field,
// whose field is then the list's). Anything else (a quoted odd key) is kept whole as the field.
ErrorPlace Error::place() const {
    ErrorPlace place;
    std::string_view rest = path;
    const std::size_t open = rest.find('[');
    if (open == std::string_view::npos || open == 0) {
        place.field = std::string(rest);
        return place;
    }
    const std::size_t close = rest.find(']', open);
    if (close == std::string_view::npos) {
        place.field = std::string(rest);
        return place;
    }
    int index = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const char c = rest[i];
        if (c < '0' || c > '9' || index > 100'000'000) {
            place.field = std::string(rest);
            return place;
        }
        index = index * 10 + (c - '0');
    }
    place.list = std::string(rest.substr(0, open));
    place.index = index;
    rest.remove_prefix(close + 1);
    if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
    place.field = std::string(rest.substr(0, rest.find('[')));
    return place;
}

}  // namespace returnloop
