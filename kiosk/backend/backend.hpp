// KioskBackend: one reverse-vending machine without its window. It owns the open return session, the ledger, the
// voucher key, the receipt renderer and the printer, and answers the calls a screen or the headless machine
// interface makes: scan(code, now), finish(kind, now), finish_if_idle(now), cancel(), and on start restore() of a
// session a crash interrupted plus redelivery of receipts committed but not yet handed out. Every deposit decision
// comes from the core's ReturnSession; this class only makes it durable and prints it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "backend/admin.hpp"
#include "backend/admin_calls.hpp"
#include "backend/clock.hpp"
#include "backend/hub_config.hpp"
#include "backend/ledger.hpp"
#include "backend/machine_totals.hpp"
#include "backend/placeholders.hpp"
#include "backend/print_queue.hpp"
#include "backend/settings.hpp"
#include "returnloop/catalog.hpp"
#include "returnloop/impact.hpp"
#include "returnloop/plausibility.hpp"
#include "returnloop/session.hpp"

namespace returnloop::kiosk {

inline constexpr int kMaxDeliveryAttempts = 3;
inline constexpr int kPrinterTimeoutMs = 3000;  // connect, and each wait for the printer to take more bytes

struct BackendPaths {
    std::string config;       // the settings file (for guarded changes)
    std::string ledger;
    std::string voucher_dir;  // receipt PNGs
    SettingsPolicy policy;    // what a new settings file may contain (--demo)
    std::string catalog;      // the base product register, re-read when the hub's register overlay changes
};

// The machine's lock: an exclusive flock on <ledger>.lock, so one kiosk (or one settings change) uses a ledger.
// Returns the descriptor to close when done.
Result<int> lock_ledger(const std::string& ledger_path);

// Why a scan was taken or refused: the core's decision, or one of the machine's own refusals after it.
enum class ScanVerdict : std::uint8_t {
    accepted,
    unreadable,
    invalid_code,
    restricted_circulation,
    duplicate_scan,
    not_registered,
    no_deposit,
    session_item_limit,
    session_value_limit,
    daily_limit,
    no_container,        // a reverse-vending machine pays for containers in its bin, not for typed codes
    bad_quantity,        // a quantity outside counter mode, or not 1 to kMaxScanQuantity
    ledger_unavailable,  // the item could not be made durable (disk full, I/O error): the container goes back
};
std::string_view scan_verdict_id(ScanVerdict verdict);  // "accepted", "not_registered", "ledger_unavailable", ...

// "6*CODE" (staff at a counter typed a quantity, then scanned: a six-pack is one scan x6) -> {6, CODE}; any other
// line -> {1, line}. The back end refuses a quantity outside counter mode.
std::pair<std::uint32_t, std::string_view> split_quantity(std::string_view line);

struct ScanReport {
    ScanVerdict verdict = ScanVerdict::unreadable;
    Reason scheme_reason = Reason::none;  // no_deposit: the scheme's reason; none when the register's own 0 decided
    std::string gtin14;                   // empty when no GTIN was read
    std::optional<ProductView> product;   // the register's entry for it, when it names one
    std::optional<ReturnedItem> item;     // set exactly when accepted: what the container pays
    std::int64_t session_id = 0;
    int position = 0;        // 0-based index of the item in its session
    Money total;             // the session total after this scan
    std::string message;     // plain English for staff and logs
    std::uint32_t quantity = 0;  // containers taken by this scan (counter mode may take several)
    bool accepted() const { return verdict == ScanVerdict::accepted; }
};

struct Delivery {
    PayoutRecord payout;
    std::string png_path;             // empty when the receipt could not be written
    std::optional<Error> render_error;
    bool printed = false;             // the printer took it (reported later, by take_print_results)
    bool print_queued = false;        // handed to the printer's worker; the screen does not wait for it
    std::optional<Error> print_error; // the receipt could not even be prepared for the printer
    bool reissued = false;            // a receipt committed before a crash, delivered now; not a second payout
    bool reprint = false;             // printed again on request (marked REPRINT), the payout's own codes
};

// The JSON event line of a delivery ("voucher" or "donation"): the same for the window and the headless interface.
std::string delivery_event(const Delivery& delivery);

// How the shopper set the screen up: kept with an open session so a restart mid-session shows it as they left it.
struct ShopperDisplay {
    std::string language;  // the face's language id ("en", "zh-CN", ...)
    bool large_text = false;
    bool high_contrast = false;
    friend bool operator==(const ShopperDisplay&, const ShopperDisplay&) = default;
};

struct RestoreReport {
    std::int64_t session_id = 0;
    std::size_t items = 0;
    Money total;
    std::optional<ShopperDisplay> display;  // as last recorded with the session; none when the defaults applied
};

struct BackendStats {
    std::int64_t session_id = 0;  // 0 while no item has been accepted
    std::size_t items = 0;
    Money total;
    DayTotals today;              // other sessions of today
    std::uint64_t scans = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t payouts = 0;
    std::int64_t last_activity_ms = 0;
};

// Reverse-vending intake (backend_intake.cpp): what the machine's controller reported about one container.
struct Presented {
    std::string item;  // the controller's id
    std::string gtin;  // what its scanner read; empty when nothing
    std::optional<double> weight_g;
    std::string material;
};

struct IntakeDecision {
    bool accept = false;
    std::string bin;      // accept: where the controller routes it
    std::string reason;   // reject: a scan reason id, "out_of_service", "duplicate_item" or "ledger_unavailable"
    std::string message;
    ScanOutcome outcome;  // the core's decision on the code
    Plausibility plausibility = Plausibility::not_checked;  // weight and material against the register
    std::optional<double> expected_g;
};

struct IntakeSettled {
    std::string item;
    std::string gtin14;
    std::string bin;      // the bin the kiosk routed it to
    Money amount;         // binned: what it added to the session
    Money total;          // the session total after it
    std::int64_t session_id = 0;
    int position = -1;    // binned: 0-based index among the session's paid items
};

// A bin of the machine as the kiosk counts it (settings' bins; counts from the ledger since its last emptying).
struct BinState {
    std::string id;
    std::int64_t count = 0;     // containers accepted into it since it was last emptied (those on the way included)
    std::int64_t capacity = 0;  // 0: not configured (no limit)
    int warn_percent = 90;
    bool warn = false;          // at or above warn_percent: staff should empty it soon
    bool full = false;          // at capacity, or the controller's sensor says so: its materials are refused
};

// A bin emptied by staff: recorded with its count, and an emptying receipt (Swedish stores must print one).
struct BinEmptied {
    std::string bin;
    std::int64_t count = 0;
    std::string png_path;
    std::optional<Error> render_error;
    bool print_queued = false;
};

// Why the machine takes no containers now (each an id the faces word): empty when it can take them.
// "bins_full" (no bin can take anything), "printer_out" (printer.whenOut is out_of_service and the printer is out).
using ServiceStops = std::vector<std::string>;

class KioskBackend {
public:
    // Opens (or creates) the ledger, takes the machine's lock so a second kiosk cannot share the ledger, and restores
    // an open session. Refuses a read-only, damaged or foreign ledger.
    static Result<std::unique_ptr<KioskBackend>> open(KioskSettings settings, Catalog catalog, BackendPaths paths);
    ~KioskBackend();
    KioskBackend(const KioskBackend&) = delete;
    KioskBackend& operator=(const KioskBackend&) = delete;

    const std::optional<RestoreReport>& restored() const { return restored_; }
    // Receipts whose payout was committed but not delivered; a receipt that failed kMaxDeliveryAttempts starts is
    // given up (recorded) instead of being tried forever. Never waits for the printer.
    std::vector<Delivery> redeliver(KioskTime now);
    // What the printer's worker finished since the last call; failures are recorded in the ledger.
    std::vector<PrintResult> take_print_results(KioskTime now);
    bool wait_for_printer(std::chrono::milliseconds timeout);  // the end of a headless run, tests

    // `quantity` identical containers in one scan: counter mode only (a staffed return point; a six-pack is one scan
    // x6); every other mode counts one. All or none are taken: the limits are checked for all of them.
    ScanReport scan(std::string_view raw_scan, KioskTime now, std::uint32_t quantity = 1);
    // Pays the session out. In counter mode a session above counter.pinAboveMinor needs the staff PIN (`pin`,
    // checked with the lockout; error path "pin_required" or "pin"). While the printer is out a printed voucher is
    // refused (path "printer_out"): the shopper is offered what payout_options() lists.
    Result<Delivery> finish(PayoutKind kind, KioskTime now, std::string_view pin = {});
    // The payouts the shopper can choose now: a printed voucher only while the printer can print.
    std::vector<PayoutKind> payout_options() const;

    // Machine health (backend_health.cpp). The printer is out when the controller reports paper_out or a print fails;
    // it is back with the controller's paper_ok or a print that succeeds.
    void set_printer_out(bool out) { printer_out_ = out; }
    bool printer_out() const { return printer_out_; }
    void set_bin_sensor_full(std::string_view bin, bool full);  // the controller's bin_full fault for one bin
    std::vector<BinState> bins() const;
    std::optional<BinState> bin(std::string_view id) const;
    ServiceStops service_stops() const;
    // Staff empty a bin: checked with the PIN, recorded as a "bin_emptied" event with its count, an emptying
    // receipt written (and printed when a printer is set), the count reset.
    Result<BinEmptied> empty_bin(std::string_view bin, std::string_view pin, KioskTime now);
    bool idle_due(KioskTime now) const;  // a session with items and no activity for idleTimeoutSeconds
    Result<std::optional<Delivery>> finish_if_idle(KioskTime now);  // issues a voucher when idle_due()
    Status cancel();  // ends an empty session; once containers are taken they must be paid out
    // The shopper's display as it is now: recorded with the open session when it differs from what the session last
    // recorded (nothing is written while no session is open; call it again once one is).
    Status remember_display(const ShopperDisplay& display, KioskTime now);

    // The language the next receipts are printed in ("en", "zh-CN", "es", "de"): the shopper's. Errors keep the old.
    Status set_receipt_language(std::string_view language);
    const std::string& receipt_language() const { return receipt_language_; }
    // The payout finish() issued last, until the shopper scans again (0: none): what the shopper may reprint.
    std::int64_t last_payout_id() const { return last_payout_id_; }
    // Prints a payout's receipt again, marked REPRINT, with its own codes (never a new voucher), recorded in the
    // ledger as a "receipt_reprinted" event. `by` is "shopper" (only the last payout) or "staff" (any payout). The
    // language is `language` when given (staff's explicit choice); for staff, else the one the voucher was issued in
    // (recorded as a "payout_language" event when it was paid); else (and always for the shopper) the current one.
    Result<Delivery> reprint(std::int64_t payout_id, KioskTime now, std::string_view by, std::string_view language = {});

    // Intake. With a controller attached, keyboard scans are refused (no_container): only binned containers pay.
    void set_intake_required(bool required) { intake_required_ = required; }
    // The mass model the plausibility rule falls back on when the register has no mass_g (assets/factors/).
    void set_mass_model(std::optional<ImpactFactors> factors) { mass_model_ = std::move(factors); }
    bool intake_required() const { return intake_required_; }
    IntakeDecision present(const Presented& presented, KioskTime now);  // accept is durable before it returns
    Result<IntakeSettled> binned(std::string_view item, KioskTime now);   // pays it (once); errors: unknown or settled
    Result<IntakeSettled> returned(std::string_view item, KioskTime now); // accepted, then not binned: never paid
    Result<IntakeSettled> unresolved(std::string_view item, KioskTime now); // the controller does not know it: not paid
    std::vector<std::string> pending_items() const;  // accepted and not yet binned or returned ("checking...")

    // The admin PIN with its per-source lockout (admin.hpp).
    Result<PinCheck> check_pin(std::string_view pin, KioskTime now, std::string_view source);
    SettingsApply apply_settings(std::string_view new_text, std::string_view pin, KioskTime now,
                                 std::string_view pin_source = kPinSourceScreen);

    // The admin screen's calls (backend_admin.cpp, admin_calls.hpp). Settings changes are PIN-checked, validated,
    // recorded and atomic like apply_settings(); their errors come back keyed by the rule they concern.
    AdminChange apply_rate_overrides(const std::vector<RateEdit>& rows, std::string_view pin, KioskTime now);
    std::vector<SchemeChoice> available_schemes() const;  // scheme files beside the one in use
    // Overrides are kept per scheme: the current scheme's are set aside in the settings (savedOverrides) and the new
    // scheme's earlier ones come back; preview_scheme_switch() says what will change before anything does.
    Result<SchemeSwitchPreview> preview_scheme_switch(const std::string& scheme_path) const;
    AdminChange switch_scheme(const std::string& scheme_path, std::string_view pin, KioskTime now);
    std::vector<RuleStatus> rule_status(Date today) const;  // one per rule of the scheme in force
    Result<DailyReport> daily_report(Date day);              // daily_report.cpp
    // Prints text lines (a daily report the face has worded) on the receipt printer, or writes <stem>.png beside the
    // vouchers when there is none.
    Result<TestPrintResult> print_lines(const std::vector<std::string>& lines, std::string_view stem);
    Result<ExportSummary> export_range(Date from, Date to);  // the clearing CSVs under <ledger folder>/exports/
    Result<TestPrintResult> test_print(KioskTime now);
    Result<LedgerCheck> verify_ledger();
    Result<std::vector<PayoutRecord>> recent_payouts(int count);  // newest first: what staff may reprint
    std::optional<std::string> saved_default_language() const;  // the window's default language id, if saved
    Status save_default_language(std::string_view language, KioskTime now);

    // What the ledger says this machine has taken back (machine_totals.cpp); factors may be null (counts only).
    MachineTotals machine_totals(const ImpactFactors* factors, Date today);
    ImpactSummary session_impact(const ImpactFactors* factors) const;  // of the open session

    // Configuration from the hub (hub_config.hpp): the loops call poll_hub_config() whenever they are free; a version
    // waiting in the inbox is applied only while no session is open and no container is being checked, through the
    // same validated, recorded replacement as the admin mode, and its outcome goes back to the inbox for the hub.
    void attach_hub_config(std::shared_ptr<HubConfigInbox> inbox) { hub_config_ = std::move(inbox); }
    std::optional<HubConfigOutcome> poll_hub_config(KioskTime now);
    std::int64_t hub_config_waiting() const { return hub_config_ ? hub_config_->waiting() : 0; }

    const ReturnSession& session() const { return session_; }
    const KioskSettings& settings() const { return settings_; }
    const Catalog& catalog() const { return catalog_; }
    Ledger& ledger() { return *ledger_; }
    BackendStats stats() const;

private:
    KioskBackend(KioskSettings settings, Catalog catalog, BackendPaths paths, std::unique_ptr<Ledger> ledger, int lock_fd);
    Status restore();
    AdminChange change_settings(const std::string& new_text, std::string_view pin, KioskTime now,
                                const std::function<int(const Error&)>& rule_of);
    void adopt_settings(const KioskSettings& settings);  // after a validated change: new printer, fresh session and day
    Status refresh_day(Date date);
    ScanReport take_scan(std::string_view raw_scan, KioskTime now, std::uint32_t quantity);  // scan() without recording a refusal
    Delivery deliver(const PayoutRecord& payout, bool reissued, bool reprint = false);
    ReturnedItem restored_item(const LedgerItem& item, Currency currency) const;
    Status restore_intake();
    Status load_bin_counts();
    std::optional<std::string> bin_for(Material material) const;  // the configured bin for a material, if any
    Result<std::optional<ShopperDisplay>> recorded_display(std::int64_t session_id);
    Result<IntakeSettled> settle_without_pay(std::string_view item, IntakeState state, KioskTime now);

    struct PendingIntake {
        std::int64_t intake_id = 0;
        std::int64_t session_id = 0;
        ReturnedItem item;
        std::string rule_id;
        Date date;
        std::string bin;
    };

    KioskSettings settings_;
    Catalog catalog_;
    BackendPaths paths_;
    std::unique_ptr<Ledger> ledger_;
    std::unique_ptr<PrintQueue> printer_;  // none without a printer
    int lock_fd_ = -1;
    ReturnSession session_;
    std::int64_t session_id_ = 0;
    std::optional<RestoreReport> restored_;
    std::optional<Date> day_;
    DayTotals today_;
    BackendStats counters_;
    bool intake_required_ = false;
    std::optional<ImpactFactors> mass_model_;
    std::map<std::string, PendingIntake, std::less<>> pending_;
    std::string receipt_language_ = "en";
    std::int64_t last_payout_id_ = 0;
    std::shared_ptr<HubConfigInbox> hub_config_;
    bool printer_out_ = false;
    std::map<std::string, std::int64_t, std::less<>> bin_counts_;
    std::set<std::string, std::less<>> bins_sensed_full_;
};


// What the intake did, typed, for a face to show (the window); the headless loop prints the same as JSON events.
struct IntakeNotice {
    enum class Kind : std::uint8_t { presented, binned, returned, unresolved, fault, service };
    IntakeNotice() = default;
    explicit IntakeNotice(Kind k, std::string item_id = {}, std::string gtin = {}, bool was_accepted = false)
        : kind(k), item(std::move(item_id)), gtin14(std::move(gtin)), accepted(was_accepted) {}
    Kind kind = Kind::presented;
    std::string item;      // the controller's id
    std::string gtin14;
    bool accepted = false; // presented: accepted, now "checking" until binned or returned
    std::string reason;    // presented and refused: a reason id; returned: why; fault: the fault id
    bool active = false;   // fault: raised (or cleared); service: out of service (or back)
    Money amount;          // presented (accepted) and binned: the container's refund
    std::vector<std::string> reasons;  // service: controller_offline, jam, bins_full, printer_out, ...
};
using IntakeObserver = std::function<void(const IntakeNotice&)>;

class IntakeController;

// The machine's controller link as a face uses it (rvm mode): the IntakeController (controller_session.hpp) behind
// the facade, so the window reaches the intake through the back end's one header.
class KioskIntake {
public:
    // Checks `address` (unix:/path, tcp://host:port, serial:/dev/...) before anything opens; the error names the field.
    static Status check_address(std::string_view address);
    // Connects (and keeps reconnecting) to the controller; its events go to `emit` as JSON lines, typed to `observer`.
    static Result<std::unique_ptr<KioskIntake>> connect(KioskBackend& backend, std::string_view address,
                                                        std::function<void(const std::string&)> emit, IntakeObserver observer);
    ~KioskIntake();
    KioskIntake(const KioskIntake&) = delete;
    KioskIntake& operator=(const KioskIntake&) = delete;

    int fd() const;  // -1 while disconnected
    void on_readable(KioskTime now);
    void tick(KioskTime now);     // reconnects, sends heartbeats, notices silence
    void emit_service_state();    // out_of_service when it changed (after a staff action too: an emptied bin)

private:
    explicit KioskIntake(std::unique_ptr<IntakeController> controller);
    std::unique_ptr<IntakeController> controller_;
};

}  // namespace returnloop::kiosk
