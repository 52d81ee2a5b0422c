// Retailer administration (see admin_actions.hpp). Every change goes through a typed KioskBackend call, which checks
// the PIN again, validates the whole new settings, records the change in the ledger and replaces the file atomically;
// this file only parses what was typed and puts each error on the row of the rule it concerns.
#include "ui/admin_actions.hpp"

#include <algorithm>

#include "ui/actions.hpp"
#include "ui/admin_words.hpp"
#include "ui/format.hpp"

namespace returnloop::kiosk::ui {
namespace {

void pin_refused(AppState& state, const PinCheck& pin) {
    if (pin.verdict == PinVerdict::locked_out) state.admin.locked_until_ms = state.now_ms + pin.retry_after_ms;
    // The PIN that unlocked the screen no longer works (it was changed, or locked out elsewhere): lock again.
    state.admin.unlocked = false;
    state.admin.pin.clear();
    state.admin.message = state.tr("admin.pin_changed");
    state.admin.message_error = true;
}

std::string joined(const AppState& state, const std::vector<RuleError>& errors) {
    std::string out;
    for (const RuleError& e : errors) out += (out.empty() ? "" : "\n") + rule_error_text(state, e.rule, e.error);
    return out;
}

void applied(AppState& state, std::string message) {
    state.admin.message = std::move(message);
    state.admin.message_error = false;
    admin_load_rates(state);
}

}  // namespace

std::optional<Language> load_default_language(const KioskBackend& backend) {
    const std::optional<std::string> id = backend.saved_default_language();
    return id ? language_from_id(*id) : std::nullopt;
}

void admin_open(AppState& state) {
    state.admin = AdminView{};
    close_keypad(state);
    go_to(state, Screen::admin);
}

void admin_submit_pin(AppState& state) {
    AdminView& admin = state.admin;
    if (admin.locked_until_ms > state.now_ms) {
        admin.pin_entry.clear();
        return;
    }
    Result<PinCheck> check = state.backend().check_pin(admin.pin_entry, state.now, kPinSourceScreen);
    const std::string entry = std::move(admin.pin_entry);
    admin.pin_entry.clear();
    if (!check) {
        admin.message = check.error().message;
        admin.message_error = true;
        return;
    }
    switch (check->verdict) {
        case PinVerdict::accepted:
            emit_event(state, "admin", {{"state", "unlocked"}});
            admin.unlocked = true;
            admin.pin = entry;
            admin.message.clear();
            admin.tab = AdminTab::rates;
            admin_load_rates(state);
            break;
        case PinVerdict::wrong_pin: {
            if (check->retry_after_ms > 0) {
                // This attempt started the lockout: the screen says so now, not on the next try.
                emit_event(state, "admin", {{"state", "locked_out"}});
                admin.locked_until_ms = state.now_ms + check->retry_after_ms;
                admin.message.clear();
                break;
            }
            emit_event(state, "admin", {{"state", "wrong_pin"}});
            const int left = std::max(0, kFreePinAttempts - check->failures);
            admin.message = fill(state.tr("admin.wrong_pin"), {{"n", std::to_string(left)}});
            admin.message_error = true;
            break;
        }
        case PinVerdict::locked_out:
            emit_event(state, "admin", {{"state", "locked_out"}});
            admin.locked_until_ms = state.now_ms + check->retry_after_ms;
            admin.message.clear();
            break;
    }
}

void admin_leave(AppState& state) {
    if (state.admin.unlocked) emit_event(state, "admin", {{"state", "back_to_service"}});
    state.admin = AdminView{};
    back_to_attract(state);
}

void admin_load_rates(AppState& state) {
    const KioskSettings& settings = state.backend().settings();
    state.admin.rates.clear();
    state.admin.rates_error.clear();
    state.admin.rate_keypad.reset();
    state.admin.rule_status = state.backend().rule_status(state.now.date);
    for (const Rule& rule : settings.scheme.rules) {
        RateRow row;
        row.deposit = typed_amount(state, minor_decimal(rule.deposit_minor, settings.currency()));
        row.refund = typed_amount(state, minor_decimal(rule.refund_minor, settings.currency()));
        row.fee = typed_amount(state, fee_decimal(rule.handling_fee.micros));
        state.admin.rates.push_back(std::move(row));
    }
}

void admin_apply_rates(AppState& state) {
    AdminView& admin = state.admin;
    const KioskSettings& settings = state.backend().settings();
    const std::vector<Rule>& rules = settings.scheme.rules;
    admin.rates_error.clear();
    admin.message.clear();
    admin.rate_keypad.reset();
    if (admin.rates.size() != rules.size() || admin.rule_status.size() != rules.size()) admin_load_rates(state);
    std::vector<RateEdit> edits;
    bool typed_errors = false;
    std::size_t changed = 0;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        RateRow& row = admin.rates[i];
        row.error.clear();
        if (admin.rule_status[i].expired) continue;  // history is read only
        const std::string rule = fill(state.tr("admin.rates.rule_n"), {{"n", std::to_string(i + 1)}});
        auto typing_error = [&](const char* field, const std::string& sentence) {
            row.error = fill(state.tr("error.place"), {{"place", rule + " · " + state.tr(field)}, {"message", sentence}});
            typed_errors = true;
        };
        Result<Money> deposit = parse_typed_amount(state, row.deposit, settings.currency());
        Result<Money> refund = parse_typed_amount(state, row.refund, settings.currency());
        const std::optional<std::string> fee = parse_typed_fee(state, row.fee);
        if (!deposit) typing_error("admin.rates.deposit", deposit.error().message);
        else if (!refund) typing_error("admin.rates.refund", refund.error().message);
        else if (!fee) typing_error("admin.rates.fee", fill(state.tr("admin.rates.not_amount"), {{"text", row.fee}, {"example", typed_amount(state, "0.0159")}}));
        if (!row.error.empty()) continue;
        if (deposit->minor != rules[i].deposit_minor || refund->minor != rules[i].refund_minor || *fee != fee_decimal(rules[i].handling_fee.micros)) ++changed;
        edits.push_back(RateEdit{rules[i].id, *deposit, *refund, *fee});
    }
    if (typed_errors) {
        admin.rates_error = state.tr("admin.rates.fix_rows");
        return;
    }
    const AdminChange result = state.backend().apply_rate_overrides(edits, admin.pin, state.now);
    if (result.pin_refused) {
        pin_refused(state, *result.pin_refused);
        return;
    }
    if (result.applied) {
        applied(state, fill(state.tr("admin.rates.changed"), {{"n", std::to_string(changed)}}));
        return;
    }
    for (const RuleError& e : result.errors) {
        if (e.rule >= 0 && static_cast<std::size_t>(e.rule) < admin.rates.size()) {
            std::string& target = admin.rates[static_cast<std::size_t>(e.rule)].error;
            target += (target.empty() ? "" : "\n") + rule_error_text(state, e.rule, e.error);
        } else {
            admin.rates_error += (admin.rates_error.empty() ? "" : "\n") + rule_error_text(state, -1, e.error);
        }
    }
    if (admin.rates_error.empty()) admin.rates_error = state.tr("admin.rates.refused");
}

void admin_load_schemes(AppState& state) {
    AdminView& admin = state.admin;
    admin.schemes = state.backend().available_schemes();
    admin.scheme_selected = -1;
    for (std::size_t i = 0; i < admin.schemes.size(); ++i) {
        if (admin.schemes[i].id == state.backend().settings().scheme.id) admin.scheme_selected = static_cast<int>(i);
    }
}

void admin_ask_scheme(AppState& state) {
    AdminView& admin = state.admin;
    admin.scheme_confirm.reset();
    if (admin.scheme_selected < 0 || admin.scheme_selected >= static_cast<int>(admin.schemes.size())) return;
    Result<SchemeSwitchPreview> preview = state.backend().preview_scheme_switch(admin.schemes[static_cast<std::size_t>(admin.scheme_selected)].path);
    if (!preview) {
        admin.message = state.tr("admin.scheme.refused") + "\n" + rule_error_text(state, -1, preview.error());
        admin.message_error = true;
        return;
    }
    admin.message.clear();
    admin.scheme_confirm = std::move(preview).value();
}

void admin_apply_scheme(AppState& state) {
    AdminView& admin = state.admin;
    if (!admin.scheme_confirm) return;
    const SchemeSwitchPreview preview = std::move(*admin.scheme_confirm);
    admin.scheme_confirm.reset();
    const AdminChange result = state.backend().switch_scheme(preview.to.path, admin.pin, state.now);
    if (result.pin_refused) {
        pin_refused(state, *result.pin_refused);
        return;
    }
    if (result.applied) {
        applied(state, fill(state.tr("admin.scheme.switched"), {{"to", preview.to.name},
                                                                 {"currency", std::string(currency_code(preview.to.currency))},
                                                                 {"from", preview.from.name},
                                                                 {"set_aside", std::to_string(preview.overrides_set_aside)},
                                                                 {"restored", std::to_string(preview.overrides_restored)}}));
        admin_load_schemes(state);
        return;
    }
    admin.message = state.tr("admin.scheme.refused") + "\n" + joined(state, result.errors);
    admin.message_error = true;
}

void admin_load_report(AppState& state) {
    AdminView& admin = state.admin;
    Result<DailyReport> report = state.backend().daily_report(state.now.date);
    if (!report) {
        admin.report.reset();
        admin.report_lines = {fill(state.tr("admin.report.failed"), {{"error", report.error().message}})};
        return;
    }
    admin.report_lines = daily_report_lines(state, *report);
    admin.report = std::move(report).value();
}

void admin_print_report(AppState& state) {
    AdminView& admin = state.admin;
    admin_load_report(state);
    Result<TestPrintResult> printed = state.backend().print_lines(admin.report_lines, "daily-report-" + format_date(state.now.date));
    if (!printed) admin.message = fill(state.tr("admin.printer.failed"), {{"error", printed.error().message}});
    else if (printed->sent_to_printer) admin.message = state.tr("admin.report.printed");
    else admin.message = fill(state.tr("admin.report.saved"), {{"file", printed->png}});
    admin.message_error = !printed;
}

void admin_export(AppState& state) {
    AdminView& admin = state.admin;
    const Date to = state.now.date;
    const int back = admin.export_range == 0 ? 0 : admin.export_range == 1 ? 6 : admin.export_range == 2 ? 29 : -1;
    const Date from = back >= 0 ? Date{to.days - back} : date_from_ymd(2000, 1, 1);
    Result<ExportSummary> files = state.backend().export_range(from, to);
    if (!files) {
        admin.message = (files.error().path.empty() ? "" : files.error().path + ": ") + files.error().message;
        admin.message_error = true;
        return;
    }
    admin.message = fill(state.tr("admin.export.done"), {{"sessions", std::to_string(files->sessions)},
                                                          {"items", std::to_string(files->items)},
                                                          {"vouchers", std::to_string(files->vouchers)},
                                                          {"folder", files->folder}});
    admin.message_error = false;
}

void admin_save_language(AppState& state, Language language) {
    AdminView& admin = state.admin;
    if (Status s = state.backend().save_default_language(language_id(language), state.now); !s) {
        admin.message = s.error().message;
        admin.message_error = true;
        return;
    }
    state.default_language = language;
    admin.message = fill(state.tr("admin.language.saved"), {{"language", language_native_name(language)}});
    admin.message_error = false;
}

void admin_test_print(AppState& state) {
    AdminView& admin = state.admin;
    Result<TestPrintResult> printed = state.backend().test_print(state.now);
    if (!printed) admin.message = fill(state.tr("admin.printer.failed"), {{"error", printed.error().message}});
    else if (printed->sent_to_printer) admin.message = state.tr("admin.printer.sent");
    else admin.message = fill(state.tr("admin.printer.saved"), {{"file", printed->png}});
    admin.message_error = !printed;
}

void admin_reprint(AppState& state, std::int64_t payout_id, std::int64_t voucher_seq) {
    AdminView& admin = state.admin;
    KioskBackend& backend = state.backend();
    Result<Delivery> printed = backend.reprint(payout_id, state.now, "staff");  // in the voucher's own language
    std::optional<Error> failed = printed ? printed->render_error : std::optional<Error>(printed.error());
    if (printed && !failed && printed->print_error) failed = printed->print_error;
    admin.message = failed ? fill(state.tr("admin.printer.reprint_failed"), {{"error", failed->message}})
                           : fill(state.tr("admin.printer.reprinted"), {{"number", std::to_string(voucher_seq % 100000)}});
    admin.message_error = failed.has_value();
}

void admin_verify_ledger(AppState& state) {
    Result<LedgerCheck> check = state.backend().verify_ledger();
    if (!check) {
        state.admin.verify_result = check.error().message;
        return;
    }
    if (check->problems.empty()) {
        state.admin.verify_result = fill(state.tr("admin.stats.verify_ok"),
                                         {{"items", std::to_string(check->items)}, {"payouts", std::to_string(check->payouts)}});
    } else {
        state.admin.verify_result = fill(state.tr("admin.stats.verify_bad"), {{"n", std::to_string(check->problems.size())}}) + "\n" +
                                    check->problems.front();
    }
}

}  // namespace returnloop::kiosk::ui
