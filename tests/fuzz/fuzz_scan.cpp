// Fuzzes what a barcode scanner may type: normalise_scan and parse_scan never crash, and an accepted code is
// a real GTIN (digits, a GTIN length, its check digit right).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/gtin.hpp"

using namespace returnloop;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    const std::string cleaned = normalise_scan(raw);
    const Result<Gtin> scan = parse_scan(raw);
    if (!scan) return 0;
    const Gtin& gtin = scan.value();
    const std::size_t n = gtin.digits.size();
    RETURNLOOP_FUZZ_CHECK(n == 8 || n == 12 || n == 13 || n == 14);
    RETURNLOOP_FUZZ_CHECK(n == static_cast<std::size_t>(gtin.length));
    for (const char c : gtin.digits) RETURNLOOP_FUZZ_CHECK(c >= '0' && c <= '9');
    RETURNLOOP_FUZZ_CHECK(gtin_check_digit(std::string_view(gtin.digits).substr(0, n - 1)) == gtin.digits[n - 1] - '0');
    RETURNLOOP_FUZZ_CHECK(gtin.as_gtin14().size() == 14);
    RETURNLOOP_FUZZ_CHECK(parse_gtin(gtin.as_gtin14()).value().key() == gtin.key());
    (void)is_restricted_circulation(gtin);
    (void)cleaned;
    return 0;
}
