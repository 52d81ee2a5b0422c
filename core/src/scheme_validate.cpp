// Semantic checks of a scheme as read: date and volume ranges, amounts against the currency of their time, currency
// periods, source references, duplicate ids, and pairs of rules that could both match one container on one day
// (decide() needs exactly one).
#include <algorithm>
#include <string>

#include "scheme_detail.hpp"

namespace returnloop::detail {

namespace {

// A deposit, fee or refund above this many major units for one container is a unit mix-up (dollars typed as
// cents), not a law: the highest deposits in force are a few major units (Saskatchewan CAD 0.40, Iceland ISK 16).
constexpr std::int64_t kAbsurdMajorUnits = 1000;
constexpr std::int64_t kMicrosPerMajor = 1'000'000;

std::string rule_path(std::size_t index) { return index_path("rules", index); }

std::string rule_label(const Scheme& scheme, std::size_t index) {
    return rule_path(index) + " (\"" + scheme.rules[index].id + "\")";
}

// An amount is in the currency in force when its rule starts (a rule never spans a currency change).
void check_amount(Currency currency, bool currency_ok, std::size_t rule, std::string_view field,
                  std::int64_t minor, ErrorList& errors) {
    if (minor < 0) {
        errors.add(field_path(rule_path(rule), field), ErrorCode::negative, {{"value", int_text(minor)}},
                   "must not be negative (" + int_text(minor) + ")");
        return;
    }
    if (!currency_ok) return;  // the currency error is already reported; its scale is unknown
    const std::int64_t limit = kAbsurdMajorUnits * minor_per_major(currency);
    if (minor > limit) {
        const std::string code(currency_code(currency));
        errors.add(field_path(rule_path(rule), field), ErrorCode::amount_too_large,
                   {{"value", int_text(minor)}, {"limit", int_text(kAbsurdMajorUnits)}, {"currency", code},
                    {"minorPerMajor", int_text(minor_per_major(currency))}},
                   int_text(minor) + " is more than " + int_text(kAbsurdMajorUnits) + " " + code +
                       " for one container; amounts are in minor units (1 " + code + " = " +
                       int_text(minor_per_major(currency)) + ")");
    }
}

std::string period_path(std::size_t index) { return index_path("currencies", index); }

// The periods must run from the beginning to now without a gap or an overlap, each in a different currency from
// the one before, the last being the scheme's "currency". Returns whether they do (rules are then checked against
// them).
bool check_currency_periods(const Scheme& scheme, ErrorList& errors) {
    const std::vector<CurrencyPeriod>& periods = scheme.currency_periods;
    bool ok = true;
    const auto fail = [&](std::string path, std::string message) {
        errors.add(std::move(path), ErrorCode::currency_periods, {}, std::move(message));
        ok = false;
    };
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const CurrencyPeriod& period = periods[i];
        const std::string path = period_path(i);
        const bool last = i + 1 == periods.size();
        if (i == 0 && period.from)
            fail(field_path(path, "from"), "the first currency period reaches back to the beginning: leave out from");
        if (i > 0 && !period.from)
            fail(path, "missing \"from\": say from which date " + std::string(currency_code(period.currency)) +
                           " applies");
        if (last && period.until)
            fail(field_path(path, "until"), "the last currency period is the one in force now: leave out until");
        if (!last && !period.until)
            fail(path, "missing \"until\": only the last currency period may be open-ended");
        if (period.from && period.until && !(*period.from < *period.until))
            fail(field_path(path, "until"), "until (" + format_date(*period.until) + ") must be after from (" +
                                                format_date(*period.from) + ")");
        if (i == 0) continue;
        const CurrencyPeriod& before = periods[i - 1];
        if (before.until && period.from && *before.until != *period.from)
            fail(field_path(path, "from"),
                 std::string(*period.from < *before.until ? "overlaps" : "leaves a gap after") + " " +
                     period_path(i - 1) + ", which ends on " + format_date(*before.until) +
                     ": a period must start on the day the one before ends");
        if (before.currency == period.currency)
            fail(field_path(path, "currency"), "is the same currency as " + period_path(i - 1) +
                                                   "; merge the two periods");
    }
    if (!periods.empty() && periods.back().currency != scheme.currency)
        fail("currency", std::string(currency_code(scheme.currency)) + " is not the last currency period's (" +
                             std::string(currency_code(periods.back().currency)) +
                             "): \"currency\" is the one in force now");
    return ok;
}

// A rule's amounts are in one currency, so a rule must end where its currency does.
void check_rule_currency(const Scheme& scheme, std::size_t index, ErrorList& errors) {
    const Rule& rule = scheme.rules[index];
    for (std::size_t i = 0; i < scheme.currency_periods.size(); ++i) {
        const CurrencyPeriod& period = scheme.currency_periods[i];
        if (!period.until || rule.from >= *period.until) continue;
        if (!rule.until || *rule.until > *period.until) {
            const Currency next = i + 1 < scheme.currency_periods.size() ? scheme.currency_periods[i + 1].currency
                                                                          : scheme.currency;
            errors.add(field_path(rule_path(index), "until"), ErrorCode::rule_past_currency,
                       {{"date", format_date(*period.until)}, {"from", std::string(currency_code(period.currency))},
                        {"to", std::string(currency_code(next))}},
                       "the rule runs past " + format_date(*period.until) + ", when " +
                           std::string(currency_code(period.currency)) + " gave way to " +
                           std::string(currency_code(next)) + ": end it on that date and continue in a new rule "
                           "with the amount in " + std::string(currency_code(next)));
        }
        return;
    }
}

bool date_range_ok(const Rule& rule) { return !rule.until || rule.from < *rule.until; }

// Whether the rule's matching fields were all read and are coherent, so an overlap test means something.
bool matchable(const Rule& rule, const RuleRead& read) {
    for (RuleField field : {RuleField::from, RuleField::until, RuleField::materials, RuleField::categories,
                            RuleField::containers, RuleField::min_ml, RuleField::max_ml})
        if (!read.has(field)) return false;
    return date_range_ok(rule) && rule.min_ml <= rule.max_ml;
}

bool scopes_meet(RefillScope a, RefillScope b) {
    return a == RefillScope::any || b == RefillScope::any || a == b;
}

bool dates_meet(const Rule& a, const Rule& b) {
    const bool a_before_b_ends = !b.until || a.from < *b.until;
    const bool b_before_a_ends = !a.until || b.from < *a.until;
    return a_before_b_ends && b_before_a_ends;
}

bool overlap(const Rule& a, const Rule& b) {
    return dates_meet(a, b) && (a.material_mask & b.material_mask) != 0 && (a.category_mask & b.category_mask) != 0 &&
           scopes_meet(a.refill, b.refill) && a.min_ml <= b.max_ml && b.min_ml <= a.max_ml;
}

int lowest_bit(std::uint32_t mask) {
    int bit = 0;
    while (mask != 0 && (mask & 1u) == 0) {
        mask >>= 1;
        ++bit;
    }
    return bit;
}

// One concrete container both rules would claim, so the message shows the clash instead of describing it.
struct Clash {
    Material material;
    Category category;
    bool refillable;
    std::uint32_t volume;
    Date day;
};
Clash clash_of(const Rule& a, const Rule& b) {
    return Clash{static_cast<Material>(lowest_bit(a.material_mask & b.material_mask)),
                 static_cast<Category>(lowest_bit(a.category_mask & b.category_mask)),
                 a.refill == RefillScope::refillable || b.refill == RefillScope::refillable,
                 std::max(a.min_ml, b.min_ml), std::max(a.from, b.from)};
}
std::string overlap_example(const Rule& a, const Rule& b) {
    const Clash c = clash_of(a, b);
    return "a " + int_text(c.volume) + " mL " + (c.refillable ? "refillable " : "single-use ") +
           std::string(material_id(c.material)) + " " + std::string(category_id(c.category)) + " container on " +
           format_date(c.day);
}
std::vector<ErrorArg> overlap_args(const Scheme& scheme, std::size_t earlier, std::size_t later) {
    const Clash c = clash_of(scheme.rules[earlier], scheme.rules[later]);
    return {{"other", int_text(static_cast<std::int64_t>(earlier + 1))}, {"otherId", scheme.rules[earlier].id},
            {"volume", int_text(c.volume)}, {"refillable", c.refillable ? "1" : "0"},
            {"material", std::string(material_id(c.material))}, {"category", std::string(category_id(c.category))},
            {"date", format_date(c.day)}};
}

void check_rule(const Scheme& scheme, bool currency_ok, bool sources_ok, std::size_t index, const RuleRead& read,
                ErrorList& errors) {
    const Rule& rule = scheme.rules[index];
    const std::string path = rule_path(index);
    const Currency currency = read.has(RuleField::from) ? scheme.currency_on(rule.from) : scheme.currency;

    if (read.has(RuleField::from) && read.has(RuleField::until) && !date_range_ok(rule))
        errors.add(field_path(path, "until"), ErrorCode::until_before_from,
                   {{"until", format_date(*rule.until)}, {"from", format_date(rule.from)}},
                   "until (" + format_date(*rule.until) + ") must be after from (" + format_date(rule.from) +
                       "): it is the first day the rule no longer applies");
    if (read.has(RuleField::min_ml) && read.has(RuleField::max_ml) && rule.min_ml > rule.max_ml)
        errors.add(field_path(path, "maxMl"), ErrorCode::max_below_min,
                   {{"max", int_text(rule.max_ml)}, {"min", int_text(rule.min_ml)}},
                   "maxMl (" + int_text(rule.max_ml) + ") is below minMl (" + int_text(rule.min_ml) + ")");

    if (read.has(RuleField::deposit)) check_amount(currency, currency_ok, index, "depositMinor", rule.deposit_minor, errors);
    if (read.has_refund && read.has(RuleField::refund)) {
        check_amount(currency, currency_ok, index, "refundMinor", rule.refund_minor, errors);
        if (read.has(RuleField::deposit) && rule.refund_minor > rule.deposit_minor)
            errors.add(field_path(path, "refundMinor"), ErrorCode::refund_above_deposit,
                       {{"refund", int_text(rule.refund_minor)}, {"deposit", int_text(rule.deposit_minor)}},
                       "refundMinor (" + int_text(rule.refund_minor) + ") is above depositMinor (" +
                           int_text(rule.deposit_minor) + "): a return cannot pay back more than was charged");
    }
    if (read.has(RuleField::non_refundable_fee))
        check_amount(currency, currency_ok, index, "nonRefundableFeeMinor", rule.non_refundable_fee_minor, errors);
    if (read.has(RuleField::handling_fee)) {
        if (rule.handling_fee.micros < 0)
            errors.add(field_path(path, "handlingFee"), ErrorCode::negative, {}, "must not be negative");
        else if (rule.handling_fee.micros > kAbsurdMajorUnits * kMicrosPerMajor)
            errors.add(field_path(path, "handlingFee"), ErrorCode::fee_too_large, {{"limit", int_text(kAbsurdMajorUnits)}},
                       "is more than " + int_text(kAbsurdMajorUnits) +
                           " major units per container; it is written in major units (\"0.0159\" is 1.59 cents)");
    }

    if (read.has(RuleField::source) && sources_ok && !scheme.find_source(rule.source_id))
        errors.add(field_path(path, "source"), ErrorCode::unknown_source, {{"id", rule.source_id}},
                   "unknown source \"" + rule.source_id + "\": no entry in sources has this id");

    if (read.has(RuleField::id)) {
        for (std::size_t earlier = 0; earlier < index; ++earlier) {
            if (scheme.rules[earlier].id == rule.id) {
                errors.add(field_path(path, "id"), ErrorCode::duplicate_id,
                           {{"id", rule.id}, {"other", int_text(static_cast<std::int64_t>(earlier + 1))}},
                           "duplicate rule id \"" + rule.id + "\" (also " + rule_path(earlier) + ")");
                break;
            }
        }
    }
}

}  // namespace

void validate_scheme(const SchemeRead& read, ErrorList& errors) {
    const Scheme& scheme = read.scheme;

    const bool periods_ok = read.currency_ok && read.currency_periods_ok && check_currency_periods(scheme, errors);
    for (std::size_t i = 0; i < scheme.rules.size(); ++i) {
        check_rule(scheme, read.currency_ok && periods_ok, read.sources_ok, i, read.rules[i], errors);
        if (periods_ok && read.rules[i].has(RuleField::from) && read.rules[i].has(RuleField::until) &&
            date_range_ok(scheme.rules[i]))
            check_rule_currency(scheme, i, errors);
    }

    for (std::size_t j = 1; j < scheme.rules.size(); ++j) {
        if (!matchable(scheme.rules[j], read.rules[j])) continue;
        for (std::size_t i = 0; i < j; ++i) {
            if (!matchable(scheme.rules[i], read.rules[i]) || !overlap(scheme.rules[i], scheme.rules[j])) continue;
            errors.add(rule_path(j), ErrorCode::rules_overlap, overlap_args(scheme, i, j),
                       "overlaps " + rule_label(scheme, i) + ": both would match " +
                           overlap_example(scheme.rules[i], scheme.rules[j]) +
                           "; exactly one rule must decide each container");
        }
    }

    for (std::size_t i = 0; i < scheme.return_rates.size(); ++i) {
        const ReturnRateObservation& observation = scheme.return_rates[i];
        if (read.return_rate_source_ok[i] && read.sources_ok && !scheme.find_source(observation.source_id))
            errors.add(field_path(index_path("returnRates", i), "source"), ErrorCode::unknown_source,
                       {{"id", observation.source_id}},
                       "unknown source \"" + observation.source_id + "\": no entry in sources has this id");
    }

    for (std::size_t j = 1; j < scheme.sources.size(); ++j) {
        for (std::size_t i = 0; i < j; ++i) {
            if (!scheme.sources[j].id.empty() && scheme.sources[i].id == scheme.sources[j].id) {
                errors.add(field_path(index_path("sources", j), "id"), ErrorCode::duplicate_id,
                           {{"id", scheme.sources[j].id}, {"other", int_text(static_cast<std::int64_t>(i + 1))}},
                           "duplicate source id \"" + scheme.sources[j].id + "\" (also " + index_path("sources", i) + ")");
                break;
            }
        }
    }
}

}  // namespace returnloop::detail
