// Retailer administration: the admin PIN (argon2id hash in the settings file) with a lockout that grows after five
// wrong tries and survives restarts (its state is in the ledger), and the guarded replacement of the settings file:
// a new file is validated whole before it applies, a bad one is refused with its errors and the old one stays,
// and every change or refusal is recorded in the ledger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/clock.hpp"
#include "backend/ledger.hpp"
#include "backend/settings.hpp"

namespace returnloop::kiosk {

inline constexpr int kFreePinAttempts = 5;
inline constexpr std::int64_t kFirstLockoutMs = 30'000;     // after the 5th wrong PIN
inline constexpr std::int64_t kLongestLockoutMs = 3'600'000;  // doubling per further wrong PIN, capped at an hour

inline constexpr std::size_t kMinPinDigits = 6;
inline constexpr std::size_t kMaxPinDigits = 12;

enum class PinVerdict : std::uint8_t { accepted, wrong_pin, locked_out };

struct PinCheck {
    PinVerdict verdict = PinVerdict::wrong_pin;
    int failures = 0;                  // consecutive wrong PINs so far
    std::int64_t retry_after_ms = 0;   // when locked: how long until the next try is looked at
};

// The lockout length after `failures` consecutive wrong PINs: 0 below five, then 30 s, 60 s, 120 s ... 1 h.
std::int64_t lockout_ms(int failures);

// 6 to 12 digits: a shorter entry is a wrong PIN without being hashed.
bool pin_long_enough(std::string_view pin);

// Where a PIN is typed. Each source has its own failure count and lockout, so a shopper tapping at the public
// screen locks only the screen, never the command line or a staff barcode.
inline constexpr std::string_view kPinSourceScreen = "screen";
inline constexpr std::string_view kPinSourceCli = "cli";
inline constexpr std::string_view kPinSourceStaffBarcode = "staff_barcode";

Result<PinCheck> check_admin_pin(Ledger& ledger, std::string_view pin_hash, std::string_view pin, std::int64_t now_ms,
                                 std::string_view source);
// "wrong PIN", "wrong PIN; ... locked for 30 s" on the attempt that starts a lockout, or "locked for another N s".
std::string pin_refusal_message(const PinCheck& check);

struct SettingsApply {
    bool applied = false;
    std::optional<PinCheck> pin;           // set when the PIN was looked at
    std::vector<Error> errors;             // why the new file was refused
    std::optional<KioskSettings> settings; // the new settings when applied
    std::vector<std::string> changed;      // top-level fields that differ from the old file
};

// Checks the PIN against the current settings, validates new_text as if it were at config_path, refuses a change
// of store or machine (the ledger belongs to them), records the change and atomically replaces the file.
SettingsApply apply_settings_file(Ledger& ledger, const KioskSettings& current, const std::string& config_path,
                                  std::string_view new_text, std::string_view pin, KioskTime now, std::string_view source,
                                  const SettingsPolicy& policy);

// Where a change without a PIN came from: the hub's configuration version it carries (0: none). Recorded with the
// settings_changed or settings_refused event, so the signed ledger (and the hub, through the upload) shows it.
struct SettingsOrigin {
    std::int64_t hub_version = 0;
};

// The guarded replacement after the caller is authorised (the PIN above, or the hub's authenticated configuration):
// validates new_text as if it were at config_path, refuses a change of store or machine or a key ring that would
// orphan outstanding vouchers, records the change (or the refusal) and atomically replaces the file.
SettingsApply replace_settings_file(Ledger& ledger, const KioskSettings& current, const std::string& config_path,
                                    std::string_view new_text, KioskTime now, const SettingsPolicy& policy,
                                    const SettingsOrigin& origin);

}  // namespace returnloop::kiosk
