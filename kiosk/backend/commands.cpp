// returnloop-kiosk's commands (see commands.hpp).
#include "backend/commands.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "backend/backend.hpp"
#include "backend/clock.hpp"
#include "backend/controller_session.hpp"
#include "backend/crypto.hpp"
#include "backend/export_csv.hpp"
#include "common/files.hpp"
#include "backend/headless.hpp"
#include "backend/impact_files.hpp"
#include "backend/kiosk_loader.hpp"
#include "backend/redeem.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::json;

void print_errors(const std::vector<Error>& errors) {
    for (const Error& e : errors) std::cerr << (e.path.empty() ? "" : e.path + ": ") << e.message << "\n";
}

std::optional<KioskSettings> settings_or_report(const std::string& path, bool demo) {
    SettingsParse parsed = load_settings(path, SettingsPolicy{demo});
    if (!parsed.settings) {
        std::cerr << "returnloop-kiosk: the settings file " << path << " is not valid:\n";
        print_errors(parsed.errors);
    }
    return std::move(parsed.settings);
}

std::string read_secret_line() {
    std::string line;
    std::getline(std::cin, line);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
    return line;
}

}  // namespace

int headless_command(const KioskFiles& files) {
    ::signal(SIGPIPE, SIG_IGN);  // a closed stdout ends the loop with an error, not a signal
    Result<ControllerAddress> address = ControllerAddress{};
    if (!files.controller.empty()) address = parse_controller_address(files.controller);
    if (!address) {
        std::cerr << "returnloop-kiosk: " << address.error().path << ": " << address.error().message << "\n";
        return kExitUsage;
    }
    OpenedKiosk kiosk = open_kiosk(files);
    if (kiosk.error) {
        std::cerr << "returnloop-kiosk: " << kiosk.error->message;
        return kiosk.error->exit_code;
    }
    const EventSink emit = [](const std::string& line) {
        std::fwrite(line.data(), 1, line.size(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
    };
    if (!files.controller.empty()) {
        if (Result<ImpactFactors> factors = load_impact_factors(default_assets_folder() + "/factors")) {
            kiosk.backend->set_mass_model(std::move(factors).value());
        } else {  // the register's own masses still count; others are not weighed against a model
            std::cerr << "returnloop-kiosk: no mass model for the weight check: " << factors.error().message << "\n";
        }
        IntakeOptions intake;
        intake.address = *address;
        return run_headless_intake(*kiosk.backend, STDIN_FILENO, intake, emit, system_now);
    }
    return run_headless(*kiosk.backend, STDIN_FILENO, emit, system_now);
}

int check_config_command(const std::string& config, bool demo) {
    std::optional<KioskSettings> settings = settings_or_report(config, demo);
    if (!settings) return kExitRefused;
    const KioskSettings& s = *settings;
    std::cout << "ok: " << config << "\n"
              << "  store " << s.store << ", machine " << s.machine << "\n"
              << "  scheme " << s.scheme.id << " (" << s.scheme.name << "), " << s.scheme.rules.size() << " rules, "
              << currency_code(s.currency()) << ", from " << s.scheme_source << "\n"
              << "  overrides " << s.overrides.size() << "\n"
              << "  limits: " << s.limits.max_items << " containers and " << s.limits.max_value_minor
              << " minor units per session; daily " << s.limits.daily_items << " containers, " << s.limits.daily_value_minor
              << " minor units (0 = none); duplicate window " << s.limits.duplicate_window_ms << " ms\n"
              << "  donation " << (s.charity ? *s.charity : std::string("not offered")) << "\n"
              << "  vouchers expire after " << s.voucher_expiry_days << " days, EAN-13 prefix " << s.ean13_prefix
              << (s.accept_ean13 ? " (redeemed)" : " (printed, not redeemed alone)") << ", key " << s.keys.current_id << " from "
              << s.key_source << ", " << s.keys.keys.size() - 1 << " retired keys\n"
              << "  printer " << describe(s.printer) << "\n"
              << "  sha256 " << s.fingerprint << "\n";
    return kExitOk;
}

int redeem_command(const std::string& code, const std::string& config, const std::string& ledger_path, const std::string& via,
                   bool demo) {
    std::optional<KioskSettings> settings = settings_or_report(config, demo);
    if (!settings) return kExitRefused;
    Result<std::unique_ptr<Ledger>> ledger =
        Ledger::open(ledger_path, settings->keys, LedgerOptions{settings->store, settings->machine, false});
    if (!ledger) {
        std::cerr << "returnloop-kiosk: " << ledger.error().message << "\n";
        return kExitFailed;
    }
    const RedeemOutcome outcome = redeem_voucher(**ledger, *settings, code, system_now(), via);
    Json event = {{"event", outcome.ok() ? "redeemed" : "redeem_rejected"},
                  {"reason", redeem_verdict_id(outcome.verdict)},
                  {"message", outcome.message}};
    if (outcome.payout) {
        event["amountMinor"] = outcome.payout->amount.minor;
        event["currency"] = currency_code(outcome.payout->amount.currency);
        event["session"] = outcome.payout->session_id;
        event["seq"] = outcome.payout->voucher_seq;
    }
    std::cout << event.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    if (outcome.verdict == RedeemVerdict::ledger_error) return kExitFailed;
    return outcome.ok() ? kExitOk : kExitRefused;
}

int export_command(const std::string& ledger_path, const std::string& from_text, const std::string& to_text, const std::string& out_dir,
                   const std::string& catalog_path) {
    Result<Date> from = parse_date(from_text);
    Result<Date> to = parse_date(to_text);
    if (!from || !to) {
        std::cerr << "returnloop-kiosk: --from and --to are dates YYYY-MM-DD\n";
        return kExitUsage;
    }
    // Reading needs no key: records are only verified by verify-ledger.
    Result<std::unique_ptr<Ledger>> ledger = Ledger::open(ledger_path, VoucherKeyRing{}, LedgerOptions{std::nullopt, std::nullopt, false});
    if (!ledger) {
        std::cerr << "returnloop-kiosk: " << ledger.error().message << "\n";
        return kExitFailed;
    }
    std::optional<Catalog> catalog;
    if (!catalog_path.empty()) {
        Result<std::string> csv = read_file(catalog_path, std::size_t{512} << 20);
        CatalogParse parsed = csv ? parse_catalog(*csv) : CatalogParse{};
        if (!parsed.catalog) {
            std::cerr << "returnloop-kiosk: the catalog " << catalog_path << " cannot be read; product names are left out\n";
        } else {
            catalog = std::move(parsed.catalog);
        }
    }
    Result<ExportFiles> files = export_csv(**ledger, *from, *to, catalog ? &*catalog : nullptr);
    if (!files) {
        std::cerr << "returnloop-kiosk: " << files.error().message << "\n";
        return kExitUsage;
    }
    if (Status s = write_export(*files, out_dir); !s) {
        std::cerr << "returnloop-kiosk: " << s.error().message << "\n";
        return kExitFailed;
    }
    std::cout << "exported " << files->sessions << " sessions, " << files->items << " items, " << files->vouchers << " vouchers, " << files->refusals << " refused scans to "
              << out_dir << "\n";
    return kExitOk;
}

int hash_pin_command() {
    const std::string pin = read_secret_line();
    if (!pin_long_enough(pin)) {
        std::cerr << "returnloop-kiosk: a PIN is " << kMinPinDigits << " to " << kMaxPinDigits << " digits\n";
        return kExitRefused;
    }
    const std::string hash = hash_pin(pin);
    if (hash.empty()) {
        std::cerr << "returnloop-kiosk: out of memory while hashing\n";
        return kExitFailed;
    }
    std::cout << hash << "\n";
    return kExitOk;
}

int make_key_command(const std::string& key_file) {
    const std::string hex = voucher_key_hex(random_voucher_key()) + "\n";
    const int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        std::cerr << "returnloop-kiosk: cannot create " << key_file << " (it must not exist yet)\n";
        return kExitFailed;
    }
    const bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        std::cerr << "returnloop-kiosk: cannot write " << key_file << "\n";
        return kExitFailed;
    }
    std::cout << "wrote a new voucher key to " << key_file << "\n";
    return kExitOk;
}

int apply_settings_command(const std::string& config, const std::string& new_file, const std::string& ledger_path, bool demo) {
    std::optional<KioskSettings> current = settings_or_report(config, demo);
    if (!current) return kExitRefused;
    Result<std::string> text = read_file(new_file, kMaxSettingsBytes);
    if (!text) {
        std::cerr << "returnloop-kiosk: " << text.error().message << "\n";
        return kExitFailed;
    }
    // The kiosk's own lock: a running kiosk changes its settings from its admin screen, never behind its back.
    Result<int> lock = lock_ledger(ledger_path);
    if (!lock) {
        std::cerr << "returnloop-kiosk: " << lock.error().message << ": change the settings from its admin screen, or stop it first\n";
        return kExitFailed;
    }
    const int lock_fd = *lock;
    struct LockRelease {
        int fd;
        ~LockRelease() { ::close(fd); }
    } release{lock_fd};
    Result<std::unique_ptr<Ledger>> ledger =
        Ledger::open(ledger_path, current->keys, LedgerOptions{current->store, current->machine, false});
    if (!ledger) {
        std::cerr << "returnloop-kiosk: " << ledger.error().message << "\n";
        return kExitFailed;
    }
    Result<std::optional<LedgerSession>> open = (*ledger)->open_session();
    if (!open) {
        std::cerr << "returnloop-kiosk: " << open.error().message << "\n";
        return kExitFailed;
    }
    if (*open && !(*open)->items.empty()) {
        std::cerr << "returnloop-kiosk: session " << (*open)->id << " is open with " << (*open)->items.size()
                  << " containers: it must be paid out (start the kiosk) before the settings change\n";
        return kExitRefused;
    }
    const std::string pin = read_secret_line();
    const SettingsApply applied =
        apply_settings_file(**ledger, *current, config, *text, pin, system_now(), kPinSourceCli, SettingsPolicy{demo});
    if (!applied.applied) {
        std::cerr << "returnloop-kiosk: the new settings were refused; " << config << " is unchanged:\n";
        print_errors(applied.errors);
        return kExitRefused;
    }
    std::cout << "applied " << new_file << " to " << config << "; changed:";
    for (const std::string& field : applied.changed) std::cout << " " << field;
    std::cout << "\n";
    return kExitOk;
}

int verify_ledger_command(const std::string& config, const std::string& ledger_path, bool demo) {
    std::optional<KioskSettings> settings = settings_or_report(config, demo);
    if (!settings) return kExitRefused;
    Result<std::unique_ptr<Ledger>> ledger =
        Ledger::open(ledger_path, settings->keys, LedgerOptions{settings->store, settings->machine, false});
    if (!ledger) {
        std::cerr << "returnloop-kiosk: " << ledger.error().message << "\n";
        return kExitFailed;
    }
    Result<LedgerCheck> check = (*ledger)->verify();
    if (!check) {
        std::cerr << "returnloop-kiosk: " << check.error().message << "\n";
        return kExitFailed;
    }
    std::cout << check->items << " items, " << check->payouts << " payouts, " << check->redemptions << " redemptions and "
              << check->events << " events checked\n";
    for (const std::string& problem : check->problems) std::cerr << "problem: " << problem << "\n";
    return check->problems.empty() ? kExitOk : kExitRefused;
}

}  // namespace returnloop::kiosk
