// Retailer administration behind the PIN: the rate table and scheme (as guarded settings changes through the back
// end, errors mapped to the row they concern), statistics, CSV export, the default language, a test print.
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
void admin_apply_scheme(AppState& state); // switches to admin.scheme_selected (its currency, no overrides)
void admin_export(AppState& state);       // sessions/items/vouchers CSV for admin.export_range
void admin_save_language(AppState& state, Language language);
void admin_test_print(AppState& state);
// Staff prints a recent voucher again: the same codes, marked REPRINT, recorded in the ledger.
void admin_reprint(AppState& state, std::int64_t payout_id, std::int64_t voucher_seq);
void admin_verify_ledger(AppState& state);

// The UI's own preferences file: {"defaultLanguage": "de"}. Missing or unreadable: nullopt (English is used).
std::optional<Language> load_default_language(const std::string& path);

}  // namespace returnloop::kiosk::ui
