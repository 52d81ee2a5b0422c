// Retailer settings: the sample file validates; every problem of a bad file is named with its path; local
// overrides go through the core's scheme validation; the admin PIN locks out with a growing back-off; a new file
// applies only after the PIN and full validation, and every change or refusal is in the ledger.
#include <doctest/doctest.h>

#include <algorithm>

#include "backend/admin.hpp"
#include "kiosk_fixtures.hpp"

using namespace kiosk_test;

namespace {

std::vector<Error> errors_of(const std::string& json) { return parse_settings(json, ".", disk_reader(), SettingsPolicy{true}).errors; }

bool names(const std::vector<Error>& errors, const std::string& path, const std::string& words = "") {
    return std::any_of(errors.begin(), errors.end(), [&](const Error& e) {
        return e.path == path && (words.empty() || e.message.find(words) != std::string::npos);
    });
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_SUITE("settings") {
TEST_CASE("the sample settings in assets/kiosk validate") {
    const SettingsParse parsed = load_settings(asset("kiosk/sample-config.json"), SettingsPolicy{true});
    for (const Error& e : parsed.errors) MESSAGE(e.path << ": " << e.message);
    REQUIRE(parsed.settings.has_value());
    CHECK(parsed.settings->scheme.id == "de");
    CHECK(parsed.settings->currency() == Currency::EUR);
    CHECK(parsed.settings->store == 421);
    CHECK(parsed.settings->store_name == "Sample Markt (demo)");
    CHECK(parsed.settings->store_address == "Beispielstra\u00dfe 1, 10115 Berlin");
    CHECK(pin_matches(parsed.settings->admin_pin_hash, "246810"));  // the demo PIN documented in kiosk/README.md
}

TEST_CASE("the store's name and address for the receipt: optional, bounded, printable, nothing else") {
    ConfigOptions options;
    options.extra = "  \"store\": {\"name\": \"\u5317\u4eac\u8d85\u5e02\", \"address\": \"Calle Mayor 1, Madrid\"},\n";
    const KioskSettings good = settings_from(config_json(options));
    CHECK(good.store_name == "\u5317\u4eac\u8d85\u5e02");
    CHECK(good.store_address == "Calle Mayor 1, Madrid");
    CHECK(settings_from(config_json()).store_name.empty());  // without "store" the receipt just has no name line
    options.extra = "  \"store\": {\"name\": \"\", \"address\": \"a\\u0007b\", \"phone\": \"1\"},\n";
    std::vector<Error> errors = errors_of(config_json(options));
    CHECK(names(errors, "store.name", "non-empty"));
    CHECK(names(errors, "store.address", "control characters"));
    CHECK(names(errors, "store.phone", "unknown field"));
    options.extra = "  \"store\": {\"name\": \"" + std::string(121, 'x') + "\", \"address\": 5},\n";
    errors = errors_of(config_json(options));
    CHECK(names(errors, "store.name"));
    CHECK(names(errors, "store.address", "must be a string"));
}

TEST_CASE("a file with many problems names each of them") {
    std::string json = config_json();
    json = replaced(json, "\"storeId\": \"0421\"", "\"storeId\": \"12345\"");
    json = replaced(json, "\"machineId\": 1", "\"machineId\": 12");
    json = replaced(json, "\"sessionValueMinor\": 5000", "\"sessionValueMinor\": 200000");
    json = replaced(json, "\"expiryDays\": 90", "\"expiryDays\": 0");
    json = replaced(json, "\"ean13Prefix\": \"29\"", "\"ean13Prefix\": \"30\"");
    json = replaced(json, kTestKeyHex, "abc");
    json = replaced(json, "\"idleTimeoutSeconds\": 60", "\"idleTimeoutSeconds\": 60, \"limts\": {}, \"adminPin\": \"1234\"");
    const std::vector<Error> errors = errors_of(json);
    for (const Error& e : errors) MESSAGE(e.path << ": " << e.message);
    CHECK(names(errors, "storeId", "1 to 4 digits"));
    CHECK(names(errors, "machineId", "is 12; it must be 0 to 9"));
    CHECK(names(errors, "limits.sessionValueMinor", "is 200000; it must be 1 to 99999"));
    CHECK(names(errors, "voucher.expiryDays"));
    CHECK(names(errors, "voucher.ean13Prefix", "restricted-circulation"));
    CHECK(names(errors, "voucher.keyHex", "64 hexadecimal"));
    CHECK(names(errors, "limts", "unknown field"));
    CHECK(names(errors, "adminPin", "unknown field"));
    CHECK(errors.size() == 8);
}

TEST_CASE("malformed JSON is refused with its byte offset") {
    const std::vector<Error> errors = errors_of("{\"storeId\": \"0421\",,}");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("malformed JSON at byte 20") == 0);
    CHECK(errors_of("[1, 2]")[0].message == "the settings file must be a JSON object");
    CHECK(errors_of(std::string(100, '[') + std::string(100, ']'))[0].message.find("64 deep") != std::string::npos);
    CHECK(errors_of(std::string("{\"a\": \"\xff\"}")).size() == 1);  // invalid UTF-8
    CHECK(errors_of(std::string(2 << 20, ' '))[0].message == "the settings file is larger than 1 MiB");
}

TEST_CASE("required fields, wrong types and absurd numbers") {
    CHECK(names(errors_of("{}"), "scheme", "is required"));
    CHECK(names(errors_of("{}"), "adminPinHash", "is required"));
    CHECK(names(errors_of("{}"), "limits", "is required"));
    const std::string json = replaced(config_json(), "\"sessionItems\": 300", "\"sessionItems\": 1e400");
    CHECK_FALSE(errors_of(json).empty());
    const std::string big = replaced(config_json(), "\"sessionItems\": 300", "\"sessionItems\": 99999999999999999999999");
    CHECK(names(errors_of(big), "limits.sessionItems"));
    const std::string negative = replaced(config_json(), "\"sessionItems\": 300", "\"sessionItems\": -3");
    CHECK(names(errors_of(negative), "limits.sessionItems", "1 to 10000"));
    const std::string text = replaced(config_json(), "\"sessionItems\": 300", "\"sessionItems\": \"300\"");
    CHECK(names(errors_of(text), "limits.sessionItems", "whole number"));
    const std::string hash = replaced(config_json(), test_pin_hash(), "246810");
    CHECK(names(errors_of(hash), "adminPinHash", "argon2id"));
}

TEST_CASE("the currency must be the scheme's") {
    ConfigOptions o;
    o.currency = "USD";
    CHECK(names(errors_of(config_json(o)), "currency", "scheme de pays in EUR"));
    o.currency = "XYZ";
    CHECK(names(errors_of(config_json(o)), "currency", "ISO 4217"));
}

TEST_CASE("the scheme is read from a file or embedded, and a bad one is refused with the core's errors") {
    ConfigOptions o;
    o.scheme = "/nonexistent/de.json";
    CHECK(names(errors_of(config_json(o)), "scheme", "cannot read the scheme file"));

    std::string embedded = replaced(config_json(), "\"" + asset("schemes/de.json") + "\"", read_text(asset("schemes/us-or.json")));
    embedded = replaced(embedded, "\"currency\": \"EUR\"", "\"currency\": \"USD\"");
    const SettingsParse parsed = parse_settings(embedded, ".", disk_reader(), SettingsPolicy{true});
    REQUIRE(parsed.settings.has_value());
    CHECK(parsed.settings->scheme.id == "us-or");
    CHECK(parsed.settings->scheme_source == "embedded");

    std::string broken = replaced(config_json(), "\"" + asset("schemes/de.json") + "\"", "{\"id\": \"x\"}");
    const std::vector<Error> errors = errors_of(broken);
    CHECK(std::any_of(errors.begin(), errors.end(), [](const Error& e) { return e.path.rfind("scheme.", 0) == 0; }));
}

TEST_CASE("local overrides change the scheme's tables and are validated by the core") {
    SUBCASE("a handling fee the retailer negotiated") {
        ConfigOptions o;
        o.extra = "  \"overrides\": [{\"rule\": \"einweg-plastic-2024\", \"handlingFee\": \"0.02\"}],\n";
        const KioskSettings s = settings_from(config_json(o));
        const auto rule = std::find_if(s.scheme.rules.begin(), s.scheme.rules.end(), [](const Rule& r) { return r.id == "einweg-plastic-2024"; });
        REQUIRE(rule != s.scheme.rules.end());
        CHECK(rule->handling_fee == FeeRate{20000});
        CHECK(s.overrides.size() == 1);
    }
    SUBCASE("a refund above the deposit is the core's error, reported with its path") {
        ConfigOptions o;
        o.extra = "  \"overrides\": [{\"rule\": \"einweg-plastic-2024\", \"refundMinor\": 30}],\n";
        const std::vector<Error> errors = errors_of(config_json(o));
        REQUIRE_FALSE(errors.empty());
        CHECK(errors[0].path.rfind("scheme.rules[", 0) == 0);
        CHECK(errors[0].message.rfind("after the local overrides: ", 0) == 0);
        CHECK(errors[0].code == ErrorCode::refund_above_deposit);  // the core's typed code crosses the settings parser
        REQUIRE(errors[0].args.size() == 2);
        CHECK(errors[0].args[0].value == "30");
    }
    SUBCASE("a refused override value carries a typed code with its limit, and only that error") {
        ConfigOptions o;
        o.extra = "  \"overrides\": [{\"rule\": \"einweg-plastic-2024\", \"refundMinor\": -5}],\n";
        const std::vector<Error> errors = errors_of(config_json(o));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].path == "overrides[0].refundMinor");
        CHECK(errors[0].code == ErrorCode::below_min);
        REQUIRE(errors[0].args.size() == 2);
        CHECK((std::string(errors[0].args[0].name) == "min" && errors[0].args[0].value == "0" && errors[0].args[1].value == "-5"));
    }
    SUBCASE("an override of a rule the scheme does not have") {
        ConfigOptions o;
        o.extra = "  \"overrides\": [{\"rule\": \"no-such-rule\", \"depositMinor\": 10}],\n";
        CHECK(names(errors_of(config_json(o)), "overrides[0].rule", "no rule \"no-such-rule\""));
        CHECK(errors_of(config_json(o))[0].code == ErrorCode::unknown_id);
    }
    SUBCASE("an override that changes nothing") {
        ConfigOptions o;
        o.extra = "  \"overrides\": [{\"rule\": \"einweg-plastic-2024\"}],\n";
        CHECK(names(errors_of(config_json(o)), "overrides[0].rule", "changes depositMinor"));
    }
}

TEST_CASE("printer settings") {
    ConfigOptions o;
    o.printer = "tcp://127.0.0.1:9100";
    CHECK(settings_from(config_json(o)).printer.port == 9100);
    o.printer = "tcp://127.0.0.1:99999";
    CHECK(names(errors_of(config_json(o)), "printer.target", "1 to 65535"));
    o.printer = "ftp://x";
    CHECK(names(errors_of(config_json(o)), "printer.target"));
    std::string narrow = replaced(config_json(), "\"idleTimeoutSeconds\"", "\"printer\": {\"target\": \"none\", \"widthDots\": 384}, \"idleTimeoutSeconds\"");
    CHECK(names(errors_of(narrow), "printer.widthDots", "needs at least 560"));
}

TEST_CASE("the admin PIN locks out with a growing back-off after five wrong tries") {
    CHECK(lockout_ms(4) == 0);
    CHECK(lockout_ms(5) == 30'000);
    CHECK(lockout_ms(6) == 60'000);
    CHECK(lockout_ms(7) == 120'000);
    CHECK(lockout_ms(12) == 3'600'000);
    CHECK(lockout_ms(1000) == 3'600'000);

    TempDir dir;
    const VoucherKey key = parse_voucher_key(kTestKeyHex).value();
    auto ledger = Ledger::open(dir.file("l.sqlite"), key, LedgerOptions{421, 1, true}).value();
    const std::string& hash = test_pin_hash();
    std::int64_t now = 1'000'000;
    for (int i = 1; i <= 4; ++i) {
        const PinCheck c = check_admin_pin(*ledger, hash, "0000", now, kPinSourceScreen).value();
        CHECK(c.verdict == PinVerdict::wrong_pin);
        CHECK(c.failures == i);
        CHECK(c.retry_after_ms == 0);
    }
    PinCheck fifth = check_admin_pin(*ledger, hash, "1111", now, kPinSourceScreen).value();
    CHECK(fifth.verdict == PinVerdict::wrong_pin);
    CHECK(fifth.retry_after_ms == 30'000);
    // locked: even the right PIN is not looked at
    PinCheck locked = check_admin_pin(*ledger, hash, kTestPin, now + 29'000, kPinSourceScreen).value();
    CHECK(locked.verdict == PinVerdict::locked_out);
    CHECK(locked.retry_after_ms == 1'000);
    // the lockout survives a restart of the kiosk
    ledger.reset();
    ledger = Ledger::open(dir.file("l.sqlite"), key, LedgerOptions{421, 1, true}).value();
    CHECK(check_admin_pin(*ledger, hash, kTestPin, now + 29'999, kPinSourceScreen).value().verdict == PinVerdict::locked_out);
    // after it, another wrong PIN doubles the wait
    now += 30'000;
    CHECK(check_admin_pin(*ledger, hash, "2222", now, kPinSourceScreen).value().retry_after_ms == 60'000);
    CHECK(check_admin_pin(*ledger, hash, kTestPin, now + 59'999, kPinSourceScreen).value().verdict == PinVerdict::locked_out);
    const PinCheck right = check_admin_pin(*ledger, hash, kTestPin, now + 60'000, kPinSourceScreen).value();
    CHECK(right.verdict == PinVerdict::accepted);
    CHECK(right.failures == 0);
    CHECK(check_admin_pin(*ledger, hash, "3333", now + 60'001, kPinSourceScreen).value().retry_after_ms == 0);  // counting starts again
    CHECK(ledger->events("admin_pin_wrong").value().size() == 5);
    CHECK(ledger->events("admin_lockout_started").value().size() == 2);  // announced on the attempts that started them
    CHECK(ledger->events("admin_locked_out").value().size() == 3);
}

TEST_CASE("a lockout at the public screen does not lock staff out elsewhere, and short PINs never match") {
    TempDir dir;
    auto ledger = Ledger::open(dir.file("l.sqlite"), parse_voucher_key(kTestKeyHex).value(), LedgerOptions{421, 1, true}).value();
    const std::string& hash = test_pin_hash();
    const std::int64_t now = 1'000'000;
    PinCheck last;
    for (int i = 0; i < kFreePinAttempts; ++i) last = check_admin_pin(*ledger, hash, "1", now, kPinSourceScreen).value();
    CHECK(last.retry_after_ms == 30'000);
    CHECK(pin_refusal_message(last) == "wrong PIN; too many wrong PINs: locked for 30 s");
    CHECK(check_admin_pin(*ledger, hash, kTestPin, now + 1, kPinSourceScreen).value().verdict == PinVerdict::locked_out);
    CHECK(check_admin_pin(*ledger, hash, kTestPin, now + 1, kPinSourceCli).value().verdict == PinVerdict::accepted);
    CHECK(ledger->admin_state(kPinSourceScreen).value().failures == kFreePinAttempts);
    CHECK_FALSE(pin_long_enough("24681"));
    CHECK(pin_long_enough("246810"));
    CHECK_FALSE(pin_long_enough("24681a"));
}

TEST_CASE("a new settings file applies only with the PIN and when valid; the old one stays otherwise") {
    Machine m;
    const std::string original = read_text(m.config_path);
    const KioskTime t = day(2025, 3, 14);

    SUBCASE("a bad file is refused with its errors and recorded") {
        const std::string bad = replaced(original, "\"sessionValueMinor\": 5000", "\"sessionValueMinor\": -1");
        const SettingsApply applied = m.backend->apply_settings(bad, kTestPin, t);
        CHECK_FALSE(applied.applied);
        CHECK(names(applied.errors, "limits.sessionValueMinor"));
        CHECK(read_text(m.config_path) == original);
        CHECK(m.backend->ledger().events("settings_refused").value().size() == 1);
        CHECK(m.backend->settings().limits.max_value_minor == 5000);
    }
    SUBCASE("a wrong PIN is refused before the file is even read") {
        const std::string good = replaced(original, "\"sessionValueMinor\": 5000", "\"sessionValueMinor\": 2500");
        const SettingsApply applied = m.backend->apply_settings(good, "0000", t);
        CHECK_FALSE(applied.applied);
        REQUIRE(applied.pin.has_value());
        CHECK(applied.pin->verdict == PinVerdict::wrong_pin);
        CHECK(read_text(m.config_path) == original);
    }
    SUBCASE("the store and machine of a ledger cannot change") {
        const std::string moved = replaced(original, "\"storeId\": \"0421\"", "\"storeId\": \"0422\"");
        const SettingsApply applied = m.backend->apply_settings(moved, kTestPin, t);
        CHECK_FALSE(applied.applied);
        CHECK(names(applied.errors, "storeId", "belongs to store 421"));
        CHECK(read_text(m.config_path) == original);
    }
    SUBCASE("a good file applies, replaces the file and is recorded with what changed") {
        const std::string good = replaced(original, "\"sessionValueMinor\": 5000", "\"sessionValueMinor\": 2500");
        const SettingsApply applied = m.backend->apply_settings(good, kTestPin, t);
        REQUIRE(applied.applied);
        CHECK(applied.changed == std::vector<std::string>{"limits"});
        CHECK(read_text(m.config_path) == good);
        CHECK(m.backend->settings().limits.max_value_minor == 2500);
        const auto changes = m.backend->ledger().events("settings_changed").value();
        REQUIRE(changes.size() == 1);
        CHECK(changes[0].detail.find("\"changed\":[\"limits\"]") != std::string::npos);
        CHECK(changes[0].detail.find(sha256_hex(original)) != std::string::npos);
        CHECK(changes[0].detail.find(sha256_hex(good)) != std::string::npos);
    }
}
}
