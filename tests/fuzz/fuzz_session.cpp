// Fuzzes the return session with what a scanner types: each input line is a scan at the German scheme with the
// sample register; no input crashes, every accepted item pays a positive refund, the total is exactly the sum of
// the accepted refunds and never passes the session limits.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/session.hpp"

using namespace returnloop;

namespace {

std::string read(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

struct World {
    Scheme scheme = *parse_scheme(read(RETURNLOOP_SOURCE_DIR "/assets/schemes/de.json")).scheme;
    Catalog catalog = std::move(*parse_catalog(read(RETURNLOOP_SOURCE_DIR "/assets/catalog/sample.csv")).catalog);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const World world;
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    SessionLimits limits;
    limits.max_items = 20;
    limits.max_value_minor = 300;
    limits.daily_value_minor = 1000;
    const DayTotals today{5, 700};
    ReturnSession session(Currency::EUR);
    std::int64_t sum = 0;
    std::int64_t now = 0;
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        now += line.size() % 3 == 0 ? 100 : 2500;  // some double reads, some new containers
        const ScanContext context{world.scheme, world.catalog, date_from_ymd(2025, 3, 14), now, limits, today};
        const ScanOutcome outcome = session.evaluate(line, context);
        RETURNLOOP_FUZZ_CHECK(outcome.accepted() == outcome.item.has_value());
        RETURNLOOP_FUZZ_CHECK(outcome.message.size() < 300);
        if (!outcome.accepted()) {
            RETURNLOOP_FUZZ_CHECK(outcome.total_after == session.total());
            continue;
        }
        RETURNLOOP_FUZZ_CHECK(outcome.item->refund.minor > 0);
        RETURNLOOP_FUZZ_CHECK(outcome.gtin14.size() == 14);
        RETURNLOOP_FUZZ_CHECK(session.add(*outcome.item).ok());
        sum += outcome.item->refund.minor;
        RETURNLOOP_FUZZ_CHECK(session.total().minor == sum);
        RETURNLOOP_FUZZ_CHECK(outcome.total_after == session.total());
    }
    RETURNLOOP_FUZZ_CHECK(session.item_count() <= limits.max_items);
    RETURNLOOP_FUZZ_CHECK(session.total().minor <= limits.max_value_minor);
    RETURNLOOP_FUZZ_CHECK(today.value_minor + session.total().minor <= limits.daily_value_minor);
    return 0;
}
