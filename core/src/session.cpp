// The return-session rules: which scans a reverse-vending machine accepts, what each pays back, and the limits.
#include "returnloop/session.hpp"

#include <utility>

namespace returnloop {
namespace {

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

std::string money_words(std::int64_t minor, Currency currency) {
    return std::to_string(minor) + " " + std::string(currency_code(currency)) + " minor units";
}

ScanOutcome refuse(ScanReason reason, std::string gtin14, Money total, std::string message) {
    ScanOutcome outcome;
    outcome.reason = reason;
    outcome.gtin14 = std::move(gtin14);
    outcome.total_after = total;
    outcome.message = std::move(message);
    return outcome;
}

}  // namespace

std::string_view scan_reason_id(ScanReason reason) {
    switch (reason) {
        case ScanReason::accepted: return "accepted";
        case ScanReason::unreadable: return "unreadable";
        case ScanReason::invalid_code: return "invalid_code";
        case ScanReason::restricted_circulation: return "restricted_circulation";
        case ScanReason::duplicate_scan: return "duplicate_scan";
        case ScanReason::not_registered: return "not_registered";
        case ScanReason::no_deposit: return "no_deposit";
        case ScanReason::session_item_limit: return "session_item_limit";
        case ScanReason::session_value_limit: return "session_value_limit";
        case ScanReason::daily_limit: return "daily_limit";
    }
    return "unreadable";
}

ProductRefund product_refund(const Scheme& scheme, const ProductView& product, Date date) {
    const Decision decision = decide(scheme, product.container, date);
    ProductRefund out;
    out.scheme_reason = decision.reason;
    out.refund = Money{0, scheme.currency_on(date)};
    out.deposit = Money{0, scheme.currency_on(date)};
    if (product.deposit_override_minor) {
        // The register names this exact product; an explicit 0 means "registered, no deposit".
        const std::int64_t value = *product.deposit_override_minor;
        out.register_override = true;
        out.eligible = value > 0;
        out.refund = Money{value > 0 ? value : 0, scheme.currency_on(date)};
        out.deposit = out.refund;
        if (decision.eligible) out.handling_fee = decision.handling_fee;  // the return point's fee still follows the rule
        if (out.eligible) out.scheme_reason = Reason::none;
        return out;
    }
    if (!decision.eligible) return out;
    out.eligible = true;
    out.refund = decision.refund;  // half-back schemes refund less than the deposit
    out.deposit = decision.deposit;
    out.handling_fee = decision.handling_fee;
    out.rule_index = decision.rule_index;
    return out;
}

ScanOutcome ReturnSession::evaluate(std::string_view raw_scan, const ScanContext& context) const {
    const std::string cleaned = normalise_scan(raw_scan);
    if (cleaned.empty()) return refuse(ScanReason::unreadable, "", total_, "nothing readable was scanned");
    if (!all_digits(cleaned)) {
        return refuse(ScanReason::unreadable, "", total_, "the scan is not a product barcode (it has characters other than digits)");
    }
    Result<Gtin> gtin = parse_gtin(cleaned);
    if (!gtin) return refuse(ScanReason::invalid_code, "", total_, gtin.error().message);
    const std::string gtin14 = gtin->as_gtin14();
    if (is_restricted_circulation(*gtin)) {
        return refuse(ScanReason::restricted_circulation, gtin14, total_,
                      "an in-store code (GS1 restricted circulation), not a drink container, e.g. a voucher");
    }
    const std::uint64_t key = gtin->key();
    if (context.limits.duplicate_window_ms > 0) {
        for (auto it = items_.rbegin(); it != items_.rend(); ++it) {
            const std::int64_t age = context.now_ms - it->scanned_at_ms;
            if (age < 0 || age >= context.limits.duplicate_window_ms) break;
            if (it->gtin_key == key) {
                return refuse(ScanReason::duplicate_scan, gtin14, total_,
                              "the same code was accepted " + std::to_string(age) + " ms ago (a double read)");
            }
        }
    }
    const std::optional<ProductView> product = context.catalog.find(key);
    if (!product) return refuse(ScanReason::not_registered, gtin14, total_, "the product register does not list this GTIN");
    const ProductRefund value = product_refund(context.scheme, *product, context.date);
    if (!value.eligible) {
        ScanOutcome outcome = refuse(ScanReason::no_deposit, gtin14, total_,
                                     value.register_override ? "the product register sets no deposit for this product"
                                                             : "no deposit in this scheme: " +
                                                                   std::string(reason_id(value.scheme_reason)));
        outcome.scheme_reason = value.scheme_reason;
        return outcome;
    }
    if (value.refund.currency != total_.currency) {
        return refuse(ScanReason::no_deposit, gtin14, total_, "the scheme pays in another currency than this session");
    }

    const SessionLimits& limits = context.limits;
    const std::uint64_t quantity = context.quantity == 0 ? 1 : context.quantity;
    if (limits.max_items > 0 && items_.size() + quantity > limits.max_items) {
        return refuse(ScanReason::session_item_limit, gtin14, total_,
                      "this session already holds the most containers allowed (" + std::to_string(limits.max_items) + ")");
    }
    const std::optional<std::int64_t> added =
        quantity <= kMaxScanQuantity ? checked_multiply(value.refund.minor, static_cast<std::int64_t>(quantity)) : std::nullopt;
    const std::optional<std::int64_t> total_after = added ? checked_add(total_.minor, *added) : std::nullopt;
    if (!total_after || (limits.max_value_minor > 0 && *total_after > limits.max_value_minor)) {
        return refuse(ScanReason::session_value_limit, gtin14, total_,
                      "this container would take the session above its limit of " +
                          money_words(limits.max_value_minor, total_.currency));
    }
    if (limits.daily_items > 0 &&
        static_cast<std::uint64_t>(context.today.items) + items_.size() + quantity > limits.daily_items) {
        return refuse(ScanReason::daily_limit, gtin14, total_,
                      "the machine has taken its daily limit of " + std::to_string(limits.daily_items) + " containers");
    }
    if (limits.daily_value_minor > 0) {
        const std::optional<std::int64_t> day_after = checked_add(context.today.value_minor, *total_after);
        if (!day_after || *day_after > limits.daily_value_minor) {
            return refuse(ScanReason::daily_limit, gtin14, total_,
                          "the machine has paid out its daily limit of " +
                              money_words(limits.daily_value_minor, total_.currency));
        }
    }

    ScanOutcome outcome;
    outcome.reason = ScanReason::accepted;
    outcome.gtin14 = gtin14;
    outcome.total_after = Money{*total_after, total_.currency};
    ReturnedItem item;
    item.gtin_key = key;
    item.gtin14 = gtin14;
    item.refund = value.refund;
    item.deposit = value.deposit;
    item.handling_fee = value.handling_fee;
    item.rule_index = value.rule_index;
    item.register_override = value.register_override;
    item.scanned_at_ms = context.now_ms;
    outcome.item = std::move(item);
    outcome.message = "accepted";
    return outcome;
}

Result<Money> ReturnSession::add(ReturnedItem item) {
    if (item.refund.minor < 0) return Error{"refund", "a refund cannot be negative"};
    Result<Money> total = returnloop::add(total_, item.refund);
    if (!total) return Error{"refund", total.error().message};
    total_ = *total;
    items_.push_back(std::move(item));
    return total_;
}

}  // namespace returnloop
