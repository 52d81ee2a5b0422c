// Fuzzes parse_money in every currency (chosen by the first byte) and formats what parses in every locale:
// no crash, no overflow, and the currency is the one asked for.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/money.hpp"

using namespace returnloop;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto currency = static_cast<Currency>(data[0] % kCurrencyCount);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const Result<Money> money = parse_money(text, currency);
    if (!money) return 0;
    RETURNLOOP_FUZZ_CHECK(money->currency == currency);
    for (int l = 0; l < kLocaleCount; ++l) {
        RETURNLOOP_FUZZ_CHECK(!format_money(*money, static_cast<Locale>(l)).empty());
    }
    (void)multiply(*money, 1000);
    (void)add(*money, *money);
    return 0;
}
