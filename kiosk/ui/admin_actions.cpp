// Retailer administration (see admin_actions.hpp). Settings changes go through KioskBackend::apply_settings, which
// checks the PIN again, validates the whole new file, records the change in the ledger and replaces the file
// atomically; this file only builds the new text and maps the errors back to the rows a retailer sees.
#include "ui/admin_actions.hpp"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "backend/admin.hpp"
#include "backend/escpos.hpp"
#include "backend/export_csv.hpp"
#include "backend/files.hpp"
#include "backend/printer.hpp"
#include "backend/receipt.hpp"
#include "backend/symbols.hpp"
#include "ui/actions.hpp"
#include "ui/format.hpp"

namespace returnloop::kiosk::ui {
namespace {

using Json = nlohmann::ordered_json;  // keeps the retailer's field order when the file is rewritten

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

// "overrides[3].depositMinor" -> 3; "scheme.rules[12].refundMinor" with prefix "scheme.rules[" -> 12.
std::optional<std::size_t> index_after(std::string_view path, std::string_view prefix) {
    if (path.substr(0, prefix.size()) != prefix) return std::nullopt;
    std::size_t value = 0, i = prefix.size();
    if (i >= path.size() || path[i] < '0' || path[i] > '9') return std::nullopt;
    while (i < path.size() && path[i] >= '0' && path[i] <= '9' && value < 1'000'000) value = value * 10 + static_cast<std::size_t>(path[i++] - '0');
    if (i >= path.size() || path[i] != ']') return std::nullopt;
    return value;
}

std::optional<Json> settings_json(AppState& state, std::string& error) {
    Result<std::string> text = read_file(state.services.config_path, kMaxSettingsBytes);
    if (!text) {
        error = text.error().message;
        return std::nullopt;
    }
    Json root = Json::parse(text->begin(), text->end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        error = state.services.config_path + ": not a JSON object";
        return std::nullopt;
    }
    return root;
}

void pin_refused(AppState& state, const PinCheck& pin) {
    if (pin.verdict == PinVerdict::locked_out) state.admin.locked_until_ms = state.now_ms + pin.retry_after_ms;
    // The PIN that unlocked the screen no longer works (it was changed, or locked out elsewhere): lock again.
    state.admin.unlocked = false;
    state.admin.pin.clear();
    state.admin.message = state.tr("admin.pin_changed");
    state.admin.message_error = true;
}

std::string joined(const std::vector<Error>& errors) {
    std::string out;
    for (const Error& e : errors) {
        if (!out.empty()) out += "\n";
        out += (e.path.empty() ? "" : e.path + ": ") + e.message;
    }
    return out;
}

void applied(AppState& state, const SettingsApply& result) {
    std::string changed;
    for (const std::string& field : result.changed) changed += (changed.empty() ? "" : ", ") + field;
    state.admin.message = fill(state.tr("admin.applied"), {{"fields", changed}});
    state.admin.message_error = false;
    admin_load_rates(state);
}

}  // namespace

std::optional<Language> load_default_language(const std::string& path) {
    if (path.empty()) return std::nullopt;
    Result<std::string> text = read_file(path, 64 * 1024);
    if (!text) return std::nullopt;
    const Json root = Json::parse(text->begin(), text->end(), nullptr, false);
    if (!root.is_object() || !root.contains("defaultLanguage") || !root["defaultLanguage"].is_string()) return std::nullopt;
    return language_from_id(root["defaultLanguage"].get<std::string>());
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
    for (const Rule& rule : settings.scheme.rules) {
        RateRow row;
        row.deposit = minor_decimal(rule.deposit_minor, settings.currency());
        row.refund = minor_decimal(rule.refund_minor, settings.currency());
        row.fee = micros_decimal(rule.handling_fee.micros);
        state.admin.rates.push_back(std::move(row));
    }
}

void admin_apply_rates(AppState& state) {
    AdminView& admin = state.admin;
    const KioskSettings& settings = state.backend().settings();
    const std::vector<Rule>& rules = settings.scheme.rules;
    admin.rates_error.clear();
    admin.message.clear();
    if (admin.rates.size() != rules.size()) admin_load_rates(state);
    std::string error;
    std::optional<Json> root = settings_json(state, error);
    if (!root) {
        admin.rates_error = error;
        return;
    }
    Json overrides = root->contains("overrides") && (*root)["overrides"].is_array() ? (*root)["overrides"] : Json::array();
    auto entry_for = [&overrides](const std::string& rule_id) -> Json& {
        for (Json& entry : overrides) {
            if (entry.is_object() && entry.value("rule", "") == rule_id) return entry;
        }
        overrides.push_back(Json{{"rule", rule_id}});
        return overrides.back();
    };
    bool typed_errors = false;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        RateRow& row = admin.rates[i];
        row.error.clear();
        Result<Money> deposit = parse_money(trimmed(row.deposit), settings.currency());
        Result<Money> refund = parse_money(trimmed(row.refund), settings.currency());
        if (!deposit) row.error = state.tr("admin.rates.deposit") + ": " + deposit.error().message;
        else if (!refund) row.error = state.tr("admin.rates.refund") + ": " + refund.error().message;
        if (!row.error.empty()) {
            typed_errors = true;
            continue;
        }
        const std::string fee = trimmed(row.fee).empty() ? "0" : trimmed(row.fee);
        const bool fee_changed = fee != micros_decimal(rules[i].handling_fee.micros);
        if (deposit->minor == rules[i].deposit_minor && refund->minor == rules[i].refund_minor && !fee_changed) continue;
        Json& entry = entry_for(rules[i].id);
        if (deposit->minor != rules[i].deposit_minor) entry["depositMinor"] = deposit->minor;
        if (refund->minor != rules[i].refund_minor) entry["refundMinor"] = refund->minor;
        if (fee_changed) entry["handlingFee"] = fee;
    }
    if (typed_errors) {
        admin.rates_error = state.tr("admin.rates.fix_rows");
        return;
    }
    (*root)["overrides"] = overrides;
    const SettingsApply result = state.backend().apply_settings(root->dump(2) + "\n", admin.pin, state.now);
    if (result.pin && result.pin->verdict != PinVerdict::accepted) {
        pin_refused(state, *result.pin);
        return;
    }
    if (result.applied) {
        applied(state, result);
        return;
    }
    // Put each error where it belongs: the row of the rule it names.
    auto row_of_rule = [&rules](const std::string& id) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (rules[i].id == id) return i;
        }
        return std::nullopt;
    };
    for (const Error& e : result.errors) {
        std::optional<std::size_t> row;
        if (auto k = index_after(e.path, "overrides["); k && *k < overrides.size() && overrides[*k].is_object()) {
            row = row_of_rule(overrides[*k].value("rule", ""));
        } else if (auto r = index_after(e.path, "scheme.rules["); r && *r < rules.size()) {
            row = *r;
        }
        if (row) {
            std::string& target = admin.rates[*row].error;
            target += (target.empty() ? "" : "; ") + e.message;
        } else {
            admin.rates_error += (admin.rates_error.empty() ? "" : "\n") + (e.path.empty() ? "" : e.path + ": ") + e.message;
        }
    }
    if (admin.rates_error.empty()) admin.rates_error = state.tr("admin.rates.refused");
}

void admin_load_schemes(AppState& state) {
    AdminView& admin = state.admin;
    admin.schemes.clear();
    admin.scheme_selected = -1;
    const KioskSettings& settings = state.backend().settings();
    if (settings.scheme_source == "embedded" || settings.scheme_source.empty()) return;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder = fs::path(settings.scheme_source).parent_path();
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder.empty() ? fs::path(".") : folder, ec)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        Result<std::string> text = read_file(file.string(), 4 << 20);
        if (!text) continue;
        SchemeParse parsed = parse_scheme(*text);
        if (!parsed.scheme) continue;  // a file that is not a valid scheme is not offered
        admin.schemes.push_back(SchemeChoice{file.string(), parsed.scheme->id, parsed.scheme->name, parsed.scheme->name_zh, parsed.scheme->currency});
        if (parsed.scheme->id == settings.scheme.id) admin.scheme_selected = static_cast<int>(admin.schemes.size()) - 1;
    }
}

void admin_apply_scheme(AppState& state) {
    AdminView& admin = state.admin;
    if (admin.scheme_selected < 0 || admin.scheme_selected >= static_cast<int>(admin.schemes.size())) return;
    const SchemeChoice& choice = admin.schemes[static_cast<std::size_t>(admin.scheme_selected)];
    std::string error;
    std::optional<Json> root = settings_json(state, error);
    if (!root) {
        admin.message = error;
        admin.message_error = true;
        return;
    }
    (*root)["scheme"] = choice.path;
    (*root)["currency"] = std::string(currency_code(choice.currency));
    root->erase("overrides");  // overrides name the old scheme's rules
    const SettingsApply result = state.backend().apply_settings(root->dump(2) + "\n", admin.pin, state.now);
    if (result.pin && result.pin->verdict != PinVerdict::accepted) {
        pin_refused(state, *result.pin);
        return;
    }
    if (result.applied) {
        applied(state, result);
        return;
    }
    admin.message = state.tr("admin.scheme.refused") + "\n" + joined(result.errors);
    admin.message_error = true;
}

void admin_export(AppState& state) {
    AdminView& admin = state.admin;
    const Date to = state.now.date;
    const int back = admin.export_range == 0 ? 0 : admin.export_range == 1 ? 6 : admin.export_range == 2 ? 29 : -1;
    const Date from = back >= 0 ? Date{to.days - back} : date_from_ymd(2000, 1, 1);
    Result<ExportFiles> files = export_csv(state.backend().ledger(), from, to, &state.backend().catalog());
    if (!files) {
        admin.message = files.error().message;
        admin.message_error = true;
        return;
    }
    namespace fs = std::filesystem;
    const std::string folder = parent_folder(state.services.ledger_path) + "/exports/" + format_date(from) + "_" + format_date(to);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        admin.message = folder + ": " + ec.message();
        admin.message_error = true;
        return;
    }
    if (Status s = write_export(*files, folder); !s) {
        admin.message = s.error().message;
        admin.message_error = true;
        return;
    }
    admin.message = fill(state.tr("admin.export.done"), {{"sessions", std::to_string(files->sessions)},
                                                          {"items", std::to_string(files->items)},
                                                          {"vouchers", std::to_string(files->vouchers)},
                                                          {"folder", folder}});
    admin.message_error = false;
}

void admin_save_language(AppState& state, Language language) {
    AdminView& admin = state.admin;
    const nlohmann::json prefs{{"defaultLanguage", language_id(language)}};
    if (Status s = write_file_atomic(state.services.preferences_path, prefs.dump(2) + "\n"); !s) {
        admin.message = s.error().message;
        admin.message_error = true;
        return;
    }
    // Recorded like every other change a retailer makes at the machine.
    (void)state.backend().ledger().record_event(state.now_ms, "ui_default_language", prefs.dump());
    state.default_language = language;
    admin.message = fill(state.tr("admin.language.saved"), {{"language", language_native_name(language)}});
    admin.message_error = false;
}

void admin_test_print(AppState& state) {
    AdminView& admin = state.admin;
    const KioskSettings& settings = state.backend().settings();
    const std::string when = format_date(state.now.date);
    Result<ModuleMatrix> symbol = encode_code128("RL-TEST-" + when);
    std::vector<ReceiptBlock> blocks{ReceiptText{"ReturnLoop", true},
                                     ReceiptText{"TEST PRINT", true},
                                     ReceiptText{"Store " + std::to_string(settings.store) + ", machine " + std::to_string(settings.machine), false},
                                     ReceiptText{when, false},
                                     ReceiptText{"Printer: " + describe(settings.printer), false},
                                     ReceiptGap{16}};
    if (symbol) blocks.push_back(ReceiptSymbol{*symbol, "RL-TEST-" + when});
    if (settings.printer.kind == PrinterTarget::Kind::none) {
        Result<RenderedReceipt> screen = render_receipt(blocks, screen_profile());
        const std::string png = state.services.voucher_dir + "/test-print.png";
        Status written = screen ? write_png(screen->raster, png) : Status(screen.error());
        admin.message = written ? fill(state.tr("admin.printer.saved"), {{"file", png}}) : written.error().message;
        admin.message_error = !written;
        return;
    }
    Result<RenderedReceipt> paper = render_receipt(blocks, printer_profile(settings.printer_width_dots));
    Status sent = paper ? send_to_printer(settings.printer, escpos_receipt(paper->raster)) : Status(paper.error());
    admin.message = sent ? state.tr("admin.printer.sent") : fill(state.tr("admin.printer.failed"), {{"error", sent.error().message}});
    admin.message_error = !sent;
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
    Result<LedgerCheck> check = state.backend().ledger().verify();
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
