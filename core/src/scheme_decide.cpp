// decide(): the one question every face asks of a scheme, answered by a single pass over its rules with no
// allocation (the kiosk asks it per scanned container, the web calculator per keystroke), in the currency of the date.
#include "returnloop/scheme.hpp"

namespace returnloop {

namespace {

// How far a rule in force got through the README's filters, in their order; the furthest any rule got names
// the reason when none matches ("the first filter that leaves nothing").
enum class Stage : int { none = -1, in_force, material, category, scope };

bool scope_admits(RefillScope scope, bool refillable) {
    return scope == RefillScope::any || (scope == RefillScope::refillable) == refillable;
}

Reason reason_for(Stage furthest, bool any_started, bool refillable) {
    switch (furthest) {
        case Stage::none: return any_started ? Reason::ended : Reason::not_in_force;
        case Stage::in_force: return Reason::material_not_covered;
        case Stage::material: return Reason::category_not_covered;
        case Stage::category: return refillable ? Reason::refillable_not_covered : Reason::single_use_not_covered;
        case Stage::scope: return Reason::volume_out_of_range;
    }
    return Reason::volume_out_of_range;
}

}  // namespace

Currency Scheme::currency_on(Date date) const {
    // Validation guarantees the periods are in order and meet end to end, so the first that has not ended decides.
    for (const CurrencyPeriod& period : currency_periods)
        if (!period.until || date < *period.until) return period.currency;
    return currency;
}

bool has_refillable_deposit(const Scheme& scheme, Date date) {
    for (const Rule& rule : scheme.rules)
        if (rule.refill != RefillScope::single_use && !(date < rule.from) && (!rule.until || date < *rule.until))
            return true;
    return false;
}

Decision decide(const Scheme& scheme, const Container& container, Date date) {
    Decision decision;
    const Money zero{0, scheme.currency_on(date)};
    decision.deposit = zero;
    decision.refund = zero;
    decision.non_refundable_fee = zero;

    // An out-of-range enum value (say, from an unchecked JS number) matches no rule instead of shifting too far.
    const auto material = static_cast<unsigned>(container.material);
    const auto category = static_cast<unsigned>(container.category);
    const unsigned material_bit = material < static_cast<unsigned>(kMaterialCount) ? 1u << material : 0u;
    const unsigned category_bit = category < static_cast<unsigned>(kCategoryCount) ? 1u << category : 0u;

    Stage furthest = Stage::none;
    bool any_started = false;
    const Rule* rules = scheme.rules.data();
    const std::size_t count = scheme.rules.size();
    for (std::size_t i = 0; i < count; ++i) {
        const Rule& rule = rules[i];
        if (date < rule.from) continue;
        any_started = true;
        if (rule.until && !(date < *rule.until)) continue;

        Stage stage = Stage::in_force;
        if (rule.material_mask & material_bit) {
            stage = Stage::material;
            if (rule.category_mask & category_bit) {
                stage = Stage::category;
                if (scope_admits(rule.refill, container.refillable)) {
                    stage = Stage::scope;
                    if (container.volume_ml >= rule.min_ml && container.volume_ml <= rule.max_ml) {
                        // Validation guarantees no two rules overlap, so the first match is the only one.
                        decision.eligible = true;
                        decision.reason = Reason::none;
                        decision.deposit.minor = rule.deposit_minor;
                        decision.refund.minor = rule.refund_minor;
                        decision.non_refundable_fee.minor = rule.non_refundable_fee_minor;
                        decision.handling_fee = rule.handling_fee;
                        decision.rule_index = static_cast<int>(i);
                        return decision;
                    }
                }
            }
        }
        if (stage > furthest) furthest = stage;
    }
    decision.reason = reason_for(furthest, any_started, container.refillable);
    return decision;
}

}  // namespace returnloop
