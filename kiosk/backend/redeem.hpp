// Redemption at the till: a scanned voucher (EAN-13, Code 128 or QR) is checked against the store's key and the
// ledger, and marked redeemed exactly once. The same call serves `returnloop-kiosk redeem CODE` and a till bridge.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "backend/clock.hpp"
#include "backend/ledger.hpp"
#include "backend/settings.hpp"

namespace returnloop::kiosk {

enum class RedeemVerdict : std::uint8_t {
    redeemed,
    malformed,         // not a ReturnLoop voucher code at all
    wrong_store,       // a genuine-looking code of another store or machine
    bad_tag,           // the authentication tag does not match: tampered or forged
    unknown,           // well-formed (and signed) but not in this ledger
    already_redeemed,
    expired,
    ambiguous,         // an EAN-13 that matches more than one open voucher: scan the Code 128 instead
    ledger_error,
    ean13_not_accepted,  // a bare EAN-13 while voucher.acceptEan13 is off
    till_locked,         // this till sent too many unknown or forged codes lately
};

// A till with this many unknown or forged codes within the window is refused until the window has passed.
inline constexpr std::int64_t kTillGuessLimit = 5;
inline constexpr std::int64_t kTillGuessWindowMs = 15 * 60 * 1000;
std::string_view redeem_verdict_id(RedeemVerdict verdict);

struct RedeemOutcome {
    RedeemVerdict verdict = RedeemVerdict::malformed;
    std::string message;
    std::optional<PayoutRecord> payout;  // the voucher, when one was found
    bool ok() const { return verdict == RedeemVerdict::redeemed; }
};

// `via` names the till or bridge for the ledger ("cli", "till-3").
RedeemOutcome redeem_voucher(Ledger& ledger, const KioskSettings& settings, std::string_view code, KioskTime now,
                             std::string_view via);

}  // namespace returnloop::kiosk
