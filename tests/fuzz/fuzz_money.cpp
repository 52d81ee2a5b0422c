// Fuzzes parse_money in every currency (chosen by the first byte) and formats what parses in every locale:
// no crash, no overflow, and the currency is the one asked for. The same text goes through parse_count (full-width
// digits, separators, 万/亿): never above its limit, and its ASCII folding never grows the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/money.hpp"
#include "returnloop/number_text.hpp"

using namespace returnloop;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto currency = static_cast<Currency>(data[0] % kCurrencyCount);
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::uint64_t max = data[0] & 1 ? 10'000 : UINT64_MAX;
    const Result<std::uint64_t> count = parse_count(text, max);
    if (count) RETURNLOOP_FUZZ_CHECK(*count <= max);
    RETURNLOOP_FUZZ_CHECK(ascii_number_text(text).size() <= text.size());
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
