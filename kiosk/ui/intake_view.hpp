// What the machine's intake did, shown to the shopper: a container "checking…" until the controller bins it (then
// paid) or hands it back (never paid), refusals with their reason, faults and out-of-service in the shopper's words.
// The window's KioskIntake calls on_intake_notice; nothing here draws.
#pragma once

#include "backend/backend.hpp"
#include "ui/app_state.hpp"

namespace returnloop::kiosk::ui {

void on_intake_notice(AppState& state, const IntakeNotice& notice);

// The i18n key of the shopper's out-of-service message for the reasons the intake gave ("service.fault.jam", ...).
std::string service_key(const std::vector<std::string>& reasons);

}  // namespace returnloop::kiosk::ui
