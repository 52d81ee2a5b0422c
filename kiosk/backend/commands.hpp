// The command-line commands of returnloop-kiosk, as functions returning the process exit code, so main.cpp only
// wires flags to them. Exit codes: 0 done, 1 could not run (missing file, damaged ledger), 2 usage,
// 3 refused (invalid settings, rejected voucher, wrong PIN, tampered ledger).
#pragma once

#include <string>

#include "backend/kiosk_loader.hpp"

namespace returnloop::kiosk {

// `demo` is --demo: the public demo key and PIN and an inline keyHex are accepted (never in a store).
int headless_command(const KioskFiles& files);
int check_config_command(const std::string& config, bool demo);
int redeem_command(const std::string& code, const std::string& config, const std::string& ledger, const std::string& via, bool demo);
// catalog: optional product register for the product names ("" leaves them out).
int export_command(const std::string& ledger, const std::string& from, const std::string& to, const std::string& out_dir,
                   const std::string& catalog);
int hash_pin_command();                              // PIN on stdin, argon2id hash on stdout
int make_key_command(const std::string& key_file);  // a new random voucher key, written with mode 0600
// PIN on stdin. Takes the kiosk's lock (refused while a kiosk runs on the ledger), refuses while a session is open,
// and never creates a missing ledger.
int apply_settings_command(const std::string& config, const std::string& new_file, const std::string& ledger, bool demo);
int verify_ledger_command(const std::string& config, const std::string& ledger, bool demo);

}  // namespace returnloop::kiosk
