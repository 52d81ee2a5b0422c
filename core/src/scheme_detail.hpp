// Internals shared by the scheme parser, validator and id tables (not part of the public API):
// enum sizes, a capped error list, and what the parser could read of each field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop::detail {

using returnloop::kRefillScopeCount;
using returnloop::kSchemeStatusCount;
using returnloop::kSourceQualityCount;

// Collects errors up to a limit: a hostile file with a million bad entries must not turn into a million messages
// (memory in the browser is finite), and the first hundred are more than anyone fixes in one go.
class ErrorList {
public:
    static constexpr std::size_t kLimit = 100;
    void add(std::string path, ErrorCode code, std::vector<ErrorArg> args, std::string message);
    bool empty() const { return errors_.empty(); }
    std::vector<Error> take();  // appends a closing "and N more" error when some were left out

private:
    std::vector<Error> errors_;
    std::size_t left_out_ = 0;
};

// Fields of a rule; a bit is set in RuleRead::ok when the field was read as a valid value of its type
// (or was an absent optional field, so its default stands). The validator checks a relation only when every
// field it involves was read, so one typo does not cause a cascade of false alarms.
enum class RuleField : std::uint8_t {
    id, from, until, materials, categories, containers, min_ml, max_ml,
    deposit, refund, non_refundable_fee, handling_fee, source, note
};
struct RuleRead {
    std::uint16_t ok = 0;
    bool has_refund = false;  // refundMinor was given (else refund equals the deposit)
    bool has(RuleField f) const { return (ok >> static_cast<int>(f)) & 1u; }
    void set(RuleField f) { ok = static_cast<std::uint16_t>(ok | (1u << static_cast<int>(f))); }
};

// What parse gives the validator: the scheme as far as it could be read, and how far that was.
struct SchemeRead {
    Scheme scheme;
    std::vector<RuleRead> rules;             // parallel to scheme.rules
    std::vector<bool> return_rate_source_ok; // parallel to scheme.return_rates
    bool currency_ok = false;
    bool currency_periods_ok = false;        // "currencies" absent, or every period read as a valid value
    bool sources_ok = false;                 // every source's id was read, so a missing id is really missing
};

// Semantic checks over what was read: ranges, amounts, references, duplicates, overlapping rules, and currency
// periods that meet end to end with every rule inside one of them.
void validate_scheme(const SchemeRead& read, ErrorList& errors);

// Small text helpers shared by the parse and validate messages (hand-formatted: no printf in the WASM).
std::string int_text(std::int64_t value);
std::string index_path(std::string_view array_path, std::size_t index);  // "rules" + 2 -> "rules[2]"
std::string field_path(std::string_view object_path, std::string_view name);  // "rules[2]" + "maxMl"

}  // namespace returnloop::detail
