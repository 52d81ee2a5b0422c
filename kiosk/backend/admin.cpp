// PIN lockout and guarded settings changes (see admin.hpp).
#include "backend/admin.hpp"

#include <nlohmann/json.hpp>

#include "backend/crypto.hpp"
#include "common/files.hpp"

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

std::string event_json(const Json& detail) { return detail.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::vector<std::string> changed_fields(std::string_view old_text, std::string_view new_text) {
    std::vector<std::string> out;
    try {
        const Json before = Json::parse(old_text);
        const Json after = Json::parse(new_text);
        if (!before.is_object() || !after.is_object()) return {"(whole file)"};
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (!before.contains(it.key()) || before.at(it.key()) != it.value()) out.push_back(it.key());
        }
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (!after.contains(it.key())) out.push_back(it.key());
        }
    } catch (const Json::exception&) {
        return {"(whole file)"};
    }
    return out;
}

}  // namespace

std::int64_t lockout_ms(int failures) {
    if (failures < kFreePinAttempts) return 0;
    std::int64_t ms = kFirstLockoutMs;
    for (int i = kFreePinAttempts; i < failures && ms < kLongestLockoutMs; ++i) ms *= 2;
    return ms < kLongestLockoutMs ? ms : kLongestLockoutMs;
}

bool pin_long_enough(std::string_view pin) {
    if (pin.size() < kMinPinDigits || pin.size() > kMaxPinDigits) return false;
    for (char c : pin) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

Result<PinCheck> check_admin_pin(Ledger& ledger, std::string_view pin_hash, std::string_view pin, std::int64_t now_ms,
                                 std::string_view source) {
    PinCheck check;
    // Reading the source's state, counting the attempt and recording it are one transaction: two attempts at once
    // (the screen and the command line) cannot both count from the same old state.
    Result<AdminUpdate> update = ledger.admin_attempt(source, [&](const AdminState& state) {
        AdminUpdate u;
        u.next = state;
        u.event_at_ms = now_ms;
        check.failures = state.failures;
        if (now_ms < state.locked_until_ms) {
            // While locked the PIN is not even hashed: guessing costs time, not just tries.
            check.verdict = PinVerdict::locked_out;
            check.retry_after_ms = state.locked_until_ms - now_ms;
            u.event_kind = "admin_locked_out";
            u.event_detail = event_json({{"source", source}, {"failures", state.failures}, {"retryAfterMs", check.retry_after_ms}});
            return u;
        }
        if (pin_long_enough(pin) && pin_matches(pin_hash, pin)) {
            u.next = AdminState{};
            check.verdict = PinVerdict::accepted;
            check.failures = 0;
            u.event_kind = "admin_pin_accepted";
            u.event_detail = event_json({{"source", source}, {"previousFailures", state.failures}});
            return u;
        }
        u.next.failures = state.failures + 1;
        const std::int64_t lock = lockout_ms(u.next.failures);
        u.next.locked_until_ms = lock > 0 ? now_ms + lock : 0;
        check.verdict = PinVerdict::wrong_pin;
        check.failures = u.next.failures;
        check.retry_after_ms = lock;  // > 0: this attempt started a lockout, and says so
        u.event_kind = lock > 0 ? "admin_lockout_started" : "admin_pin_wrong";
        u.event_detail = event_json({{"source", source}, {"failures", u.next.failures}, {"lockedForMs", lock}});
        return u;
    });
    if (!update) return update.error();
    return check;
}

std::string pin_refusal_message(const PinCheck& check) {
    const std::string seconds = std::to_string((check.retry_after_ms + 999) / 1000);
    if (check.verdict == PinVerdict::locked_out) return "too many wrong PINs: locked for another " + seconds + " s";
    if (check.retry_after_ms > 0) return "wrong PIN; too many wrong PINs: locked for " + seconds + " s";
    return "wrong PIN";
}

SettingsApply apply_settings_file(Ledger& ledger, const KioskSettings& current, const std::string& config_path,
                                  std::string_view new_text, std::string_view pin, KioskTime now, std::string_view source,
                                  const SettingsPolicy& policy) {
    Result<PinCheck> pin_check = check_admin_pin(ledger, current.admin_pin_hash, pin, now.unix_ms, source);
    if (!pin_check) {
        SettingsApply out;
        out.errors.push_back(pin_check.error());
        return out;
    }
    if (pin_check->verdict != PinVerdict::accepted) {
        SettingsApply out;
        out.pin = *pin_check;
        out.errors.push_back(Error{"pin", pin_refusal_message(*pin_check)});
        return out;
    }
    SettingsApply out = replace_settings_file(ledger, current, config_path, new_text, now, policy, {});
    out.pin = *pin_check;
    return out;
}

SettingsApply replace_settings_file(Ledger& ledger, const KioskSettings& current, const std::string& config_path,
                                    std::string_view new_text, KioskTime now, const SettingsPolicy& policy,
                                    const SettingsOrigin& origin) {
    SettingsApply out;
    SettingsParse parsed = parse_settings(new_text, parent_folder(config_path), disk_reader(), policy);
    out.errors = parsed.errors;
    if (parsed.settings) {
        if (parsed.settings->store != current.store) {
            out.errors.push_back(Error{"storeId", "cannot change on a machine with a ledger; the ledger belongs to store " +
                                                      std::to_string(current.store)});
        }
        if (Status keys = keys_cover_outstanding(ledger, parsed.settings->keys, now.date); !keys) out.errors.push_back(keys.error());
        if (parsed.settings->machine != current.machine) {
            out.errors.push_back(Error{"machineId", "cannot change on a machine with a ledger; the ledger belongs to machine " +
                                                        std::to_string(current.machine)});
        }
    }
    if (!out.errors.empty()) {
        Json refused = Json::array();
        for (const Error& e : out.errors) refused.push_back({{"path", e.path}, {"message", e.message}});
        Json detail = {{"file", config_path}, {"errors", refused}};
        if (origin.hub_version > 0) detail["hubConfigVersion"] = origin.hub_version;
        ledger.record_event(now.unix_ms, "settings_refused", event_json(detail));
        return out;
    }
    Result<std::string> old_text = read_file(config_path, kMaxSettingsBytes);
    out.changed = changed_fields(old_text ? std::string_view(*old_text) : std::string_view("{}"), new_text);
    // The change is recorded first: a crash between the two leaves a record of an intended change, never an
    // unrecorded one.
    Json detail = {{"file", config_path},
                   {"oldSha256", current.fingerprint},
                   {"newSha256", parsed.settings->fingerprint},
                   {"scheme", parsed.settings->scheme.id},
                   {"changed", out.changed}};
    if (origin.hub_version > 0) detail["hubConfigVersion"] = origin.hub_version;
    if (Status s = ledger.record_event(now.unix_ms, "settings_changed", event_json(detail)); !s) {
        out.errors.push_back(s.error());
        return out;
    }
    if (Status s = write_file_atomic(config_path, new_text, kSecretFileMode); !s) {
        ledger.record_event(now.unix_ms, "settings_write_failed", event_json({{"file", config_path}, {"message", s.error().message}}));
        out.errors.push_back(s.error());
        return out;
    }
    out.applied = true;
    out.settings = std::move(parsed.settings);
    return out;
}

}  // namespace returnloop::kiosk
