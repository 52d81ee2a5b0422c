// The SQLite return ledger (see ledger.hpp).
#include "backend/ledger.hpp"

#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend/crypto.hpp"
#include "backend/sqlite_util.hpp"

namespace returnloop::kiosk {
namespace {

using detail::exec;
using detail::sqlite_error;
using detail::Statement;
using detail::Transaction;

constexpr int kSchemaVersion = 1;

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
  status TEXT NOT NULL CHECK(status IN ('issued', 'redeemed', 'donated')),
  delivered INTEGER NOT NULL DEFAULT 0,
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
CREATE TABLE IF NOT EXISTS events(id INTEGER PRIMARY KEY, at_ms INTEGER NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS admin(id INTEGER PRIMARY KEY CHECK(id = 1), failures INTEGER NOT NULL, locked_until_ms INTEGER NOT NULL);
)sql";

constexpr const char* kPayoutColumns =
    "id, session_id, kind, amount_minor, currency, item_count, created_ms, created_date, voucher_seq, code128, ean13, qr, "
    "expires_date, charity, status, delivered, redeemed_ms, redeemed_via";

Date date_or_epoch(const std::string& iso) {
    Result<Date> date = parse_date(iso);
    return date ? *date : Date{};
}

PayoutRecord read_payout(const Statement& s) {
    PayoutRecord p;
    p.id = s.integer(0);
    p.session_id = s.integer(1);
    p.kind = payout_kind_from_id(s.text(2)).value_or(PayoutKind::voucher);
    p.amount = Money{s.integer(3), currency_from_code(s.text(4)).value_or(Currency::EUR)};
    p.item_count = static_cast<int>(s.integer(5));
    p.created_ms = s.integer(6);
    p.created_date = date_or_epoch(s.text(7));
    p.voucher_seq = s.is_null(8) ? 0 : s.integer(8);
    p.codes = PayoutCodes{s.text(9), s.text(10), s.text(11)};
    if (!s.is_null(12)) p.expires = date_or_epoch(s.text(12));
    p.charity = s.text(13);
    const std::string status = s.text(14);
    p.status = status == "redeemed" ? PayoutStatus::redeemed : status == "donated" ? PayoutStatus::donated : PayoutStatus::issued;
    p.delivered = s.integer(15) != 0;
    p.redeemed_ms = s.is_null(16) ? 0 : s.integer(16);
    p.redeemed_via = s.text(17);
    return p;
}

LedgerItem read_item(const Statement& s) {  // columns as in kItemColumns
    LedgerItem item;
    item.id = s.integer(0);
    item.session_id = s.integer(1);
    item.position = static_cast<int>(s.integer(2));
    item.gtin14 = s.text(3);
    item.refund_minor = s.integer(4);
    item.deposit_minor = s.integer(5);
    item.handling_fee_micros = s.integer(6);
    item.rule_id = s.text(7);
    item.register_override = s.integer(8) != 0;
    item.scanned_ms = s.integer(9);
    item.scanned_date = date_or_epoch(s.text(10));
    return item;
}
constexpr const char* kItemColumns =
    "id, session_id, position, gtin, refund_minor, deposit_minor, handling_fee_micros, rule_id, register_override, "
    "scanned_ms, scanned_date, mac";

std::string item_record(const LedgerItem& i, std::string_view previous_mac) {
    return "item|" + std::to_string(i.id) + "|" + std::to_string(i.session_id) + "|" + std::to_string(i.position) + "|" +
           i.gtin14 + "|" + std::to_string(i.refund_minor) + "|" + std::to_string(i.deposit_minor) + "|" +
           std::to_string(i.handling_fee_micros) + "|" + i.rule_id + "|" + (i.register_override ? "1" : "0") + "|" +
           std::to_string(i.scanned_ms) + "|" + format_date(i.scanned_date) + "|" + std::string(previous_mac);
}

std::string payout_record(const PayoutRecord& p) {
    return "payout|" + std::to_string(p.id) + "|" + std::to_string(p.session_id) + "|" + std::string(payout_kind_id(p.kind)) +
           "|" + std::to_string(p.amount.minor) + "|" + std::string(currency_code(p.amount.currency)) + "|" +
           std::to_string(p.item_count) + "|" + std::to_string(p.created_ms) + "|" + format_date(p.created_date) + "|" +
           std::to_string(p.voucher_seq) + "|" + p.codes.code128 + "|" + p.codes.ean13 + "|" + p.codes.qr + "|" +
           (p.expires ? format_date(*p.expires) : "") + "|" + p.charity;
}

Error ledger_problem(const std::string& message) { return Error{"ledger", message}; }

}  // namespace

std::string_view payout_kind_id(PayoutKind kind) {
    switch (kind) {
        case PayoutKind::voucher: return "voucher";
        case PayoutKind::donation: return "donation";
        case PayoutKind::digital: return "digital";
    }
    return "voucher";
}

std::optional<PayoutKind> payout_kind_from_id(std::string_view id) {
    if (id == "voucher") return PayoutKind::voucher;
    if (id == "donation" || id == "donate") return PayoutKind::donation;
    if (id == "digital") return PayoutKind::digital;
    return std::nullopt;
}

std::string_view payout_status_id(PayoutStatus status) {
    switch (status) {
        case PayoutStatus::issued: return "issued";
        case PayoutStatus::redeemed: return "redeemed";
        case PayoutStatus::donated: return "donated";
    }
    return "issued";
}

Ledger::Ledger(sqlite3* db, std::string path, const VoucherKey& key) : db_(db), path_(std::move(path)) {
    // Records are signed with a key derived from the voucher key, so one secret per store covers both.
    record_key_ = hmac_sha256(key.bytes(), "returnloop ledger record key v1");
}

Ledger::~Ledger() {
    sodium_memzero(record_key_.data(), record_key_.size());
    sqlite3_close(db_);
}

Result<std::unique_ptr<Ledger>> Ledger::open(const std::string& path, const VoucherKey& key, const LedgerOptions& options) {
    struct stat info {};
    const bool exists = ::stat(path.c_str(), &info) == 0;
    if (!exists && !options.create) return ledger_problem("there is no ledger at " + path);
    if (exists && !S_ISREG(info.st_mode)) return ledger_problem(path + " is not a regular file");
    if (exists && ::access(path.c_str(), W_OK) != 0) {
        return ledger_problem("the ledger " + path + " is read-only: the kiosk cannot record returns in it");
    }
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        Error error = ledger_problem("cannot open the ledger " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
        sqlite3_close(db);
        return error;
    }
    std::unique_ptr<Ledger> ledger(new Ledger(db, path, key));
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    if (sqlite3_db_readonly(db, "main") == 1) return ledger_problem("the ledger " + path + " is read-only");
    // WAL with synchronous=FULL: every COMMIT is fsync'ed to the WAL before it returns (sqlite.org/pragma.html).
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        Statement s(db, pragma);
        const int rc = s.step();
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            Error e = sqlite_error(db, "cannot open the ledger " + path);
            return e;
        }
        if (std::string_view(pragma) == "PRAGMA journal_mode=WAL" && s.text(0) != "wal") {
            return ledger_problem("the ledger " + path + " cannot use write-ahead logging (" + s.text(0) + ")");
        }
    }
    {
        Transaction tx(db);
        if (!tx.begun()) return sqlite_error(db, "cannot open the ledger " + path);
        if (Status s = exec(db, kSchema); !s) return s.error();
        Statement version(db, "SELECT value FROM meta WHERE key = 'schema_version'");
        if (version.step() == SQLITE_ROW) {
            if (version.text(0) != std::to_string(kSchemaVersion)) {
                return ledger_problem("the ledger " + path + " has schema version " + version.text(0) + "; this kiosk reads " +
                                      std::to_string(kSchemaVersion));
            }
        } else {
            Statement insert(db, "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)");
            insert.bind(1, std::to_string(kSchemaVersion));
            if (insert.step() != SQLITE_DONE) return sqlite_error(db, "cannot initialise the ledger");
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
        if (Status s = tx.commit(); !s) return s.error();
    }
    return ledger;
}

Result<AppendedItem> Ledger::append_item(const NewItem& input) {
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
    std::string previous_mac;
    std::int64_t next_id = 1;
    {
        Statement last(db_, "SELECT id, mac FROM items ORDER BY id DESC LIMIT 1");
        const int rc = last.step();
        if (rc == SQLITE_ROW) {
            next_id = last.integer(0) + 1;
            previous_mac = last.text(1);
        } else if (rc != SQLITE_DONE) {
            return sqlite_error(db_, "cannot record the item");
        }
    }
    LedgerItem row;
    row.id = next_id;
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
    const Mac mac = hmac_sha256(record_key_, item_record(row, previous_mac));
    Statement insert(db_,
                     "INSERT INTO items(id, session_id, position, gtin, refund_minor, deposit_minor, handling_fee_micros, rule_id, "
                     "register_override, scanned_ms, scanned_date, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
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
        .bind(12, to_hex(mac.data(), mac.size()));
    if (insert.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the item");
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
    {
        Statement next(db_, "SELECT COALESCE(MAX(id), 0) + 1 FROM payouts");
        if (next.step() != SQLITE_ROW) return sqlite_error(db_, "cannot pay the session");
        p.id = next.integer(0);
    }
    const Mac mac = hmac_sha256(record_key_, payout_record(p));
    Statement insert(db_,
                     "INSERT INTO payouts(id, session_id, kind, amount_minor, currency, item_count, created_ms, created_date, voucher_seq, "
                     "code128, ean13, qr, expires_date, charity, status, mac) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
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
        .bind(16, to_hex(mac.data(), mac.size()));
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

Result<std::optional<PayoutRecord>> Ledger::payout_for_session(std::int64_t session_id) {
    Statement s(db_, std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE session_id = ?1");
    s.bind(1, session_id);
    const int rc = s.step();
    if (rc == SQLITE_DONE) return std::optional<PayoutRecord>();
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot read the payout");
    return std::optional<PayoutRecord>(read_payout(s));
}

Result<bool> Ledger::mark_redeemed(std::int64_t payout_id, std::int64_t now_ms, std::string_view via) {
    // The status test inside the UPDATE makes two tills racing for one voucher safe: only one changes the row.
    Statement s(db_, "UPDATE payouts SET status = 'redeemed', redeemed_ms = ?2, redeemed_via = ?3 WHERE id = ?1 AND status = 'issued'");
    s.bind(1, payout_id).bind(2, now_ms).bind(3, via);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot mark the voucher redeemed");
    return sqlite3_changes(db_) == 1;
}

Status Ledger::record_event(std::int64_t at_ms, std::string_view kind, std::string_view detail_json) {
    Statement s(db_, "INSERT INTO events(at_ms, kind, detail) VALUES (?1, ?2, ?3)");
    s.bind(1, at_ms).bind(2, kind).bind(3, detail_json);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the event");
    return ok_status();
}

Result<std::vector<LedgerEvent>> Ledger::events(std::string_view kind) {
    Statement s(db_, "SELECT id, at_ms, kind, detail FROM events WHERE ?1 = '' OR kind = ?1 ORDER BY id");
    s.bind(1, kind);
    std::vector<LedgerEvent> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(LedgerEvent{s.integer(0), s.integer(1), s.text(2), s.text(3)});
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read events");
    return out;
}

Result<AdminState> Ledger::admin_state() {
    Statement s(db_, "SELECT failures, locked_until_ms FROM admin WHERE id = 1");
    const int rc = s.step();
    if (rc == SQLITE_DONE) return AdminState{};
    if (rc != SQLITE_ROW) return sqlite_error(db_, "cannot read the admin lockout state");
    return AdminState{static_cast<int>(s.integer(0)), s.integer(1)};
}

Status Ledger::set_admin_state(const AdminState& state) {
    Statement s(db_, "INSERT INTO admin(id, failures, locked_until_ms) VALUES (1, ?1, ?2) "
                     "ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, locked_until_ms = excluded.locked_until_ms");
    s.bind(1, static_cast<std::int64_t>(state.failures)).bind(2, state.locked_until_ms);
    if (s.step() != SQLITE_DONE) return sqlite_error(db_, "cannot record the admin lockout state");
    return ok_status();
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

Result<LedgerCheck> Ledger::verify() {
    LedgerCheck check;
    std::string previous_mac;
    std::int64_t expected_id = 1;
    {
        Statement items(db_, std::string("SELECT ") + kItemColumns + " FROM items ORDER BY id");
        int rc = 0;
        while ((rc = items.step()) == SQLITE_ROW) {
            const LedgerItem item = read_item(items);
            const std::string stored = items.text(11);
            if (item.id != expected_id && check.problems.size() < 100) {
                check.problems.push_back("items " + std::to_string(expected_id) + " to " + std::to_string(item.id - 1) + " are missing");
            }
            const Mac mac = hmac_sha256(record_key_, item_record(item, previous_mac));
            if (!equal_constant_time(to_hex(mac.data(), mac.size()), stored) && check.problems.size() < 100) {
                check.problems.push_back("item " + std::to_string(item.id) + " does not match its signature (edited, or signed with another key)");
            }
            previous_mac = stored;
            expected_id = item.id + 1;
            ++check.items;
        }
        if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read items");
    }
    Statement payouts(db_, std::string("SELECT ") + kPayoutColumns + ", mac FROM payouts ORDER BY id");
    int rc = 0;
    while ((rc = payouts.step()) == SQLITE_ROW) {
        const PayoutRecord p = read_payout(payouts);
        const Mac mac = hmac_sha256(record_key_, payout_record(p));
        if (!equal_constant_time(to_hex(mac.data(), mac.size()), payouts.text(18)) && check.problems.size() < 100) {
            check.problems.push_back("payout " + std::to_string(p.id) + " does not match its signature");
        }
        Statement sum(db_, "SELECT COUNT(*), COALESCE(SUM(refund_minor), 0) FROM items WHERE session_id = ?1");
        sum.bind(1, p.session_id);
        if (sum.step() == SQLITE_ROW && (sum.integer(0) != p.item_count || sum.integer(1) != p.amount.minor) &&
            check.problems.size() < 100) {
            check.problems.push_back("payout " + std::to_string(p.id) + " does not equal the items of session " +
                                     std::to_string(p.session_id));
        }
        ++check.payouts;
    }
    if (rc != SQLITE_DONE) return sqlite_error(db_, "cannot read payouts");
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

}  // namespace returnloop::kiosk
