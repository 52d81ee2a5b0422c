// Redemption at the till: each printed form redeems once; a second redemption, a tampered, forged, unknown,
// foreign or expired code is refused with its reason and leaves the ledger as it was.
#include <doctest/doctest.h>

#include "backend/redeem.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

Delivery issue(Machine& m, PayoutKind kind, KioskTime t, int containers = 2) {
    for (int i = 0; i < containers; ++i) REQUIRE(m.backend->scan(i % 2 ? "9520000000042" : "9520000000011", later(t, i * 3000)).accepted());
    Result<Delivery> d = m.backend->finish(kind, later(t, 10'000));
    REQUIRE(d.ok());
    return std::move(d).value();
}

RedeemOutcome redeem(Machine& m, std::string_view code, KioskTime t) {
    return redeem_voucher(m.backend->ledger(), m.backend->settings(), code, t, "test-till");
}

}  // namespace

TEST_SUITE("redemption") {
TEST_CASE("a Code 128 voucher redeems once; the second time is refused") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = issue(m, PayoutKind::voucher, t);
    const RedeemOutcome first = redeem(m, d.payout.codes.code128, later(t, 60'000));
    REQUIRE(first.ok());
    CHECK(first.payout->amount == Money{50, Currency::EUR});
    CHECK(sql_value(m.ledger_path, "SELECT status || '|' || redeemed_via FROM payouts") == "redeemed|test-till");
    const RedeemOutcome second = redeem(m, d.payout.codes.code128, later(t, 120'000));
    CHECK(second.verdict == RedeemVerdict::already_redeemed);
    CHECK(redeem_verdict_id(second.verdict) == "already_redeemed");
    // the EAN-13 of the same voucher is spent too
    CHECK(redeem(m, d.payout.codes.ean13, later(t, 130'000)).verdict == RedeemVerdict::already_redeemed);
}

TEST_CASE("the Code 128 number redeems as printed, in groups of five with spaces, and without them") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery spaced = issue(m, PayoutKind::voucher, t);
    const std::string printed = grouped_digits(spaced.payout.codes.code128);
    REQUIRE(printed.find(' ') != std::string::npos);
    const RedeemOutcome first = redeem(m, " " + printed + "\r\n", later(t, 60'000));
    CHECK(first.ok());
    REQUIRE(first.payout.has_value());
    CHECK(first.payout->id == spaced.payout.id);
    CHECK(redeem(m, spaced.payout.codes.code128, later(t, 61'000)).verdict == RedeemVerdict::already_redeemed);

    const Delivery plain = issue(m, PayoutKind::voucher, later(t, 120'000));
    CHECK(redeem(m, plain.payout.codes.code128, later(t, 180'000)).ok());
    CHECK(redeem(m, grouped_digits(plain.payout.codes.code128), later(t, 181'000)).verdict == RedeemVerdict::already_redeemed);
    // Spaces never make a different code valid: a digit changed inside a group is still a bad tag.
    std::string altered = grouped_digits(plain.payout.codes.code128);
    altered[altered.size() - 1] = altered.back() == '9' ? '0' : static_cast<char>(altered.back() + 1);
    CHECK(redeem(m, altered, later(t, 182'000)).verdict == RedeemVerdict::bad_tag);
    CHECK(redeem(m, "1234 5678 abc", later(t, 183'000)).verdict == RedeemVerdict::malformed);
}

TEST_CASE("an EAN-13 voucher redeems by its ledger entry, once") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = issue(m, PayoutKind::voucher, t);
    CHECK(redeem(m, " " + d.payout.codes.ean13 + "\r\n", later(t, 60'000)).ok());  // scanner whitespace is fine
    CHECK(redeem(m, d.payout.codes.ean13, later(t, 60'000)).verdict == RedeemVerdict::already_redeemed);
    CHECK(redeem(m, d.payout.codes.code128, later(t, 60'000)).verdict == RedeemVerdict::already_redeemed);
}

TEST_CASE("a digital credit's QR redeems once") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = issue(m, PayoutKind::digital, t);
    CHECK(redeem(m, d.payout.codes.qr, later(t, 60'000)).ok());
    CHECK(redeem(m, d.payout.codes.qr, later(t, 60'000)).verdict == RedeemVerdict::already_redeemed);
}

TEST_CASE("tampered, forged, unknown and foreign codes are refused with their reason") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = issue(m, PayoutKind::voucher, t);
    const VoucherKey key = parse_voucher_key(kTestKeyHex).value();

    SUBCASE("a raised amount") {
        std::string code = d.payout.codes.code128;
        code.replace(17, 5, "09900");
        CHECK(redeem(m, code, t).verdict == RedeemVerdict::bad_tag);
    }
    SUBCASE("a code signed with another key") {
        const VoucherId id{421, 1, t.date, 1, Money{50, Currency::EUR}};
        CHECK(redeem(m, code128_code(id, random_voucher_key()), t).verdict == RedeemVerdict::bad_tag);
    }
    SUBCASE("a correctly signed code that this ledger never issued") {
        const VoucherId id{421, 1, t.date, 777, Money{50, Currency::EUR}};
        CHECK(redeem(m, code128_code(id, key), t).verdict == RedeemVerdict::unknown);
    }
    SUBCASE("an EAN-13 with a plausible layout that was never issued") {
        const VoucherId id{421, 1, t.date, 5, Money{900, Currency::EUR}};
        CHECK(redeem(m, ean13_code(id, "29"), t).verdict == RedeemVerdict::unknown);
    }
    SUBCASE("another store's voucher") {
        const VoucherId id{422, 1, t.date, 1, Money{50, Currency::EUR}};
        CHECK(redeem(m, code128_code(id, key), t).verdict == RedeemVerdict::wrong_store);
        CHECK(redeem(m, ean13_code(id, "28"), t).verdict == RedeemVerdict::wrong_store);
    }
    SUBCASE("junk") {
        const RedeemOutcome junk = redeem(m, std::string("\x01\xff garbage", 10), t);
        CHECK(junk.verdict == RedeemVerdict::malformed);
        CHECK(redeem(m, std::string(10000, '9'), t).verdict == RedeemVerdict::malformed);
    }
    // nothing was redeemed and every refusal is on record
    CHECK(sql_value(m.ledger_path, "SELECT status FROM payouts") == "issued");
    CHECK(sql_value(m.ledger_path, "SELECT COUNT(*) FROM events WHERE kind = 'voucher_refused'") != "0");
    CHECK(redeem(m, d.payout.codes.code128, t).ok());
}

TEST_CASE("a voucher is valid through its expiry date and refused the day after") {
    Machine m;  // 90 days
    const KioskTime t = day(2025, 3, 14);
    const Delivery first = issue(m, PayoutKind::voucher, t);
    const Delivery second = issue(m, PayoutKind::voucher, later(t, 100'000));
    REQUIRE(first.payout.expires.has_value());
    CHECK(format_date(*first.payout.expires) == "2025-06-12");
    const RedeemOutcome late = redeem(m, first.payout.codes.code128, day(2025, 6, 13));
    CHECK(late.verdict == RedeemVerdict::expired);
    CHECK(late.message == "this voucher expired on 2025-06-12");
    CHECK(redeem(m, first.payout.codes.ean13, day(2025, 6, 13)).verdict == RedeemVerdict::expired);
    CHECK(redeem(m, second.payout.codes.code128, day(2025, 6, 12, 23, 59)).ok());
}

TEST_CASE("two tills racing for one voucher: exactly one wins") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = issue(m, PayoutKind::voucher, t);
    const KioskSettings& s = m.backend->settings();
    auto till_a = Ledger::open(m.ledger_path, s.keys, LedgerOptions{s.store, s.machine, false}).value();
    auto till_b = Ledger::open(m.ledger_path, s.keys, LedgerOptions{s.store, s.machine, false}).value();
    CHECK(till_a->mark_redeemed(d.payout.id, 1, "a").value());
    CHECK_FALSE(till_b->mark_redeemed(d.payout.id, 2, "b").value());
    CHECK(redeem_voucher(*till_b, s, d.payout.codes.code128, t, "b").verdict == RedeemVerdict::already_redeemed);
}
}
