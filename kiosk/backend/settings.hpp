// The retailer's settings file: which scheme (the core's JSON, as a path or embedded) with local overrides of its
// deposit, refund and handling-fee tables, the store and machine numbers, limits, charity, voucher key and expiry,
// printer and the admin PIN hash. Parsed whole or not at all, every problem named with its JSON path; the format
// is documented in kiosk/README.md.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/key_ring.hpp"
#include "backend/printer.hpp"
#include "backend/status.hpp"
#include "backend/voucher_code.hpp"
#include "returnloop/container.hpp"
#include "returnloop/scheme.hpp"
#include "returnloop/session.hpp"

namespace returnloop::kiosk {

inline constexpr std::size_t kMaxSettingsBytes = 1 << 20;
inline constexpr int kMinPrinterWidthDots = 560;  // the 40-digit Code 128 at 2 dots per module with quiet zones: 550

struct RuleOverride {
    std::string rule;  // a rule id in the scheme
    std::optional<std::int64_t> deposit_minor;
    std::optional<std::int64_t> refund_minor;
    std::optional<std::string> handling_fee;  // decimal in major units, as in scheme files
};

// How containers come in (issue 11): "rvm" a reverse-vending machine whose controller bins each one (only binned
// containers pay; typed codes never do); "counter" a staffed return point without an intake (staff scan, a quantity
// per scan, limits on by default, large sessions need the staff PIN). Scan-only without either is --demo alone.
enum class MachineMode : std::uint8_t { rvm, counter };
std::string_view machine_mode_id(MachineMode mode);

// One bin of the machine: which materials the controller routes into it and how many containers it holds.
struct BinSetting {
    std::string id;                   // what `accept` names and `binned` reports ("pet", "cans", ...)
    std::vector<Material> materials;  // the register materials it takes
    std::int64_t capacity = 0;        // containers
    int warn_percent = 90;            // staff are warned from this fill on
};

// What the machine offers while its printer cannot print (out of paper, offline): never a voucher that exists only
// on screen. "digital": the credit as a digital voucher (QR) or donation; "donation": donation only;
// "out_of_service": no containers are taken until the printer is back.
enum class PrinterOutPolicy : std::uint8_t { digital, donation, out_of_service };
std::string_view printer_out_policy_id(PrinterOutPolicy policy);

struct KioskSettings {
    int store = 0;    // 0..9999, printed as four digits
    int machine = 0;  // 0..9
    std::string store_name;     // store.name, printed at the top of every receipt (optional)
    std::string store_address;  // store.address, printed under it (optional)
    Scheme scheme;    // after overrides, validated by the core
    std::string scheme_source;  // the path it came from, or "embedded"
    std::vector<RuleOverride> overrides;
    SessionLimits limits;
    std::optional<std::string> charity;  // donations are offered only when set
    int voucher_expiry_days = 90;
    std::string ean13_prefix = "29";
    VoucherKeyRing keys;      // voucher.keyFile (current, id voucher.keyId) and voucher.retiredKeys
    std::string key_source;  // "keyFile <path>" or "keyHex"
    bool accept_ean13 = false;  // redeem a bare EAN-13 (it carries no tag): off unless voucher.acceptEan13
    PrinterTarget printer;
    int printer_width_dots = 576;
    std::string admin_pin_hash;
    int idle_timeout_seconds = 60;
    MachineMode mode = MachineMode::rvm;
    std::int64_t counter_pin_above_minor = 2000;  // counter mode: paying out more than this needs the staff PIN
    std::vector<BinSetting> bins;                 // empty: one unlimited bin per material (the material's id)
    PrinterOutPolicy printer_out = PrinterOutPolicy::digital;
    std::string return_elsewhere;                 // store.returnElsewhere: the out-of-service screen's "where else"
    std::string fingerprint;  // SHA-256 of the settings file's bytes, recorded with every change

    Currency currency() const { return scheme.currency; }
};

struct SettingsParse {
    std::optional<KioskSettings> settings;
    std::vector<Error> errors;  // every problem, each with its path ("limits.sessionValueMinor")
};

// Reads the files a settings file names (scheme, key); tests and the fuzzer pass their own.
using FileReader = std::function<Result<std::string>(const std::string& path)>;
FileReader disk_reader();

// Checks that a key file is a secret: mode 0600 (no group or other access) and owned by the kiosk's user.
using SecretFileCheck = std::function<Status(const std::string& path)>;
Status check_secret_file(const std::string& path);

// What a settings file may contain. A store runs with the defaults; --demo allows the public demo key, the demo
// PIN and an inline keyHex, and skips the key files' owner and mode (a checkout's files are 0644).
struct SettingsPolicy {
    bool demo = false;
    SecretFileCheck secret_file_check = check_secret_file;
};

// Relative paths in the file are resolved against base_folder (the folder the settings file lives in).
SettingsParse parse_settings(std::string_view json_text, const std::string& base_folder, const FileReader& reader,
                             const SettingsPolicy& policy = {});
SettingsParse load_settings(const std::string& path, const SettingsPolicy& policy = {});

}  // namespace returnloop::kiosk
