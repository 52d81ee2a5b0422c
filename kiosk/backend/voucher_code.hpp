// What a voucher says and how it is written into barcodes: the identity (store, machine, date, sequence, amount),
// the authentication tag (HMAC-SHA256 with the store's key, truncated), and the three printed forms:
//   EAN-13   PP M SSSS AAAAA C          for tills that read only EAN-13 (GS1 restricted circulation, prefix 20-29)
//   Code 128 40 digits: 1 SSSS M YYMMDD QQQQQ AAAAA NNN TTTTTTTTTTTTTTT   (version, store, machine, date, sequence,
//            amount, ISO 4217 numeric currency, 15-digit tag) - all digits so Code 128 set C fits an 80 mm receipt
//   QR       RL1.<store>.<machine>.<yyyymmdd>.<seq>.<amount><CUR>.<tag>   URL-safe, 128-bit base64url tag
// The layouts are documented with worked examples in kiosk/README.md.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.hpp"
#include "returnloop/date.hpp"
#include "returnloop/money.hpp"

namespace returnloop::kiosk {

inline constexpr std::size_t kVoucherKeyBytes = 32;

// The per-store secret. Wiped from memory when destroyed.
class VoucherKey {
public:
    VoucherKey() = default;
    explicit VoucherKey(const std::array<unsigned char, kVoucherKeyBytes>& bytes) : bytes_(bytes) {}
    VoucherKey(const VoucherKey&) = default;
    VoucherKey& operator=(const VoucherKey&) = default;
    ~VoucherKey();
    const std::array<unsigned char, kVoucherKeyBytes>& bytes() const { return bytes_; }

private:
    std::array<unsigned char, kVoucherKeyBytes> bytes_{};
};

// 64 hexadecimal characters (surrounding whitespace allowed), as `returnloop-kiosk make-key` writes them.
Result<VoucherKey> parse_voucher_key(std::string_view hex);
VoucherKey random_voucher_key();
std::string voucher_key_hex(const VoucherKey& key);

struct VoucherId {
    int store = 0;           // 0..9999
    int machine = 0;         // 0..9
    Date date;               // the day it was issued, 2000-01-01..2099-12-31
    std::int64_t seq = 0;    // the machine's voucher counter; codes carry it modulo 100000
    Money amount;            // 1..99999 minor units
    friend bool operator==(const VoucherId&, const VoucherId&) = default;
};

inline constexpr std::int64_t kMaxVoucherAmountMinor = 99999;  // the EAN-13 amount field holds five digits

// The fields the tag covers, checked: a voucher outside these ranges is refused before anything is printed.
Status check_voucher_id(const VoucherId& id);

std::string ean13_code(const VoucherId& id, std::string_view prefix);  // prefix "20".."29"
std::string code128_code(const VoucherId& id, const VoucherKey& key);  // 40 digits
std::string qr_code_text(const VoucherId& id, const VoucherKey& key);

enum class VoucherForm : std::uint8_t { ean13, code128, qr };

struct ParsedVoucherCode {
    VoucherForm form = VoucherForm::code128;
    VoucherId id;            // for EAN-13 only machine, seq (last 4 digits) and amount are known; currency unset
    std::string ean13_prefix;
    std::string tag;         // as written in the code; empty for EAN-13, which carries none
};

// The code as stored in the ledger: scanner whitespace trimmed, and a code of digits and spaces (the Code 128 number
// as printed, in groups of five, typed at a till) without its spaces. Anything else is returned trimmed, as is.
std::string canonical_voucher_code(std::string_view text);

// Reads any of the three forms (after canonical_voucher_code). Anything else is an error saying why.
// Never trusts the code: a well-formed code still needs verify_tag() and a ledger lookup.
Result<ParsedVoucherCode> parse_voucher_code(std::string_view text);

// Constant-time check of a Code 128 or QR tag against the key. Always false for EAN-13.
bool verify_tag(const ParsedVoucherCode& code, const VoucherKey& key);

// ISO 4217 numeric code, e.g. EUR 978, USD 840.
int currency_numeric(Currency currency);

}  // namespace returnloop::kiosk
