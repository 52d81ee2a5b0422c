// KioskBackend: scans made durable before they are confirmed, restore after a crash, exactly one payout per
// session, redelivery of a receipt a crash interrupted, donation, digital credit, idle finish, cancel, daily limits,
// and a full disk that refuses containers without losing any.
#include <doctest/doctest.h>

#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

TEST_SUITE("session") {
TEST_CASE("scans are accepted or rejected by the core's rules, each accepted item durable at once") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const ScanReport first = m.backend->scan("9520000000011", t);
    REQUIRE(first.accepted());
    CHECK(first.verdict == ScanVerdict::accepted);
    CHECK(first.position == 0);
    CHECK(first.total == Money{25, Currency::EUR});
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM items") == "1");

    const ScanReport twice = m.backend->scan("9520000000011", later(t, 300));
    CHECK_FALSE(twice.accepted());
    CHECK(twice.verdict == ScanVerdict::duplicate_scan);
    CHECK(m.backend->scan("4006381333931", later(t, 500)).verdict == ScanVerdict::not_registered);
    CHECK(m.backend->scan("9520000000165", later(t, 600)).verdict == ScanVerdict::no_deposit);  // glass juice, single-use
    CHECK(m.backend->scan("garbage", later(t, 700)).verdict == ScanVerdict::unreadable);
    CHECK(m.backend->scan("9520000000012", later(t, 800)).verdict == ScanVerdict::invalid_code);
    CHECK(m.backend->scan("2910001000252", later(t, 900)).verdict == ScanVerdict::restricted_circulation);
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM items") == "1");

    const BackendStats stats = m.backend->stats();
    CHECK(stats.scans == 7);
    CHECK(stats.accepted == 1);
    CHECK(stats.rejected == 6);
    CHECK(stats.items == 1);
}

TEST_CASE("after a crash the open session is restored and can be finished") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    for (int i = 0; i < 3; ++i) REQUIRE(m.backend->scan("9520000000011", later(t, i * 5000)).accepted());
    m.crash_and_restart();
    REQUIRE(m.backend->restored().has_value());
    CHECK(m.backend->restored()->items == 3);
    CHECK(m.backend->restored()->total == Money{75, Currency::EUR});
    CHECK(m.backend->session().total() == Money{75, Currency::EUR});

    // the double-read window survives the restart: the last item's time came back from the ledger
    CHECK(m.backend->scan("9520000000011", later(t, 10500)).verdict == ScanVerdict::duplicate_scan);
    const ScanReport next = m.backend->scan("9520000000219", later(t, 20000));
    REQUIRE(next.accepted());
    CHECK(next.position == 3);
    CHECK(next.session_id == m.backend->restored()->session_id);
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 30000));
    REQUIRE(d.ok());
    CHECK(d->payout.amount == Money{83, Currency::EUR});
    CHECK(d->payout.item_count == 4);

    m.crash_and_restart();
    CHECK_FALSE(m.backend->restored().has_value());
    CHECK(m.backend->session().empty());
}

TEST_CASE("a session yields exactly one payout") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    REQUIRE(m.backend->finish(PayoutKind::voucher, later(t, 1000)).ok());
    const Result<Delivery> again = m.backend->finish(PayoutKind::voucher, later(t, 2000));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.find("nothing to pay") != std::string::npos);
    CHECK_FALSE(m.backend->finish(PayoutKind::donation, later(t, 2000)).ok());
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM payouts") == "1");
    // the next scan opens a new session with its own payout
    REQUIRE(m.backend->scan("9520000000011", later(t, 5000)).accepted());
    REQUIRE(m.backend->finish(PayoutKind::voucher, later(t, 6000)).ok());
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(DISTINCT session_id) FROM payouts") == "2");
    CHECK(sql_value(m.ledger_path, "SELECT group_concat(voucher_seq) FROM payouts") == "1,2");
}

TEST_CASE("a receipt committed but not delivered before a crash is delivered once on restart, with the same code") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    fs::remove_all(m.vouchers);  // the receipt cannot be written: as if the power failed right after the commit
    const Result<Delivery> cut = m.backend->finish(PayoutKind::voucher, later(t, 1000));
    REQUIRE(cut.ok());
    CHECK(cut->png_path.empty());
    CHECK(cut->render_error.has_value());
    CHECK(sql_value(m.ledger_path, "SELECT delivered FROM payouts") == "0");

    fs::create_directory(m.vouchers);
    m.crash_and_restart();
    const std::vector<Delivery> again = m.backend->redeliver(later(t, 60000));
    REQUIRE(again.size() == 1);
    CHECK(again[0].reissued);
    CHECK(again[0].payout.codes.code128 == cut->payout.codes.code128);
    CHECK(zbar_decode(again[0].png_path).size() == 2);
    CHECK(m.backend->redeliver(later(t, 70000)).empty());
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM payouts") == "1");
}

TEST_CASE("a donation goes to the configured charity and the ledger and receipt say so") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000042", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::donation, later(t, 1000));
    REQUIRE(d.ok());
    CHECK(d->payout.kind == PayoutKind::donation);
    CHECK(d->payout.charity == "Sample charity");
    CHECK(d->payout.codes.code128.empty());
    CHECK(sql_value(m.ledger_path, "SELECT status || '|' || charity || '|' || amount_minor FROM payouts") == "donated|Sample charity|25");
    const auto blocks = payout_receipt(d->payout, m.backend->settings()).value();
    bool says_so = false;
    for (const ReceiptBlock& b : blocks) {
        if (const auto* text = std::get_if<ReceiptText>(&b)) says_so = says_so || text->text == "donated to Sample charity";
    }
    CHECK(says_so);
}

TEST_CASE("without a charity, donation is refused and the session stays payable") {
    ConfigOptions options;
    options.donation = false;
    Machine m(options);
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000042", t).accepted());
    const Result<Delivery> d = m.backend->finish(PayoutKind::donation, later(t, 1000));
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().path == "donation");
    CHECK(m.backend->finish(PayoutKind::voucher, later(t, 2000)).ok());
}

TEST_CASE("an idle session issues its voucher after the idle timeout") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    CHECK_FALSE(m.backend->idle_due(t));  // nothing to pay
    REQUIRE(m.backend->scan("9520000000042", t).accepted());
    CHECK_FALSE(m.backend->finish_if_idle(later(t, 59'999)).value().has_value());
    const auto d = m.backend->finish_if_idle(later(t, 60'000)).value();
    REQUIRE(d.has_value());
    CHECK(d->payout.kind == PayoutKind::voucher);
    CHECK(d->payout.amount == Money{25, Currency::EUR});
}

TEST_CASE("cancel ends an empty session but never drops taken containers") {
    Machine m;
    CHECK(m.backend->cancel().ok());
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000042", t).accepted());
    const Status cancelled = m.backend->cancel();
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().message.find("choose a voucher") != std::string::npos);
    CHECK(m.backend->session().item_count() == 1);
}

TEST_CASE("the daily limit counts the day's earlier sessions from the ledger, also after a restart") {
    ConfigOptions options;
    options.session_value = 50;
    options.daily_value = 75;
    Machine m(options);
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    REQUIRE(m.backend->scan("9520000000042", later(t, 1000)).accepted());
    CHECK(m.backend->scan("9520000000035", later(t, 2000)).verdict == ScanVerdict::session_value_limit);
    REQUIRE(m.backend->finish(PayoutKind::voucher, later(t, 3000)).ok());
    m.crash_and_restart();
    REQUIRE(m.backend->scan("9520000000011", later(t, 4000)).accepted());  // 75 today
    CHECK(m.backend->scan("9520000000042", later(t, 5000)).verdict == ScanVerdict::daily_limit);
    // a new day starts from zero
    REQUIRE(m.backend->scan("9520000000042", day(2025, 3, 15)).accepted());
}

TEST_CASE("a full disk refuses the container with a clear reason; confirmed items stay and the session can be paid") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    REQUIRE(m.backend->scan("9520000000011", t).accepted());
    REQUIRE(m.backend->ledger().limit_growth(0).ok());
    int accepted = 1;
    std::optional<ScanReport> refused;
    for (int i = 1; i < 5000 && !refused; ++i) {
        const ScanReport r = m.backend->scan(i % 2 ? "9520000000042" : "9520000000011", later(t, i * 3000));
        if (r.accepted()) ++accepted;
        else refused = r;
    }
    REQUIRE(refused.has_value());
    CHECK(refused->verdict == ScanVerdict::ledger_unavailable);
    CHECK(refused->message.find("disk is full") != std::string::npos);
    CHECK(m.backend->session().item_count() == static_cast<std::size_t>(accepted));
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM items") == std::to_string(accepted));
    // space comes back (a new connection has no cap): the same session is paid in full
    m.crash_and_restart();
    CHECK(m.backend->restored()->items == static_cast<std::size_t>(accepted));
    const Result<Delivery> d = m.backend->finish(PayoutKind::voucher, later(t, 100'000'000));
    REQUIRE(d.ok());
    CHECK(d->payout.amount.minor == 25LL * accepted);
}

TEST_CASE("a second kiosk cannot open the same ledger") {
    Machine m;
    const Result<std::unique_ptr<KioskBackend>> second = KioskBackend::open(
        settings_from(read_text(m.config_path)), sample_catalog(), BackendPaths{m.config_path, m.ledger_path, m.vouchers, SettingsPolicy{true}, {}});
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message.find("another kiosk is running") != std::string::npos);
}

TEST_CASE("settings cannot change while a session is open") {
    Machine m;
    REQUIRE(m.backend->scan("9520000000042", day(2025, 3, 14)).accepted());
    const SettingsApply applied = m.backend->apply_settings(read_text(m.config_path), kTestPin, day(2025, 3, 14));
    CHECK_FALSE(applied.applied);
    REQUIRE(applied.errors.size() == 1);
    CHECK(applied.errors[0].path == "session");
}
}
