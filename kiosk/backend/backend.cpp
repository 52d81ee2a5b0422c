// The kiosk back end (see backend.hpp).
#include "backend/backend.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "backend/escpos.hpp"
#include "backend/files.hpp"
#include "backend/hub_register.hpp"
#include "backend/impact_files.hpp"
#include "backend/receipt_content.hpp"
#include "backend/voucher_code.hpp"

namespace returnloop::kiosk {
namespace {

std::string padded(std::int64_t value, int width) {
    std::string text = std::to_string(value);
    if (static_cast<int>(text.size()) < width) text.insert(0, static_cast<std::size_t>(width) - text.size(), '0');
    return text;
}

std::string compact_date(Date date) {
    const std::string iso = format_date(date);
    return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

}  // namespace

KioskBackend::KioskBackend(KioskSettings settings, Catalog catalog, BackendPaths paths, std::unique_ptr<Ledger> ledger, int lock_fd)
    : settings_(std::move(settings)),
      catalog_(std::move(catalog)),
      paths_(std::move(paths)),
      ledger_(std::move(ledger)),
      lock_fd_(lock_fd),
      session_(settings_.currency()) {
    counters_.total = Money{0, settings_.currency()};
    if (settings_.printer.kind != PrinterTarget::Kind::none) printer_ = std::make_unique<PrintQueue>(settings_.printer, kPrinterTimeoutMs);
}

KioskBackend::~KioskBackend() {
    if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

Result<int> lock_ledger(const std::string& ledger_path) {
    const std::string lock_path = ledger_path + ".lock";
    const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (lock_fd < 0) return Error{"ledger", "cannot create the lock file " + lock_path + ": " + std::strerror(errno)};
    if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(lock_fd);
        return Error{"ledger", "another kiosk is running on the ledger " + ledger_path};
    }
    return lock_fd;
}

Result<std::unique_ptr<KioskBackend>> KioskBackend::open(KioskSettings settings, Catalog catalog, BackendPaths paths) {
    // One kiosk per ledger: a second process would open a second session beside the first.
    Result<int> lock = lock_ledger(paths.ledger);
    if (!lock) return lock.error();
    const int lock_fd = *lock;
    Result<std::unique_ptr<Ledger>> ledger =
        Ledger::open(paths.ledger, settings.keys, LedgerOptions{settings.store, settings.machine, true});
    if (!ledger) {
        ::close(lock_fd);
        return ledger.error();
    }
    // A retired key must stay while vouchers it tagged can still be redeemed.
    if (Status keys = keys_cover_outstanding(**ledger, settings.keys, system_now().date); !keys) {
        ::close(lock_fd);
        return keys.error();
    }
    std::unique_ptr<KioskBackend> backend(
        new KioskBackend(std::move(settings), std::move(catalog), std::move(paths), std::move(ledger).value(), lock_fd));
    if (Status s = backend->restore(); !s) return s.error();
    if (Status s = backend->restore_intake(); !s) return s.error();
    if (Status s = backend->load_bin_counts(); !s) return s.error();
    return backend;
}

ReturnedItem KioskBackend::restored_item(const LedgerItem& item, Currency currency) const {
    ReturnedItem out;
    for (char c : item.gtin14) out.gtin_key = out.gtin_key * 10 + static_cast<std::uint64_t>(c - '0');
    out.gtin14 = item.gtin14;
    out.refund = Money{item.refund_minor, currency};
    out.deposit = Money{item.deposit_minor, currency};
    out.handling_fee = FeeRate{item.handling_fee_micros};
    out.register_override = item.register_override;
    out.scanned_at_ms = item.scanned_ms;
    for (std::size_t i = 0; i < settings_.scheme.rules.size(); ++i) {
        if (settings_.scheme.rules[i].id == item.rule_id) out.rule_index = static_cast<int>(i);
    }
    return out;
}

Status KioskBackend::restore() {
    Result<std::optional<LedgerSession>> open = ledger_->open_session();
    if (!open) return open.error();
    if (!*open) return ok_status();
    const LedgerSession& stored = **open;
    // The session keeps the currency it was opened in: its items were valued then.
    ReturnSession session(stored.currency);
    for (const LedgerItem& item : stored.items) {
        Result<Money> added = session.add(restored_item(item, stored.currency));
        if (!added) return Error{"ledger", "session " + std::to_string(stored.id) + " cannot be restored: " + added.error().message};
    }
    session_ = std::move(session);
    session_id_ = stored.id;
    Result<std::optional<ShopperDisplay>> display = recorded_display(stored.id);
    if (!display) return display.error();
    restored_ = RestoreReport{stored.id, session_.item_count(), session_.total(), *display};
    if (!stored.items.empty()) counters_.last_activity_ms = stored.items.back().scanned_ms;
    return ok_status();
}

Status KioskBackend::refresh_day(Date date) {
    if (day_ && *day_ == date) return ok_status();
    Result<DayTotals> totals = ledger_->day_totals(date, session_id_);
    if (!totals) return totals.error();
    today_ = *totals;
    day_ = date;
    return ok_status();
}

// The core's reasons come first, in the core's order, so a decision converts by value.
static_assert(static_cast<int>(ScanVerdict::daily_limit) == static_cast<int>(ScanReason::daily_limit) &&
              static_cast<int>(ScanVerdict::no_container) == kScanReasonCount);

std::string_view scan_verdict_id(ScanVerdict verdict) {
    switch (verdict) {
        case ScanVerdict::no_container: return "no_container";
        case ScanVerdict::bad_quantity: return "bad_quantity";
        case ScanVerdict::ledger_unavailable: return "ledger_unavailable";
        default: return scan_reason_id(static_cast<ScanReason>(verdict));  // the core's reasons, in the core's order
    }
}

std::pair<std::uint32_t, std::string_view> split_quantity(std::string_view line) {
    const std::size_t star = line.find('*');
    if (star == std::string_view::npos || star < 1 || star > 4) return {1, line};
    std::uint32_t typed = 0;
    for (char c : line.substr(0, star)) {
        if (c < '0' || c > '9') return {1, line};
        typed = typed * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return {typed, line.substr(star + 1)};
}

ScanReport KioskBackend::scan(std::string_view raw_scan, KioskTime now, std::uint32_t quantity) {
    last_payout_id_ = 0;  // the shopper has left the voucher screen
    ScanReport report = take_scan(raw_scan, now, quantity);
    if (!report.accepted()) {
        // Refusals are kept for the export and the daily report; a failing ledger cannot keep this one either.
        std::string input;
        for (char c : raw_scan.substr(0, 32)) input += (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) ? c : '?';
        const nlohmann::json detail = {{"gtin", report.gtin14}, {"reason", scan_verdict_id(report.verdict)}, {"input", report.gtin14.empty() ? input : ""}};
        (void)ledger_->record_event(now.unix_ms, "scan_refused", detail.dump());
    }
    return report;
}

ScanReport KioskBackend::take_scan(std::string_view raw_scan, KioskTime now, std::uint32_t quantity) {
    ScanReport report;
    ++counters_.scans;
    counters_.last_activity_ms = now.unix_ms;
    report.session_id = session_id_;
    report.total = session_.total();
    auto refuse = [&](ScanVerdict verdict, std::string message) {
        report.verdict = verdict;
        report.item.reset();
        report.message = std::move(message);
        ++counters_.rejected;
        return report;
    };
    if (intake_required_) {  // a reverse-vending machine pays for containers in its bin, not for typed codes
        return refuse(ScanVerdict::no_container, "put the container into the machine's opening: a code alone is not paid");
    }
    if (quantity != 1 && (settings_.mode != MachineMode::counter || quantity == 0 || quantity > kMaxScanQuantity)) {
        return refuse(ScanVerdict::bad_quantity,
                      settings_.mode != MachineMode::counter
                          ? "a quantity is entered only at a staffed counter (mode \"counter\"): each container is scanned"
                          : "a quantity is 1 to " + std::to_string(kMaxScanQuantity));
    }
    if (Status s = refresh_day(now.date); !s) return refuse(ScanVerdict::ledger_unavailable, s.error().message);
    ScanContext context{settings_.scheme, catalog_, now.date, now.unix_ms, settings_.limits, today_};
    context.quantity = quantity;
    // Staff who enter a quantity have counted the identical containers: that is no double read.
    if (quantity > 1) context.limits.duplicate_window_ms = 0;
    ScanOutcome outcome = session_.evaluate(raw_scan, context);
    report.verdict = static_cast<ScanVerdict>(outcome.reason);
    report.scheme_reason = outcome.scheme_reason;
    report.gtin14 = outcome.gtin14;
    report.message = outcome.message;
    if (!report.gtin14.empty()) {
        if (Result<Gtin> gtin = parse_gtin(report.gtin14)) report.product = catalog_.find(*gtin);
    }
    if (!outcome.accepted()) {
        ++counters_.rejected;
        return report;
    }
    // Durable first: the item is committed (and fsync'ed) before anything says "accepted".
    const ReturnedItem& item = *outcome.item;
    NewItem input;
    if (session_id_ != 0) input.session_id = session_id_;
    input.currency = session_.currency();
    input.scheme_id = settings_.scheme.id;
    input.item = item;
    input.rule_id = item.rule_index >= 0 ? settings_.scheme.rules[static_cast<std::size_t>(item.rule_index)].id : std::string();
    input.date = now.date;
    // One durable item per container; a quantity is that many items, each committed before it counts.
    for (std::uint32_t i = 0; i < quantity; ++i) {
        if (session_id_ != 0) input.session_id = session_id_;
        Result<AppendedItem> appended = ledger_->append_item(input);
        if (!appended) {
            if (report.quantity > 0) break;  // the ones already committed stay in the session (report.quantity says how many)
            return refuse(ScanVerdict::ledger_unavailable, "the container was not taken: " + appended.error().message);
        }
        Result<Money> total = session_.add(item);
        // evaluate() already proved this cannot overflow; kept as a value, never a crash
        if (!total) return refuse(ScanVerdict::ledger_unavailable, total.error().message);
        session_id_ = appended->session_id;
        report.item = item;
        report.session_id = session_id_;
        report.position = appended->position;
        report.total = *total;
        ++report.quantity;
        ++counters_.accepted;
    }
    return report;
}

Delivery KioskBackend::deliver(const PayoutRecord& payout, bool reissued, bool reprint) {
    Delivery out;
    out.payout = payout;
    out.reissued = reissued;
    out.reprint = reprint;
    Result<ReceiptWords> words = load_receipt_words(default_assets_folder() + "/i18n", receipt_language_, settings_.scheme.country);
    if (!words) {
        out.render_error = words.error();
        return out;
    }
    ReceiptContext context{&*words, {}, reprint};
    if (Result<std::vector<DepositCount>> breakdown = ledger_->deposit_breakdown(payout.session_id)) context.breakdown = *breakdown;
    Result<std::vector<ReceiptBlock>> blocks = payout_receipt(payout, settings_, context);
    if (!blocks) {
        out.render_error = blocks.error();
        return out;
    }
    Result<RenderedReceipt> screen = render_receipt(*blocks, screen_profile());
    if (!screen) {
        out.render_error = screen.error();
        return out;
    }
    const std::string png = paths_.voucher_dir + "/" + compact_date(payout.created_date) + "-s" + padded(payout.session_id, 6) + "-" +
                            std::string(payout_kind_id(payout.kind)) + (reprint ? "-reprint" : "") + ".png";
    if (Status s = write_png(screen->raster, png); !s) {
        out.render_error = s.error();
        return out;
    }
    out.png_path = png;
    if (printer_) {
        Result<RenderedReceipt> paper = render_receipt(*blocks, printer_profile(settings_.printer_width_dots));
        if (paper) {
            printer_->submit(PrintJob{payout.id, payout.session_id, escpos_receipt(paper->raster)});
            out.print_queued = true;
        } else {
            out.print_error = paper.error();
        }
    }
    // Delivered once the receipt exists; a printer fault is reported, not retried on every start.
    if (reprint) return out;
    if (Status s = ledger_->mark_delivered(payout.id); !s) out.render_error = s.error();
    else out.payout.delivered = true;
    return out;
}

std::vector<Delivery> KioskBackend::redeliver(KioskTime now) {
    std::vector<Delivery> out;
    Result<std::vector<PayoutRecord>> pending = ledger_->undelivered_payouts();
    if (!pending) return out;
    for (const PayoutRecord& payout : *pending) {
        Result<int> attempts = ledger_->count_delivery_attempt(payout.id);
        if (attempts && *attempts > kMaxDeliveryAttempts) {
            // The payout stays valid and in the ledger; staff can reprint it. It is no longer tried on every start.
            (void)ledger_->give_up_delivery(payout.id, now.unix_ms, *attempts - 1);
            continue;
        }
        out.push_back(deliver(payout, true));
    }
    return out;
}

std::vector<PrintResult> KioskBackend::take_print_results(KioskTime now) {
    if (!printer_) return {};
    std::vector<PrintResult> results = printer_->take_results();
    for (const PrintResult& r : results) {
        printer_out_ = !r.status;  // the newest result says whether the printer prints
        if (r.status) continue;
        const nlohmann::json detail = {{"payout", r.payout_id}, {"session", r.session_id}, {"message", r.status.error().message}};
        (void)ledger_->record_event(now.unix_ms, "receipt_print_failed", detail.dump());
    }
    return results;
}

bool KioskBackend::wait_for_printer(std::chrono::milliseconds timeout) { return !printer_ || printer_->wait_idle(timeout); }

std::vector<PayoutKind> KioskBackend::payout_options() const {
    std::vector<PayoutKind> out;
    if (!printer_out_) out.push_back(PayoutKind::voucher);
    if (!printer_out_ || settings_.printer_out != PrinterOutPolicy::donation) out.push_back(PayoutKind::digital);
    if (settings_.charity) out.push_back(PayoutKind::donation);
    return out;
}

Result<Delivery> KioskBackend::finish(PayoutKind kind, KioskTime now, std::string_view pin) {
    if (!pending_.empty()) {
        return Error{"pending", std::to_string(pending_.size()) + " container(s) are still being checked: wait until they are in the bin"};
    }
    if (session_.empty() || session_id_ == 0) return Error{"session", "there is nothing to pay: no container has been accepted"};
    if (kind == PayoutKind::donation && !settings_.charity) {
        return Error{"donation", "donations are not offered at this machine (no charity is configured)"};
    }
    const std::vector<PayoutKind> options = payout_options();
    if (std::find(options.begin(), options.end(), kind) == options.end()) {
        // Never a voucher that exists only on screen: the credit stays in the session for another way to pay.
        return Error{"printer_out", "the printer cannot print now: the credit is kept; choose " +
                                        std::string(settings_.printer_out == PrinterOutPolicy::donation ? "a donation" : "digital credit or a donation")};
    }
    if (settings_.mode == MachineMode::counter && session_.total().minor > settings_.counter_pin_above_minor) {
        if (pin.empty()) return Error{"pin_required", "a session above " + std::to_string(settings_.counter_pin_above_minor) +
                                                          " minor units is paid out only with the staff PIN"};
        Result<PinCheck> checked = check_pin(pin, now, kPinSourceScreen);
        if (!checked) return checked.error();
        if (checked->verdict != PinVerdict::accepted) return Error{"pin", "the staff PIN was not accepted"};
    }
    PayoutRequest request;
    request.kind = kind;
    request.now_ms = now.unix_ms;
    request.date = now.date;
    if (kind == PayoutKind::donation) {
        request.charity = *settings_.charity;
    } else {
        request.expires = Date{now.date.days + settings_.voucher_expiry_days};
    }
    const KioskSettings& s = settings_;
    const CodeMaker make_codes = [&s, kind, now](std::int64_t seq, Money amount) -> Result<PayoutCodes> {
        const VoucherId id{s.store, s.machine, now.date, seq, amount};
        if (Status ok = check_voucher_id(id); !ok) return ok.error();
        PayoutCodes codes;
        if (kind == PayoutKind::voucher) {
            codes.code128 = code128_code(id, s.keys.current());
            codes.ean13 = ean13_code(id, s.ean13_prefix);
        } else {
            codes.qr = qr_code_text(id, s.keys.current());
        }
        return codes;
    };
    Result<PayoutRecord> paid = ledger_->pay(session_id_, request, make_codes);
    if (!paid) return paid.error();
    // The session is closed in the ledger; a fresh one starts with the next scan.
    session_ = ReturnSession(settings_.currency());
    session_id_ = 0;
    restored_.reset();
    day_.reset();
    ++counters_.payouts;
    counters_.last_activity_ms = now.unix_ms;
    last_payout_id_ = paid->id;
    // The voucher's language, recorded with it: a staff reprint prints it in the shopper's language, not the kiosk's.
    const nlohmann::json language = {{"payout", paid->id}, {"language", receipt_language_}};
    (void)ledger_->record_event(now.unix_ms, "payout_language", language.dump());
    return deliver(*paid, false);
}

Status KioskBackend::set_receipt_language(std::string_view language) {
    Result<ReceiptWords> words = load_receipt_words(default_assets_folder() + "/i18n", language, settings_.scheme.country);
    if (!words) return words.error();
    receipt_language_ = std::string(language);
    return ok_status();
}

Result<Delivery> KioskBackend::reprint(std::int64_t payout_id, KioskTime now, std::string_view by, std::string_view language) {
    if (by == "shopper" && (payout_id == 0 || payout_id != last_payout_id_)) {
        return Error{"reprint", "a shopper can reprint only the receipt just issued, before scanning again"};
    }
    Result<std::optional<PayoutRecord>> found = ledger_->payout(payout_id);
    if (!found) return found.error();
    if (!*found) return Error{"reprint", "there is no payout " + std::to_string(payout_id)};
    if ((*found)->status == PayoutStatus::redeemed) return Error{"reprint", "payout " + std::to_string(payout_id) + " was already redeemed"};
    // The language: staff's explicit choice, else (for staff) the one the voucher was issued in, else the current one.
    // A shopper reprinting their own receipt stands at the screen: the language they see now is the one they read.
    std::string chosen(language);
    if (chosen.empty() && by != "shopper") {
        if (Result<std::optional<std::string>> recorded = ledger_->last_event_detail("payout_language", "payout", payout_id); recorded && *recorded) {
            const nlohmann::json detail = nlohmann::json::parse(**recorded, nullptr, false);
            if (detail.is_object()) chosen = detail.value("language", "");
        }
    }
    const std::string previous = receipt_language_;
    if (!chosen.empty()) {
        if (Status s = set_receipt_language(chosen); !s) return s.error();
    }
    struct Restore {
        KioskBackend& backend;
        std::string language;
        ~Restore() { (void)backend.set_receipt_language(language); }
    } restore{*this, previous};
    // Recorded before anything is printed: every paper copy of a voucher is accounted for.
    const nlohmann::json detail = {{"payout", payout_id}, {"session", (*found)->session_id}, {"by", std::string(by.substr(0, 16))},
                                   {"language", receipt_language_}};
    if (Status s = ledger_->record_event(now.unix_ms, "receipt_reprinted", detail.dump()); !s) return s.error();
    return deliver(**found, false, true);
}

bool KioskBackend::idle_due(KioskTime now) const {
    return !session_.empty() && pending_.empty() &&
           now.unix_ms - counters_.last_activity_ms >= static_cast<std::int64_t>(settings_.idle_timeout_seconds) * 1000;
}

Result<std::optional<Delivery>> KioskBackend::finish_if_idle(KioskTime now) {
    if (!idle_due(now)) return std::optional<Delivery>();
    // A shopper who walks away still gets their money: the voucher is printed for them to find or for staff to keep.
    // With the printer out it cannot be: the credit becomes digital credit (its QR stays on the screen and in the
    // ledger for staff) or, where the store chose so, a donation; the notice says which.
    const std::vector<PayoutKind> options = payout_options();
    const PayoutKind kind = options.empty() ? PayoutKind::voucher : options.front();
    Result<Delivery> delivered = finish(kind, now);
    if (!delivered) return delivered.error();
    return std::optional<Delivery>(std::move(*delivered));
}

Status KioskBackend::cancel() {
    if (!session_.empty() || !pending_.empty()) {
        return Error{"session", "containers have been taken (" + std::to_string(session_.item_count()) +
                                    "): choose a voucher, a donation or digital credit"};
    }
    session_ = ReturnSession(settings_.currency());
    session_id_ = 0;
    return ok_status();
}

Result<PinCheck> KioskBackend::check_pin(std::string_view pin, KioskTime now, std::string_view source) {
    return check_admin_pin(*ledger_, settings_.admin_pin_hash, pin, now.unix_ms, source);
}

std::optional<HubConfigOutcome> KioskBackend::poll_hub_config(KioskTime now) {
    if (!hub_config_ || !session_.empty() || !pending_.empty()) return std::nullopt;  // between sessions only
    std::optional<HubConfigOffer> offer = hub_config_->take();
    if (!offer) return std::nullopt;
    Result<std::string> current_text = read_file(paths_.config, kMaxSettingsBytes);
    HubConfigMerge merged = current_text ? merge_hub_config(*current_text, offer->body, settings_.scheme.id)
                                         : HubConfigMerge{"", HubConfigOutcome{0, false, "write_failed", "settings", current_text.error().message}, false, ""};
    // The register is built and checked before anything is written; the open session kept the one it started with.
    std::optional<RegisterUpdate> register_update;
    if (!merged.refusal && !merged.register_part.empty()) {
        Result<RegisterUpdate> prepared = RegisterUpdate::prepare(paths_.catalog, register_overlay_path(paths_.ledger),
                                                                  nlohmann::json::parse(merged.register_part));
        if (prepared) register_update = std::move(prepared).value();
        else merged.refusal = HubConfigOutcome{0, false, prepared.error().path == "register" ? "write_failed" : "invalid_register",
                                               "settings." + prepared.error().path, prepared.error().message};
    }
    HubConfigOutcome outcome;
    if (merged.refusal) {
        outcome = *merged.refusal;
        ledger_->record_event(now.unix_ms, "settings_refused",
                              nlohmann::json{{"file", paths_.config}, {"hubConfigVersion", offer->version},
                                             {"errors", {{{"path", outcome.field}, {"message", outcome.message}}}}}
                                  .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));  // the hub's text may cut UTF-8
    } else if (Status written = register_update ? register_update->write() : ok_status(); !written) {
        outcome = HubConfigOutcome{0, false, "write_failed", "settings.register", written.error().message};
        ledger_->record_event(now.unix_ms, "settings_write_failed",
                              nlohmann::json{{"file", register_overlay_path(paths_.ledger)}, {"hubConfigVersion", offer->version},
                                             {"message", outcome.message}}.dump());
    } else if (!merged.touches_settings) {
        outcome.applied = true;  // a register-only version
    } else {
        const SettingsApply applied = replace_settings_file(*ledger_, settings_, paths_.config, merged.text, now, paths_.policy,
                                                            SettingsOrigin{offer->version});
        if (applied.applied && applied.settings) {
            adopt_settings(*applied.settings);
            outcome.applied = true;
        } else {
            if (register_update) register_update->undo();  // a version applies whole or not at all
            if (!applied.errors.empty()) {
                const Error& first = applied.errors.front();
                outcome.error = "invalid_settings";
                outcome.field = "settings" + (first.path.empty() ? std::string() : "." + first.path);
                outcome.message = first.message;
            }
        }
    }
    if (outcome.applied && register_update && register_update->changed()) {
        nlohmann::json detail = register_update->summary();
        detail["hubConfigVersion"] = offer->version;
        ledger_->record_event(now.unix_ms, "register_changed", detail.dump());
        catalog_ = register_update->take_register();
    }
    outcome.version = offer->version;
    hub_config_->finish(outcome);
    return outcome;
}

void KioskBackend::adopt_settings(const KioskSettings& settings) {
    settings_ = settings;
    printer_.reset();  // finishes the receipt in hand with the old printer
    if (settings_.printer.kind != PrinterTarget::Kind::none) printer_ = std::make_unique<PrintQueue>(settings_.printer, kPrinterTimeoutMs);
    session_ = ReturnSession(settings_.currency());
    day_.reset();
    (void)load_bin_counts();  // new bins: counted from the ledger again (an error keeps the old counts)
}

SettingsApply KioskBackend::apply_settings(std::string_view new_text, std::string_view pin, KioskTime now, std::string_view pin_source) {
    if (!session_.empty()) {
        SettingsApply refused;
        refused.errors.push_back(Error{"session", "a return session is open: finish it before changing the settings"});
        return refused;
    }
    SettingsApply applied = apply_settings_file(*ledger_, settings_, paths_.config, new_text, pin, now, pin_source, paths_.policy);
    if (applied.applied && applied.settings) adopt_settings(*applied.settings);
    return applied;
}

BackendStats KioskBackend::stats() const {
    BackendStats out = counters_;
    out.session_id = session_id_;
    out.items = session_.item_count();
    out.total = session_.total();
    out.today = today_;
    return out;
}

}  // namespace returnloop::kiosk
