// returnloop-kiosk: wires command-line flags to the back end's commands (kiosk/backend/commands.hpp).
// Without --headless or a command it opens the kiosk window (kiosk/ui/window.hpp).
#include <CLI/CLI.hpp>

#include <iostream>

#include "backend/commands.hpp"
#include "backend/hub_upload.hpp"
#include "ui/window.hpp"

int main(int argc, char** argv) {
    using namespace returnloop::kiosk;
    CLI::App app{"ReturnLoop reverse-vending kiosk (see kiosk/README.md)", "returnloop-kiosk"};
    app.require_subcommand(0, 1);
    app.fallthrough();  // --demo may follow a command's name

    KioskFiles headless;
    bool run_headless = false;
    std::string check_config;
    app.add_flag("--headless", run_headless, "machine interface: scans and :actions on stdin, JSON events on stdout");
    app.add_option("--config", headless.config, "settings file")->check(CLI::ExistingFile);
    app.add_option("--catalog", headless.catalog, "product register CSV")->check(CLI::ExistingFile);
    app.add_option("--ledger", headless.ledger, "SQLite ledger (created when missing)");
    app.add_option("--voucher-dir", headless.voucher_dir, "folder for receipt PNGs")->check(CLI::ExistingDirectory);
    app.add_option("--controller", headless.controller,
                   "headless: the machine's controller, unix:/path, tcp://host:port or serial:/dev/ttyUSB0[,baud]; only binned containers pay");
    app.add_option("--check-config", check_config, "validate a settings file and exit (3 when invalid)");
    returnloop::kiosk::ui::WindowOptions window;  // the window's own flags; it takes the four paths above too
    app.add_flag("--fullscreen", window.fullscreen, "window: fill the screen, hide the pointer (kiosk mode)");
    app.add_option("--lang", window.language, "window: default language en, zh-CN, es or de");
    app.add_flag("--demo", headless.demo,
                 "demo: accept the public demo key and PIN and an inline keyHex (never in a store); the window shows sample containers");
    app.add_option("--screenshot", window.screenshot, "window: write the first frame as PNG to this path and exit");
    app.add_flag("--high-contrast", window.high_contrast, "window: start in high contrast");
    app.add_flag("--large-text", window.large_text, "window: start with large text");
    app.add_option("--panel-inches", window.panel_inches, "window: the panel's diagonal in inches (touch targets of 15 mm when SDL reports no DPI)")
        ->check(CLI::Range(5.0, 120.0));

    HubUploadOptions hub;
    hub.credential_file = "hub-credential.json";
    app.add_option("--hub", hub.hub, "hub URL: upload the ledger in the background (needs `enroll` first)");
    app.add_option("--hub-credential", hub.credential_file, "the credential file `enroll` wrote")->capture_default_str();
    app.add_option("--hub-ca", hub.ca_file, "CA or self-signed certificate the hub's HTTPS certificate must match");
    app.add_option("--hub-config-poll-ms", hub.config_poll_ms, "how often to ask the hub for a newer configuration")
        ->capture_default_str()->check(CLI::Range(200, 3'600'000));

    std::string enroll_hub, enroll_code, enroll_credential = "hub-credential.json", enroll_key_file, enroll_ca;
    CLI::App* enroll = app.add_subcommand("enroll", "enrol this machine at a hub with a one-time code");
    enroll->add_option("--hub", enroll_hub, "hub URL")->required();
    enroll->add_option("--code", enroll_code, "one-time code from `returnloop-hub enroll-machine`")->required();
    enroll->add_option("--credential", enroll_credential, "where to write the machine credential (mode 0600)")->capture_default_str();
    enroll->add_option("--key-file", enroll_key_file, "also write the store's voucher key here (for the settings' keyFile)");
    enroll->add_option("--hub-ca", enroll_ca, "CA or self-signed certificate the hub's HTTPS certificate must match");

    std::string code, via = "cli", redeem_config, redeem_ledger;
    CLI::App* redeem = app.add_subcommand("redeem", "check a voucher code and mark it redeemed (exit 3 when refused)");
    redeem->add_option("CODE", code, "EAN-13, 40-digit Code 128 or RL1. QR text")->required();
    redeem->add_option("--config", redeem_config, "settings file")->required();
    redeem->add_option("--ledger", redeem_ledger, "SQLite ledger")->required();
    redeem->add_option("--via", via, "till or bridge name recorded with the redemption");

    std::string export_ledger, from, to, out_dir, export_catalog;
    CLI::App* exporter = app.add_subcommand("export", "write sessions.csv, items.csv and vouchers.csv for a date range");
    exporter->add_option("--ledger", export_ledger, "SQLite ledger")->required();
    exporter->add_option("--from", from, "first day, YYYY-MM-DD")->required();
    exporter->add_option("--to", to, "last day, YYYY-MM-DD")->required();
    exporter->add_option("--out", out_dir, "folder for the CSV files")->required()->check(CLI::ExistingDirectory);
    exporter->add_option("--catalog", export_catalog, "product register CSV, for product names");

    CLI::App* hash_pin = app.add_subcommand("hash-pin", "read an admin PIN on stdin, print its argon2id hash for adminPinHash");

    std::string key_file;
    CLI::App* make_key = app.add_subcommand("make-key", "write a new random voucher key file (mode 0600)");
    make_key->add_option("KEY_FILE", key_file, "file to create")->required();

    std::string apply_config, new_file, apply_ledger;
    CLI::App* apply = app.add_subcommand("apply-settings", "replace the settings file after the admin PIN (read on stdin)");
    apply->add_option("NEW_FILE", new_file, "the new settings file")->required()->check(CLI::ExistingFile);
    apply->add_option("--config", apply_config, "the settings file in use")->required()->check(CLI::ExistingFile);
    apply->add_option("--ledger", apply_ledger, "SQLite ledger (records the change)")->required();

    std::string verify_config, verify_ledger;
    CLI::App* verify = app.add_subcommand("verify-ledger", "check every ledger record's signature and every payout's sum");
    verify->add_option("--config", verify_config, "settings file (holds the key)")->required();
    verify->add_option("--ledger", verify_ledger, "SQLite ledger")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitUsage;
    }

    const bool demo = headless.demo;
    if (*enroll) return enroll_command(enroll_hub, enroll_code, enroll_credential, enroll_key_file, enroll_ca);
    std::unique_ptr<HubUploader> uploader;  // lives until the kiosk exits
    if (!hub.hub.empty()) {
        hub.ledger = headless.ledger;
        Result<std::unique_ptr<HubUploader>> started = HubUploader::start(hub, headless.config, demo);
        if (!started) {
            std::cerr << "returnloop-kiosk: " << started.error().message << "\n";
            return kExitRefused;
        }
        uploader = std::move(started.value());
        headless.hub_config = uploader->config_inbox();
    }
    if (*redeem) return redeem_command(code, redeem_config, redeem_ledger, via, demo);
    if (*exporter) return export_command(export_ledger, from, to, out_dir, export_catalog);
    if (*hash_pin) return hash_pin_command();
    if (*make_key) return make_key_command(key_file);
    if (*apply) return apply_settings_command(apply_config, new_file, apply_ledger, demo);
    if (*verify) return verify_ledger_command(verify_config, verify_ledger, demo);
    if (!check_config.empty()) return check_config_command(check_config, demo);
    if (run_headless) return headless_command(headless);
    window.files = headless;
    return returnloop::kiosk::ui::run_window(window);
}
