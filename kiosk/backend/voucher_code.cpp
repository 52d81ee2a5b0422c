// Voucher identities, tags and the three code layouts (see voucher_code.hpp and kiosk/README.md).
#include "backend/voucher_code.hpp"

#include <sodium.h>

#include <cstdio>

#include "backend/crypto.hpp"
#include "returnloop/gtin.hpp"

namespace returnloop::kiosk {
namespace {

constexpr std::int64_t kSeqModulus = 100000;     // five digits of the sequence in Code 128 and QR
constexpr std::int64_t kEanSeqModulus = 10000;   // four in EAN-13
constexpr std::uint64_t kTagModulus = 1000000000000000ULL;  // 15 decimal digits, about 49.8 bits
constexpr std::size_t kQrTagBytes = 16;          // 128 bits in the QR form
constexpr std::size_t kCode128Length = 40;

bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

std::int64_t digits_value(std::string_view digits) {  // caller has checked: digits only, at most 18
    std::int64_t value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

std::string padded(std::int64_t value, int width) {
    std::string text = std::to_string(value);
    if (static_cast<int>(text.size()) < width) text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
    return text;
}

std::string compact_date(Date date) {  // YYYYMMDD
    std::string iso = format_date(date);
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

Result<Date> date_from_compact(std::string_view yyyymmdd) {
    if (yyyymmdd.size() != 8 || !all_digits(yyyymmdd)) return Error{"date", "the date is not 8 digits"};
    const std::string iso = std::string(yyyymmdd.substr(0, 4)) + "-" + std::string(yyyymmdd.substr(4, 2)) + "-" +
                            std::string(yyyymmdd.substr(6, 2));
    return parse_date(iso);
}

// What the tag signs. The sequence is taken modulo 100000, as the codes carry it.
std::string tag_message(const VoucherId& id) {
    return "RL1|" + padded(id.store, 4) + "|" + std::to_string(id.machine) + "|" + compact_date(id.date) + "|" +
           padded(id.seq % kSeqModulus, 5) + "|" + std::to_string(id.amount.minor) + "|" +
           std::string(currency_code(id.amount.currency));
}

std::string decimal_tag(const Mac& mac) {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = (value << 8) | mac[static_cast<std::size_t>(i)];
    return padded(static_cast<std::int64_t>(value % kTagModulus), 15);
}

std::string base64url_tag(const Mac& mac) {
    char out[64];
    sodium_bin2base64(out, sizeof out, mac.data(), kQrTagBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::optional<Currency> currency_from_numeric(int numeric) {
    for (int i = 0; i < kCurrencyCount; ++i) {
        const auto currency = static_cast<Currency>(i);
        if (currency_numeric(currency) == numeric) return currency;
    }
    return std::nullopt;
}

Error malformed(const std::string& why) { return Error{"code", "not a ReturnLoop voucher: " + why}; }

}  // namespace

VoucherKey::~VoucherKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

Result<VoucherKey> parse_voucher_key(std::string_view hex) {
    while (!hex.empty() && (hex.front() == ' ' || hex.front() == '\n' || hex.front() == '\r' || hex.front() == '\t')) {
        hex.remove_prefix(1);
    }
    while (!hex.empty() && (hex.back() == ' ' || hex.back() == '\n' || hex.back() == '\r' || hex.back() == '\t')) {
        hex.remove_suffix(1);
    }
    if (hex.size() != kVoucherKeyBytes * 2) {
        return Error{"key", "a voucher key is 64 hexadecimal characters (32 bytes); this one has " +
                                std::to_string(hex.size()) + " characters"};
    }
    std::array<unsigned char, kVoucherKeyBytes> bytes{};
    std::size_t written = 0;
    if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &written, nullptr) != 0 ||
        written != kVoucherKeyBytes) {
        return Error{"key", "a voucher key may contain only the hexadecimal digits 0-9 and a-f"};
    }
    VoucherKey key(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return key;
}

VoucherKey random_voucher_key() {
    ensure_sodium();
    std::array<unsigned char, kVoucherKeyBytes> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    VoucherKey key(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    return key;
}

std::string voucher_key_hex(const VoucherKey& key) { return to_hex(key.bytes().data(), key.bytes().size()); }

int currency_numeric(Currency currency) {
    // ISO 4217 numeric codes.
    switch (currency) {
        case Currency::USD: return 840;
        case Currency::CAD: return 124;
        case Currency::AUD: return 36;
        case Currency::NZD: return 554;
        case Currency::EUR: return 978;
        case Currency::GBP: return 826;
        case Currency::CHF: return 756;
        case Currency::NOK: return 578;
        case Currency::SEK: return 752;
        case Currency::DKK: return 208;
        case Currency::ISK: return 352;
        case Currency::ILS: return 376;
        case Currency::KRW: return 410;
        case Currency::JPY: return 392;
        case Currency::CNY: return 156;
        case Currency::HKD: return 344;
        case Currency::TWD: return 901;
        case Currency::HUF: return 348;
        case Currency::PLN: return 985;
        case Currency::CZK: return 203;
        case Currency::RON: return 946;
        case Currency::SGD: return 702;
        case Currency::TRY: return 949;
        case Currency::EEK: return 233;
        case Currency::LTL: return 440;
        case Currency::HRK: return 191;
        case Currency::FIM: return 246;
        case Currency::NLG: return 528;
    }
    return 0;
}

Status check_voucher_id(const VoucherId& id) {
    if (id.store < 0 || id.store > 9999) return Error{"storeId", "the store number must be 0 to 9999"};
    if (id.machine < 0 || id.machine > 9) return Error{"machineId", "the machine number must be 0 to 9"};
    const int year = year_of(id.date);
    if (year < 2000 || year > 2099) return Error{"date", "vouchers are dated 2000 to 2099"};
    if (id.seq < 1) return Error{"seq", "the voucher sequence starts at 1"};
    if (id.amount.minor < 1 || id.amount.minor > kMaxVoucherAmountMinor) {
        return Error{"amount", "a voucher is worth 1 to 99999 minor units; this one " + std::to_string(id.amount.minor)};
    }
    return ok_status();
}

std::string ean13_code(const VoucherId& id, std::string_view prefix) {
    std::string body = std::string(prefix) + std::to_string(id.machine) + padded(id.seq % kEanSeqModulus, 4) +
                       padded(id.amount.minor, 5);
    body += static_cast<char>('0' + gtin_check_digit(body));
    return body;
}

std::string code128_code(const VoucherId& id, const VoucherKey& key) {
    std::string code;
    code.reserve(kCode128Length);
    code += '1';  // layout version
    code += padded(id.store, 4);
    code += std::to_string(id.machine);
    code += compact_date(id.date).substr(2);
    code += padded(id.seq % kSeqModulus, 5);
    code += padded(id.amount.minor, 5);
    code += padded(currency_numeric(id.amount.currency), 3);
    code += decimal_tag(hmac_sha256(key.bytes(), tag_message(id)));
    return code;
}

std::string qr_code_text(const VoucherId& id, const VoucherKey& key) {
    return "RL1." + padded(id.store, 4) + "." + std::to_string(id.machine) + "." + compact_date(id.date) + "." +
           padded(id.seq % kSeqModulus, 5) + "." + std::to_string(id.amount.minor) +
           std::string(currency_code(id.amount.currency)) + "." + base64url_tag(hmac_sha256(key.bytes(), tag_message(id)));
}

std::string canonical_voucher_code(std::string_view text) {
    while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
    while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
    if (text.find_first_not_of("0123456789 ") != std::string_view::npos) return std::string(text);
    std::string digits;
    for (char c : text) {
        if (c != ' ') digits += c;
    }
    return digits;
}

Result<ParsedVoucherCode> parse_voucher_code(std::string_view raw) {
    const std::string canonical = canonical_voucher_code(raw.substr(0, 200));
    if (raw.size() > 200) return malformed("the code is " + std::to_string(raw.size()) + " characters long");
    const std::string_view text = canonical;
    if (text.empty()) return malformed("the code is empty");
    if (text.size() > 80) return malformed("the code is " + std::to_string(text.size()) + " characters long");
    ParsedVoucherCode out;

    if (text.size() == 13 && all_digits(text)) {
        if (text[0] != '2') return malformed("an EAN-13 voucher starts with 2 (GS1 restricted circulation)");
        if (gtin_check_digit(text.substr(0, 12)) != text[12] - '0') return malformed("the EAN-13 check digit is wrong");
        out.form = VoucherForm::ean13;
        out.ean13_prefix = std::string(text.substr(0, 2));
        out.id.machine = text[2] - '0';
        out.id.seq = digits_value(text.substr(3, 4));
        out.id.amount.minor = digits_value(text.substr(7, 5));
        return out;
    }

    if (text.size() == kCode128Length && all_digits(text)) {
        if (text[0] != '1') return malformed("unknown Code 128 voucher version " + std::string(1, text[0]));
        out.form = VoucherForm::code128;
        out.id.store = static_cast<int>(digits_value(text.substr(1, 4)));
        out.id.machine = text[5] - '0';
        Result<Date> date = date_from_compact("20" + std::string(text.substr(6, 6)));
        if (!date) return malformed("the date digits are not a calendar date");
        out.id.date = *date;
        out.id.seq = digits_value(text.substr(12, 5));
        const std::optional<Currency> currency = currency_from_numeric(static_cast<int>(digits_value(text.substr(22, 3))));
        if (!currency) return malformed("unknown currency number " + std::string(text.substr(22, 3)));
        out.id.amount = Money{digits_value(text.substr(17, 5)), *currency};
        out.tag = std::string(text.substr(25, 15));
        return out;
    }

    if (text.substr(0, 4) == "RL1.") {
        // RL1.<store4>.<machine1>.<yyyymmdd>.<seq5>.<amount><CUR>.<tag22>
        std::string_view fields[7];
        std::size_t count = 0;
        std::string_view rest = text;
        while (count < 7) {
            const std::size_t dot = rest.find('.');
            fields[count++] = rest.substr(0, dot);
            if (dot == std::string_view::npos) break;
            rest.remove_prefix(dot + 1);
            if (count == 7) return malformed("too many fields");
        }
        if (count != 7) return malformed("a QR voucher has 7 fields separated by dots");
        if (fields[1].size() != 4 || !all_digits(fields[1])) return malformed("the store is not 4 digits");
        if (fields[2].size() != 1 || !all_digits(fields[2])) return malformed("the machine is not 1 digit");
        Result<Date> date = date_from_compact(fields[3]);
        if (!date) return malformed("the date is not a calendar date YYYYMMDD");
        if (fields[4].size() != 5 || !all_digits(fields[4])) return malformed("the sequence is not 5 digits");
        const std::string_view amount = fields[5];
        if (amount.size() < 4 || amount.size() > 8 || !all_digits(amount.substr(0, amount.size() - 3))) {
            return malformed("the amount is not digits followed by a currency code");
        }
        if (amount[0] == '0') return malformed("the amount has a leading zero");
        const std::optional<Currency> currency = currency_from_code(amount.substr(amount.size() - 3));
        if (!currency) return malformed("unknown currency " + std::string(amount.substr(amount.size() - 3)));
        if (fields[6].size() != 22) return malformed("the tag is not 22 characters");
        for (char c : fields[6]) {
            const bool url_safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                                  c == '_';
            if (!url_safe) return malformed("the tag has a character outside base64url");
        }
        out.form = VoucherForm::qr;
        out.id.store = static_cast<int>(digits_value(fields[1]));
        out.id.machine = fields[2][0] - '0';
        out.id.date = *date;
        out.id.seq = digits_value(fields[4]);
        out.id.amount = Money{digits_value(amount.substr(0, amount.size() - 3)), *currency};
        out.tag = std::string(fields[6]);
        return out;
    }
    return malformed("neither a 13-digit EAN-13, a 40-digit Code 128 nor an RL1. QR voucher");
}

bool verify_tag(const ParsedVoucherCode& code, const VoucherKey& key) {
    if (code.form == VoucherForm::ean13) return false;
    const Mac mac = hmac_sha256(key.bytes(), tag_message(code.id));
    const std::string expected = code.form == VoucherForm::code128 ? decimal_tag(mac) : base64url_tag(mac);
    return equal_constant_time(expected, code.tag);
}

}  // namespace returnloop::kiosk
