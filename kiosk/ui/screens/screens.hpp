// One function per screen, each drawing one fullscreen window over the AppState (dispatched by app_frame()).
#pragma once

#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

void show_attract(AppState& state);    // what this machine saved; "scan to start"
void show_returning(AppState& state);  // the running total, each item or its refusal, this session's impact
void show_finish(AppState& state);     // voucher, donation or digital credit
void show_voucher(AppState& state);    // the issued voucher with its barcodes, "done"
void show_admin(AppState& state);      // PIN keypad, then rates, scheme, statistics, export, language, printer

// The on-screen keypad over Attract or Returning, for a code the scanner cannot read.
void show_code_keypad(AppState& state);

}  // namespace returnloop::kiosk::ui
