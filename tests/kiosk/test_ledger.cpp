// The ledger: WAL and fsync'ed commits, one payout per session, restore of an open session, and clear refusals of
// a full disk, a damaged file, a read-only file, another machine's file, and edited or deleted records.
#include <doctest/doctest.h>

#include "backend/ledger.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

VoucherKey test_key() { return parse_voucher_key(kTestKeyHex).value(); }

std::unique_ptr<Ledger> open_ledger(const std::string& path, int store = 421) {
    Result<std::unique_ptr<Ledger>> ledger = Ledger::open(path, test_key(), LedgerOptions{store, 1, true});
    if (!ledger) MESSAGE(ledger.error().message);
    REQUIRE(ledger.ok());
    return std::move(ledger).value();
}

NewItem item(std::optional<std::int64_t> session, std::int64_t refund, std::int64_t at_ms = 1000) {
    NewItem n;
    n.session_id = session;
    n.currency = Currency::EUR;
    n.scheme_id = "de";
    n.item.gtin14 = "09520000000011";
    n.item.refund = Money{refund, Currency::EUR};
    n.item.deposit = Money{refund, Currency::EUR};
    n.item.scanned_at_ms = at_ms;
    n.rule_id = "einweg-plastic-2024";
    n.date = date_from_ymd(2025, 3, 14);
    return n;
}

const CodeMaker kCodes = [](std::int64_t seq, Money) -> Result<PayoutCodes> {
    return PayoutCodes{"code-" + std::to_string(seq), "ean-" + std::to_string(seq), ""};
};

PayoutRequest voucher_request() {
    PayoutRequest r;
    r.kind = PayoutKind::voucher;
    r.now_ms = 5000;
    r.date = date_from_ymd(2025, 3, 14);
    r.expires = date_from_ymd(2025, 6, 12);
    return r;
}

}  // namespace

TEST_SUITE("ledger") {
TEST_CASE("a ledger writes ahead and fsyncs every commit") {
    TempDir dir;
    auto ledger = open_ledger(dir.file("l.sqlite"));
    CHECK(ledger->journal_mode().value() == "wal");
    CHECK(ledger->synchronous_level().value() == 2);  // FULL
    CHECK(sql_value(dir.file("l.sqlite"), "PRAGMA journal_mode") == "wal");
}

TEST_CASE("an appended item is committed when append returns: another connection sees it") {
    TempDir dir;
    auto ledger = open_ledger(dir.file("l.sqlite"));
    const Result<AppendedItem> first = ledger->append_item(item(std::nullopt, 25));
    REQUIRE(first.ok());
    CHECK(first->position == 0);
    CHECK(sql_value(dir.file("l.sqlite"), "SELECT COUNT(*) FROM items") == "1");
    const Result<AppendedItem> second = ledger->append_item(item(first->session_id, 8));
    REQUIRE(second.ok());
    CHECK(second->session_id == first->session_id);
    CHECK(second->position == 1);
    CHECK(sql_value(dir.file("l.sqlite"), "SELECT SUM(refund_minor) FROM items") == "33");
}

TEST_CASE("the open session and its items are restored after the process is gone") {
    TempDir dir;
    std::int64_t session = 0;
    {
        auto ledger = open_ledger(dir.file("l.sqlite"));
        session = ledger->append_item(item(std::nullopt, 25, 100)).value().session_id;
        REQUIRE(ledger->append_item(item(session, 25, 200)).ok());
    }
    auto ledger = open_ledger(dir.file("l.sqlite"));
    const auto open = ledger->open_session().value();
    REQUIRE(open.has_value());
    CHECK(open->id == session);
    CHECK(open->items.size() == 2);
    CHECK(open->items[1].scanned_ms == 200);
    CHECK(open->items[1].rule_id == "einweg-plastic-2024");
}

TEST_CASE("a session is paid exactly once") {
    TempDir dir;
    auto ledger = open_ledger(dir.file("l.sqlite"));
    const std::int64_t session = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    REQUIRE(ledger->append_item(item(session, 25)).ok());
    const Result<PayoutRecord> paid = ledger->pay(session, voucher_request(), kCodes);
    REQUIRE(paid.ok());
    CHECK(paid->amount == Money{50, Currency::EUR});
    CHECK(paid->item_count == 2);
    CHECK(paid->voucher_seq == 1);
    const Result<PayoutRecord> again = ledger->pay(session, voucher_request(), kCodes);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().path == "session");
    CHECK(again.error().message.find("already paid") != std::string::npos);
    CHECK(sql_value(dir.file("l.sqlite"), "SELECT COUNT(*) FROM payouts") == "1");
    CHECK_FALSE(ledger->open_session().value().has_value());
    // no item can join a paid session
    CHECK_FALSE(ledger->append_item(item(session, 25)).ok());
}

TEST_CASE("the database itself refuses a second payout row for a session") {
    TempDir dir;
    auto ledger = open_ledger(dir.file("l.sqlite"));
    const std::int64_t session = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    REQUIRE(ledger->pay(session, voucher_request(), kCodes).ok());
    // Even with the session forced open again by hand, the UNIQUE(session_id) constraint holds.
    sql_value(dir.file("l.sqlite"), "UPDATE sessions SET open = 1");
    CHECK_FALSE(ledger->pay(session, voucher_request(), kCodes).ok());
    CHECK(sql_value(dir.file("l.sqlite"), "SELECT COUNT(*) FROM payouts") == "1");
}

TEST_CASE("voucher numbers count up per machine and a failed code maker pays nothing") {
    TempDir dir;
    auto ledger = open_ledger(dir.file("l.sqlite"));
    const std::int64_t s1 = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    const CodeMaker failing = [](std::int64_t, Money) -> Result<PayoutCodes> { return Error{"amount", "too large"}; };
    CHECK_FALSE(ledger->pay(s1, voucher_request(), failing).ok());
    CHECK(ledger->open_session().value().has_value());  // still open, still payable
    CHECK(ledger->pay(s1, voucher_request(), kCodes).value().voucher_seq == 1);
    const std::int64_t s2 = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    PayoutRequest donation = voucher_request();
    donation.kind = PayoutKind::donation;
    donation.charity = "Sample charity";
    const PayoutRecord donated = ledger->pay(s2, donation, kCodes).value();
    CHECK(donated.voucher_seq == 0);
    CHECK(donated.status == PayoutStatus::donated);
    const std::int64_t s3 = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    CHECK(ledger->pay(s3, voucher_request(), kCodes).value().voucher_seq == 2);
}

TEST_CASE("a full disk refuses the item with a clear error and loses nothing that was confirmed") {
    TempDir dir;
    auto ledger = open_ledger(dir.file("l.sqlite"));
    std::int64_t session = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    REQUIRE(ledger->limit_growth(0).ok());
    int confirmed = 1;
    std::optional<Error> refused;
    for (int i = 0; i < 10000 && !refused; ++i) {
        const Result<AppendedItem> r = ledger->append_item(item(session, 25, i));
        if (r) ++confirmed;
        else refused = r.error();
    }
    REQUIRE(refused.has_value());
    CHECK(refused->message.find("disk is full") != std::string::npos);
    CHECK(sql_value(dir.file("l.sqlite"), "SELECT COUNT(*) FROM items") == std::to_string(confirmed));
    CHECK(ledger->open_session().value()->items.size() == static_cast<std::size_t>(confirmed));
}

TEST_CASE("a damaged ledger file is refused, named, and left as it was") {
    TempDir dir;
    const std::string path = dir.file("l.sqlite");
    std::string junk(8192, '\0');
    for (std::size_t i = 0; i < junk.size(); ++i) junk[i] = static_cast<char>((i * 131 + 7) & 0xff);
    write_text(path, junk);
    const Result<std::unique_ptr<Ledger>> ledger = Ledger::open(path, test_key(), LedgerOptions{421, 1, true});
    REQUIRE_FALSE(ledger.ok());
    CHECK(ledger.error().message.find("damaged or not a ledger") != std::string::npos);
    CHECK(read_text(path) == junk);
}

TEST_CASE("a read-only ledger is refused before any scan") {
    TempDir dir;
    const std::string path = dir.file("l.sqlite");
    { open_ledger(path); }
    if (!make_read_only(path)) {
        MESSAGE("this system cannot make a file read-only for this user; check skipped");
        return;
    }
    const Result<std::unique_ptr<Ledger>> ledger = Ledger::open(path, test_key(), LedgerOptions{421, 1, true});
    make_writable(path);
    REQUIRE_FALSE(ledger.ok());
    CHECK(ledger.error().message.find("read-only") != std::string::npos);
}

TEST_CASE("a ledger belongs to its store and machine") {
    TempDir dir;
    { open_ledger(dir.file("l.sqlite"), 421); }
    const Result<std::unique_ptr<Ledger>> other = Ledger::open(dir.file("l.sqlite"), test_key(), LedgerOptions{999, 1, true});
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().message.find("belongs to store 421, not 999") != std::string::npos);
    const Result<std::unique_ptr<Ledger>> missing = Ledger::open(dir.file("none.sqlite"), test_key(), LedgerOptions{421, 1, false});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.find("there is no ledger") != std::string::npos);
}

TEST_CASE("a ledger of another schema version is refused") {
    TempDir dir;
    { open_ledger(dir.file("l.sqlite")); }
    sql_value(dir.file("l.sqlite"), "PRAGMA user_version = 99");
    const Result<std::unique_ptr<Ledger>> ledger = Ledger::open(dir.file("l.sqlite"), test_key(), LedgerOptions{421, 1, true});
    REQUIRE_FALSE(ledger.ok());
    CHECK(ledger.error().message.find("schema version 99") != std::string::npos);
}

TEST_CASE("edited, deleted and forged records are detected by their signatures") {
    TempDir dir;
    const std::string path = dir.file("l.sqlite");
    auto ledger = open_ledger(path);
    const std::int64_t session = ledger->append_item(item(std::nullopt, 25)).value().session_id;
    for (int i = 0; i < 3; ++i) REQUIRE(ledger->append_item(item(session, 25)).ok());
    REQUIRE(ledger->pay(session, voucher_request(), kCodes).ok());
    CHECK(ledger->verify().value().problems.empty());
    CHECK(ledger->verify().value().items == 4);

    SUBCASE("a raised refund") {
        sql_value(path, "UPDATE items SET refund_minor = 99 WHERE id = 2");
        const LedgerCheck check = ledger->verify().value();
        REQUIRE_FALSE(check.problems.empty());
        CHECK(check.problems[0] == "item 2 does not match its signature (edited, or signed with another key)");
    }
    SUBCASE("a deleted container") {
        sql_value(path, "DELETE FROM items WHERE id = 3");
        const LedgerCheck check = ledger->verify().value();
        REQUIRE_FALSE(check.problems.empty());
        CHECK(check.problems[0] == "item 3 is missing");
    }
    SUBCASE("a raised payout") {
        sql_value(path, "UPDATE payouts SET amount_minor = 1000");
        CHECK(ledger->verify().value().problems.size() == 2);  // its signature and the sum of its items
    }
    SUBCASE("another key under the same id is refused before anything is read as forged") {
        const Result<std::unique_ptr<Ledger>> other = Ledger::open(path, random_voucher_key(), LedgerOptions{421, 1, true});
        REQUIRE_FALSE(other.ok());
        CHECK(other.error().message.find("is not the key this ledger knows as 1") != std::string::npos);
    }
}

TEST_CASE("a SQLite file that is not a kiosk ledger is refused and left as it was") {
    TempDir dir;
    const std::string path = dir.file("other.sqlite");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const std::string before = read_text(path);
    const Result<std::unique_ptr<Ledger>> ledger = Ledger::open(path, test_key(), LedgerOptions{421, 1, true});
    REQUIRE_FALSE(ledger.ok());
    CHECK(ledger.error().message.find("is not a ReturnLoop kiosk ledger (application_id 0)") != std::string::npos);
    CHECK(read_text(path) == before);
    CHECK(sql_value(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'items'") == "0");
}

TEST_CASE("a ledger whose pages are damaged fails quick_check and is refused") {
    TempDir dir;
    const std::string path = dir.file("l.sqlite");
    {
        auto ledger = open_ledger(path);
        const std::int64_t session = ledger->append_item(item(std::nullopt, 25)).value().session_id;
        for (int i = 0; i < 200; ++i) REQUIRE(ledger->append_item(item(session, 25)).ok());
    }
    sql_value(path, "PRAGMA wal_checkpoint(TRUNCATE)");
    std::string bytes = read_text(path);
    const std::size_t page = 4096;
    REQUIRE(bytes.size() > 4 * page);
    // Overwrite the middle of the third page (a b-tree page) with garbage, keeping the header intact.
    for (std::size_t i = 2 * page + 16; i < 3 * page - 16; ++i) bytes[i] = static_cast<char>(0xA5);
    write_text(path, bytes);
    const Result<std::unique_ptr<Ledger>> ledger = Ledger::open(path, test_key(), LedgerOptions{421, 1, true});
    REQUIRE_FALSE(ledger.ok());
    const std::string& message = ledger.error().message;
    CHECK((message.find("is damaged (quick_check") != std::string::npos || message.find("damaged or not a ledger") != std::string::npos));
}
}
