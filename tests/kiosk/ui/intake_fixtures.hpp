// Test helpers: an intake's container presented and binned as the machine's controller reports it, through the view
// the window's link feeds.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "ui/intake_view.hpp"
#include "ui_fixtures.hpp"

namespace ui_test {

inline void present(Kiosk& k, const std::string& item, const std::string& gtin) {
    const IntakeDecision d = k.backend().present(Presented{item, gtin, std::nullopt, ""}, k.clock);
    IntakeNotice notice{IntakeNotice::Kind::presented, item, d.outcome.gtin14, d.accept};
    notice.reason = d.reason;
    if (d.accept) notice.amount = d.outcome.item->refund;
    on_intake_notice(k.state, notice);
}

inline void binned(Kiosk& k, const std::string& item) {
    Result<IntakeSettled> paid = k.backend().binned(item, k.clock);
    REQUIRE(paid.ok());
    IntakeNotice notice{IntakeNotice::Kind::binned, item, paid->gtin14, true};
    notice.amount = paid->amount;
    on_intake_notice(k.state, notice);
}

}  // namespace ui_test
