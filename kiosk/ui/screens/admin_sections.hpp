// The sections of the unlocked admin screen, each drawn into the content card's inner rectangle by show_admin().
#pragma once

#include "ui/app_state.hpp"
#include "ui/layout.hpp"

namespace returnloop::kiosk::ui {

void admin_rates_section(AppState& state, const Rect& area);     // the rate table, errors on the row they concern
void admin_scheme_section(AppState& state, const Rect& area);    // which scheme the machine pays by
void admin_report_section(AppState& state, const Rect& area);    // today's daily report, on screen and on paper
void admin_stats_section(AppState& state, const Rect& area);     // counters, totals, ledger check
void admin_export_section(AppState& state, const Rect& area);    // clearing CSVs for a date range
void admin_language_section(AppState& state, const Rect& area);  // the language each new shopper starts in
void admin_printer_section(AppState& state, const Rect& area);   // printer target and a test print

}  // namespace returnloop::kiosk::ui
