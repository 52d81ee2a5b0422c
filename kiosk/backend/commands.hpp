// The command-line commands of returnloop-kiosk, as functions returning the process exit code, so main.cpp only
// wires flags to them. Exit codes: 0 done, 1 could not run (missing file, damaged ledger), 2 usage,
// 3 refused (invalid settings, rejected voucher, wrong PIN, tampered ledger).
#pragma once

#include <string>

namespace returnloop::kiosk {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRefused = 3;

struct HeadlessOptions {
    std::string config;
    std::string catalog;
    std::string ledger;
    std::string voucher_dir;
    std::string controller;  // --controller unix:/path | tcp://host:port | serial:/dev/..[,baud]; empty: scans pay
};

int headless_command(const HeadlessOptions& options);
int check_config_command(const std::string& config);
int redeem_command(const std::string& code, const std::string& config, const std::string& ledger, const std::string& via);
int export_command(const std::string& ledger, const std::string& from, const std::string& to, const std::string& out_dir);
int hash_pin_command();                              // PIN on stdin, argon2id hash on stdout
int make_key_command(const std::string& key_file);  // a new random voucher key, written with mode 0600
int apply_settings_command(const std::string& config, const std::string& new_file, const std::string& ledger);  // PIN on stdin
int verify_ledger_command(const std::string& config, const std::string& ledger);

}  // namespace returnloop::kiosk
