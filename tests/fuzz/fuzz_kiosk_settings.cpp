// Fuzzes the kiosk's settings file: parse_settings never crashes or throws on any bytes; it returns settings or
// errors, never both, every error bounded; settings it accepts are within the documented ranges. Any scheme or
// key file the input names is served from memory (the German scheme, a fixed key), so no disk is touched.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "backend/settings.hpp"
#include "fuzz_support.hpp"

using namespace returnloop;
using namespace returnloop::kiosk;

namespace {

const std::string& german_scheme() {
    static const std::string text = [] {
        std::ifstream in(RETURNLOOP_SOURCE_DIR "/assets/schemes/de.json", std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return bytes.str();
    }();
    return text;
}

Result<std::string> memory_reader(const std::string& path) {
    if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".key") == 0) {
        return std::string("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n");
    }
    if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) return german_scheme();
    return Error{path, "no such file"};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const SettingsParse parsed = parse_settings(text, "/fuzz", memory_reader, SettingsPolicy{true});
    RETURNLOOP_FUZZ_CHECK(parsed.settings.has_value() == parsed.errors.empty());
    RETURNLOOP_FUZZ_CHECK(parsed.errors.size() <= 50);
    for (const Error& e : parsed.errors) RETURNLOOP_FUZZ_CHECK(e.message.size() < 1000 && e.path.size() < 300);
    if (!parsed.settings) return 0;
    const KioskSettings& s = *parsed.settings;
    RETURNLOOP_FUZZ_CHECK(s.store >= 0 && s.store <= 9999);
    RETURNLOOP_FUZZ_CHECK(s.machine >= 0 && s.machine <= 9);
    RETURNLOOP_FUZZ_CHECK(s.limits.max_value_minor >= 1 && s.limits.max_value_minor <= kMaxVoucherAmountMinor);
    RETURNLOOP_FUZZ_CHECK(s.limits.max_items >= 1);
    RETURNLOOP_FUZZ_CHECK(s.voucher_expiry_days >= 1 && s.voucher_expiry_days <= 3650);
    RETURNLOOP_FUZZ_CHECK(s.ean13_prefix.size() == 2 && s.ean13_prefix[0] == '2');
    RETURNLOOP_FUZZ_CHECK(!s.scheme.rules.empty());
    RETURNLOOP_FUZZ_CHECK(s.admin_pin_hash.rfind("$argon2id$", 0) == 0);
    RETURNLOOP_FUZZ_CHECK(s.printer_width_dots >= kMinPrinterWidthDots);
    return 0;
}
