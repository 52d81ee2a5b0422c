// The return ledger: one SQLite file per machine (WAL, synchronous=FULL) holding every accepted container, every
// session and its single payout, voucher redemptions, events and the PIN lockout state. Each accepted item is its
// own fsync'ed transaction, committed before the kiosk confirms the item; a session's payout is guarded by a UNIQUE
// constraint, so no code path can pay a session twice. Every money record is signed (backend/ledger_records.hpp):
// items, payouts, redemptions and events are chains with signed heads, each record naming its key, so an edited,
// deleted or cut-off record is named by verify().
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/key_ring.hpp"
#include "backend/ledger_records.hpp"
#include "backend/status.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"
#include "returnloop/session.hpp"

struct sqlite3;

namespace returnloop::kiosk {

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

// What one PIN attempt changes, decided inside the ledger's transaction from the source's current state.
struct AdminUpdate {
    AdminState next;
    std::int64_t event_at_ms = 0;
    std::string event_kind;
    std::string event_detail;  // JSON text
};
using AdminDecision = std::function<AdminUpdate(const AdminState& current)>;

// Vouchers still redeemable per signing key: a retired key must stay until its last one expires.
struct OutstandingByKey {
    int key_id = 0;
    std::int64_t vouchers = 0;
    Date last_expiry;
};

struct LedgerCheck {
    std::int64_t items = 0;
    std::int64_t payouts = 0;
    std::int64_t redemptions = 0;
    std::int64_t events = 0;
    std::vector<std::string> problems;  // empty when every record verifies
};

struct LedgerOptions {
    std::optional<int> store;    // when set, the ledger must belong to this store and machine
    std::optional<int> machine;  // (a new ledger is stamped with them)
    bool create = true;          // false: a missing file is an error (redeem, export, apply-settings)
};

class Ledger {
public:
    // Checks a file's application_id and schema version before touching it, then runs quick_check; a foreign or
    // damaged file is refused with a message and left as it was. An empty key ring opens for reading (export).
    static Result<std::unique_ptr<Ledger>> open(const std::string& path, const VoucherKeyRing& keys, const LedgerOptions& options);
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
    // Bins: containers accepted into a bin (on their way or binned) after an intake record id, and the newest id.
    Result<std::int64_t> count_in_bin(std::string_view bin, std::int64_t after_intake_id);
    Result<std::int64_t> last_intake_id();

    // Pays a session once: fails with path "session" if it is not open, already paid or empty.
    Result<PayoutRecord> pay(std::int64_t session_id, const PayoutRequest& request, const CodeMaker& make_codes);
    Status mark_delivered(std::int64_t payout_id);
    Result<int> count_delivery_attempt(std::int64_t payout_id);  // one more start tried to deliver it; the new count
    Status give_up_delivery(std::int64_t payout_id, std::int64_t now_ms, int attempts);  // recorded; no longer retried
    Result<std::vector<PayoutRecord>> undelivered_payouts();
    Result<std::vector<PayoutRecord>> find_payouts(std::string_view column, std::string_view code);  // code128/ean13/qr
    Result<std::optional<PayoutRecord>> payout(std::int64_t payout_id);
    Result<std::vector<PayoutRecord>> recent_payouts(int limit);  // newest first
    Result<std::vector<DepositCount>> deposit_breakdown(std::int64_t session_id);  // by refund value, highest first
    // Marks an issued voucher redeemed with a signed redemption record. false when it was no longer issued.
    Result<bool> mark_redeemed(std::int64_t payout_id, std::int64_t now_ms, std::string_view via);
    Result<std::vector<OutstandingByKey>> outstanding_by_key(Date today);

    Status record_event(std::int64_t at_ms, std::string_view kind, std::string_view detail_json);
    Result<std::vector<LedgerEvent>> events(std::string_view kind);
    // Events of one kind since a moment whose JSON detail has field == value (a till's recent refusals).
    Result<std::int64_t> count_events(std::string_view kind, std::int64_t since_ms, std::string_view field, std::string_view value);
    // The detail of the newest event of one kind whose JSON detail has an integer field == value, if any.
    Result<std::optional<std::string>> last_event_detail(std::string_view kind, std::string_view field, std::int64_t value);
    Result<AdminState> admin_state(std::string_view source);
    // Reads a source's PIN state, applies decide() and records its event, all in one transaction.
    Result<AdminUpdate> admin_attempt(std::string_view source, const AdminDecision& decide);

    Result<std::vector<LedgerSession>> sessions_between(Date from, Date to);  // opened from..to inclusive, with items
    Result<std::vector<PayoutRecord>> payouts_for_sessions_between(Date from, Date to);

    Result<LedgerCheck> verify();

    // PRAGMA synchronous of this connection (2 = FULL: every commit is fsync'ed) and the journal mode ("wal").
    Result<int> synchronous_level();
    Result<std::string> journal_mode();

    // Caps the database file at its current size plus extra_pages, as a full disk would (tests use it).
    Status limit_growth(std::int64_t extra_pages);

private:
    Ledger(sqlite3* db, std::string path, const VoucherKeyRing& keys);
    Result<ChainHead> head(std::string_view chain);
    Status write_head(ChainHead head);
    Status append_event(std::int64_t at_ms, std::string_view kind, std::string_view detail_json);  // inside a transaction
    const RecordKey& signing_key() const { return record_keys_.at(current_key_id_); }

    sqlite3* db_ = nullptr;
    std::string path_;
    std::map<int, RecordKey> record_keys_;
    int current_key_id_ = 0;  // 0: no key (a read-only use such as export)
};

// Refuses a key ring that lacks a key some outstanding voucher was tagged with ("keep key 1 until 2025-06-12").
Status keys_cover_outstanding(Ledger& ledger, const VoucherKeyRing& keys, Date today);

}  // namespace returnloop::kiosk
