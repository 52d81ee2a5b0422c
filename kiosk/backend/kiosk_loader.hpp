// open_kiosk(): the one loader the window and `--headless` share. Settings (under the store policy unless --demo),
// the product register, the voucher folder and the back end with its ledger, each failure a message and the exit
// code it maps to.
#pragma once

#include <memory>
#include <string>

#include "backend/backend.hpp"

namespace returnloop::kiosk {

struct KioskFiles {
    std::string config;       // settings file
    std::string catalog;      // product register CSV
    std::string ledger;       // SQLite ledger
    std::string voucher_dir;  // receipt PNGs
    bool demo = false;        // --demo: the public demo key and PIN are allowed
    std::string controller;   // headless --controller unix:/path | tcp://host:port | serial:/dev/..[,baud]; empty: scans pay
    std::shared_ptr<HubConfigInbox> hub_config;  // --hub: configuration versions the upload worker fetched
};

struct KioskOpenError {
    int exit_code = 1;    // commands.hpp: kExitUsage, kExitFailed or kExitRefused
    std::string message;  // one or more lines, ready for stderr
};

struct OpenedKiosk {
    std::unique_ptr<KioskBackend> backend;
    std::optional<KioskOpenError> error;
};

OpenedKiosk open_kiosk(const KioskFiles& files);

}  // namespace returnloop::kiosk
