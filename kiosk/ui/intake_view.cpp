// The shopper's view of the intake (see intake_view.hpp).
#include "ui/intake_view.hpp"

#include <nlohmann/json.hpp>

#include "returnloop/gtin.hpp"
#include "ui/actions.hpp"
#include "ui/format.hpp"
#include "ui/i18n.hpp"

namespace returnloop::kiosk::ui {
namespace {

constexpr std::int64_t kServiceNoticeMs = 24LL * 3600 * 1000;  // shown until the machine is back in service

ReturnLine* line_of_item(AppState& state, const std::string& item) {
    for (ReturnLine& line : state.shopper.lines) {
        if (line.item == item) return &line;
    }
    return nullptr;
}

std::string product_name(const AppState& state, const std::string& gtin14, const std::string& fallback) {
    if (Result<Gtin> gtin = parse_gtin(gtin14)) {
        if (const std::optional<ProductView> product = state.backend().catalog().find(*gtin)) return std::string(product->name);
    }
    return gtin14.empty() ? fallback : gtin14;
}

void on_presented(AppState& state, const IntakeNotice& notice) {
    if (state.screen == Screen::voucher) start_next_shopper(state);  // a container after a voucher
    state.shopper.keypad_open = false;
    ReturnLine line;
    line.item = notice.item;
    line.gtin14 = notice.gtin14;
    line.name = product_name(state, notice.gtin14, state.tr("returning.unread"));
    line.checking = notice.accepted;
    if (notice.accepted) {
        line.amount = notice.amount;  // shown muted, with "checking…": it counts only once binned
    } else {
        line.reason_key = "reason." + notice.reason;
        state.cues.push_back(Cue::reject);
    }
    state.shopper.lines.push_back(std::move(line));
    keep_alive(state);
    if (state.screen != Screen::admin) go_to(state, Screen::returning);
}

void on_binned(AppState& state, const IntakeNotice& notice) {
    KioskBackend& backend = state.backend();
    ReturnLine* line = line_of_item(state, notice.item);
    if (!line) {  // binned after a restart or a lost link: the container was taken before this screen knew it
        state.shopper.lines.push_back(ReturnLine{});
        line = &state.shopper.lines.back();
        line->item = notice.item;
        line->gtin14 = notice.gtin14;
        line->name = product_name(state, notice.gtin14, notice.gtin14);
    }
    line->checking = false;
    line->accepted = true;
    line->amount = notice.amount;
    state.shopper.impact = backend.session_impact(state.services.factors);
    state.cues.push_back(Cue::accept);
    // The first paid container opens the session: a language or text size chosen before it is kept with it now.
    if (backend.session().item_count() == 1 &&
        (state.shopper.language != state.default_language || !(state.shopper.prefs == state.default_prefs))) {
        remember_display(state);
    }
}

void on_not_paid(AppState& state, const IntakeNotice& notice, const std::string& reason_key) {
    ReturnLine* line = line_of_item(state, notice.item);
    if (!line) return;
    line->checking = false;
    line->accepted = false;
    line->reason_key = reason_key;
    state.cues.push_back(Cue::reject);
}

}  // namespace

std::string service_key(const std::vector<std::string>& reasons) {
    // The most useful one for a shopper: a fault they can see (a jam) before a full bin, before the link to the board.
    for (const char* reason : {"jam", "door_open", "intake_blocked", "bin_full", "bins_full", "printer_out", "paper_out"}) {
        for (const std::string& r : reasons) {
            if (r == reason) return "service." + r;
        }
    }
    return "service.offline";
}

void on_intake_notice(AppState& state, const IntakeNotice& notice) {
    switch (notice.kind) {
        case IntakeNotice::Kind::presented: on_presented(state, notice); return;
        case IntakeNotice::Kind::binned: on_binned(state, notice); return;
        case IntakeNotice::Kind::returned:
            on_not_paid(state, notice, notice.reason == "pulled" ? "reason.returned_pulled" : "reason.returned");
            return;
        case IntakeNotice::Kind::unresolved: on_not_paid(state, notice, "reason.returned"); return;
        case IntakeNotice::Kind::fault:
            if (notice.reason == "paper_out") {
                // Told at once, in the shopper's words: what the printer being out means for their credit.
                const bool stops = state.backend().settings().printer_out == PrinterOutPolicy::out_of_service;
                if (notice.active) show_notice(state, state.tr(stops ? "service.printer_out" : "notice.printer_out"), true, kServiceNoticeMs);
                else if (state.notice) state.notice.reset();
            }
            return;
        case IntakeNotice::Kind::service: {
            state.service_reasons = notice.active ? notice.reasons : std::vector<std::string>{};
            if (!notice.active) {
                if (state.notice && state.notice->until_ms - state.now_ms > kServiceNoticeMs / 2) state.notice.reset();
                return;
            }
            // Mid-session the credit is kept and can still be paid out; the notice says so in the shopper's language.
            std::string text = state.tr(service_key(notice.reasons));
            const Money credit = state.backend().session().total();
            if (credit.minor > 0) text += " " + fill(state.tr("service.credit_kept"), {{"amount", amount_text(state, credit)}});
            else if (!state.backend().settings().return_elsewhere.empty()) {
                text += " " + fill(state.tr("service.elsewhere"), {{"place", state.backend().settings().return_elsewhere}});
            }
            show_notice(state, std::move(text), true, kServiceNoticeMs);
            return;
        }
    }
}

}  // namespace returnloop::kiosk::ui
