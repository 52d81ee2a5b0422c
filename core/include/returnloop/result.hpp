// Errors a user can cause, carried as values: the field they concern, a typed code with its arguments (which each
// face words in its own language), and a plain English message for logs and tools.
// The core never throws across the WASM boundary and never aborts on bad input.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace returnloop {

// What is wrong, independent of language. The arguments each code carries are listed beside it; faces word the
// code with them ("Rule 6: must not be negative (-5)", "第 6 条规则：……"). Ids (error_code_id) are stable: the
// web's string tables and the kiosk's are keyed by them.
enum class ErrorCode : std::uint8_t {
    other,                // only the English message says what (faces show a generic text)
    file_empty,           //
    file_too_large,       // bytes, limit
    json_malformed,       // line, column
    not_object,           // got (a type id: null, boolean, object, array, string, number)
    unknown_field,        // name, suggestion (may be empty)
    duplicate_field,      // name
    missing_field,        // name
    wrong_type,           // expected (string, whole_number, number, boolean, date, array, object, decimal_text), got
    empty_text,           //
    bad_character,        // (a NUL or an unpaired surrogate in a text)
    not_whole_number,     //
    number_too_large,     //
    below_min,            // min, value
    above_max,            // max, value
    out_of_range,         // min, max (a number outside min..max)
    bad_date,             // text
    bad_decimal,          // text, places
    unknown_value,        // kind (material, category, container_scope, currency, status, factor_kind), given,
                          // suggestion
    listed_twice,         // value
    too_many_entries,     // limit
    empty_list,           //
    bad_scheme_id,        // text
    bad_country,          // text
    bad_url,              //
    rate_out_of_range,    // (a share from 0 to 1)
    until_before_from,    // until, from
    max_below_min,        // max, min
    negative,             // value
    amount_too_large,     // value, limit, currency, minorPerMajor
    refund_above_deposit, // refund, deposit
    fee_too_large,        // limit
    unknown_source,       // id
    duplicate_id,         // id, other (1-based entry number)
    rules_overlap,        // other (1-based rule number), otherId, volume, refillable (0/1), material, category, date
    more_errors,          // count
    unknown_scheme,       // id
    unknown_id,           // id (a factor set or carbon price)
    too_many,             // max (containers per period, placed, draws)
    wrong_currency,       // currency (the one required)
    not_exact_money,      // (a total beyond exact int64 money)
    no_rate,              // (no published rate and no model estimate)
    not_covered,          // date (the scheme covers or refunds none of the model's reference containers)
    needs_deposit,        // (a what-if without a deposit)
    not_in_build,         // (a call needs data or a module this build lacks)
    bad_arguments,        // (the call's arguments are not a JSON object)
    currency_periods,     // (currency periods that do not run end to end into the scheme's currency)
    rule_past_currency,   // date, from, to (a rule running past the day its currency gave way to another)
};
inline constexpr int kErrorCodeCount = static_cast<int>(ErrorCode::rule_past_currency) + 1;
std::string_view error_code_id(ErrorCode code);  // "missing_field", ...

struct ErrorArg {
    const char* name;   // "min", "value", "name", ... (a literal: the names are fixed per code)
    std::string value;  // as text: numbers in plain digits, ids as ids
};

// Where an error is, read from its path by the core (faces never parse paths): "rules[5].depositMinor" is list
// "rules", index 5, field "depositMinor"; "currency" is field "currency"; "" is the whole file. The views point into
// the error's path, so a place lives no longer than its error.
struct ErrorPlace {
    std::string_view list;   // "rules", "sources", "returnRates", "lines", "items"; empty at the top level
    int index = -1;          // 0-based entry of list; -1 when none
    std::string_view field;  // the member at fault, empty for a whole entry or the whole file
};

struct Error {
    std::string path;     // the field at fault, e.g. "rules[2].maxMl" or "line 17, column volume_ml"; may be empty
    std::string message;  // plain English words, e.g. "maxMl (500) is below minMl (1000)"
    ErrorCode code = ErrorCode::other;
    std::vector<ErrorArg> args = {};

    ErrorPlace place() const&;
    ErrorPlace place() const&& = delete;  // its views would outlive the path
};

// An error with its code and arguments (the message is the English wording of the same facts). Everything is taken
// as views and copied out of line: the web's first-view module has a size budget, and each of its many call sites
// would otherwise carry the strings' construction (constant arguments become one constant table).
struct ErrorArgView {
    constexpr ErrorArgView(const char* arg_name, std::string_view text) : name(arg_name), value(text) {}
    constexpr ErrorArgView(const char* arg_name, const char* text) : name(arg_name), value(text) {}
    ErrorArgView(const char* arg_name, const std::string& text) : name(arg_name), value(text) {}
    const char* name;
    std::string_view value;
};
Error coded(std::string_view path, ErrorCode code, std::initializer_list<ErrorArgView> args, std::string_view message);

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(state_); }
    T& value() & { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    const T* operator->() const { return &std::get<0>(state_); }
    const T& operator*() const& { return std::get<0>(state_); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

}  // namespace returnloop
