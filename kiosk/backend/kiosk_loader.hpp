// open_kiosk(): the one loader the window and `--headless` share. Settings (under the store policy unless --demo),
// the product register, the voucher folder and the back end with its ledger, each failure a message and the exit
// code it maps to.
#pragma once

#include <memory>
#include <string>

#include "backend/backend.hpp"

namespace returnloop::kiosk {

// Process exit codes of every command and of the window.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRefused = 3;

struct KioskFiles {
    std::string config;       // settings file
    std::string catalog;      // product register CSV
    std::string ledger;       // SQLite ledger
    std::string voucher_dir;  // receipt PNGs
    bool demo = false;        // --demo: the public demo key and PIN are allowed
    std::string controller;   // headless --controller unix:/path | tcp://host:port | serial:/dev/..[,baud]; empty: scans pay
    std::shared_ptr<HubConfigInbox> hub_config;  // --hub: configuration versions the upload worker fetched
    std::string impact_factors;  // the core's factor files (assets/factors/) for CO2e figures; empty: none loaded
};

struct KioskOpenError {
    int exit_code = 1;    // kExitUsage, kExitFailed or kExitRefused
    std::string message;  // one or more lines, ready for stderr
};

struct OpenedKiosk {
    std::unique_ptr<KioskBackend> backend;
    std::optional<KioskOpenError> error;
    std::optional<ImpactFactors> impact_factors;  // when KioskFiles::impact_factors named a folder that loads
    std::string impact_factors_error;              // why it did not (the kiosk still runs, without CO2e)
};

OpenedKiosk open_kiosk(const KioskFiles& files);

}  // namespace returnloop::kiosk
