// The upload outbox (see hub_outbox.hpp).
#include "backend/hub_outbox.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <set>

#include "backend/ledger_rows.hpp"
#include "backend/sqlite_util.hpp"

namespace returnloop::kiosk {
namespace {

using detail::exec;
using detail::kItemColumns;
using detail::kItemMacColumn;
using detail::kPayoutColumns;
using detail::read_item;
using detail::read_payout;
using detail::sqlite_error;
using detail::Statement;
using detail::Transaction;

constexpr const char* kOutboxSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, mac TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cursor(id INTEGER PRIMARY KEY CHECK(id = 1), item_id INTEGER NOT NULL, payout_id INTEGER NOT NULL,
  event_id INTEGER NOT NULL, acked INTEGER NOT NULL);
INSERT OR IGNORE INTO cursor(id, item_id, payout_id, event_id, acked) VALUES (1, 0, 0, 0, 0);
CREATE TABLE IF NOT EXISTS redeemed(payout_id INTEGER PRIMARY KEY);
)sql";

constexpr int kCollectLimit = 2000;  // records per pass, so one pass stays short

// Reads rows of the ledger as the records to sign, in ledger order: items, then payouts, then redemptions, events.
struct Pending {
    std::vector<std::pair<std::string, std::string>> records;  // kind, payload
    std::int64_t item_id = 0, payout_id = 0, event_id = 0;
    std::vector<std::int64_t> redeemed;
};

Result<Pending> read_ledger(sqlite3* db, sqlite3* outbox) {
    Pending p;
    {
        Statement c(outbox, "SELECT item_id, payout_id, event_id FROM cursor WHERE id = 1");
        if (c.step() != SQLITE_ROW) return sqlite_error(outbox, "cannot read the outbox cursor");
        p.item_id = c.integer(0);
        p.payout_id = c.integer(1);
        p.event_id = c.integer(2);
    }
    std::set<std::int64_t> already;
    {
        Statement r(outbox, "SELECT payout_id FROM redeemed");
        while (r.step() == SQLITE_ROW) already.insert(r.integer(0));
    }
    if (Status s = exec(db, "BEGIN"); !s) return s.error();  // one snapshot: a payout is never read without its items
    struct End {
        sqlite3* db;
        ~End() { exec(db, "COMMIT"); }
    } end{db};
    // The session's currency and scheme ride along as two more columns after the ledger's own.
    Statement items(db, std::string("SELECT ") + kItemColumns + ", (SELECT currency FROM sessions WHERE id = items.session_id), "
                        "(SELECT scheme_id FROM sessions WHERE id = items.session_id) FROM items WHERE id > ?1 ORDER BY id LIMIT ?2");
    constexpr int kCurrencyColumn = kItemMacColumn + 1, kSchemeColumn = kItemMacColumn + 2;
    items.bind(1, p.item_id).bind(2, std::int64_t{kCollectLimit});
    int rc = 0;
    int n = 0;
    while ((rc = items.step()) == SQLITE_ROW) {
        const LedgerItem i = read_item(items);
        p.records.emplace_back("item", item_payload(i, currency_from_code(items.text(kCurrencyColumn)).value_or(Currency::EUR),
                                                    items.text(kSchemeColumn)));
        p.item_id = i.id;
        ++n;
    }
    if (rc != SQLITE_DONE) return sqlite_error(db, "cannot read the ledger's items");
    if (n == kCollectLimit) return p;  // the rest next pass; payouts wait until all their items are out
    Statement payouts(db, std::string("SELECT ") + kPayoutColumns + " FROM payouts WHERE id > ?1 ORDER BY id");
    payouts.bind(1, p.payout_id);
    while ((rc = payouts.step()) == SQLITE_ROW) {
        const PayoutRecord r = read_payout(payouts);
        p.records.emplace_back("payout", payout_payload(r));
        p.payout_id = r.id;
    }
    if (rc != SQLITE_DONE) return sqlite_error(db, "cannot read the ledger's payouts");
    Statement redeemed(db, "SELECT id, voucher_seq, COALESCE(redeemed_ms, 0), COALESCE(redeemed_via, '') FROM payouts "
                           "WHERE status = 'redeemed' AND id <= ?1 ORDER BY id");
    redeemed.bind(1, p.payout_id);
    while ((rc = redeemed.step()) == SQLITE_ROW) {
        if (already.count(redeemed.integer(0))) continue;
        PayoutRecord r;
        r.id = redeemed.integer(0);
        r.voucher_seq = redeemed.integer(1);
        r.redeemed_ms = redeemed.integer(2);
        r.redeemed_via = redeemed.text(3);
        p.records.emplace_back("redemption", redemption_payload(r));
        p.redeemed.push_back(r.id);
    }
    if (rc != SQLITE_DONE) return sqlite_error(db, "cannot read the ledger's redemptions");
    Statement events(db, "SELECT id, at_ms, kind, detail FROM events WHERE id > ?1 ORDER BY id LIMIT ?2");
    events.bind(1, p.event_id).bind(2, std::int64_t{kCollectLimit});
    while ((rc = events.step()) == SQLITE_ROW) {
        LedgerEvent e{events.integer(0), events.integer(1), events.text(2), events.text(3)};
        p.records.emplace_back("event", event_payload(e));
        p.event_id = e.id;
    }
    if (rc != SQLITE_DONE) return sqlite_error(db, "cannot read the ledger's events");
    return p;
}

}  // namespace

HubOutbox::HubOutbox(sqlite3* ledger, sqlite3* outbox, int store, int machine, const UploadKey& key)
    : ledger_(ledger), outbox_(outbox), store_(store), machine_(machine), key_(key) {}

HubOutbox::~HubOutbox() {
    sodium_memzero(key_.data(), key_.size());
    sqlite3_close(ledger_);
    sqlite3_close(outbox_);
}

Result<std::unique_ptr<HubOutbox>> HubOutbox::open(const std::string& ledger_path, int store, int machine, const UploadKey& key) {
    sqlite3* ledger = nullptr;
    sqlite3* outbox = nullptr;
    if (sqlite3_open_v2(ledger_path.c_str(), &ledger, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        Error e{"ledger", "the outbox cannot read the ledger " + ledger_path + ": " + (ledger ? sqlite3_errmsg(ledger) : "out of memory")};
        sqlite3_close(ledger);
        return e;
    }
    const std::string outbox_path = ledger_path + ".hub-outbox";
    if (sqlite3_open_v2(outbox_path.c_str(), &outbox, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        Error e{"outbox", "cannot open the upload outbox " + outbox_path};
        sqlite3_close(ledger);
        sqlite3_close(outbox);
        return e;
    }
    std::unique_ptr<HubOutbox> box(new HubOutbox(ledger, outbox, store, machine, key));
    sqlite3_busy_timeout(ledger, 5000);
    sqlite3_busy_timeout(outbox, 5000);
    if (Status s = exec(outbox, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"); !s) return s.error();
    if (Status s = exec(outbox, kOutboxSchema); !s) return s.error();
    return box;
}

Result<std::int64_t> HubOutbox::collect() {
    Result<Pending> read = read_ledger(ledger_, outbox_);
    if (!read) return read.error();
    const Pending& p = *read;
    Transaction tx(outbox_);
    if (!tx.begun()) return sqlite_error(outbox_, "cannot write the outbox");
    std::int64_t seq = 0;
    std::string previous_mac;
    {
        Statement last(outbox_, "SELECT seq, mac FROM outbox ORDER BY seq DESC LIMIT 1");
        if (last.step() == SQLITE_ROW) {
            seq = last.integer(0);
            previous_mac = last.text(1);
        }
    }
    for (const auto& [kind, payload] : p.records) {
        ++seq;
        const std::string mac = sign_upload_record(key_, store_, machine_, seq, kind, payload, previous_mac);
        Statement one(outbox_, "INSERT INTO outbox(seq, kind, payload, mac) VALUES (?1, ?2, ?3, ?4)");
        one.bind(1, seq).bind(2, kind).bind(3, payload).bind(4, mac);
        if (one.step() != SQLITE_DONE) return sqlite_error(outbox_, "cannot append to the outbox");
        previous_mac = mac;
    }
    for (std::int64_t id : p.redeemed) {
        Statement r(outbox_, "INSERT INTO redeemed(payout_id) VALUES (?1)");
        r.bind(1, id);
        if (r.step() != SQLITE_DONE) return sqlite_error(outbox_, "cannot append to the outbox");
    }
    Statement cursor(outbox_, "UPDATE cursor SET item_id = ?1, payout_id = ?2, event_id = ?3 WHERE id = 1");
    cursor.bind(1, p.item_id).bind(2, p.payout_id).bind(3, p.event_id);
    if (cursor.step() != SQLITE_DONE) return sqlite_error(outbox_, "cannot move the outbox cursor");
    if (Status s = tx.commit(); !s) return s.error();
    return static_cast<std::int64_t>(p.records.size());
}

Result<std::vector<OutboxRecord>> HubOutbox::pending(int limit) {
    Statement s(outbox_, "SELECT seq, kind, payload, mac FROM outbox WHERE seq > (SELECT acked FROM cursor WHERE id = 1) "
                         "ORDER BY seq LIMIT ?1");
    s.bind(1, static_cast<std::int64_t>(limit));
    std::vector<OutboxRecord> out;
    int rc = 0;
    while ((rc = s.step()) == SQLITE_ROW) out.push_back(OutboxRecord{s.integer(0), s.text(1), s.text(2), s.text(3)});
    if (rc != SQLITE_DONE) return sqlite_error(outbox_, "cannot read the outbox");
    return out;
}

Status HubOutbox::acknowledge(std::int64_t acked) {
    Statement s(outbox_, "UPDATE cursor SET acked = max(acked, ?1) WHERE id = 1");
    s.bind(1, acked);
    if (s.step() != SQLITE_DONE) return sqlite_error(outbox_, "cannot record the hub's acknowledgement");
    return ok_status();
}

Result<std::int64_t> HubOutbox::acked() {
    Statement s(outbox_, "SELECT acked FROM cursor WHERE id = 1");
    if (s.step() != SQLITE_ROW) return sqlite_error(outbox_, "cannot read the outbox");
    return s.integer(0);
}

Result<std::int64_t> HubOutbox::last_seq() {
    Statement s(outbox_, "SELECT COALESCE(MAX(seq), 0) FROM outbox");
    if (s.step() != SQLITE_ROW) return sqlite_error(outbox_, "cannot read the outbox");
    return s.integer(0);
}

}  // namespace returnloop::kiosk
