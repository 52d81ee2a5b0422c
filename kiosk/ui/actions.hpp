// What the kiosk does when a shopper or a timer acts: scans, payouts, screen changes, language and display choices,
// idle timeouts. Screens call these; none of them draws. Every deposit decision stays in the back end and the core.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

inline constexpr std::int64_t kVoucherScreenMs = 30'000;   // the voucher stays up this long after the last touch
inline constexpr std::int64_t kAdminIdleMs = 120'000;      // an unattended admin screen goes back to service
inline constexpr std::int64_t kIdleWarningMs = 15'000;     // "still there?" shows this long (at most half the timeout) before it
inline constexpr std::int64_t kEmptySessionIdleMs = 60'000;

// After Services are set: the restored session (a crash mid-session), receipts to deliver again, totals, demo list.
void start(AppState& state);

// Reads the clock and runs what is due: idle finish, voucher and admin timeouts, notices, a new day's totals.
void begin_frame(AppState& state);

// A code from the scanner, the on-screen keypad or a demo button; handled on whichever screen is showing.
void handle_scan(AppState& state, std::string_view raw, std::string_view source);
// Characters typed then Enter: a scan, or on the admin PIN screen (when not a scanner's burst) the PIN.
void handle_typed(AppState& state, const TypedCode& code);

void finish_session(AppState& state, PayoutKind kind);
// The shopper's "print it again" on the voucher screen: the same voucher, marked REPRINT (KioskBackend::reprint).
void reprint_voucher(AppState& state);
void cancel_session(AppState& state);  // only while no container has been taken

void go_to(AppState& state, Screen screen);
void back_to_attract(AppState& state);  // a new shopper: fresh ShopperState, default language and display
// A scan or container on the voucher screen: the next shopper (or the same one) starts again, keeping the language
// and display they are using.
void start_next_shopper(AppState& state);
void keep_alive(AppState& state);       // any touch or key: the shopper is still there

void set_language(AppState& state, Language language);
void set_display(AppState& state, DisplayPrefs prefs);
void open_keypad(AppState& state);
void close_keypad(AppState& state);

void show_notice(AppState& state, std::string text, bool error, std::int64_t duration_ms = 6000);

// Keeps the shopper's language and display with the open session, for a restart mid-session.
void remember_display(AppState& state);

// Seconds until an idle session is paid out automatically, while the warning shows; nullopt otherwise.
std::optional<int> idle_seconds_left(const AppState& state);

// When the loop must wake even if nothing happens (a timer), in the clock's milliseconds.
std::int64_t next_wake_ms(const AppState& state);

// Adds a JSON event line for stdout ({"event": kind, ...fields, "atMs": now}): what logs and test scripts read.
void emit_event(AppState& state, std::string_view kind, std::initializer_list<std::pair<std::string_view, std::string_view>> fields = {});

// i18n key for a back-end refusal ("reason.not_registered", "reason.no_deposit.material_not_covered", ...).
std::string reason_key(const ScanReport& report);

}  // namespace returnloop::kiosk::ui
