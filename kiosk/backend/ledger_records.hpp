// The ledger's signed record kinds and what each record's MAC covers: one function per kind, so the kiosk (writing,
// verify-ledger) and the hub (verifying uploaded records) sign and check exactly the same bytes. Items, payouts,
// redemptions and events are chains (each MAC covers the previous record's MAC of its kind); each chain has a
// signed head (count, last id, last MAC) so records cut off its end show. Every record names the key that signed
// it, so old records keep verifying after the store's key is rotated.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/voucher_code.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"

namespace returnloop::kiosk {

enum class PayoutKind : std::uint8_t { voucher, donation, digital };
std::string_view payout_kind_id(PayoutKind kind);  // "voucher", "donation", "digital"
std::optional<PayoutKind> payout_kind_from_id(std::string_view id);

enum class PayoutStatus : std::uint8_t { issued, redeemed, donated };
std::string_view payout_status_id(PayoutStatus status);

struct LedgerItem {
    std::int64_t id = 0;
    std::int64_t session_id = 0;
    int position = 0;  // 0-based within the session
    std::string gtin14;
    std::int64_t refund_minor = 0;
    std::int64_t deposit_minor = 0;
    std::int64_t handling_fee_micros = 0;
    std::string rule_id;  // empty when the product register's own deposit decided
    bool register_override = false;
    std::int64_t scanned_ms = 0;
    Date scanned_date;
    int key_id = 1;
};

struct LedgerSession {
    std::int64_t id = 0;
    std::int64_t opened_ms = 0;
    Date opened_date;
    Currency currency = Currency::EUR;
    std::string scheme_id;
    bool open = true;
    std::vector<LedgerItem> items;
};

// How many containers of one refund value a session took (the receipt's "4 × 0,25 €" lines).
struct DepositCount {
    Money value;
    std::int64_t count = 0;
    friend bool operator==(const DepositCount&, const DepositCount&) = default;
};

struct PayoutCodes {
    std::string code128;
    std::string ean13;
    std::string qr;
};

struct PayoutRecord {
    std::int64_t id = 0;
    std::int64_t session_id = 0;
    PayoutKind kind = PayoutKind::voucher;
    Money amount;
    int item_count = 0;
    std::int64_t created_ms = 0;
    Date created_date;
    std::int64_t voucher_seq = 0;  // 0 for donations
    PayoutCodes codes;             // empty for donations
    std::optional<Date> expires;   // last day it can be redeemed
    std::string charity;           // donations
    int key_id = 1;                // the key that tagged the codes and signs this record
    PayoutStatus status = PayoutStatus::issued;  // not signed here: a redemption is its own signed record
    bool delivered = false;        // the receipt was rendered (and sent to the printer, when there is one)
    std::int64_t redeemed_ms = 0;
    std::string redeemed_via;
};

// A voucher taken at a till: which voucher, when, by which till, under which key.
struct RedemptionRecord {
    std::int64_t id = 0;
    std::int64_t payout_id = 0;
    std::string status = "redeemed";
    std::int64_t at_ms = 0;
    std::string via;
    int key_id = 1;
};

struct LedgerEvent {
    std::int64_t id = 0;
    std::int64_t at_ms = 0;
    std::string kind;
    std::string detail;  // JSON text
    int key_id = 1;
};

// Wrong admin PINs from one source ("screen", "cli"): a lockout grows per source, so a shopper tapping at the
// public screen cannot lock staff out elsewhere.
struct AdminState {
    std::string source = "screen";
    int failures = 0;                 // wrong PINs since the last right one
    std::int64_t locked_until_ms = 0;
    int key_id = 1;
};

// The end of one chain as last written: truncating the chain's table shows against it.
struct ChainHead {
    std::string chain;  // "items", "payouts", "redemptions", "events"
    std::int64_t count = 0;
    std::int64_t last_id = 0;
    std::string last_mac;
    int key_id = 1;
};

// The secret records are signed with: derived from a voucher key (one secret per store covers both), with its id.
struct RecordKey {
    int id = 1;
    std::array<unsigned char, 32> bytes{};
};
RecordKey record_key_for(int key_id, const VoucherKey& voucher_key);
void wipe(RecordKey& key);

// Hex HMAC-SHA256 of each record kind. previous_mac is the MAC of the record before it in its chain ("" first).
std::string item_mac(const RecordKey& key, const LedgerItem& item, std::string_view previous_mac);
std::string payout_mac(const RecordKey& key, const PayoutRecord& payout, std::string_view previous_mac);
std::string redemption_mac(const RecordKey& key, const RedemptionRecord& redemption, std::string_view previous_mac);
std::string event_mac(const RecordKey& key, const LedgerEvent& event, std::string_view previous_mac);
std::string admin_state_mac(const RecordKey& key, const AdminState& state);
std::string head_mac(const RecordKey& key, const ChainHead& head);

}  // namespace returnloop::kiosk
