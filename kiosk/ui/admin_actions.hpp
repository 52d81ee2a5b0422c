// Retailer administration behind the PIN: the rate table and scheme (as guarded settings changes through the back
// end, errors worded on the row they concern), the daily report, statistics, CSV export, the default language, a
// test print.
#pragma once

#include <string>

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

void admin_open(AppState& state);        // the PIN keypad
void admin_submit_pin(AppState& state);  // checks admin.pin_entry (lockout after five wrong PINs)
void admin_leave(AppState& state);       // back to service: locks, forgets the PIN, shows Attract

void admin_load_rates(AppState& state);   // the rate table from the settings in force
void admin_apply_rates(AppState& state);  // typed rates -> settings overrides -> apply or show errors per row
void admin_load_schemes(AppState& state); // the scheme files beside the one in use
void admin_ask_scheme(AppState& state);   // admin.scheme_selected -> admin.scheme_confirm: what a switch changes
void admin_apply_scheme(AppState& state); // after the confirmation: switches, keeping each scheme's own rates
void admin_load_report(AppState& state);  // today's daily report from the ledger, in words (admin.report_lines)
void admin_print_report(AppState& state); // the same lines on the receipt printer (or as a PNG without one)
void admin_export(AppState& state);       // sessions/items/vouchers CSV for admin.export_range
void admin_save_language(AppState& state, Language language);
void admin_test_print(AppState& state);
// Staff prints a recent voucher again: the same codes, marked REPRINT, recorded in the ledger.
void admin_reprint(AppState& state, std::int64_t payout_id, std::int64_t voucher_seq);
void admin_verify_ledger(AppState& state);

// The default language the admin saved (KioskBackend::saved_default_language); nullopt: none (English is used).
std::optional<Language> load_default_language(const KioskBackend& backend);

}  // namespace returnloop::kiosk::ui
