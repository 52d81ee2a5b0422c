// The ledger's intake records: a container accepted by the kiosk and not yet confirmed by the machine's controller
// (see ledger.hpp). Only binned containers become items, so only they are ever paid.
#include <sqlite3.h>

#include "backend/ledger.hpp"
#include "backend/sqlite_util.hpp"

namespace returnloop::kiosk {
namespace {

using detail::sqlite_error;
using detail::Statement;
using detail::Transaction;

constexpr const char* kIntakeColumns =
    "id, controller_item, session_id, gtin, refund_minor, deposit_minor, handling_fee_micros, rule_id, register_override, "
    "bin, accepted_ms, accepted_date, state, COALESCE(settled_ms, 0), COALESCE(item_id, 0)";

IntakeState state_from_id(const std::string& id) {
    if (id == "binned") return IntakeState::binned;
    if (id == "returned") return IntakeState::returned;
    if (id == "unknown") return IntakeState::unknown;
    return IntakeState::accepted;
}

IntakeRecord read_intake(const Statement& s) {
    IntakeRecord r;
    r.id = s.integer(0);
    r.controller_item = s.text(1);
    r.session_id = s.integer(2);
    r.item.session_id = r.session_id;
    r.item.gtin14 = s.text(3);
    r.item.refund_minor = s.integer(4);
    r.item.deposit_minor = s.integer(5);
    r.item.handling_fee_micros = s.integer(6);
    r.item.rule_id = s.text(7);
    r.item.register_override = s.integer(8) != 0;
    r.bin = s.text(9);
    r.accepted_ms = s.integer(10);
    r.item.scanned_ms = r.accepted_ms;
    Result<Date> date = parse_date(s.text(11));
    r.item.scanned_date = date ? *date : Date{};
    r.state = state_from_id(s.text(12));
    r.settled_ms = s.integer(13);
    r.item.id = s.integer(14);
    return r;
}

}  // namespace

std::string_view intake_state_id(IntakeState state) {
    switch (state) {
        case IntakeState::accepted: return "accepted";
        case IntakeState::binned: return "binned";
        case IntakeState::returned: return "returned";
        case IntakeState::unknown: return "unknown";
    }
    return "accepted";
}

Result<IntakeRecord> Ledger::record_accept(const NewIntake& intake) {
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot record the accepted container");
    const NewItem& input = intake.item;
    std::int64_t session_id = 0;
    if (input.session_id) {
        Statement check(db_, "SELECT open FROM sessions WHERE id = ?1");
        check.bind(1, *input.session_id);
        if (check.step() != SQLITE_ROW || check.integer(0) != 1) return Error{"session", "the session is not open"};
        session_id = *input.session_id;
    } else {
        Statement insert(db_, "INSERT INTO sessions(opened_ms, opened_date, currency, scheme_id) VALUES (?1, ?2, ?3, ?4)");
        insert.bind(1, input.item.scanned_at_ms)
            .bind(2, format_date(input.date))
            .bind(3, currency_code(input.currency))
            .bind(4, input.scheme_id);
        if (insert.step() != SQLITE_DONE) return sqlite_error(db_, "cannot open a session");
        session_id = sqlite3_last_insert_rowid(db_);
    }
    Statement insert(db_,
                     "INSERT INTO intake(controller_item, session_id, gtin, refund_minor, deposit_minor, handling_fee_micros, rule_id, "
                     "register_override, bin, weight_mg, material, accepted_ms, accepted_date, state) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'accepted')");
    insert.bind(1, intake.controller_item)
        .bind(2, session_id)
        .bind(3, input.item.gtin14)
        .bind(4, input.item.refund.minor)
        .bind(5, input.item.deposit.minor)
        .bind(6, input.item.handling_fee.micros)
        .bind(7, input.rule_id)
        .bind(8, static_cast<std::int64_t>(input.item.register_override ? 1 : 0))
        .bind(9, intake.bin)
        .bind(10, intake.weight_mg)
        .bind(11, intake.material)
        .bind(12, input.item.scanned_at_ms)
        .bind(13, format_date(input.date));
    if (insert.step() != SQLITE_DONE) {
        if (sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE) {
            return Error{"item", "the controller reused the item id " + intake.controller_item};
        }
        return sqlite_error(db_, "cannot record the accepted container");
    }
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    if (Status s = tx.commit(); !s) return s.error();
    IntakeRecord out;
    out.id = id;
    out.controller_item = intake.controller_item;
    out.session_id = session_id;
    out.bin = intake.bin;
    out.accepted_ms = input.item.scanned_at_ms;
    return out;
}

Result<std::vector<IntakeRecord>> Ledger::intake_in_state(IntakeState state) {
    Statement s(db_, std::string("SELECT ") + kIntakeColumns + " FROM intake WHERE state = ?1 ORDER BY id");
    s.bind(1, intake_state_id(state));
    std::vector<IntakeRecord> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_intake(s));
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read the intake records");
    return out;
}

Result<std::optional<IntakeRecord>> Ledger::find_intake(std::string_view controller_item) {
    Statement s(db_, std::string("SELECT ") + kIntakeColumns + " FROM intake WHERE controller_item = ?1");
    s.bind(1, controller_item);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<IntakeRecord>();
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot read the intake record");
    return std::optional<IntakeRecord>(read_intake(s));
}

Result<bool> Ledger::settle_intake(std::int64_t intake_id, IntakeState state, std::int64_t now_ms) {
    if (state != IntakeState::returned && state != IntakeState::unknown) {
        return Error{"state", "only returned or unknown settle without an item; binned goes through append_item"};
    }
    Statement s(db_, "UPDATE intake SET state = ?2, settled_ms = ?3 WHERE id = ?1 AND state = 'accepted'");
    s.bind(1, intake_id).bind(2, intake_state_id(state)).bind(3, now_ms);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the container's return");
    return sqlite3_changes(db_) == 1;
}

Result<std::int64_t> Ledger::count_in_bin(std::string_view bin, std::int64_t after_intake_id) {
    Statement s(db_, "SELECT count(*) FROM intake WHERE bin = ?1 AND id > ?2 AND state IN ('accepted', 'binned')");
    s.bind(1, bin).bind(2, after_intake_id);
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "cannot count the containers in a bin");
    return s.integer(0);
}

Result<std::int64_t> Ledger::last_intake_id() {
    Statement s(db_, "SELECT coalesce(max(id), 0) FROM intake");
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "cannot read the intake records");
    return s.integer(0);
}

}  // namespace returnloop::kiosk
