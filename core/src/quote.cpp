// Basket pricing over decide(): per-line multiplication and totals with overflow checks, errors naming the item.
#include "returnloop/quote.hpp"

#include <string>

namespace returnloop {

namespace {

std::string item_path(std::size_t index) { return "items[" + std::to_string(index) + "].count"; }

}  // namespace

Result<Quote> quote(const Scheme& scheme, std::span<const QuoteItem> items, Date date) {
    Quote out;
    const Currency currency = scheme.currency_on(date);  // every decision on this date is in it
    out.total_deposit = Money{0, currency};
    out.total_refund = Money{0, currency};
    out.total_non_refundable_fee = Money{0, currency};
    out.lines.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const QuoteItem& item = items[i];
        if (item.count < 0) return Error{item_path(i), "count must not be negative"};
        QuoteLine line;
        line.container = item.container;
        line.count = item.count;
        line.decision = decide(scheme, item.container, date);
        auto deposit = multiply(line.decision.deposit, item.count);
        auto refund = multiply(line.decision.refund, item.count);
        auto fee = multiply(line.decision.non_refundable_fee, item.count);
        if (!deposit || !refund || !fee) return Error{item_path(i), "count is too large to price"};
        line.deposit = deposit.value();
        line.refund = refund.value();
        line.non_refundable_fee = fee.value();
        auto total_deposit = add(out.total_deposit, line.deposit);
        auto total_refund = add(out.total_refund, line.refund);
        auto total_fee = add(out.total_non_refundable_fee, line.non_refundable_fee);
        if (!total_deposit || !total_refund || !total_fee) return Error{item_path(i), "the basket total is too large to price"};
        out.total_deposit = total_deposit.value();
        out.total_refund = total_refund.value();
        out.total_non_refundable_fee = total_fee.value();
        if (line.decision.eligible) {
            auto eligible = checked_add(out.eligible_count, item.count);
            if (!eligible) return Error{item_path(i), "count is too large to price"};
            out.eligible_count = *eligible;
        }
        out.lines.push_back(std::move(line));
    }
    return out;
}

}  // namespace returnloop
