// Voucher codes: the HMAC under RFC 4231's test vector, the EAN-13 / Code 128 / QR layouts with a worked
// example, round trips, and refusal of every tampered digit, forged tag and malformed string.
#include <doctest/doctest.h>

#include "backend/crypto.hpp"
#include "backend/voucher_code.hpp"
#include "kiosk_fixtures.hpp"
#include "returnloop/gtin.hpp"

using namespace kiosk_test;

namespace {

VoucherKey test_key() { return parse_voucher_key(kTestKeyHex).value(); }

VoucherId example_id() {
    return VoucherId{421, 1, date_from_ymd(2025, 3, 14), 12, Money{300, Currency::EUR}};
}

}  // namespace

TEST_SUITE("vouchers") {
TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 1 (key zero-padded to 32 bytes, as HMAC itself pads)") {
    std::array<unsigned char, 32> key{};
    for (int i = 0; i < 20; ++i) key[static_cast<std::size_t>(i)] = 0x0b;
    const Mac mac = hmac_sha256(key, "Hi There");
    CHECK(to_hex(mac.data(), mac.size()) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST_CASE("ISO 4217 numeric currency codes") {
    CHECK(currency_numeric(Currency::EUR) == 978);
    CHECK(currency_numeric(Currency::USD) == 840);
    CHECK(currency_numeric(Currency::CAD) == 124);
    CHECK(currency_numeric(Currency::JPY) == 392);
    CHECK(currency_numeric(Currency::AUD) == 36);
    for (int i = 0; i < kCurrencyCount; ++i) {
        for (int j = i + 1; j < kCurrencyCount; ++j) {
            CHECK(currency_numeric(static_cast<Currency>(i)) != currency_numeric(static_cast<Currency>(j)));
        }
    }
}

TEST_CASE("the Code 128 number parses as printed (groups of five) and without spaces, to the same voucher") {
    const VoucherKey key = test_key();
    const std::string code = code128_code(example_id(), key);
    const std::string printed = grouped_digits(code);
    CHECK(printed.size() == 47);
    CHECK(canonical_voucher_code(printed) == code);
    CHECK(canonical_voucher_code("\t" + code + "\r\n") == code);
    const Result<ParsedVoucherCode> spaced = parse_voucher_code(printed);
    const Result<ParsedVoucherCode> plain = parse_voucher_code(code);
    REQUIRE(spaced.ok());
    REQUIRE(plain.ok());
    CHECK(spaced->id == plain->id);
    CHECK(verify_tag(*spaced, key));
    // Only digit codes lose their spaces: a QR text with a space stays malformed.
    const std::string qr = qr_code_text(example_id(), key);
    CHECK(canonical_voucher_code(qr.substr(0, 10) + " " + qr.substr(10)) == qr.substr(0, 10) + " " + qr.substr(10));
    CHECK_FALSE(parse_voucher_code(qr.substr(0, 10) + " " + qr.substr(10)).ok());
    CHECK_FALSE(parse_voucher_code(std::string(300, ' ') + code).ok());
}

TEST_CASE("the worked example of kiosk/README.md") {
    const VoucherKey key = test_key();
    const VoucherId id = example_id();
    REQUIRE(check_voucher_id(id).ok());

    SUBCASE("EAN-13: prefix 29, machine 1, sequence 0012, amount 00300, GS1 check digit") {
        const std::string ean = ean13_code(id, "29");
        CHECK(ean.substr(0, 12) == "291001200300");
        CHECK(ean.size() == 13);
        const Result<Gtin> gtin = parse_gtin(ean);  // the core's GS1 check-digit rule agrees
        REQUIRE(gtin.ok());
        CHECK(is_restricted_circulation(*gtin));    // a till will never mistake it for a product
    }
    SUBCASE("Code 128: 40 digits, version 1, store 0421, machine 1, 250314, 00012, 00300, 978, 15-digit tag") {
        const std::string code = code128_code(id, key);
        REQUIRE(code.size() == 40);
        CHECK(code.substr(0, 25) == "1042112503140001200300978");
        for (char c : code) CHECK((c >= '0' && c <= '9'));
    }
    SUBCASE("QR: RL1.0421.1.20250314.00012.300EUR.<22-character base64url tag>") {
        const std::string qr = qr_code_text(id, key);
        CHECK(qr.substr(0, 33) == "RL1.0421.1.20250314.00012.300EUR.");
        CHECK(qr.size() == 33 + 22);
        for (char c : qr) {
            const bool url_safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                                  c == '_' || c == '.';
            CHECK(url_safe);
        }
    }
    SUBCASE("the full codes equal those computed independently (Python hmac/hashlib, as in kiosk/README.md)") {
        CHECK(code128_code(id, key) == "1042112503140001200300978115319912902580");
        CHECK(qr_code_text(id, key) == "RL1.0421.1.20250314.00012.300EUR.93FLaluor7SvCoy3lHusdQ");
        CHECK(ean13_code(id, "29") == "2910012003006");
    }
    SUBCASE("the two tags are truncations of one HMAC over the same fields") {
        const Mac mac = hmac_sha256(key.bytes(), "RL1|0421|1|20250314|00012|300|EUR");
        std::uint64_t first8 = 0;
        for (int i = 0; i < 8; ++i) first8 = (first8 << 8) | mac[static_cast<std::size_t>(i)];
        std::string expected = std::to_string(first8 % 1000000000000000ULL);
        expected.insert(0, 15 - expected.size(), '0');
        CHECK(code128_code(id, key).substr(25) == expected);
    }
}

TEST_CASE("codes parse back to what was issued and verify") {
    const VoucherKey key = test_key();
    for (const VoucherId& id : {example_id(), VoucherId{0, 0, date_from_ymd(2000, 1, 1), 1, Money{1, Currency::JPY}},
                                VoucherId{9999, 9, date_from_ymd(2099, 12, 31), 1234567, Money{99999, Currency::USD}}}) {
        const Result<ParsedVoucherCode> c128 = parse_voucher_code(code128_code(id, key));
        REQUIRE(c128.ok());
        CHECK(c128->form == VoucherForm::code128);
        CHECK(c128->id.store == id.store);
        CHECK(c128->id.machine == id.machine);
        CHECK(c128->id.date == id.date);
        CHECK(c128->id.seq == id.seq % 100000);
        CHECK(c128->id.amount == id.amount);
        CHECK(verify_tag(*c128, key));

        const Result<ParsedVoucherCode> qr = parse_voucher_code(qr_code_text(id, key));
        REQUIRE(qr.ok());
        CHECK(qr->form == VoucherForm::qr);
        CHECK(qr->id.amount == id.amount);
        CHECK(qr->id.date == id.date);
        CHECK(verify_tag(*qr, key));

        const Result<ParsedVoucherCode> ean = parse_voucher_code(ean13_code(id, "29"));
        REQUIRE(ean.ok());
        CHECK(ean->form == VoucherForm::ean13);
        CHECK(ean->id.amount.minor == id.amount.minor);
        CHECK(ean->id.seq == id.seq % 10000);
        CHECK_FALSE(verify_tag(*ean, key));  // EAN-13 has no tag: the ledger must vouch for it
    }
}

TEST_CASE("tampering and forgery are detected") {
    const VoucherKey key = test_key();
    const std::string code = code128_code(example_id(), key);

    SUBCASE("changing any single digit of the Code 128 voucher breaks it") {
        int refused = 0;
        for (std::size_t i = 0; i < code.size(); ++i) {
            for (char d = '0'; d <= '9'; ++d) {
                if (d == code[i]) continue;
                std::string changed = code;
                changed[i] = d;
                const Result<ParsedVoucherCode> parsed = parse_voucher_code(changed);
                const bool accepted = parsed.ok() && verify_tag(*parsed, key);
                CHECK_FALSE(accepted);
                if (!accepted) ++refused;
            }
        }
        CHECK(refused == 40 * 9);
    }
    SUBCASE("raising the amount in the QR text breaks it") {
        std::string qr = qr_code_text(example_id(), key);
        qr.replace(qr.find("300EUR"), 6, "900EUR");
        const Result<ParsedVoucherCode> parsed = parse_voucher_code(qr);
        REQUIRE(parsed.ok());
        CHECK_FALSE(verify_tag(*parsed, key));
    }
    SUBCASE("another store's key does not verify this store's voucher") {
        const VoucherKey other = random_voucher_key();
        CHECK_FALSE(verify_tag(parse_voucher_code(code).value(), other));
    }
    SUBCASE("a leading zero in the QR amount is refused, so each voucher has one spelling") {
        std::string qr = qr_code_text(example_id(), key);
        qr.replace(qr.find("300EUR"), 6, "0300EUR");
        CHECK_FALSE(parse_voucher_code(qr).ok());
    }
}

TEST_CASE("malformed codes are refused with a reason") {
    for (const std::string& bad :
         {std::string(""), std::string("hello"), std::string(41, '1'), std::string(39, '1'), std::string("4006381333931"),
          std::string("2910012003001"), std::string("2042112513140001200300978123456789012345"),
          std::string("1042112502300001200300978123456789012345"), std::string("1042112503140001200300999123456789012345"),
          std::string("RL1.0421.1.20250314.00012.300EUR"), std::string("RL1.0421.1.20250230.00012.300EUR.AAAAAAAAAAAAAAAAAAAAAA"),
          std::string("RL1.0421.1.20250314.00012.300XXX.AAAAAAAAAAAAAAAAAAAAAA"),
          std::string("RL1.0421.1.20250314.00012.300EUR.AAAAAAAAAAAAAAAAAAAA+/"), std::string("RL1........"),
          std::string("\xff\xfe\x00\x01", 4), std::string(100000, '9')}) {
        const Result<ParsedVoucherCode> parsed = parse_voucher_code(bad);
        CHECK_FALSE(parsed.ok());
        if (!parsed.ok()) {
            CHECK(parsed.error().message.rfind("not a ReturnLoop voucher: ", 0) == 0);
        }
    }
}

TEST_CASE("voucher ids out of range are refused before anything is printed") {
    VoucherId id = example_id();
    id.amount.minor = 100000;
    CHECK(check_voucher_id(id).error().path == "amount");
    id = example_id();
    id.machine = 10;
    CHECK(check_voucher_id(id).error().path == "machineId");
    id = example_id();
    id.date = date_from_ymd(2100, 1, 1);
    CHECK(check_voucher_id(id).error().path == "date");
    id = example_id();
    id.seq = 0;
    CHECK_FALSE(check_voucher_id(id).ok());
}

TEST_CASE("voucher keys") {
    CHECK(parse_voucher_key(std::string(kTestKeyHex) + "\n").ok());
    CHECK(voucher_key_hex(parse_voucher_key(kTestKeyHex).value()) == kTestKeyHex);
    CHECK(parse_voucher_key("abc").error().message.find("64 hexadecimal") != std::string::npos);
    CHECK_FALSE(parse_voucher_key(std::string(64, 'g')).ok());
    CHECK(voucher_key_hex(random_voucher_key()) != voucher_key_hex(random_voucher_key()));
}
}
