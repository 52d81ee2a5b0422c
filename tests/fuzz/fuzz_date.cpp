// Fuzzes parse_date: any bytes give a date or an error; a parsed date formats back to text that parses to
// the same day.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/date.hpp"

using namespace returnloop;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Result<Date> date = parse_date(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!date) return 0;
    const std::string text = format_date(*date);
    const Result<Date> again = parse_date(text);
    RETURNLOOP_FUZZ_CHECK(again.ok());
    RETURNLOOP_FUZZ_CHECK(*again == *date);
    (void)year_of(*date);
    (void)fractional_year(*date);
    return 0;
}
