// The SQLite return ledger (see ledger.hpp); what each record's MAC covers is in ledger_records.cpp.
#include "backend/ledger.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>

#include "backend/crypto.hpp"
#include "backend/ledger_rows.hpp"
#include "backend/sqlite_util.hpp"

namespace returnloop::kiosk {
namespace {

using detail::date_or_epoch;
using detail::exec;
using detail::kItemColumns;
using detail::kItemMacColumn;
using detail::kPayoutColumns;
using detail::kPayoutMacColumn;
using detail::read_item;
using detail::read_payout;
using detail::sqlite_error;
using detail::Statement;
using detail::Transaction;

// Stamped in the SQLite header of every ledger ("RLK" and a version byte), checked before anything else is read.
constexpr std::int64_t kApplicationId = 0x524C4B01;
constexpr int kSchemaVersion = 2;  // PRAGMA user_version
constexpr std::size_t kMaxProblems = 100;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions(
  id INTEGER PRIMARY KEY,
  opened_ms INTEGER NOT NULL,
  opened_date TEXT NOT NULL,
  currency TEXT NOT NULL,
  scheme_id TEXT NOT NULL,
  open INTEGER NOT NULL DEFAULT 1 CHECK(open IN (0, 1)));
CREATE TABLE IF NOT EXISTS items(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  position INTEGER NOT NULL,
  gtin TEXT NOT NULL,
  refund_minor INTEGER NOT NULL CHECK(refund_minor > 0),
  deposit_minor INTEGER NOT NULL,
  handling_fee_micros INTEGER NOT NULL,
  rule_id TEXT NOT NULL,
  register_override INTEGER NOT NULL,
  scanned_ms INTEGER NOT NULL,
  scanned_date TEXT NOT NULL,
  key_id INTEGER NOT NULL,
  mac TEXT NOT NULL,
  UNIQUE(session_id, position));
CREATE INDEX IF NOT EXISTS items_by_date ON items(scanned_date);
CREATE TABLE IF NOT EXISTS payouts(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL UNIQUE REFERENCES sessions(id),
  kind TEXT NOT NULL CHECK(kind IN ('voucher', 'donation', 'digital')),
  amount_minor INTEGER NOT NULL CHECK(amount_minor > 0),
  currency TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  created_date TEXT NOT NULL,
  voucher_seq INTEGER UNIQUE,
  code128 TEXT UNIQUE,
  ean13 TEXT,
  qr TEXT UNIQUE,
  expires_date TEXT,
  charity TEXT NOT NULL DEFAULT '',
  key_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('issued', 'redeemed', 'donated')),
  delivered INTEGER NOT NULL DEFAULT 0 CHECK(delivered IN (0, 1, 2)),
  delivery_attempts INTEGER NOT NULL DEFAULT 0,
  redeemed_ms INTEGER,
  redeemed_via TEXT,
  mac TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS payouts_by_ean13 ON payouts(ean13);
CREATE TABLE IF NOT EXISTS intake(
  id INTEGER PRIMARY KEY,
  controller_item TEXT NOT NULL UNIQUE,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  gtin TEXT NOT NULL,
  refund_minor INTEGER NOT NULL CHECK(refund_minor > 0),
  deposit_minor INTEGER NOT NULL,
  handling_fee_micros INTEGER NOT NULL,
  rule_id TEXT NOT NULL,
  register_override INTEGER NOT NULL,
  bin TEXT NOT NULL,
  weight_mg INTEGER NOT NULL,
  material TEXT NOT NULL,
  accepted_ms INTEGER NOT NULL,
  accepted_date TEXT NOT NULL,
  state TEXT NOT NULL CHECK(state IN ('accepted', 'binned', 'returned', 'unknown')),
  settled_ms INTEGER,
  item_id INTEGER UNIQUE REFERENCES items(id));
CREATE INDEX IF NOT EXISTS intake_by_state ON intake(state);
CREATE TABLE IF NOT EXISTS redemptions(
  id INTEGER PRIMARY KEY,
  payout_id INTEGER NOT NULL UNIQUE REFERENCES payouts(id),
  status TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  via TEXT NOT NULL,
  key_id INTEGER NOT NULL,
  mac TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL, key_id INTEGER NOT NULL, mac TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_by_kind ON events(kind, at_ms);
CREATE TABLE IF NOT EXISTS admin(
  source TEXT PRIMARY KEY, failures INTEGER NOT NULL, locked_until_ms INTEGER NOT NULL, key_id INTEGER NOT NULL, mac TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS heads(
  chain TEXT PRIMARY KEY, count INTEGER NOT NULL, last_id INTEGER NOT NULL, last_mac TEXT NOT NULL, key_id INTEGER NOT NULL,
  mac TEXT NOT NULL);
)sql";

Error ledger_problem(const std::string& message) { return Error{"ledger", message}; }

Result<std::int64_t> pragma_integer(sqlite3* db, const char* pragma, const std::string& path) {
    Statement s(db, pragma);
    if (s.step() != SQLITE_ROW) return sqlite_error(db, "cannot read the ledger " + path);
    return s.integer(0);
}

// Checks a file that already exists before anything writes to it: whose it is, which schema, and whether SQLite
// finds it intact. Reading the header of a file that is not a database fails here, before any PRAGMA that writes.
Status check_existing_file(sqlite3* db, const std::string& path) {
    Result<std::int64_t> application_id = pragma_integer(db, "PRAGMA application_id", path);
    if (!application_id) return application_id.error();
    if (*application_id != kApplicationId) {
        return ledger_problem("the file " + path + " is not a ReturnLoop kiosk ledger (application_id " +
                              std::to_string(*application_id) + "): it was left as it was");
    }
    Result<std::int64_t> version = pragma_integer(db, "PRAGMA user_version", path);
    if (!version) return version.error();
    if (*version != kSchemaVersion) {
        return ledger_problem("the ledger " + path + " has schema version " + std::to_string(*version) + "; this kiosk reads " +
                              std::to_string(kSchemaVersion));
    }
    Statement check(db, "PRAGMA quick_check");
    std::string verdict;
    int rc = 0;
    while ((rc = check.step()) == SQLITE_ROW) verdict += (verdict.empty() ? "" : "; ") + check.text(0);
    if (rc != SQLITE_DONE) return sqlite_error(db, "cannot check the ledger " + path);
    if (verdict != "ok") return ledger_problem("the ledger " + path + " is damaged (quick_check: " + verdict.substr(0, 200) + ")");
    return ok_status();
}

// The stamp of one key id: refuses an id that the ledger knows as another key.
Status check_key_fingerprints(sqlite3* db, const VoucherKeyRing& keys) {
    for (const auto& [id, key] : keys.keys) {
        const std::string name = "key." + std::to_string(id);
        const std::string fingerprint = key_fingerprint(key);
        Statement read(db, "SELECT value FROM meta WHERE key = ?1");
        read.bind(1, name);
        if (read.step() == SQLITE_ROW) {
            if (read.text(0) != fingerprint) {
                return ledger_problem("voucher key " + std::to_string(id) + " in the settings is not the key this ledger knows as " +
                                      std::to_string(id) + " (fingerprint " + read.text(0) + "); give a new key a new id");
            }
            continue;
        }
        Statement insert(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
        insert.bind(1, name).bind(2, fingerprint);
        if (insert.step() != SQLITE_DONE) return sqlite_error(db, "cannot record the key's fingerprint");
    }
    return ok_status();
}

}  // namespace

Ledger::Ledger(sqlite3* db, std::string path, const VoucherKeyRing& keys) : db_(db), path_(std::move(path)) {
    for (const auto& [id, key] : keys.keys) record_keys_[id] = record_key_for(id, key);
    if (!keys.empty()) current_key_id_ = keys.current_id;
}

Ledger::~Ledger() {
    for (auto& [id, key] : record_keys_) wipe(key);
    sqlite3_close(db_);
}

Result<std::unique_ptr<Ledger>> Ledger::open(const std::string& path, const VoucherKeyRing& keys, const LedgerOptions& options) {
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;
    if (!exists && !options.create) return ledger_problem("there is no ledger at " + path);
    if (exists && !S_ISREG(info.st_mode)) return ledger_problem(path + " is not a regular file");
    if (exists && ::access(path.c_str(), W_OK) != 0) {
        return ledger_problem("the ledger " + path + " is read-only: the kiosk cannot record returns in it");
    }
    if (!keys.empty() && !keys.find(keys.current_id)) return ledger_problem("the current voucher key is not in the key ring");
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        Error error = ledger_problem("cannot open the ledger " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
        sqlite3_close(db);
        return error;
    }
    std::unique_ptr<Ledger> ledger(new Ledger(db, path, keys));
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    if (sqlite3_db_readonly(db, "main") == 1) return ledger_problem("the ledger " + path + " is read-only");
    const bool fresh = !exists || info.st_size == 0;
    if (!fresh) {
        if (Status s = check_existing_file(db, path); !s) return s.error();
    }
    // WAL with synchronous=FULL: every COMMIT is fsync'ed to the WAL before it returns (sqlite.org/pragma.html).
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        Statement s(db, pragma);
        const int rc = s.step();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_error(db, "cannot open the ledger " + path);
        if (std::string_view(pragma) == "PRAGMA journal_mode=WAL" && s.text(0) != "wal") {
            return ledger_problem("the ledger " + path + " cannot use write-ahead logging (" + s.text(0) + ")");
        }
    }
    Transaction tx(db);
    if (!tx.begun()) return sqlite_error(db, "cannot open the ledger " + path);
    if (fresh) {
        if (Status s = exec(db, kSchema); !s) return s.error();
        const std::string stamp = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                                  "; PRAGMA user_version = " + std::to_string(kSchemaVersion);
        if (Status s = exec(db, stamp.c_str()); !s) return s.error();
    }
    // A ledger belongs to one store and machine; a file copied from another machine is refused.
    for (const auto& [name, expected] : {std::pair<const char*, std::optional<int>>{"store", options.store},
                                         std::pair<const char*, std::optional<int>>{"machine", options.machine}}) {
        if (!expected) continue;
        Statement read(db, "SELECT value FROM meta WHERE key = ?1");
        read.bind(1, name);
        if (read.step() == SQLITE_ROW) {
            if (read.text(0) != std::to_string(*expected)) {
                return ledger_problem("the ledger " + path + " belongs to " + name + " " + read.text(0) + ", not " +
                                      std::to_string(*expected));
            }
        } else {
            Statement insert(db, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
            insert.bind(1, name).bind(2, std::to_string(*expected));
            if (insert.step() != SQLITE_DONE) return sqlite_error(db, "cannot initialise the ledger");
        }
    }
    if (Status s = check_key_fingerprints(db, keys); !s) return s.error();
    if (Status s = tx.commit(); !s) return s.error();
    return ledger;
}

Result<ChainHead> Ledger::head(std::string_view chain) {
    ChainHead h;
    h.chain = std::string(chain);
    Statement s(db_, "SELECT count, last_id, last_mac, key_id FROM heads WHERE chain = ?1");
    s.bind(1, chain);
    const int rc = s.step();
    if (rc == SQLITE_ROW) {
        h.count = s.integer(0);
        h.last_id = s.integer(1);
        h.last_mac = s.text(2);
        h.key_id = static_cast<int>(s.integer(3));
    } else if (rc != SQLITE_DONE) {
        return sqlite_error(db_, "cannot read the ledger's head");
    }
    return h;
}

Status Ledger::write_head(ChainHead h) {
    h.key_id = current_key_id_;
    Statement s(db_, "INSERT INTO heads(chain, count, last_id, last_mac, key_id, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                     "ON CONFLICT(chain) DO UPDATE SET count = excluded.count, last_id = excluded.last_id, "
                     "last_mac = excluded.last_mac, key_id = excluded.key_id, mac = excluded.mac");
    s.bind(1, h.chain).bind(2, h.count).bind(3, h.last_id).bind(4, h.last_mac).bind(5, static_cast<std::int64_t>(h.key_id));
    s.bind(6, head_mac(signing_key(), h));
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the ledger's head");
    return ok_status();
}

Result<AppendedItem> Ledger::append_item(const NewItem& input) {
    if (current_key_id_ == 0) return ledger_problem("the ledger was opened without a key");
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot record the item");
    AppendedItem out;
    if (input.session_id) {
        Statement check(db_, "SELECT open FROM sessions WHERE id = ?1");
        check.bind(1, *input.session_id);
        if (check.step() != SQLITE_ROW || check.integer(0) != 1) return Error{"session", "the session is not open"};
        out.session_id = *input.session_id;
        Statement count(db_, "SELECT COUNT(*) FROM items WHERE session_id = ?1");
        count.bind(1, out.session_id);
        if (count.step() != SQLITE_ROW) return sqlite_error(db_, "cannot record the item");
        out.position = static_cast<int>(count.integer(0));
    } else {
        Statement insert(db_, "INSERT INTO sessions(opened_ms, opened_date, currency, scheme_id) VALUES (?1, ?2, ?3, ?4)");
        insert.bind(1, input.item.scanned_at_ms)
            .bind(2, format_date(input.date))
            .bind(3, currency_code(input.currency))
            .bind(4, input.scheme_id);
        if (insert.step() != SQLITE_DONE) return sqlite_error(db_, "cannot open a session");
        out.session_id = sqlite3_last_insert_rowid(db_);
        out.position = 0;
    }
    // The chain continues from the signed head, not from the table: a row cut off the end leaves a visible gap.
    Result<ChainHead> chain = head("items");
    if (!chain) return chain.error();
    LedgerItem row;
    row.id = chain->last_id + 1;
    row.session_id = out.session_id;
    row.position = out.position;
    row.gtin14 = input.item.gtin14;
    row.refund_minor = input.item.refund.minor;
    row.deposit_minor = input.item.deposit.minor;
    row.handling_fee_micros = input.item.handling_fee.micros;
    row.rule_id = input.rule_id;
    row.register_override = input.item.register_override;
    row.scanned_ms = input.item.scanned_at_ms;
    row.scanned_date = input.date;
    row.key_id = current_key_id_;
    const std::string mac = item_mac(signing_key(), row, chain->last_mac);
    Statement insert(db_,
                     "INSERT INTO items(id, session_id, position, gtin, refund_minor, deposit_minor, handling_fee_micros, rule_id, "
                     "register_override, scanned_ms, scanned_date, key_id, mac) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    insert.bind(1, row.id)
        .bind(2, row.session_id)
        .bind(3, static_cast<std::int64_t>(row.position))
        .bind(4, row.gtin14)
        .bind(5, row.refund_minor)
        .bind(6, row.deposit_minor)
        .bind(7, row.handling_fee_micros)
        .bind(8, row.rule_id)
        .bind(9, static_cast<std::int64_t>(row.register_override ? 1 : 0))
        .bind(10, row.scanned_ms)
        .bind(11, format_date(row.scanned_date))
        .bind(12, static_cast<std::int64_t>(row.key_id))
        .bind(13, mac);
    if (insert.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the item");
    if (Status s = write_head(ChainHead{"items", chain->count + 1, row.id, mac, 0}); !s) return s.error();
    out.item_id = row.id;
    if (input.intake_id) {
        // Binned: the item and the settling of its accept record commit together, and only once.
        Statement settle(db_, "UPDATE intake SET state = 'binned', settled_ms = ?2, item_id = ?3 WHERE id = ?1 AND state = 'accepted'");
        settle.bind(1, *input.intake_id).bind(2, input.settled_ms).bind(3, row.id);
        if (settle.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the binned container");
        if (sqlite3_changes(db_) != 1) return Error{"intake", "the container was already settled"};
    }
    if (Status s = tx.commit(); !s) return s.error();
    return out;
}

Result<std::optional<LedgerSession>> Ledger::open_session() {
    Statement s(db_, "SELECT id, opened_ms, opened_date, currency, scheme_id FROM sessions WHERE open = 1 ORDER BY id DESC LIMIT 1");
    const int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<LedgerSession>();
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot read the open session");
    LedgerSession session;
    session.id = s.integer(0);
    session.opened_ms = s.integer(1);
    session.opened_date = date_or_epoch(s.text(2));
    session.currency = currency_from_code(s.text(3)).value_or(Currency::EUR);
    session.scheme_id = s.text(4);
    Statement items(db_, std::string("SELECT ") + kItemColumns + " FROM items WHERE session_id = ?1 ORDER BY position");
    items.bind(1, session.id);
    int step = 0;
    while ((step = items.step()) == SQLITE_ROW) session.items.push_back(read_item(items));
    if (step != SQLITE_DONE) return sqlite_error(db_, "cannot read the open session's items");
    return std::optional<LedgerSession>(std::move(session));
}

Result<DayTotals> Ledger::day_totals(Date date, std::int64_t excluding_session) {
    Statement s(db_, "SELECT COUNT(*), COALESCE(SUM(refund_minor), 0) FROM items WHERE scanned_date = ?1 AND session_id <> ?2");
    s.bind(1, format_date(date)).bind(2, excluding_session);
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "cannot read today's totals");
    return DayTotals{static_cast<std::uint32_t>(s.integer(0)), s.integer(1)};
}

Result<PayoutRecord> Ledger::pay(std::int64_t session_id, const PayoutRequest& request, const CodeMaker& make_codes) {
    if (current_key_id_ == 0) return ledger_problem("the ledger was opened without a key");
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot pay the session");
    PayoutRecord p;
    {
        Statement session(db_, "SELECT open, currency FROM sessions WHERE id = ?1");
        session.bind(1, session_id);
        if (session.step() != SQLITE_ROW) return Error{"session", "there is no session " + std::to_string(session_id)};
        if (session.integer(0) != 1) return Error{"session", "session " + std::to_string(session_id) + " is already paid"};
        p.amount.currency = currency_from_code(session.text(1)).value_or(Currency::EUR);
    }
    {
        Statement sum(db_, "SELECT COUNT(*), COALESCE(SUM(refund_minor), 0) FROM items WHERE session_id = ?1");
        sum.bind(1, session_id);
        if (sum.step() != SQLITE_ROW) return sqlite_error(db_, "cannot pay the session");
        p.item_count = static_cast<int>(sum.integer(0));
        p.amount.minor = sum.integer(1);
        if (p.item_count == 0) return Error{"session", "an empty session has nothing to pay"};
    }
    p.session_id = session_id;
    p.kind = request.kind;
    p.created_ms = request.now_ms;
    p.created_date = request.date;
    p.charity = request.charity;
    p.key_id = current_key_id_;
    if (request.kind == PayoutKind::donation) {
        p.status = PayoutStatus::donated;
    } else {
        Statement seq(db_, "SELECT COALESCE(MAX(voucher_seq), 0) + 1 FROM payouts");
        if (seq.step() != SQLITE_ROW) return sqlite_error(db_, "cannot number the voucher");
        p.voucher_seq = seq.integer(0);
        p.expires = request.expires;
        Result<PayoutCodes> codes = make_codes(p.voucher_seq, p.amount);
        if (!codes) return codes.error();
        p.codes = *codes;
    }
    Result<ChainHead> chain = head("payouts");
    if (!chain) return chain.error();
    p.id = chain->last_id + 1;
    const std::string mac = payout_mac(signing_key(), p, chain->last_mac);
    Statement insert(db_,
                     "INSERT INTO payouts(id, session_id, kind, amount_minor, currency, item_count, created_ms, created_date, voucher_seq, "
                     "code128, ean13, qr, expires_date, charity, status, mac, key_id) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    insert.bind(1, p.id)
        .bind(2, p.session_id)
        .bind(3, payout_kind_id(p.kind))
        .bind(4, p.amount.minor)
        .bind(5, currency_code(p.amount.currency))
        .bind(6, static_cast<std::int64_t>(p.item_count))
        .bind(7, p.created_ms)
        .bind(8, format_date(p.created_date))
        .bind(14, p.charity)
        .bind(15, payout_status_id(p.status))
        .bind(16, mac)
        .bind(17, static_cast<std::int64_t>(p.key_id));
    if (p.kind == PayoutKind::donation) {
        insert.bind_null(9).bind_null(10).bind_null(11).bind_null(12).bind_null(13);
    } else {
        // Empty codes are stored as NULL: the UNIQUE columns must not treat two missing codes as a collision.
        insert.bind(9, p.voucher_seq);
        const std::string* codes[] = {&p.codes.code128, &p.codes.ean13, &p.codes.qr};
        for (int i = 0; i < 3; ++i) {
            if (codes[i]->empty()) insert.bind_null(10 + i);
            else insert.bind(10 + i, *codes[i]);
        }
        if (p.expires) insert.bind(13, format_date(*p.expires));
        else insert.bind_null(13);
    }
    if (insert.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the payout");
    if (Status s = write_head(ChainHead{"payouts", chain->count + 1, p.id, mac, 0}); !s) return s.error();
    Statement close(db_, "UPDATE sessions SET open = 0 WHERE id = ?1 AND open = 1");
    close.bind(1, session_id);
    if (close.step() != SQLITE_DONE || sqlite3_changes(db_) != 1) return sqlite_error(db_, "cannot close the session");
    if (Status s = tx.commit(); !s) return s.error();
    return p;
}

Status Ledger::mark_delivered(std::int64_t payout_id) {
    Statement s(db_, "UPDATE payouts SET delivered = 1 WHERE id = ?1");
    s.bind(1, payout_id);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot mark the receipt delivered");
    return ok_status();
}

Result<int> Ledger::count_delivery_attempt(std::int64_t payout_id) {
    Statement s(db_, "UPDATE payouts SET delivery_attempts = delivery_attempts + 1 WHERE id = ?1 RETURNING delivery_attempts");
    s.bind(1, payout_id);
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "cannot count the delivery attempt");
    return static_cast<int>(s.integer(0));
}

Status Ledger::give_up_delivery(std::int64_t payout_id, std::int64_t now_ms, int attempts) {
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot give up the receipt");
    Statement s(db_, "UPDATE payouts SET delivered = 2 WHERE id = ?1 AND delivered = 0");
    s.bind(1, payout_id);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot give up the receipt");
    const std::string detail = "{\"payout\":" + std::to_string(payout_id) + ",\"attempts\":" + std::to_string(attempts) + "}";
    if (Status st = append_event(now_ms, "receipt_abandoned", detail); !st) return st;
    return tx.commit();
}

Result<std::vector<PayoutRecord>> Ledger::undelivered_payouts() {
    Statement s(db_, std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE delivered = 0 ORDER BY id");
    std::vector<PayoutRecord> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_payout(s));
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read undelivered receipts");
    return out;
}

Result<std::vector<PayoutRecord>> Ledger::find_payouts(std::string_view column, std::string_view code) {
    if (column != "code128" && column != "ean13" && column != "qr") return Error{"column", "unknown code column"};
    Statement s(db_, std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE " + std::string(column) + " = ?1 ORDER BY id");
    s.bind(1, code);
    std::vector<PayoutRecord> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_payout(s));
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot look the voucher up");
    return out;
}

Result<std::optional<PayoutRecord>> Ledger::payout(std::int64_t payout_id) {
    Statement s(db_, std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE id = ?1");
    s.bind(1, payout_id);
    const int rc = s.step();
    if (rc == SQLITE_ROW) return std::optional<PayoutRecord>(read_payout(s));
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read the payout");
    return std::optional<PayoutRecord>();
}

Result<std::vector<PayoutRecord>> Ledger::recent_payouts(int limit) {
    Statement s(db_, std::string("SELECT ") + kPayoutColumns + " FROM payouts ORDER BY id DESC LIMIT ?1");
    s.bind(1, static_cast<std::int64_t>(limit));
    std::vector<PayoutRecord> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_payout(s));
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read the recent payouts");
    return out;
}

Result<std::vector<DepositCount>> Ledger::deposit_breakdown(std::int64_t session_id) {
    Statement s(db_, "SELECT i.refund_minor, COUNT(*), s.currency FROM items i JOIN sessions s ON s.id = i.session_id "
                     "WHERE i.session_id = ?1 GROUP BY i.refund_minor ORDER BY i.refund_minor DESC");
    s.bind(1, session_id);
    std::vector<DepositCount> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        out.push_back(DepositCount{Money{s.integer(0), currency_from_code(s.text(2)).value_or(Currency::EUR)}, s.integer(1)});
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot count the session's containers");
    return out;
}

Result<bool> Ledger::mark_redeemed(std::int64_t payout_id, std::int64_t now_ms, std::string_view via) {
    if (current_key_id_ == 0) return ledger_problem("the ledger was opened without a key");
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot mark the voucher redeemed");
    // The status test inside the UPDATE makes two tills racing for one voucher safe: only one changes the row.
    Statement s(db_, "UPDATE payouts SET status = 'redeemed', redeemed_ms = ?2, redeemed_via = ?3 WHERE id = ?1 AND status = 'issued'");
    s.bind(1, payout_id).bind(2, now_ms).bind(3, via);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot mark the voucher redeemed");
    if (sqlite3_changes(db_) != 1) return false;
    Result<ChainHead> chain = head("redemptions");
    if (!chain) return chain.error();
    RedemptionRecord r{chain->last_id + 1, payout_id, "redeemed", now_ms, std::string(via), current_key_id_};
    const std::string mac = redemption_mac(signing_key(), r, chain->last_mac);
    Statement insert(db_, "INSERT INTO redemptions(id, payout_id, status, at_ms, via, key_id, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, r.id).bind(2, r.payout_id).bind(3, r.status).bind(4, r.at_ms).bind(5, r.via);
    insert.bind(6, static_cast<std::int64_t>(r.key_id)).bind(7, mac);
    if (insert.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the redemption");
    if (Status st = write_head(ChainHead{"redemptions", chain->count + 1, r.id, mac, 0}); !st) return st.error();
    if (Status st = tx.commit(); !st) return st.error();
    return true;
}

Result<std::vector<OutstandingByKey>> Ledger::outstanding_by_key(Date today) {
    Statement s(db_, "SELECT key_id, COUNT(*), MAX(expires_date) FROM payouts "
                     "WHERE status = 'issued' AND expires_date IS NOT NULL AND expires_date >= ?1 GROUP BY key_id ORDER BY key_id");
    s.bind(1, format_date(today));
    std::vector<OutstandingByKey> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        out.push_back(OutstandingByKey{static_cast<int>(s.integer(0)), s.integer(1), date_or_epoch(s.text(2))});
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read outstanding vouchers");
    return out;
}

Status Ledger::append_event(std::int64_t at_ms, std::string_view kind, std::string_view detail_json) {
    Result<ChainHead> chain = head("events");
    if (!chain) return chain.error();
    LedgerEvent e{chain->last_id + 1, at_ms, std::string(kind), std::string(detail_json), current_key_id_};
    const std::string mac = event_mac(signing_key(), e, chain->last_mac);
    Statement s(db_, "INSERT INTO events(id, at_ms, kind, detail, key_id, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    s.bind(1, e.id).bind(2, e.at_ms).bind(3, e.kind).bind(4, e.detail).bind(5, static_cast<std::int64_t>(e.key_id)).bind(6, mac);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the event");
    return write_head(ChainHead{"events", chain->count + 1, e.id, mac, 0});
}

Status Ledger::record_event(std::int64_t at_ms, std::string_view kind, std::string_view detail_json) {
    if (current_key_id_ == 0) return ledger_problem("the ledger was opened without a key");
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot record the event");
    if (Status s = append_event(at_ms, kind, detail_json); !s) return s;
    return tx.commit();
}

Result<std::vector<LedgerEvent>> Ledger::events(std::string_view kind) {
    Statement s(db_, "SELECT id, at_ms, kind, detail, key_id FROM events WHERE ?1 = '' OR kind = ?1 ORDER BY id");
    s.bind(1, kind);
    std::vector<LedgerEvent> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        out.push_back(LedgerEvent{s.integer(0), s.integer(1), s.text(2), s.text(3), static_cast<int>(s.integer(4))});
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read events");
    return out;
}

Result<std::int64_t> Ledger::count_events(std::string_view kind, std::int64_t since_ms, std::string_view field, std::string_view value) {
    Statement s(db_, "SELECT COUNT(*) FROM events WHERE kind = ?1 AND at_ms >= ?2 AND json_extract(detail, ?3) = ?4");
    s.bind(1, kind).bind(2, since_ms).bind(3, "$." + std::string(field)).bind(4, value);
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "cannot count events");
    return s.integer(0);
}

Result<std::optional<std::string>> Ledger::last_event_detail(std::string_view kind, std::string_view field, std::int64_t value) {
    Statement s(db_, "SELECT detail FROM events WHERE kind = ?1 AND json_extract(detail, ?2) = ?3 ORDER BY id DESC LIMIT 1");
    s.bind(1, kind).bind(2, "$." + std::string(field)).bind(3, value);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot read events");
    return std::optional<std::string>(s.text(0));
}

Result<AdminState> Ledger::admin_state(std::string_view source) {
    AdminState state;
    state.source = std::string(source);
    Statement s(db_, "SELECT failures, locked_until_ms, key_id FROM admin WHERE source = ?1");
    s.bind(1, source);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return state;
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot read the admin lockout state");
    state.failures = static_cast<int>(s.integer(0));
    state.locked_until_ms = s.integer(1);
    state.key_id = static_cast<int>(s.integer(2));
    return state;
}

Result<AdminUpdate> Ledger::admin_attempt(std::string_view source, const AdminDecision& decide) {
    if (current_key_id_ == 0) return ledger_problem("the ledger was opened without a key");
    Transaction tx(db_);
    if (!tx.begun()) return sqlite_error(db_, "cannot record the PIN attempt");
    Result<AdminState> current = admin_state(source);
    if (!current) return current.error();
    AdminUpdate update = decide(*current);
    update.next.source = std::string(source);
    update.next.key_id = current_key_id_;
    Statement s(db_, "INSERT INTO admin(source, failures, locked_until_ms, key_id, mac) VALUES (?1, ?2, ?3, ?4, ?5) "
                     "ON CONFLICT(source) DO UPDATE SET failures = excluded.failures, locked_until_ms = excluded.locked_until_ms, "
                     "key_id = excluded.key_id, mac = excluded.mac");
    s.bind(1, source).bind(2, static_cast<std::int64_t>(update.next.failures)).bind(3, update.next.locked_until_ms);
    s.bind(4, static_cast<std::int64_t>(update.next.key_id)).bind(5, admin_state_mac(signing_key(), update.next));
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the admin lockout state");
    if (!update.event_kind.empty()) {
        if (Status st = append_event(update.event_at_ms, update.event_kind, update.event_detail); !st) return st.error();
    }
    if (Status st = tx.commit(); !st) return st.error();
    return update;
}

Result<std::vector<LedgerSession>> Ledger::sessions_between(Date from, Date to) {
    Statement s(db_, "SELECT id, opened_ms, opened_date, currency, scheme_id, open FROM sessions "
                     "WHERE opened_date >= ?1 AND opened_date <= ?2 ORDER BY id");
    s.bind(1, format_date(from)).bind(2, format_date(to));
    std::vector<LedgerSession> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) {
        LedgerSession session;
        session.id = s.integer(0);
        session.opened_ms = s.integer(1);
        session.opened_date = date_or_epoch(s.text(2));
        session.currency = currency_from_code(s.text(3)).value_or(Currency::EUR);
        session.scheme_id = s.text(4);
        session.open = s.integer(5) != 0;
        out.push_back(std::move(session));
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read sessions");
    for (LedgerSession& session : out) {
        Statement items(db_, std::string("SELECT ") + kItemColumns + " FROM items WHERE session_id = ?1 ORDER BY position");
        items.bind(1, session.id);
        while ((rc = items.step()) == SQLITE_ROW) session.items.push_back(read_item(items));
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read items");
    }
    return out;
}

Result<std::vector<PayoutRecord>> Ledger::payouts_for_sessions_between(Date from, Date to) {
    Statement s(db_, std::string("SELECT ") + kPayoutColumns +
                         " FROM payouts WHERE session_id IN (SELECT id FROM sessions WHERE opened_date >= ?1 AND opened_date <= ?2) "
                         "ORDER BY id");
    s.bind(1, format_date(from)).bind(2, format_date(to));
    std::vector<PayoutRecord> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_payout(s));
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read payouts");
    return out;
}

namespace {

// Collects problems up to a bound, so a thoroughly rewritten ledger still gives a readable report.
struct Problems {
    std::vector<std::string>& list;
    void add(std::string problem) {
        if (list.size() < kMaxProblems) list.push_back(std::move(problem));
    }
};

// One chain's rows in id order: contiguity from 1, each MAC under the record's own key, and the signed head.
class ChainCheck {
public:
    ChainCheck(std::string noun, const std::map<int, RecordKey>& keys, Problems& problems)
        : noun_(std::move(noun)), keys_(keys), problems_(problems) {}

    // The key a record names, or nullptr (reported) when the settings no longer hold it.
    const RecordKey* key(int key_id, std::int64_t record_id) {
        const auto it = keys_.find(key_id);
        if (it != keys_.end()) return &it->second;
        problems_.add(noun_ + " " + std::to_string(record_id) + " was signed with voucher key " + std::to_string(key_id) +
                      ", which the settings do not hold (keep retired keys under voucher.retiredKeys)");
        return nullptr;
    }

    void row(std::int64_t id, const std::string& expected_mac, const std::string& stored_mac) {
        if (id != last_id_ + 1) {
            problems_.add(id - 1 == last_id_ + 1 ? noun_ + " " + std::to_string(last_id_ + 1) + " is missing"
                                                 : noun_ + "s " + std::to_string(last_id_ + 1) + " to " + std::to_string(id - 1) +
                                                       " are missing");
        }
        if (!expected_mac.empty() && !equal_constant_time(expected_mac, stored_mac)) {
            problems_.add(noun_ + " " + std::to_string(id) + " does not match its signature (edited, or signed with another key)");
        }
        last_id_ = id;
        last_mac_ = stored_mac;
        ++count_;
    }

    const std::string& previous_mac() const { return last_mac_; }
    std::int64_t count() const { return count_; }

    void against_head(const ChainHead& head, const std::string& stored_head_mac, bool head_exists) {
        if (!head_exists) {
            if (count_ > 0) problems_.add("the " + noun_ + " records have no signed head (it was deleted)");
            return;
        }
        const auto it = keys_.find(head.key_id);
        if (it == keys_.end()) {
            problems_.add("the " + noun_ + " head was signed with voucher key " + std::to_string(head.key_id) + ", which the settings do not hold");
        } else if (!equal_constant_time(head_mac(it->second, head), stored_head_mac)) {
            problems_.add("the " + noun_ + " head does not match its signature (edited)");
        }
        if (head.count != count_ || head.last_id != last_id_ || head.last_mac != last_mac_) {
            problems_.add("the signed head counts " + std::to_string(head.count) + " " + noun_ + " records ending at " + noun_ + " " +
                          std::to_string(head.last_id) + ", but the ledger holds " + std::to_string(count_) + " ending at " +
                          std::to_string(last_id_) + (head.count > count_ ? " (records were removed from its end)" : ""));
        }
    }

private:
    std::string noun_;
    const std::map<int, RecordKey>& keys_;
    Problems& problems_;
    std::int64_t last_id_ = 0;
    std::int64_t count_ = 0;
    std::string last_mac_;
};

}  // namespace

Result<LedgerCheck> Ledger::verify() {
    LedgerCheck check;
    Problems problems{check.problems};
    std::map<std::string, std::pair<ChainHead, std::string>> heads;  // chain -> head, its stored MAC
    {
        Statement s(db_, "SELECT chain, count, last_id, last_mac, key_id, mac FROM heads");
        int rc = 0;
        while ((rc = s.step()) == SQLITE_ROW) {
            heads[s.text(0)] = {ChainHead{s.text(0), s.integer(1), s.integer(2), s.text(3), static_cast<int>(s.integer(4))}, s.text(5)};
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read the ledger's heads");
    }
    auto finish_chain = [&](ChainCheck& chain, const std::string& name) {
        const auto it = heads.find(name);
        chain.against_head(it == heads.end() ? ChainHead{} : it->second.first, it == heads.end() ? "" : it->second.second,
                           it != heads.end());
    };

    // Items: the chain, and positions 0..n-1 within each session.
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>> session_sums;  // session -> count, refund
    {
        ChainCheck chain("item", record_keys_, problems);
        Statement items(db_, std::string("SELECT ") + kItemColumns + " FROM items ORDER BY id");
        int rc = 0;
        while ((rc = items.step()) == SQLITE_ROW) {
            const LedgerItem item = read_item(items);
            const RecordKey* key = chain.key(item.key_id, item.id);
            chain.row(item.id, key ? item_mac(*key, item, chain.previous_mac()) : "", items.text(kItemMacColumn));
            auto& [count, refund] = session_sums[item.session_id];
            if (item.position != count) {
                problems.add("item " + std::to_string(item.id) + " is at position " + std::to_string(item.position) + " of session " +
                             std::to_string(item.session_id) + " where position " + std::to_string(count) + " was due");
            }
            ++count;
            refund += item.refund_minor;
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read items");
        finish_chain(chain, "items");
        check.items = chain.count();
    }

    // Payouts: the chain, voucher numbers 1..n, and each payout equal to its session's items.
    std::map<std::int64_t, PayoutRecord> payouts;  // by id
    std::map<std::int64_t, std::int64_t> payout_of_session;
    {
        ChainCheck chain("payout", record_keys_, problems);
        Statement s(db_, std::string("SELECT ") + kPayoutColumns + ", mac FROM payouts ORDER BY id");
        std::int64_t expected_seq = 1;
        int rc = 0;
        while ((rc = s.step()) == SQLITE_ROW) {
            const PayoutRecord p = read_payout(s);
            const RecordKey* key = chain.key(p.key_id, p.id);
            chain.row(p.id, key ? payout_mac(*key, p, chain.previous_mac()) : "", s.text(kPayoutMacColumn));
            if (p.kind != PayoutKind::donation) {
                if (p.voucher_seq != expected_seq) {
                    problems.add("payout " + std::to_string(p.id) + " is voucher number " + std::to_string(p.voucher_seq) + " where " +
                                 std::to_string(expected_seq) + " was due");
                }
                expected_seq = p.voucher_seq + 1;
            }
            const auto sums = session_sums.find(p.session_id);
            const std::int64_t count = sums == session_sums.end() ? 0 : sums->second.first;
            const std::int64_t refund = sums == session_sums.end() ? 0 : sums->second.second;
            if (count != p.item_count || refund != p.amount.minor) {
                problems.add("payout " + std::to_string(p.id) + " (" + std::to_string(p.item_count) + " items, " +
                             std::to_string(p.amount.minor) + " minor units) does not equal the items of session " +
                             std::to_string(p.session_id) + " (" + std::to_string(count) + " items, " + std::to_string(refund) + ")");
            }
            payout_of_session[p.session_id] = p.id;
            payouts[p.id] = p;
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read payouts");
        finish_chain(chain, "payouts");
        check.payouts = chain.count();
    }

    // Sessions: a closed session has exactly one payout (UNIQUE allows at most one), an open one none.
    {
        Statement s(db_, "SELECT id, open FROM sessions ORDER BY id");
        int rc = 0;
        while ((rc = s.step()) == SQLITE_ROW) {
            const std::int64_t id = s.integer(0);
            const bool open = s.integer(1) != 0;
            const bool paid = payout_of_session.count(id) != 0;
            if (!open && !paid) problems.add("session " + std::to_string(id) + " is closed but has no payout (a payout was deleted)");
            if (open && paid) problems.add("session " + std::to_string(id) + " is open but has payout " + std::to_string(payout_of_session[id]));
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read sessions");
    }

    // Redemptions: the chain, and each payout's status agreeing with the signed redemptions.
    {
        ChainCheck chain("redemption", record_keys_, problems);
        std::set<std::int64_t> redeemed;
        Statement s(db_, "SELECT id, payout_id, status, at_ms, via, key_id, mac FROM redemptions ORDER BY id");
        int rc = 0;
        while ((rc = s.step()) == SQLITE_ROW) {
            const RedemptionRecord r{s.integer(0), s.integer(1), s.text(2), s.integer(3), s.text(4), static_cast<int>(s.integer(5))};
            const RecordKey* key = chain.key(r.key_id, r.id);
            chain.row(r.id, key ? redemption_mac(*key, r, chain.previous_mac()) : "", s.text(6));
            redeemed.insert(r.payout_id);
            const auto p = payouts.find(r.payout_id);
            if (p == payouts.end()) {
                problems.add("redemption " + std::to_string(r.id) + " names payout " + std::to_string(r.payout_id) + ", which is missing");
            } else if (p->second.status != PayoutStatus::redeemed) {
                problems.add("payout " + std::to_string(r.payout_id) + " says " + std::string(payout_status_id(p->second.status)) +
                             " but redemption " + std::to_string(r.id) + " redeemed it (via " + r.via + ")");
            }
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read redemptions");
        for (const auto& [id, p] : payouts) {
            if (p.status == PayoutStatus::redeemed && !redeemed.count(id)) {
                problems.add("payout " + std::to_string(id) + " says redeemed but no signed redemption record exists");
            }
            if ((p.status == PayoutStatus::donated) != (p.kind == PayoutKind::donation)) {
                problems.add("payout " + std::to_string(id) + " is a " + std::string(payout_kind_id(p.kind)) + " with status " +
                             std::string(payout_status_id(p.status)));
            }
        }
        finish_chain(chain, "redemptions");
        check.redemptions = chain.count();
    }

    // Events and the PIN lockout state.
    {
        ChainCheck chain("event", record_keys_, problems);
        Statement s(db_, "SELECT id, at_ms, kind, detail, key_id, mac FROM events ORDER BY id");
        int rc = 0;
        while ((rc = s.step()) == SQLITE_ROW) {
            const LedgerEvent e{s.integer(0), s.integer(1), s.text(2), s.text(3), static_cast<int>(s.integer(4))};
            const RecordKey* key = chain.key(e.key_id, e.id);
            chain.row(e.id, key ? event_mac(*key, e, chain.previous_mac()) : "", s.text(5));
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read events");
        finish_chain(chain, "events");
        check.events = chain.count();
    }
    {
        Statement s(db_, "SELECT source, failures, locked_until_ms, key_id, mac FROM admin ORDER BY source");
        int rc = 0;
        while ((rc = s.step()) == SQLITE_ROW) {
            const AdminState state{s.text(0), static_cast<int>(s.integer(1)), s.integer(2), static_cast<int>(s.integer(3))};
            const auto key = record_keys_.find(state.key_id);
            if (key == record_keys_.end() || !equal_constant_time(admin_state_mac(key->second, state), s.text(4))) {
                problems.add("the PIN lockout state of source \"" + state.source + "\" does not match its signature (edited)");
            }
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read the admin state");
    }
    return check;
}

Result<int> Ledger::synchronous_level() {
    Statement s(db_, "PRAGMA synchronous");
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "synchronous");
    return static_cast<int>(s.integer(0));
}

Result<std::string> Ledger::journal_mode() {
    Statement s(db_, "PRAGMA journal_mode");
    if (s.step() != SQLITE_ROW) return sqlite_error(db_, "journal_mode");
    return s.text(0);
}

Status Ledger::limit_growth(std::int64_t extra_pages) {
    Statement count(db_, "PRAGMA page_count");
    if (count.step() != SQLITE_ROW) return sqlite_error(db_, "page_count");
    const std::string sql = "PRAGMA max_page_count = " + std::to_string(count.integer(0) + extra_pages);
    Statement limit(db_, sql);
    if (limit.step() != SQLITE_ROW) return sqlite_error(db_, "max_page_count");
    return ok_status();
}

Status keys_cover_outstanding(Ledger& ledger, const VoucherKeyRing& keys, Date today) {
    Result<std::vector<OutstandingByKey>> outstanding = ledger.outstanding_by_key(today);
    if (!outstanding) return outstanding.error();
    for (const OutstandingByKey& use : *outstanding) {
        if (keys.find(use.key_id)) continue;
        return Error{"voucher.retiredKeys", "voucher key " + std::to_string(use.key_id) + " is still needed: " +
                                                std::to_string(use.vouchers) + " vouchers tagged with it can be redeemed until " +
                                                format_date(use.last_expiry) + "; keep it under voucher.retiredKeys"};
    }
    return ok_status();
}

}  // namespace returnloop::kiosk
