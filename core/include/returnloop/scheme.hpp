// A deposit scheme as data: dated rules per jurisdiction, and the one decision every face asks of it:
// does this container carry a deposit here on this date, how much, and if not, why not.
// The JSON format is documented in assets/schemes/README.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"

namespace returnloop {

enum class RefillScope : std::uint8_t { single_use, refillable, any };
inline constexpr int kRefillScopeCount = 3;

enum class SchemeStatus : std::uint8_t { in_force, planned, uncertain, hypothetical };
inline constexpr int kSchemeStatusCount = 4;

// How far a source can be trusted for the figure it backs: the law or a government page, the scheme operator's own
// page, a secondary report (news, NGO compilations such as bottlebill.org), or a weak one (a blog, an undated note).
enum class SourceQuality : std::uint8_t { official, operator_page, secondary, weak };
inline constexpr int kSourceQualityCount = 4;

struct Source {
    std::string id;        // referenced by rules and return rates
    std::string title;     // publisher and title
    std::string title_zh;  // the same in Simplified Chinese
    std::string url;       // may be empty for print sources
    int year = 0;          // year of publication or of the figure
    SourceQuality quality = SourceQuality::secondary;
};

// A per-container fee rate with sub-cent precision (handling fees such as EUR 0.0159), in millionths of a
// major unit; rounded to whole minor units only when totals are paid.
struct FeeRate {
    std::int64_t micros = 0;
    friend bool operator==(const FeeRate&, const FeeRate&) = default;
};

struct Rule {
    std::string id;
    Date from;                   // first day in force
    std::optional<Date> until;   // first day no longer in force (exclusive); none = open-ended
    std::uint8_t material_mask = 0;   // bit (1 << Material)
    std::uint16_t category_mask = 0;  // bit (1 << Category)
    RefillScope refill = RefillScope::single_use;
    std::uint32_t min_ml = 0;                  // inclusive
    std::uint32_t max_ml = UINT32_MAX;         // inclusive
    std::int64_t deposit_minor = 0;            // charged at sale
    std::int64_t refund_minor = 0;             // paid back on return (less than deposit in half-back schemes)
    std::int64_t non_refundable_fee_minor = 0; // e.g. Hawaii's 1c container fee, Saskatchewan's EHC
    FeeRate handling_fee;                      // paid to the return point per container, where known
    std::string source_id;
    std::string note;
};

// The currency a scheme's amounts are in from one date to another: Estonia paid deposits in kroons until
// 1 January 2011. The first period reaches back to the beginning, the last one is still in force.
struct CurrencyPeriod {
    Currency currency = Currency::USD;
    std::optional<Date> from;   // none: from the beginning (only the first period)
    std::optional<Date> until;  // first day no longer in force; none: still in force (only the last period)
};

struct ReturnRateObservation {
    int year = 0;
    double rate = 0;  // 0..1
    std::string source_id;
    std::string note;
};

struct Scheme {
    std::string id;       // ISO 3166 based: "us-ca", "de", "au-nsw", "cn-pilot"
    std::string name;     // English
    std::string name_zh;  // Simplified Chinese
    std::string country;  // ISO 3166-1 alpha-2
    Currency currency = Currency::USD;  // the currency in force now (the last of currency_periods, when given)
    std::vector<CurrencyPeriod> currency_periods;  // empty: `currency` on every date
    SchemeStatus status = SchemeStatus::in_force;
    std::optional<Date> started;       // first deposit in this jurisdiction
    std::optional<Date> checked;       // when the rules were last checked against their sources
    bool return_to_retail = false;     // retailers selling deposit drinks must take them back
    std::string operator_name;
    std::string summary;
    std::string summary_zh;            // the summary in Simplified Chinese
    std::string notes;                 // caveats: uncertain figures, conversions made
    std::vector<Rule> rules;
    std::vector<ReturnRateObservation> return_rates;
    std::vector<Source> sources;

    bool hypothetical() const { return status == SchemeStatus::hypothetical; }
    Currency currency_on(Date date) const;  // the currency a rule in force on that date is written in
    const Source* find_source(std::string_view id) const;
};

enum class Reason : std::uint8_t {
    none,                    // eligible
    not_in_force,            // the date is before any rule of the scheme applies
    ended,                   // no rule applies any more at that date
    material_not_covered,
    category_not_covered,
    refillable_not_covered,  // refillables are handled outside this scheme
    single_use_not_covered,  // only refillables carry a deposit here
    volume_out_of_range,
};
std::string_view reason_id(Reason reason);  // "material_not_covered", ...

// JSON and JS names: "single_use", "refillable", "any"; "in_force", "planned", "uncertain", "hypothetical".
std::string_view refill_scope_id(RefillScope scope);
std::optional<RefillScope> refill_scope_from_id(std::string_view id);
std::string_view scheme_status_id(SchemeStatus status);
std::optional<SchemeStatus> scheme_status_from_id(std::string_view id);
// "official", "operator", "secondary", "weak".
std::string_view source_quality_id(SourceQuality quality);
std::optional<SourceQuality> source_quality_from_id(std::string_view id);

struct Decision {
    bool eligible = false;
    Reason reason = Reason::none;
    Money deposit;             // zero when not eligible, in the scheme's currency on the date asked
    Money refund;
    Money non_refundable_fee;
    FeeRate handling_fee;
    int rule_index = -1;       // index into Scheme::rules, -1 when not eligible
};

// Parses and validates a scheme file, reporting every problem with its JSON path (e.g. "rules[3].materials[1]").
// scheme is set only when errors is empty.
struct SchemeParse {
    std::optional<Scheme> scheme;
    std::vector<Error> errors;
};
SchemeParse parse_scheme(std::string_view json_text);

Decision decide(const Scheme& scheme, const Container& container, Date date);

// Whether any rule in force on the date carries a deposit on refillable containers (Germany's Mehrweg bottles,
// Korea's soju and beer bottles): a face offers a refillable bottle only where one can be decided eligible.
bool has_refillable_deposit(const Scheme& scheme, Date date);

}  // namespace returnloop
