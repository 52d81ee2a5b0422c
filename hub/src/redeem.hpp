// Redemption at any till of the retailer: the code is read and its tag checked with the kiosk's own functions
// (parse_voucher_code, verify_tag) against the issuing store's key, then one UPDATE ... WHERE status = 'issued'
// marks it redeemed. PostgreSQL's row lock makes that statement succeed for exactly one caller however many tills
// and hub processes race; the others see already_redeemed with when and where. A voucher not yet uploaded is
// created from its verified tag first (uploaded = false) and reconciled when the kiosk's payout record arrives.
#pragma once

#include <string>

#include "db.hpp"
#include "identity.hpp"

namespace returnloop::hub {

struct RedeemAnswer {
    std::string result;  // redeemed, already_redeemed, bad_tag, unknown, expired, wrong_retailer, malformed
    std::string message;
    std::int64_t amount_minor = 0;
    std::string currency;
    std::string redeemed_at;   // ISO 8601, for redeemed and already_redeemed
    std::string redeemed_by;   // the till's name, or "kiosk:<via>" for a redemption at the kiosk itself
    int store = 0;
    int machine = 0;
};

RedeemAnswer redeem_at_till(Connection& db, const Caller& till, const std::string& code);

}  // namespace returnloop::hub
