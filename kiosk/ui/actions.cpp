// The kiosk's actions and timers (see actions.hpp).
#include "ui/actions.hpp"

#include <stb_image.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ui/admin_actions.hpp"
#include "ui/format.hpp"

namespace returnloop::kiosk::ui {
namespace {

using Json = nlohmann::json;

void emit(AppState& state, Json event) {
    event["atMs"] = state.now_ms;
    state.events.push_back(event.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace

void remember_display(AppState& state) {
    const ShopperDisplay display{std::string(language_id(state.shopper.language)), state.shopper.prefs.large_text,
                                 state.shopper.prefs.high_contrast};
    if (Status saved = state.backend().remember_display(display, state.now); !saved) {
        // Only a restart's comfort is lost: the shopper's credit is in the ledger already.
        emit(state, Json{{"event", "error"}, {"reason", "ledger"}, {"message", saved.error().message}});
    }
}

namespace {

// A bounded, printable echo of what was typed, for a line that names no product.
std::string printable(std::string_view raw) {
    std::string out;
    for (char c : raw) {
        if (out.size() >= 32) {
            out += "...";
            break;
        }
        if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F) out += c;
    }
    return out;
}

std::string gtin_digits(std::uint64_t key) {
    std::string digits = std::to_string(key);
    // A GTIN-13 or shorter is written without the GTIN-14 padding, as it is printed under the barcode.
    if (digits.size() < 8) digits.insert(0, 8 - digits.size(), '0');
    else if (digits.size() > 8 && digits.size() < 13) digits.insert(0, 13 - digits.size(), '0');
    return digits;
}

OwnedTexture load_texture(const Services& services, const std::string& png, std::string& error) {
    if (png.empty()) {
        error = "no receipt image was written";
        return {};
    }
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 4);
    if (!pixels) {
        error = std::string("cannot read ") + png + ": " + stbi_failure_reason();
        return {};
    }
    ImTextureID id = services.textures.upload ? services.textures.upload(width, height, pixels) : nullptr;
    stbi_image_free(pixels);
    if (!id) {
        error = "the receipt image could not be uploaded";
        return {};
    }
    return OwnedTexture(id, width, height, services.textures.release);
}

// Between shoppers: a configuration version from the hub applies now (the back end refuses while a session is open).
void apply_waiting_hub_config(AppState& state) {
    if (const std::optional<HubConfigOutcome> hub = state.backend().poll_hub_config(state.now)) {
        Json event = {{"event", "hub_config"}, {"version", hub->version}, {"applied", hub->applied}};
        if (!hub->applied) event["error"] = hub->error;
        emit(state, std::move(event));
    }
}

void record_payout(AppState& state, const Delivery& delivery, const ImpactSummary& impact) {
    emit(state, Json::parse(delivery_event(delivery)));
    add_session(state.totals, impact, delivery.payout.amount, delivery.payout.created_date);
    state.cues.push_back(Cue::done);
}

void choose_demo_products(AppState& state) {
    const KioskBackend& backend = state.backend();
    const Catalog& catalog = backend.catalog();
    // A spread of materials that pay, one registered container that does not (to show a refusal), one unknown code.
    std::vector<bool> material_used(kMaterialCount, false);
    std::vector<DemoProduct> paying;
    std::optional<DemoProduct> refused;
    for (std::size_t i = 0; i < catalog.size() && (paying.size() < 5 || !refused); ++i) {
        const ProductView product = catalog.at(i);
        const ProductRefund refund = product_refund(backend.settings().scheme, product, state.now.date);
        const auto material = static_cast<std::size_t>(product.container.material);
        if (refund.eligible && !material_used[material] && paying.size() < 5) {
            material_used[material] = true;
            paying.push_back(DemoProduct{gtin_digits(product.gtin_key), std::string(product.name)});
        } else if (!refund.eligible && !refused) {
            refused = DemoProduct{gtin_digits(product.gtin_key), std::string(product.name)};
        }
    }
    state.demo_products = std::move(paying);
    if (refused) state.demo_products.push_back(*refused);
    // A valid GTIN in the GS1 example prefix that the register does not list.
    const std::string body = "952000099999";
    state.demo_products.push_back(DemoProduct{body + std::to_string(gtin_check_digit(body)), ""});
}

}  // namespace

OwnedTexture& OwnedTexture::operator=(OwnedTexture&& other) noexcept {
    if (this != &other) {
        reset();
        id_ = other.id_;
        width_ = other.width_;
        height_ = other.height_;
        release_ = std::move(other.release_);
        other.id_ = nullptr;
    }
    return *this;
}

void OwnedTexture::reset() {
    if (id_ && release_) release_(id_);
    id_ = nullptr;
}

std::string_view screen_id(Screen screen) {
    switch (screen) {
        case Screen::attract: return "attract";
        case Screen::returning: return "returning";
        case Screen::finish: return "finish";
        case Screen::voucher: return "voucher";
        case Screen::admin: return "admin";
    }
    return "attract";
}

void emit_event(AppState& state, std::string_view kind, std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
    Json event{{"event", kind}};
    for (const auto& [key, value] : fields) event[std::string(key)] = value;
    emit(state, std::move(event));
}

std::string reason_key(const ScanReport& report) {
    if (report.verdict == ScanVerdict::no_deposit && report.scheme_reason != Reason::none) {
        return "reason.no_deposit." + std::string(reason_id(report.scheme_reason));
    }
    return "reason." + std::string(scan_verdict_id(report.verdict));
}

void start(AppState& state) {
    state.now = state.services.now();
    state.now_ms = state.now.unix_ms;
    state.last_touch_ms = state.now_ms;
    state.screen_since_ms = state.now_ms;
    KioskBackend& backend = state.backend();
    state.shopper.language = state.default_language;
    state.shopper.prefs = state.default_prefs;
    state.palette = palette_for(state.shopper.prefs);
    state.totals = backend.machine_totals(state.services.factors, state.now.date);
    if (state.demo) choose_demo_products(state);

    for (const Delivery& delivery : backend.redeliver(state.now)) emit(state, Json::parse(delivery_event(delivery)));

    if (const auto& restored = backend.restored(); restored && restored->items > 0) {
        // The power went mid-session: the shopper's containers are in the ledger; show them and let them finish.
        for (const ReturnedItem& item : backend.session().items()) {
            ReturnLine line;
            line.accepted = true;
            line.gtin14 = item.gtin14;
            line.amount = item.refund;
            const std::optional<ProductView> product = backend.catalog().find(item.gtin_key);
            line.name = product ? std::string(product->name) : item.gtin14;
            state.shopper.lines.push_back(std::move(line));
        }
        state.shopper.impact = backend.session_impact(state.services.factors);
        if (restored->display) {
            // As the shopper left it: their language and text size come back with their containers.
            if (const std::optional<Language> language = language_from_id(restored->display->language)) state.shopper.language = *language;
            set_display(state, DisplayPrefs{restored->display->high_contrast, restored->display->large_text});
        }
        emit(state, Json{{"event", "restored"}, {"session", restored->session_id}, {"items", restored->items}});
        go_to(state, Screen::returning);
        show_notice(state, state.tr("returning.restored"), false, 15'000);
    }
}

void begin_frame(AppState& state) {
    state.now = state.services.now();
    state.now_ms = state.now.unix_ms;
    state.audit.items.clear();
    state.audit.clashes.clear();
    state.audit.texts.clear();
    state.audit.cards.clear();
    set_text_sink(state.audit.record_text ? &state.audit.texts : nullptr);
    set_card_sink(state.audit.record_text ? &state.audit.cards : nullptr);
    state.scan_input.expire(state.now_ms);
    if (state.notice && state.now_ms >= state.notice->until_ms) state.notice.reset();
    KioskBackend& backend = state.backend();
    // The printer's worker reports when it is done; the voucher screen then says "take your voucher" or the fault.
    for (const PrintResult& printed : backend.take_print_results(state.now)) {
        Json event = {{"event", "printed"}, {"payout", printed.payout_id}, {"ok", printed.status.ok()}};
        if (!printed.status) event["printError"] = printed.status.error().message;
        emit(state, std::move(event));
        if (state.shopper.voucher && state.shopper.voucher->delivery.payout.id == printed.payout_id) {
            Delivery& shown = state.shopper.voucher->delivery;
            shown.print_queued = false;
            shown.printed = printed.status.ok();
            if (!printed.status) shown.print_error = printed.status.error();
        }
    }
    if (state.totals.day != state.now.date) {
        state.totals = backend.machine_totals(state.services.factors, state.now.date);
    }
    const std::int64_t touched = std::max(state.last_touch_ms, state.screen_since_ms);
    const std::int64_t idle = state.now_ms - touched;
    switch (state.screen) {
        case Screen::returning:
        case Screen::finish: {
            if (backend.session().empty()) {
                if (idle >= kEmptySessionIdleMs) back_to_attract(state);
                break;
            }
            const std::int64_t timeout = static_cast<std::int64_t>(backend.settings().idle_timeout_seconds) * 1000;
            if (idle < timeout || !backend.idle_due(state.now)) break;
            // The shopper walked away: pay them anyway (the voucher is printed for them or for staff), then reset.
            const ImpactSummary impact = state.shopper.impact;
            Result<std::optional<Delivery>> delivered = backend.finish_if_idle(state.now);
            if (!delivered) {
                show_notice(state, delivered.error().message, true);
                break;
            }
            if (*delivered) {
                record_payout(state, **delivered, impact);
                const PayoutRecord& payout = (*delivered)->payout;
                const std::string amount = amount_text(state, payout.amount);
                back_to_attract(state);
                // What really happened to the credit: printed, or (printer out) kept as digital credit or donated.
                const std::string notice = payout.kind == PayoutKind::voucher ? fill(state.tr("attract.idle_voucher"), {{"amount", amount}})
                                           : payout.kind == PayoutKind::digital
                                               ? fill(state.tr("attract.idle_digital"), {{"amount", amount}, {"seq", std::to_string(payout.voucher_seq)}})
                                               : fill(state.tr("attract.idle_donation"), {{"amount", amount}, {"charity", payout.charity}});
                show_notice(state, notice, false, 30'000);
            }
            break;
        }
        case Screen::voucher:
            if (idle >= kVoucherScreenMs) back_to_attract(state);
            apply_waiting_hub_config(state);  // the session is paid: the next shopper may scan on this very screen
            break;
        case Screen::admin:
            if (idle >= kAdminIdleMs) admin_leave(state);
            break;
        case Screen::attract:
            if (state.shopper.keypad_open && idle >= kEmptySessionIdleMs) close_keypad(state);
            apply_waiting_hub_config(state);
            break;
    }
}

void start_next_shopper(AppState& state) {
    const Language language = state.shopper.language;
    const DisplayPrefs prefs = state.shopper.prefs;
    state.shopper = ShopperState{};
    state.shopper.language = language;
    state.shopper.prefs = prefs;
}

void handle_scan(AppState& state, std::string_view raw, std::string_view source) {
    if (state.screen == Screen::admin) {
        // The machine is being serviced: its intake is closed, so nothing is taken and nothing is paid.
        state.cues.push_back(Cue::reject);
        show_notice(state, state.tr("reason.out_of_service"), true);
        emit(state, Json{{"event", "rejected"}, {"gtin", ""}, {"reason", "out_of_service"}, {"source", source}});
        return;
    }
    KioskBackend& backend = state.backend();
    if (state.screen == Screen::voucher) start_next_shopper(state);
    state.shopper.keypad_open = false;
    state.shopper.keypad_entry.clear();

    const auto [quantity, code] = split_quantity(raw);  // "6*CODE": staff at a counter counting a six-pack
    const ScanReport report = backend.scan(code, state.now, quantity);
    ReturnLine line;
    line.accepted = report.accepted();
    line.gtin14 = report.gtin14;
    line.name = report.product ? std::string(report.product->name) : (line.gtin14.empty() ? printable(raw) : line.gtin14);
    if (report.quantity > 1) line.name = std::to_string(report.quantity) + " × " + line.name;  // counter: one scan, N containers
    if (report.accepted()) {
        line.amount = report.item->refund;
        line.amount.minor *= report.quantity;  // the lines add up to the total
        state.shopper.impact = backend.session_impact(state.services.factors);
        state.cues.push_back(Cue::accept);
        // The first container opens the session: a language or text size chosen before it is kept with it now.
        if (report.position + 1 == static_cast<int>(report.quantity) && (state.shopper.language != state.default_language || !(state.shopper.prefs == state.default_prefs))) {
            remember_display(state);
        }
        emit(state, Json{{"event", "accepted"},
                         {"gtin", report.gtin14},
                         {"amountMinor", line.amount.minor},
                         {"totalMinor", report.total.minor},
                         {"currency", currency_code(report.total.currency)},
                         {"session", report.session_id},
                         {"items", report.position + 1},
                         {"source", source}});
    } else {
        line.reason_key = reason_key(report);
        line.no_deposit = report.verdict == ScanVerdict::no_deposit;
        state.cues.push_back(Cue::reject);
        emit(state, Json{{"event", "rejected"},
                         {"gtin", report.gtin14},
                         {"reason", scan_verdict_id(report.verdict)},
                         {"message", report.message},
                         {"source", source}});
    }
    state.shopper.lines.push_back(std::move(line));
    go_to(state, Screen::returning);
}

void handle_typed(AppState& state, const TypedCode& code) {
    if (state.screen == Screen::admin && !code.burst) {
        // A person typing on a keyboard at the admin screen: the PIN while locked; nothing else takes bare typing.
        if (!state.admin.unlocked) {
            state.admin.pin_entry.clear();
            for (char c : code.text) {
                if (c >= '0' && c <= '9' && state.admin.pin_entry.size() < 12) state.admin.pin_entry += c;
            }
            admin_submit_pin(state);
        }
        return;
    }
    handle_scan(state, code.text, code.burst ? "scanner" : "keyboard");
}

void finish_session(AppState& state, PayoutKind kind) {
    KioskBackend& backend = state.backend();
    const ImpactSummary impact = state.shopper.impact;
    (void)backend.set_receipt_language(language_id(state.shopper.language));  // the receipt speaks the shopper's language
    Result<Delivery> delivered = backend.finish(kind, state.now);
    if (!delivered) {
        const std::string& path = delivered.error().path;
        show_notice(state, path == "donation"      ? state.tr("finish.donate_unavailable")
                           : path == "session"     ? state.tr("finish.nothing")
                           : path == "printer_out" ? state.tr("notice.printer_out")
                                                   : delivered.error().message,
                    true);
        return;
    }
    record_payout(state, *delivered, impact);
    VoucherView view;
    view.delivery = std::move(*delivered);
    view.impact = impact;
    if (view.delivery.payout.kind != PayoutKind::donation) view.image = load_texture(state.services, view.delivery.png_path, view.image_error);
    state.shopper.voucher = std::move(view);
    go_to(state, Screen::voucher);
}

void reprint_voucher(AppState& state) {
    if (!state.shopper.voucher) return;
    KioskBackend& backend = state.backend();
    (void)backend.set_receipt_language(language_id(state.shopper.language));
    Result<Delivery> printed = backend.reprint(state.shopper.voucher->delivery.payout.id, state.now, "shopper");
    if (!printed) {
        show_notice(state, printed.error().message, true);
        return;
    }
    emit(state, Json{{"event", "reprinted"}, {"payout", printed->payout.id}, {"by", "shopper"}});
    show_notice(state, state.tr("voucher.reprinted"), false);
}

void cancel_session(AppState& state) {
    if (Status s = state.backend().cancel(); !s) {
        show_notice(state, state.tr("returning.cannot_cancel"), true);
        return;
    }
    emit(state, Json{{"event", "cancelled"}});
    back_to_attract(state);
}

void go_to(AppState& state, Screen screen) {
    if (screen != state.screen) {
        state.screen = screen;
        state.screen_since_ms = state.now_ms;
        emit(state, Json{{"event", "screen"}, {"screen", screen_id(screen)}, {"language", language_id(state.shopper.language)}});
    }
    if (screen != Screen::attract && screen != Screen::returning) state.shopper.keypad_open = false;
}

void back_to_attract(AppState& state) {
    const bool large_text = state.shopper.prefs.large_text;
    state.shopper = ShopperState{};
    state.shopper.language = state.default_language;
    state.shopper.prefs = state.default_prefs;
    state.palette = palette_for(state.shopper.prefs);
    if (state.shopper.prefs.large_text != large_text) state.fonts_dirty = true;
    state.scan_input.clear();
    go_to(state, Screen::attract);
}

void keep_alive(AppState& state) { state.last_touch_ms = state.now_ms; }

void set_language(AppState& state, Language language) {
    if (state.shopper.language == language) return;
    state.shopper.language = language;
    emit(state, Json{{"event", "language"}, {"language", language_id(language)}});
    remember_display(state);
}

void set_display(AppState& state, DisplayPrefs prefs) {
    if (prefs.large_text != state.shopper.prefs.large_text) state.fonts_dirty = true;
    state.shopper.prefs = prefs;
    state.palette = palette_for(prefs);
    emit(state, Json{{"event", "display"}, {"highContrast", prefs.high_contrast}, {"largeText", prefs.large_text}});
    remember_display(state);
}

void open_keypad(AppState& state) {
    state.shopper.keypad_open = true;
    state.shopper.keypad_entry.clear();
}

void close_keypad(AppState& state) {
    state.shopper.keypad_open = false;
    state.shopper.keypad_entry.clear();
}

void show_notice(AppState& state, std::string text, bool error, std::int64_t duration_ms) {
    state.notice = Notice{std::move(text), error, state.now_ms + duration_ms};
}

std::optional<int> idle_seconds_left(const AppState& state) {
    if (state.screen != Screen::returning && state.screen != Screen::finish) return std::nullopt;
    const KioskBackend& backend = state.backend();
    if (backend.session().empty()) return std::nullopt;
    const std::int64_t touched = std::max({state.last_touch_ms, state.screen_since_ms, backend.stats().last_activity_ms});
    const std::int64_t timeout = static_cast<std::int64_t>(backend.settings().idle_timeout_seconds) * 1000;
    const std::int64_t left = touched + timeout - state.now_ms;
    if (left > std::min(kIdleWarningMs, timeout / 2)) return std::nullopt;
    return static_cast<int>(std::max<std::int64_t>(0, (left + 999) / 1000));
}

std::int64_t next_wake_ms(const AppState& state) {
    const std::int64_t now = state.now_ms;
    std::int64_t wake = now + 60'000;  // at the latest once a minute: a new day's totals, a clock on screen
    auto due = [&](std::int64_t at) {
        // Something already due that did not happen (e.g. the ledger refused) is retried, not spun on.
        wake = std::min(wake, std::max(at, now + 250));
    };
    if (state.notice) due(state.notice->until_ms);
    if (state.shopper.voucher && state.shopper.voucher->delivery.print_queued) due(now + 250);  // look for the printer's answer
    if (std::int64_t at = state.scan_input.expires_at(); at != 0) due(at);
    const std::int64_t touched = std::max(state.last_touch_ms, state.screen_since_ms);
    const KioskBackend& backend = state.backend();
    switch (state.screen) {
        case Screen::returning:
        case Screen::finish: {
            if (backend.session().empty()) {
                due(touched + kEmptySessionIdleMs);
                break;
            }
            const std::int64_t since = std::max(touched, backend.stats().last_activity_ms);
            const std::int64_t timeout = static_cast<std::int64_t>(backend.settings().idle_timeout_seconds) * 1000;
            const std::int64_t deadline = since + timeout;
            const std::int64_t warning = std::min(kIdleWarningMs, timeout / 2);
            if (now < deadline - warning) due(deadline - warning);
            else due(std::min(deadline, now + 1000 - (deadline - now) % 1000));  // the countdown ticks each second
            break;
        }
        case Screen::voucher: due(touched + kVoucherScreenMs); break;
        case Screen::admin:
            due(touched + kAdminIdleMs);
            if (state.admin.locked_until_ms > now) due(std::min(state.admin.locked_until_ms, now + 1000));
            break;
        case Screen::attract:
            if (state.shopper.keypad_open) due(touched + kEmptySessionIdleMs);
            break;
    }
    return wake;
}

}  // namespace returnloop::kiosk::ui
