// Fuzzes parse_scheme: any bytes give a scheme or errors, never a crash or hang; a scheme that parses can
// be asked decide() for every kind of container and answers consistently.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/scheme.hpp"

using namespace returnloop;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const SchemeParse parse = parse_scheme(std::string_view(reinterpret_cast<const char*>(data), size));
    RETURNLOOP_FUZZ_CHECK(parse.scheme.has_value() == parse.errors.empty());
    if (!parse.scheme) return 0;
    const Scheme& scheme = *parse.scheme;
    for (int m = 0; m < kMaterialCount; ++m) {
        for (int c = 0; c < kCategoryCount; ++c) {
            for (const std::uint32_t ml : {0u, 330u, 1000u, 5000u, UINT32_MAX}) {
                const Container container{static_cast<Material>(m), ml, static_cast<Category>(c), (m + c) % 2 == 0};
                for (const Date date : {date_from_ymd(1970, 1, 1), date_from_ymd(2025, 6, 1), date_from_ymd(2100, 1, 1)}) {
                    const Decision d = decide(scheme, container, date);
                    RETURNLOOP_FUZZ_CHECK(d.eligible == (d.reason == Reason::none));
                    RETURNLOOP_FUZZ_CHECK(d.eligible ? d.rule_index >= 0 &&
                                                           static_cast<std::size_t>(d.rule_index) < scheme.rules.size()
                                                     : d.rule_index == -1);
                }
            }
        }
    }
    return 0;
}
