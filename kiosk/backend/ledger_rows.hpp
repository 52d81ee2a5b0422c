// Reading the ledger's rows back into records: the column lists and the readers shared by the ledger itself and the
// hub outbox (which reads the same rows to sign them for upload), so both read a row the same way.
#pragma once

#include <string>

#include "backend/ledger_records.hpp"
#include "backend/sqlite_util.hpp"

namespace returnloop::kiosk::detail {

inline constexpr const char* kPayoutColumns =
    "id, session_id, kind, amount_minor, currency, item_count, created_ms, created_date, voucher_seq, code128, ean13, qr, "
    "expires_date, charity, key_id, status, delivered, redeemed_ms, redeemed_via";
inline constexpr int kPayoutMacColumn = 19;  // when selected with ", mac"

inline constexpr const char* kItemColumns =
    "id, session_id, position, gtin, refund_minor, deposit_minor, handling_fee_micros, rule_id, register_override, "
    "scanned_ms, scanned_date, key_id, mac";
inline constexpr int kItemMacColumn = 12;

// An ISO date as written by the ledger; the epoch for anything else (the MAC check then flags the row).
Date date_or_epoch(const std::string& iso);

PayoutRecord read_payout(const Statement& s);  // columns as in kPayoutColumns
LedgerItem read_item(const Statement& s);      // columns as in kItemColumns

}  // namespace returnloop::kiosk::detail
