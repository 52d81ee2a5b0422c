// The shared kiosk loader (see kiosk_loader.hpp).
#include "backend/kiosk_loader.hpp"

#include <sys/stat.h>

#include "backend/commands.hpp"
#include "backend/files.hpp"
#include "backend/hub_register.hpp"
#include "backend/impact_files.hpp"
#include "returnloop/catalog.hpp"

namespace returnloop::kiosk {
namespace {

constexpr std::size_t kMaxCatalogBytes = std::size_t{512} << 20;  // a national register of 10^6 rows is ~80 MB

OpenedKiosk failed(int exit_code, std::string message) {
    OpenedKiosk out;
    out.error = KioskOpenError{exit_code, std::move(message)};
    return out;
}

std::string listed(const std::vector<Error>& errors) {
    std::string out;
    for (const Error& e : errors) out += (e.path.empty() ? "" : e.path + ": ") + e.message + "\n";
    return out;
}

}  // namespace

OpenedKiosk open_kiosk(const KioskFiles& files) {
    if (files.config.empty() || files.catalog.empty() || files.ledger.empty() || files.voucher_dir.empty()) {
        return failed(kExitUsage, "the kiosk needs --config, --catalog, --ledger and --voucher-dir\n");
    }
    const SettingsPolicy policy{files.demo};
    SettingsParse settings = load_settings(files.config, policy);
    if (!settings.settings) return failed(kExitRefused, "the settings file " + files.config + " is not valid:\n" + listed(settings.errors));
    // Modes (issue 11): a reverse-vending machine pays only for containers its controller bins, so it does not run
    // without one; scanning alone is a demo, and a staffed counter has no intake to talk to.
    if (settings.settings->mode == MachineMode::rvm && files.controller.empty() && !files.demo) {
        return failed(kExitUsage, "mode \"rvm\" needs the machine's controller (--controller unix:/path, tcp://host:port or "
                                  "serial:/dev/...); scanning without an intake runs only with --demo, or set \"mode\": \"counter\"\n");
    }
    if (settings.settings->mode == MachineMode::counter && !files.controller.empty()) {
        return failed(kExitUsage, "mode \"counter\" is a staffed return point without an intake: drop --controller or set \"mode\": \"rvm\"\n");
    }
    Result<std::string> csv = read_file(files.catalog, kMaxCatalogBytes);
    if (!csv) return failed(kExitFailed, csv.error().message + "\n");
    CatalogParse catalog = parse_catalog(*csv);
    if (!catalog.catalog) return failed(kExitRefused, "the catalog " + files.catalog + " is not valid:\n" + listed(catalog.errors));
    csv.value() = std::string();  // the catalog keeps its own copy; free the file text
    // The hub's product register updates, kept by the kiosk beside its ledger (hub_register.hpp).
    const std::string overlay_path = register_overlay_path(files.ledger);
    Result<RegisterOverlay> overlay = read_register_overlay_file(overlay_path);
    if (!overlay) return failed(kExitRefused, "the register overlay " + overlay.error().message + "\n");
    if (overlay->size() > 0) {
        catalog = merge_register(*catalog.catalog, *overlay);
        if (!catalog.catalog) return failed(kExitRefused, "the register overlay " + overlay_path + " does not fit the catalog:\n" + listed(catalog.errors));
    }
    struct stat info {};
    if (::stat(files.voucher_dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        return failed(kExitFailed, "the voucher folder " + files.voucher_dir + " does not exist\n");
    }
    Result<std::unique_ptr<KioskBackend>> backend = KioskBackend::open(std::move(*settings.settings), std::move(*catalog.catalog),
                                                                       BackendPaths{files.config, files.ledger, files.voucher_dir, policy, files.catalog});
    if (!backend) return failed(kExitFailed, backend.error().message + "\n");
    OpenedKiosk out;
    out.backend = std::move(backend).value();
    if (files.hub_config) out.backend->attach_hub_config(files.hub_config);
    if (!files.impact_factors.empty()) {
        if (Result<ImpactFactors> factors = load_impact_factors(files.impact_factors)) {
            out.impact_factors = std::move(factors).value();
        } else {
            out.impact_factors_error = factors.error().path + " " + factors.error().message;
        }
    }
    return out;
}

}  // namespace returnloop::kiosk
