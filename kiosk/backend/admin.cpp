// PIN lockout and guarded settings changes (see admin.hpp).
#include "backend/admin.hpp"

#include <nlohmann/json.hpp>

#include "backend/crypto.hpp"
#include "backend/files.hpp"

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

std::string_view pin_verdict_id(PinVerdict verdict) {
    switch (verdict) {
        case PinVerdict::accepted: return "accepted";
        case PinVerdict::wrong_pin: return "wrong_pin";
        case PinVerdict::locked_out: return "locked_out";
    }
    return "wrong_pin";
}

std::int64_t lockout_ms(int failures) {
    if (failures < kFreePinAttempts) return 0;
    std::int64_t ms = kFirstLockoutMs;
    for (int i = kFreePinAttempts; i < failures && ms < kLongestLockoutMs; ++i) ms *= 2;
    return ms < kLongestLockoutMs ? ms : kLongestLockoutMs;
}

Result<PinCheck> check_admin_pin(Ledger& ledger, std::string_view pin_hash, std::string_view pin, std::int64_t now_ms) {
    Result<AdminState> state = ledger.admin_state();
    if (!state) return state.error();
    PinCheck check;
    check.failures = state->failures;
    if (now_ms < state->locked_until_ms) {
        // While locked the PIN is not even hashed: guessing costs time, not just tries.
        check.verdict = PinVerdict::locked_out;
        check.retry_after_ms = state->locked_until_ms - now_ms;
        ledger.record_event(now_ms, "admin_locked_out", event_json({{"failures", state->failures}, {"retryAfterMs", check.retry_after_ms}}));
        return check;
    }
    if (pin_matches(pin_hash, pin)) {
        if (Status s = ledger.set_admin_state(AdminState{}); !s) return s.error();
        ledger.record_event(now_ms, "admin_pin_accepted", event_json({{"previousFailures", state->failures}}));
        check.verdict = PinVerdict::accepted;
        check.failures = 0;
        return check;
    }
    AdminState next{state->failures + 1, 0};
    const std::int64_t lock = lockout_ms(next.failures);
    if (lock > 0) next.locked_until_ms = now_ms + lock;
    if (Status s = ledger.set_admin_state(next); !s) return s.error();
    ledger.record_event(now_ms, "admin_pin_wrong", event_json({{"failures", next.failures}, {"lockedForMs", lock}}));
    check.verdict = PinVerdict::wrong_pin;
    check.failures = next.failures;
    check.retry_after_ms = lock;
    return check;
}

SettingsApply apply_settings_file(Ledger& ledger, const KioskSettings& current, const std::string& config_path,
                                  std::string_view new_text, std::string_view pin, std::int64_t now_ms) {
    SettingsApply out;
    Result<PinCheck> pin_check = check_admin_pin(ledger, current.admin_pin_hash, pin, now_ms);
    if (!pin_check) {
        out.errors.push_back(pin_check.error());
        return out;
    }
    out.pin = *pin_check;
    if (pin_check->verdict != PinVerdict::accepted) {
        out.errors.push_back(Error{"pin", pin_check->verdict == PinVerdict::locked_out
                                              ? "too many wrong PINs: locked for another " +
                                                    std::to_string((pin_check->retry_after_ms + 999) / 1000) + " s"
                                              : "wrong PIN"});
        return out;
    }
    SettingsParse parsed = parse_settings(new_text, parent_folder(config_path), disk_reader());
    out.errors = parsed.errors;
    if (parsed.settings) {
        if (parsed.settings->store != current.store) {
            out.errors.push_back(Error{"storeId", "cannot change on a machine with a ledger; the ledger belongs to store " +
                                                      std::to_string(current.store)});
        }
        if (parsed.settings->machine != current.machine) {
            out.errors.push_back(Error{"machineId", "cannot change on a machine with a ledger; the ledger belongs to machine " +
                                                        std::to_string(current.machine)});
        }
    }
    if (!out.errors.empty()) {
        Json refused = Json::array();
        for (const Error& e : out.errors) refused.push_back({{"path", e.path}, {"message", e.message}});
        ledger.record_event(now_ms, "settings_refused", event_json({{"file", config_path}, {"errors", refused}}));
        return out;
    }
    Result<std::string> old_text = read_file(config_path, kMaxSettingsBytes);
    out.changed = changed_fields(old_text ? std::string_view(*old_text) : std::string_view("{}"), new_text);
    // The change is recorded first: a crash between the two leaves a record of an intended change, never an
    // unrecorded one.
    const Json detail = {{"file", config_path},
                         {"oldSha256", current.fingerprint},
                         {"newSha256", parsed.settings->fingerprint},
                         {"scheme", parsed.settings->scheme.id},
                         {"changed", out.changed}};
    if (Status s = ledger.record_event(now_ms, "settings_changed", event_json(detail)); !s) {
        out.errors.push_back(s.error());
        return out;
    }
    if (Status s = write_file_atomic(config_path, new_text); !s) {
        ledger.record_event(now_ms, "settings_write_failed", event_json({{"file", config_path}, {"message", s.error().message}}));
        out.errors.push_back(s.error());
        return out;
    }
    out.applied = true;
    out.settings = std::move(parsed.settings);
    return out;
}

}  // namespace returnloop::kiosk
