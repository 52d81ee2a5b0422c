// Prices a basket of containers under one scheme on one date: every line decided by the scheme, totals exact.
// The web calculator's quote() and the kiosk's running total ask this one function.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "returnloop/container.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/result.hpp"
#include "returnloop/scheme.hpp"

namespace returnloop {

struct QuoteItem {
    Container container;
    std::int64_t count = 0;  // 0 allowed (an empty row); negative is an error
};

struct QuoteLine {
    Container container;
    std::int64_t count = 0;
    Decision decision;        // per container
    Money deposit;            // decision.deposit x count
    Money refund;             // decision.refund x count
    Money non_refundable_fee; // decision.non_refundable_fee x count
};

struct Quote {
    std::vector<QuoteLine> lines;  // one per item, in order
    Money total_deposit;           // what the buyer pays on top of the price
    Money total_refund;            // what returning every container gives back
    Money total_non_refundable_fee;
    std::int64_t eligible_count = 0;  // containers that carry a deposit
};

// Errors name the item: "items[2].count" for a negative count or a total that would overflow int64.
Result<Quote> quote(const Scheme& scheme, std::span<const QuoteItem> items, Date date);

}  // namespace returnloop
