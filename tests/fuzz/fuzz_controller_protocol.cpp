// Fuzzes what a machine controller sends the kiosk: the bytes are split into lines as the kiosk reads them
// (LineSplitter, in uneven chunks) and each line parsed. Never a crash; a line it accepts writes back to a line that
// parses to the same message (so both sides agree on every field), and no line longer than the limit is accepted.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "backend/controller_link.hpp"
#include "backend/controller_protocol.hpp"
#include "fuzz_support.hpp"

using namespace returnloop::kiosk;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    LineSplitter splitter(kMaxControllerLine);
    std::size_t offset = 0;
    std::size_t chunk = 1;
    std::string line;
    bool oversize = false;
    while (offset < raw.size()) {
        const std::size_t take = std::min(chunk, raw.size() - offset);
        splitter.feed(raw.data() + offset, take);
        offset += take;
        chunk = chunk * 3 % 97 + 1;
        while (splitter.next(line, oversize)) {
            RETURNLOOP_FUZZ_CHECK(line.size() <= kMaxControllerLine);
            RETURNLOOP_FUZZ_CHECK(!oversize || line.empty());
            auto parsed = parse_controller_line(line);
            if (!std::holds_alternative<ControllerMessage>(parsed)) continue;
            const std::string written = encode_controller_message(std::get<ControllerMessage>(parsed));
            RETURNLOOP_FUZZ_CHECK(!written.empty() && written.back() == '\n');
            auto again = parse_controller_line(std::string_view(written).substr(0, written.size() - 1));
            RETURNLOOP_FUZZ_CHECK(std::holds_alternative<ControllerMessage>(again));
            RETURNLOOP_FUZZ_CHECK(encode_controller_message(std::get<ControllerMessage>(again)) == written);
        }
    }
    // The whole input as one line too (without splitting), as a parser must survive any bytes.
    (void)parse_controller_line(raw);
    return 0;
}
