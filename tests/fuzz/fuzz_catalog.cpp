// Fuzzes parse_catalog: any bytes give a catalog or at most max_errors errors naming a line; a catalog that
// loads finds every one of its rows again by GTIN.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "returnloop/catalog.hpp"

using namespace returnloop;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const CatalogParse parse = parse_catalog(text, 8);
    RETURNLOOP_FUZZ_CHECK(parse.catalog.has_value() == parse.errors.empty());
    RETURNLOOP_FUZZ_CHECK(parse.errors.size() <= 8);
    for (const Error& e : parse.errors) RETURNLOOP_FUZZ_CHECK(e.path.rfind("line ", 0) == 0 || e.path.empty());
    if (!parse.catalog) return 0;
    const Catalog& catalog = *parse.catalog;
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        const ProductView row = catalog.at(i);
        RETURNLOOP_FUZZ_CHECK(!row.name.empty() && row.name.size() <= 200);
        RETURNLOOP_FUZZ_CHECK(row.container.volume_ml >= 1 && row.container.volume_ml <= 100000);
        const auto found = catalog.find(row.gtin_key);
        RETURNLOOP_FUZZ_CHECK(found.has_value());
        RETURNLOOP_FUZZ_CHECK(found->name == row.name && found->brand == row.brand);
        RETURNLOOP_FUZZ_CHECK(found->container == row.container);
        RETURNLOOP_FUZZ_CHECK(found->deposit_override_minor == row.deposit_override_minor);
    }
    RETURNLOOP_FUZZ_CHECK(catalog.at(catalog.size()).gtin_key == 0);
    return 0;
}
