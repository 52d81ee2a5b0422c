// The return ledger: one SQLite file per machine (WAL, synchronous=FULL) holding every accepted container, every
// session and its single payout, voucher redemptions, admin events and the PIN lockout state. Each accepted item
// is its own fsync'ed transaction, committed before the kiosk confirms the item; a session's payout is guarded by
// a UNIQUE constraint, so no code path can pay a session twice. Item and payout rows carry an HMAC chain under a
// key derived from the store's voucher key, so an edited or deleted record is detected (verify()).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/status.hpp"
#include "backend/voucher_code.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/session.hpp"

struct sqlite3;

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
    PayoutStatus status = PayoutStatus::issued;
    bool delivered = false;        // the receipt was rendered (and sent to the printer, when there is one)
    std::int64_t redeemed_ms = 0;
    std::string redeemed_via;
};

struct NewItem {
    std::optional<std::int64_t> session_id;  // none: this item opens a new session
    Currency currency = Currency::EUR;
    std::string scheme_id;
    ReturnedItem item;
    std::string rule_id;
    Date date;  // the local date of the scan
    std::optional<std::int64_t> intake_id;  // a container the intake binned: its accept record is settled with it
    std::int64_t settled_ms = 0;
};

// Reverse-vending intake (ledger_intake.cpp): the kiosk's accept of a container and the controller's confirmation
// are separate durable records. An accepted container pays nothing until it is binned; binning writes the item row
// and settles the accept record in one transaction.
enum class IntakeState : std::uint8_t { accepted, binned, returned, unknown };
std::string_view intake_state_id(IntakeState state);

struct NewIntake {
    NewItem item;                 // what the container pays once binned
    std::string controller_item;  // the controller's id for it
    std::string bin;
    std::int64_t weight_mg = -1;  // -1: not measured
    std::string material;         // as the controller's sensor saw it
};

struct IntakeRecord {
    std::int64_t id = 0;
    std::string controller_item;
    std::int64_t session_id = 0;
    LedgerItem item;              // id is the items row once binned, else 0
    std::string bin;
    IntakeState state = IntakeState::accepted;
    std::int64_t accepted_ms = 0;
    std::int64_t settled_ms = 0;
};

struct AppendedItem {
    std::int64_t session_id = 0;
    std::int64_t item_id = 0;
    int position = 0;
};

struct PayoutRequest {
    PayoutKind kind = PayoutKind::voucher;
    std::int64_t now_ms = 0;
    Date date;
    std::optional<Date> expires;
    std::string charity;
};
// Builds the voucher codes once the ledger has assigned the voucher's sequence number (inside the transaction).
using CodeMaker = std::function<Result<PayoutCodes>(std::int64_t voucher_seq, Money amount)>;

struct AdminState {
    int failures = 0;                 // wrong PINs since the last right one
    std::int64_t locked_until_ms = 0;
};

struct LedgerEvent {
    std::int64_t id = 0;
    std::int64_t at_ms = 0;
    std::string kind;
    std::string detail;  // JSON text
};

struct LedgerCheck {
    std::int64_t items = 0;
    std::int64_t payouts = 0;
    std::vector<std::string> problems;  // empty when every record verifies
};

struct LedgerOptions {
    std::optional<int> store;    // when set, the ledger must belong to this store and machine
    std::optional<int> machine;  // (a new ledger is stamped with them)
    bool create = true;          // false: a missing file is an error (redeem, export)
};

class Ledger {
public:
    static Result<std::unique_ptr<Ledger>> open(const std::string& path, const VoucherKey& key, const LedgerOptions& options);
    ~Ledger();
    Ledger(const Ledger&) = delete;
    Ledger& operator=(const Ledger&) = delete;

    const std::string& path() const { return path_; }

    // One transaction per item, fsync'ed before it returns.
    Result<AppendedItem> append_item(const NewItem& item);
    Result<std::optional<LedgerSession>> open_session();  // the newest session without a payout, with its items
    Result<DayTotals> day_totals(Date date, std::int64_t excluding_session);

    // Intake (ledger_intake.cpp). record_accept opens a session when item.session_id is empty; fsync'ed.
    Result<IntakeRecord> record_accept(const NewIntake& intake);
    Result<std::vector<IntakeRecord>> intake_in_state(IntakeState state);
    Result<std::optional<IntakeRecord>> find_intake(std::string_view controller_item);
    // accepted -> returned or unknown; false when the record was no longer accepted.
    Result<bool> settle_intake(std::int64_t intake_id, IntakeState state, std::int64_t now_ms);

    // Pays a session once: fails with path "session" if it is not open, already paid or empty.
    Result<PayoutRecord> pay(std::int64_t session_id, const PayoutRequest& request, const CodeMaker& make_codes);
    Status mark_delivered(std::int64_t payout_id);
    Result<std::vector<PayoutRecord>> undelivered_payouts();
    Result<std::vector<PayoutRecord>> find_payouts(std::string_view column, std::string_view code);  // code128/ean13/qr
    Result<std::optional<PayoutRecord>> payout_for_session(std::int64_t session_id);
    // Marks an issued voucher redeemed. false when it was no longer issued (someone redeemed it first).
    Result<bool> mark_redeemed(std::int64_t payout_id, std::int64_t now_ms, std::string_view via);

    Status record_event(std::int64_t at_ms, std::string_view kind, std::string_view detail_json);
    Result<std::vector<LedgerEvent>> events(std::string_view kind);
    Result<AdminState> admin_state();
    Status set_admin_state(const AdminState& state);

    Result<std::vector<LedgerSession>> sessions_between(Date from, Date to);  // opened from..to inclusive, with items
    Result<std::vector<PayoutRecord>> payouts_for_sessions_between(Date from, Date to);

    Result<LedgerCheck> verify();

    // PRAGMA synchronous of this connection (2 = FULL: every commit is fsync'ed) and the journal mode ("wal").
    Result<int> synchronous_level();
    Result<std::string> journal_mode();

    // Caps the database file at its current size plus extra_pages, as a full disk would (tests use it).
    Status limit_growth(std::int64_t extra_pages);

private:
    Ledger(sqlite3* db, std::string path, const VoucherKey& key);
    sqlite3* db_ = nullptr;
    std::string path_;
    std::array<unsigned char, 32> record_key_{};
};

}  // namespace returnloop::kiosk
