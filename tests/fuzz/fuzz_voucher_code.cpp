// Fuzzes what a till scans at redemption: parse_voucher_code never crashes on any bytes; a code it accepts
// re-encodes to its canonical spelling (one per voucher; canonical_voucher_code), and a tag verifies only on the exact code the key issues.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "backend/voucher_code.hpp"
#include "fuzz_support.hpp"

using namespace returnloop;
using namespace returnloop::kiosk;

namespace {

// Only a digit code loses its spaces, and then it has none left.
bool digit_code_without_spaces(const std::string& code, const ParsedVoucherCode& v) {
    return v.form == VoucherForm::qr || code.find(' ') == std::string::npos;
}

const VoucherKey& fuzz_key() {
    static const VoucherKey key = parse_voucher_key("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f").value();
    return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const Result<ParsedVoucherCode> parsed = parse_voucher_code(raw);
    if (!parsed) {
        RETURNLOOP_FUZZ_CHECK(parsed.error().message.rfind("not a ReturnLoop voucher: ", 0) == 0);
        RETURNLOOP_FUZZ_CHECK(parsed.error().message.size() < 200);
        return 0;
    }
    // What is compared is the canonical spelling: trimmed, and a digit code without the spaces it is printed with.
    const std::string code = canonical_voucher_code(raw);
    RETURNLOOP_FUZZ_CHECK(digit_code_without_spaces(code, *parsed));
    const ParsedVoucherCode& v = *parsed;
    const bool verified = verify_tag(v, fuzz_key());
    switch (v.form) {
        case VoucherForm::ean13:
            RETURNLOOP_FUZZ_CHECK(ean13_code(v.id, v.ean13_prefix) == code);
            RETURNLOOP_FUZZ_CHECK(!verified);
            break;
        case VoucherForm::code128: {
            const std::string issued = code128_code(v.id, fuzz_key());
            RETURNLOOP_FUZZ_CHECK(issued.size() == 40);
            RETURNLOOP_FUZZ_CHECK(issued.substr(0, 25) == code.substr(0, 25));
            RETURNLOOP_FUZZ_CHECK(verified == (issued == code));
            break;
        }
        case VoucherForm::qr: {
            const std::string issued = qr_code_text(v.id, fuzz_key());
            RETURNLOOP_FUZZ_CHECK(issued.substr(0, issued.rfind('.')) == code.substr(0, code.rfind('.')));
            RETURNLOOP_FUZZ_CHECK(verified == (issued == code));
            break;
        }
    }
    return 0;
}
