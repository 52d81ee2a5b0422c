// Trust in a store: demo secrets refused outside --demo, key files that are secrets, settings written 0600, key
// rotation that keeps outstanding vouchers good, signed redemptions and chain heads that name every edit made to
// the SQLite file behind the kiosk's back, bare EAN-13s off by default, and a till locked out after guessing.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "backend/admin.hpp"
#include "backend/redeem.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

std::string write_key(const TempDir& dir, const std::string& name, fs::perms perms = fs::perms::owner_read | fs::perms::owner_write) {
    const std::string path = dir.file(name);
    write_text(path, voucher_key_hex(random_voucher_key()) + "\n");
    fs::permissions(path, perms);
    return path;
}

unsigned mode_of(const std::string& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

bool has_problem(const LedgerCheck& check, const std::string& text) {
    for (const std::string& p : check.problems) {
        if (p.find(text) != std::string::npos) return true;
    }
    std::string all;
    for (const std::string& p : check.problems) all += "\n  " + p;
    MESSAGE("no problem says \"" << text << "\"; problems:" << all);
    return false;
}

std::vector<std::string> errors_of(const std::string& json, const std::string& folder, bool demo) {
    std::vector<std::string> out;
    for (const Error& e : parse_settings(json, folder, disk_reader(), SettingsPolicy{demo}).errors) out.push_back(e.path + ": " + e.message);
    return out;
}

bool mentions(const std::vector<std::string>& errors, const std::string& text) {
    for (const std::string& e : errors) {
        if (e.find(text) != std::string::npos) return true;
    }
    for (const std::string& e : errors) MESSAGE(e);
    return false;
}

Delivery pay(Machine& m, PayoutKind kind, KioskTime t, const char* gtin = "9520000000011") {
    REQUIRE(m.backend->scan(gtin, t).accepted());
    Result<Delivery> d = m.backend->finish(kind, later(t, 1000));
    REQUIRE(d.ok());
    return std::move(d).value();
}

}  // namespace

TEST_SUITE("trust") {
TEST_CASE("the demo key, the demo PIN and an inline key are refused unless --demo") {
    TempDir dir;
    ConfigOptions o;
    const std::string sample_key = asset("kiosk/sample-voucher.key");
    o.keys = "\"keyFile\": \"" + sample_key + "\"";
    CHECK(mentions(errors_of(config_json(o), dir.path.string(), false), "voucher.keyFile: "));
    CHECK(errors_of(config_json(o), dir.path.string(), true).empty());
    o.keys.clear();  // the inline test key
    CHECK(mentions(errors_of(config_json(o), dir.path.string(), false), "voucher.keyHex: an inline key is allowed only with --demo"));

    // The sample settings' PIN hash is public too.
    const std::string demo_hash = "$argon2id$v=19$m=65536,t=2,p=1$qEZBwRKRORq51MXrIZW0bA$ECP+5KA85KImulW4yY0Jlo0KsOpd8FxBu3Tcp+mdnI4";
    CHECK(pin_matches(demo_hash, "246810"));
    o.keys = "\"keyFile\": \"" + write_key(dir, "store.key") + "\"";
    std::string json = config_json(o);
    CHECK(errors_of(json, dir.path.string(), false).empty());
    json.replace(json.find(test_pin_hash()), test_pin_hash().size(), demo_hash);
    CHECK(mentions(errors_of(json, dir.path.string(), false), "adminPinHash: is the published demo PIN"));
    CHECK(errors_of(json, dir.path.string(), true).empty());

    // A store key the store's own, unguessable and unreadable to others: mode 0600.
    const SettingsParse store = parse_settings(config_json(o), dir.path.string(), disk_reader());
    REQUIRE(store.settings.has_value());
    CHECK_FALSE(is_demo_key(store.settings->keys.current()));
}

TEST_CASE("a key file readable by others is refused; the mode is named") {
    TempDir dir;
    ConfigOptions o;
    o.keys = "\"keyFile\": \"" + write_key(dir, "open.key", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                                                fs::perms::others_read) + "\"";
    CHECK(mentions(errors_of(config_json(o), dir.path.string(), false), "has mode 0644; a key must be readable by the kiosk's user alone"));
    CHECK(check_secret_file(write_key(dir, "closed.key")).ok());
}

TEST_CASE("settings written by an admin change are mode 0600") {
    Machine m;
    fs::permissions(m.config_path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    std::string text = read_text(m.config_path);
    text.replace(text.find("\"sessionValueMinor\": 5000"), 25, "\"sessionValueMinor\": 2500");
    REQUIRE(m.backend->apply_settings(text, kTestPin, day(2025, 3, 14)).applied);
    CHECK(mode_of(m.config_path) == 0600);
}

TEST_CASE("rotating the key twice keeps every outstanding voucher redeemable and the ledger verifiable") {
    TempDir keys;
    const std::string k1 = write_key(keys, "k1.key"), k2 = write_key(keys, "k2.key"), k3 = write_key(keys, "k3.key");
    ConfigOptions o;
    o.keys = "\"keyId\": 1, \"keyFile\": \"" + k1 + "\"";
    Machine m(o);
    const KioskTime t = time_at(system_now().date, 9);  // a retired key is needed while its vouchers have not expired
    std::vector<Delivery> issued;
    issued.push_back(pay(m, PayoutKind::voucher, t));
    issued.push_back(pay(m, PayoutKind::digital, later(t, 10'000), "9520000000042"));

    // Rotation 1: key 2 is current, key 1 retired. Dropping key 1 altogether is refused while its vouchers are out.
    o.keys = "\"keyId\": 2, \"keyFile\": \"" + k2 + "\"";
    write_text(m.config_path, config_json(o));
    m.backend.reset();
    Result<std::unique_ptr<KioskBackend>> refused = KioskBackend::open(settings_from(read_text(m.config_path)), sample_catalog(),
                                                                       BackendPaths{m.config_path, m.ledger_path, m.vouchers, SettingsPolicy{true}, {}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("voucher key 1 is still needed: 2 vouchers") != std::string::npos);
    o.keys += ", \"retiredKeys\": [{\"id\": 1, \"keyFile\": \"" + k1 + "\"}]";
    write_text(m.config_path, config_json(o));
    m.start();
    issued.push_back(pay(m, PayoutKind::voucher, later(t, 20'000)));
    issued.push_back(pay(m, PayoutKind::digital, later(t, 30'000), "9520000000042"));

    // Rotation 2: key 3 current, keys 1 and 2 retired.
    o.keys = "\"keyId\": 3, \"keyFile\": \"" + k3 + "\", \"retiredKeys\": [{\"id\": 1, \"keyFile\": \"" + k1 + "\"}, {\"id\": 2, \"keyFile\": \"" + k2 + "\"}]";
    write_text(m.config_path, config_json(o));
    m.crash_and_restart();
    issued.push_back(pay(m, PayoutKind::voucher, later(t, 40'000)));

    // A key file may not come back under another id's name: the ledger remembers each id's fingerprint.
    CHECK(sql_value(m.ledger_path, "SELECT group_concat(key_id, ',') FROM (SELECT key_id FROM payouts ORDER BY id)") == "1,1,2,2,3");

    for (std::size_t i = 0; i < issued.size(); ++i) {
        const PayoutRecord& p = issued[i].payout;
        const std::string code = p.kind == PayoutKind::digital ? p.codes.qr : p.codes.code128;
        const RedeemOutcome outcome = redeem_voucher(m.backend->ledger(), m.backend->settings(), code, later(t, 3'600'000), "till-2");
        CHECK_MESSAGE(outcome.ok(), "voucher " << i << ": " << outcome.message);
    }
    const LedgerCheck check = m.backend->ledger().verify().value();
    for (const std::string& p : check.problems) MESSAGE(p);
    CHECK(check.problems.empty());
    CHECK(check.payouts == 5);
    CHECK(check.redemptions == 5);
    CHECK(sql_value(m.ledger_path, "SELECT group_concat(key_id, ',') FROM (SELECT key_id FROM redemptions ORDER BY id)") == "3,3,3,3,3");

    // The same file under a different id is another key as far as tags go; a different file under id 1 is refused.
    o.keys = "\"keyId\": 1, \"keyFile\": \"" + k3 + "\"";
    write_text(m.config_path, config_json(o));
    m.backend.reset();
    refused = KioskBackend::open(settings_from(read_text(m.config_path)), sample_catalog(),
                                 BackendPaths{m.config_path, m.ledger_path, m.vouchers, SettingsPolicy{true}, {}});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("is not the key this ledger knows as 1") != std::string::npos);
}

TEST_CASE("verify-ledger names each edit made to the SQLite file behind the kiosk's back") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery first = pay(m, PayoutKind::voucher, t);
    pay(m, PayoutKind::donation, later(t, 10'000), "9520000000042");
    pay(m, PayoutKind::voucher, later(t, 20'000));
    REQUIRE(redeem_voucher(m.backend->ledger(), m.backend->settings(), first.payout.codes.code128, later(t, 60'000), "till-1").ok());
    REQUIRE(m.backend->check_pin("000000", t, kPinSourceScreen).ok());
    CHECK(m.backend->ledger().verify().value().problems.empty());
    const std::string& ledger = m.ledger_path;

    SUBCASE("a redeemed voucher flipped back to issued") {
        sql_value(ledger, "UPDATE payouts SET status = 'issued', redeemed_ms = NULL, redeemed_via = NULL WHERE id = 1");
        CHECK(has_problem(m.backend->ledger().verify().value(), "payout 1 says issued but redemption 1 redeemed it (via till-1)"));
    }
    SUBCASE("the redemption deleted as well") {
        sql_value(ledger, "UPDATE payouts SET status = 'issued' WHERE id = 1");
        sql_value(ledger, "DELETE FROM redemptions");
        CHECK(has_problem(m.backend->ledger().verify().value(),
                          "the signed head counts 1 redemption records ending at redemption 1, but the ledger holds 0 ending at 0 "
                          "(records were removed from its end)"));
    }
    SUBCASE("a payout deleted") {
        sql_value(ledger, "DELETE FROM payouts WHERE id = 2");
        const LedgerCheck check = m.backend->ledger().verify().value();
        CHECK(has_problem(check, "payout 2 is missing"));
        CHECK(has_problem(check, "session 2 is closed but has no payout"));
    }
    SUBCASE("the last payout deleted") {
        sql_value(ledger, "DELETE FROM payouts WHERE id = 3");
        const LedgerCheck check = m.backend->ledger().verify().value();
        CHECK(has_problem(check, "the signed head counts 3 payout records ending at payout 3, but the ledger holds 2"));
        CHECK(has_problem(check, "session 3 is closed but has no payout"));
    }
    SUBCASE("the last item dropped") {
        sql_value(ledger, "DELETE FROM items WHERE id = 3");
        const LedgerCheck check = m.backend->ledger().verify().value();
        CHECK(has_problem(check, "the signed head counts 3 item records ending at item 3, but the ledger holds 2 ending at 2"));
        CHECK(has_problem(check, "payout 3 (1 items, 25 minor units) does not equal the items of session 3 (0 items, 0)"));
    }
    SUBCASE("an amount changed") {
        sql_value(ledger, "UPDATE items SET refund_minor = 125 WHERE id = 2");
        const LedgerCheck check = m.backend->ledger().verify().value();
        CHECK(has_problem(check, "item 2 does not match its signature"));
        CHECK(has_problem(check, "payout 2 (1 items, 25 minor units) does not equal the items of session 2 (1 items, 125)"));
    }
    SUBCASE("a voucher number skipped") {
        sql_value(ledger, "UPDATE payouts SET voucher_seq = 7 WHERE id = 3");
        const LedgerCheck check = m.backend->ledger().verify().value();
        CHECK(has_problem(check, "payout 3 does not match its signature"));
        CHECK(has_problem(check, "payout 3 is voucher number 7 where 2 was due"));
    }
    SUBCASE("an event and the PIN lockout state") {
        sql_value(ledger, "UPDATE events SET detail = '{}' WHERE id = 1");
        sql_value(ledger, "UPDATE admin SET failures = 0");
        const LedgerCheck check = m.backend->ledger().verify().value();
        CHECK(has_problem(check, "event 1 does not match its signature"));
        CHECK(has_problem(check, "the PIN lockout state of source \"screen\" does not match its signature"));
    }
}

TEST_CASE("a bare EAN-13 is redeemed only when the store turns it on") {
    ConfigOptions o;
    o.accept_ean13 = false;
    Machine m(o);
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = pay(m, PayoutKind::voucher, t);
    const RedeemOutcome bare = redeem_voucher(m.backend->ledger(), m.backend->settings(), d.payout.codes.ean13, later(t, 5000), "till-1");
    CHECK(bare.verdict == RedeemVerdict::ean13_not_accepted);
    CHECK(redeem_voucher(m.backend->ledger(), m.backend->settings(), d.payout.codes.code128, later(t, 6000), "till-1").ok());
    std::string json = config_json();
    json.erase(json.find("\"acceptEan13\": true, "), std::string("\"acceptEan13\": true, ").size());
    CHECK_FALSE(settings_from(json).accept_ean13);
}

TEST_CASE("a till that keeps sending unknown codes is locked out for a while, and it is recorded") {
    Machine m;
    const KioskTime t = day(2025, 3, 14);
    const Delivery d = pay(m, PayoutKind::voucher, t);
    KioskSettings s = m.backend->settings();
    RedeemOutcome last;
    for (int i = 0; i < kTillGuessLimit; ++i) {
        VoucherId forged{421, 1, t.date, 900 + i, Money{25, Currency::EUR}};
        last = redeem_voucher(m.backend->ledger(), s, code128_code(forged, s.keys.current()), later(t, 1000 * i), "till-7");
        CHECK(last.verdict == RedeemVerdict::unknown);
    }
    CHECK(last.message.find("till till-7 is now locked out for 15 minutes") != std::string::npos);
    CHECK(m.backend->ledger().events("till_locked_out").value().size() == 1);
    // Locked: even a genuine voucher waits; another till is not affected.
    CHECK(redeem_voucher(m.backend->ledger(), s, d.payout.codes.code128, later(t, 10'000), "till-7").verdict == RedeemVerdict::till_locked);
    CHECK(redeem_voucher(m.backend->ledger(), s, d.payout.codes.code128, later(t, 11'000), "till-8").ok());
    const KioskTime after = later(t, kTillGuessWindowMs + 5'000);
    CHECK(redeem_voucher(m.backend->ledger(), s, d.payout.codes.code128, after, "till-7").verdict == RedeemVerdict::already_redeemed);
}
}
