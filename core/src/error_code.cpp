// Error codes' stable ids and an error's place (list, entry, field) read from the path the core wrote.
#include <string>

#include "returnloop/result.hpp"

namespace returnloop {

namespace {
// One text with the ids in code order, each ended by a NUL: a table of views would add 8 bytes per code to the web's
// first-view module, where errors are rare and a lookup may scan.
constexpr char kIds[] =
    "other\0file_empty\0file_too_large\0json_malformed\0not_object\0unknown_field\0duplicate_field\0"
    "missing_field\0wrong_type\0empty_text\0bad_character\0not_whole_number\0number_too_large\0"
    "below_min\0above_max\0out_of_range\0bad_date\0bad_decimal\0unknown_value\0listed_twice\0"
    "too_many_entries\0empty_list\0bad_scheme_id\0bad_country\0bad_url\0rate_out_of_range\0"
    "until_before_from\0max_below_min\0negative\0amount_too_large\0refund_above_deposit\0fee_too_large\0"
    "unknown_source\0duplicate_id\0rules_overlap\0more_errors\0unknown_scheme\0unknown_id\0too_many\0"
    "wrong_currency\0not_exact_money\0no_rate\0not_covered\0needs_deposit\0not_in_build\0bad_arguments\0"
    "currency_periods\0rule_past_currency";
constexpr int id_count() {
    int nuls = 0;
    for (char c : kIds) nuls += c == '\0';
    return nuls;  // one after each id, the last being the array's own
}
static_assert(id_count() == kErrorCodeCount, "one id per ErrorCode, in order");
}  // namespace

Error coded(std::string_view path, ErrorCode code, std::initializer_list<ErrorArgView> args, std::string_view message) {
    std::vector<ErrorArg> copied;
    copied.reserve(args.size());
    for (const ErrorArgView& a : args) copied.push_back(ErrorArg{a.name, std::string(a.value)});
    return Error{std::string(path), std::string(message), code, std::move(copied)};
}

std::string_view error_code_id(ErrorCode code) {
    const int n = static_cast<int>(code) < kErrorCodeCount ? static_cast<int>(code) : 0;
    const char* id = kIds;
    for (int i = 0; i < n; ++i) id += std::char_traits<char>::length(id) + 1;
    return id;
}

// Paths the core writes are "field", "list[i]", "list[i].field" or "list[i].field[j]" (an entry of a list field,
// whose field is then the list's). Anything else (a quoted odd key) is kept whole as the field.
ErrorPlace Error::place() const& {
    ErrorPlace place;
    std::string_view rest = path;
    const std::size_t open = rest.find('[');
    const std::size_t close = open == std::string_view::npos ? open : rest.find(']', open);
    if (open == 0 || close == std::string_view::npos) {
        place.field = rest;
        return place;
    }
    int index = 0;
    for (std::size_t i = open + 1; i < close; ++i) {
        const char c = rest[i];
        if (c < '0' || c > '9' || index > 100'000'000) {
            place.field = rest;
            return place;
        }
        index = index * 10 + (c - '0');
    }
    place.list = rest.substr(0, open);
    place.index = index;
    rest.remove_prefix(close + 1);
    if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
    place.field = rest.substr(0, rest.find('['));
    return place;
}

}  // namespace returnloop
