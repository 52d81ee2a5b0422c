// The admin screen's calls on KioskBackend (admin_calls.hpp): rate edits and scheme switches become a new settings
// file here (the window never touches the file's format), go through the same PIN-checked, validated, recorded and
// atomic replacement as `apply-settings`, and come back with each error keyed by the rule it concerns. Also the
// export, the test print, the ledger check and the window's saved default language.
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "backend/backend.hpp"
#include "backend/escpos.hpp"
#include "backend/export_csv.hpp"
#include "common/files.hpp"
#include "backend/printer.hpp"
#include "backend/receipt.hpp"
#include "backend/symbols.hpp"

namespace returnloop::kiosk {
namespace {

using Json = nlohmann::ordered_json;  // keeps the retailer's field order when the file is rewritten

Result<Json> settings_json(const std::string& path) {
    Result<std::string> text = read_file(path, kMaxSettingsBytes);
    if (!text) return text.error();
    Json root = Json::parse(text->begin(), text->end(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) return Error{path, "not a JSON object"};
    return root;
}

// Where the window keeps its own preferences: beside the ledger, the machine's writable state folder.
std::string preferences_path(const std::string& ledger) { return parent_folder(ledger) + "/kiosk-ui.json"; }

// Staff pages (test print, daily report): to the receipt printer, or as a PNG at png_path when there is none. Sent
// directly, not through the print queue: staff is standing at the machine waiting for the page.
Result<TestPrintResult> print_blocks(const KioskSettings& settings, const std::vector<ReceiptBlock>& blocks, const std::string& png_path) {
    TestPrintResult out;
    if (settings.printer.kind == PrinterTarget::Kind::none) {
        Result<RenderedReceipt> screen = render_receipt(blocks, screen_profile());
        if (!screen) return screen.error();
        out.png = png_path;
        if (Status written = write_png(screen->raster, out.png); !written) return written.error();
        return out;
    }
    Result<RenderedReceipt> paper = render_receipt(blocks, printer_profile(settings.printer_width_dots));
    if (!paper) return paper.error();
    if (Status sent = send_to_printer(settings.printer, escpos_receipt(paper->raster)); !sent) return sent.error();
    out.sent_to_printer = true;
    return out;
}

}  // namespace

std::string fee_decimal(std::int64_t micros) {
    const bool negative = micros < 0;
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
    std::string whole = std::to_string(magnitude / 1'000'000);
    std::string fraction = std::to_string(magnitude % 1'000'000);
    fraction.insert(0, 6 - fraction.size(), '0');
    while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();  // keep cents, drop trailing zeros
    const std::string text = whole + "." + fraction;
    return negative ? "-" + text : text;
}


AdminChange KioskBackend::change_settings(const std::string& new_text, std::string_view pin, KioskTime now,
                                          const std::function<int(const Error&)>& rule_of) {
    AdminChange out;
    const SettingsApply result = apply_settings(new_text, pin, now);
    if (result.pin && result.pin->verdict != PinVerdict::accepted) {
        out.pin_refused = result.pin;
        return out;
    }
    out.applied = result.applied;
    out.changed = result.changed;
    for (const Error& e : result.errors) out.errors.push_back(RuleError{rule_of(e), e});
    return out;
}

AdminChange KioskBackend::apply_rate_overrides(const std::vector<RateEdit>& rows, std::string_view pin, KioskTime now) {
    Result<Json> loaded = settings_json(paths_.config);
    if (!loaded) return AdminChange{false, std::nullopt, {RuleError{-1, loaded.error()}}, {}};
    Json root = std::move(loaded).value();
    const std::vector<Rule>& rules = settings_.scheme.rules;
    Json overrides = root.contains("overrides") && root["overrides"].is_array() ? root["overrides"] : Json::array();
    auto entry_for = [&overrides](const std::string& rule_id) -> Json& {
        for (Json& entry : overrides) {
            if (entry.is_object() && entry.value("rule", "") == rule_id) return entry;
        }
        overrides.push_back(Json{{"rule", rule_id}});
        return overrides.back();
    };
    for (const RateEdit& row : rows) {
        const auto rule = std::find_if(rules.begin(), rules.end(), [&row](const Rule& r) { return r.id == row.rule_id; });
        if (rule == rules.end()) {
            return AdminChange{false, std::nullopt, {RuleError{-1, Error{"overrides", "no rule \"" + row.rule_id + "\" in the scheme in force"}}}, {}};
        }
        const std::string fee = row.handling_fee.empty() ? "0" : row.handling_fee;
        const bool fee_changed = fee != fee_decimal(rule->handling_fee.micros);
        if (row.deposit.minor == rule->deposit_minor && row.refund.minor == rule->refund_minor && !fee_changed) continue;
        Json& entry = entry_for(rule->id);
        if (row.deposit.minor != rule->deposit_minor) entry["depositMinor"] = row.deposit.minor;
        if (row.refund.minor != rule->refund_minor) entry["refundMinor"] = row.refund.minor;
        if (fee_changed) entry["handlingFee"] = fee;
    }
    root["overrides"] = overrides;
    // Each error goes to the row of the rule it names: an override entry names its rule by id, a scheme error by index.
    return change_settings(root.dump(2) + "\n", pin, now, [&](const Error& e) -> int {
        const ErrorPlace place = e.place();
        const auto entry = static_cast<std::size_t>(place.index);
        if (place.index < 0) return -1;
        if (place.list == "overrides" && entry < overrides.size() && overrides[entry].is_object()) {
            const std::string id = overrides[entry].value("rule", "");
            for (std::size_t i = 0; i < rules.size(); ++i) {
                if (rules[i].id == id) return static_cast<int>(i);
            }
        } else if (place.list == "scheme.rules" && entry < rules.size()) {
            return place.index;
        }
        return -1;
    });
}

std::vector<SchemeChoice> KioskBackend::available_schemes() const {
    std::vector<SchemeChoice> out;
    if (settings_.scheme_source == "embedded" || settings_.scheme_source.empty()) return out;
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path folder = fs::path(settings_.scheme_source).parent_path();
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
        out.push_back(SchemeChoice{file.string(), parsed.scheme->id, parsed.scheme->name, parsed.scheme->name_zh, parsed.scheme->currency});
    }
    return out;
}

Result<SchemeSwitchPreview> KioskBackend::preview_scheme_switch(const std::string& scheme_path) const {
    Result<std::string> text = read_file(scheme_path, 4 << 20);
    if (!text) return text.error();
    SchemeParse parsed = parse_scheme(*text);
    if (!parsed.scheme) return parsed.errors.empty() ? Error{scheme_path, "not a scheme"} : parsed.errors.front();
    Result<Json> loaded = settings_json(paths_.config);
    if (!loaded) return loaded.error();
    const Json& root = *loaded;
    SchemeSwitchPreview out;
    const Scheme& current = settings_.scheme;
    out.from = SchemeChoice{settings_.scheme_source, current.id, current.name, current.name_zh, current.currency};
    out.to = SchemeChoice{scheme_path, parsed.scheme->id, parsed.scheme->name, parsed.scheme->name_zh, parsed.scheme->currency};
    out.rules_before = current.rules.size();
    out.rules_after = parsed.scheme->rules.size();
    out.overrides_set_aside = settings_.overrides.size();
    if (auto saved = root.find("savedOverrides"); saved != root.end() && saved->is_object()) {
        if (auto kept = saved->find(parsed.scheme->id); kept != saved->end() && kept->is_array()) out.overrides_restored = kept->size();
    }
    return out;
}

AdminChange KioskBackend::switch_scheme(const std::string& scheme_path, std::string_view pin, KioskTime now) {
    Result<SchemeSwitchPreview> preview = preview_scheme_switch(scheme_path);
    if (!preview) return AdminChange{false, std::nullopt, {RuleError{-1, preview.error()}}, {}};
    Result<Json> loaded = settings_json(paths_.config);
    if (!loaded) return AdminChange{false, std::nullopt, {RuleError{-1, loaded.error()}}, {}};
    Json root = std::move(loaded).value();
    // Overrides name one scheme's rules: the current scheme's are kept aside, never wiped, and come back with it.
    Json saved = root.contains("savedOverrides") && root["savedOverrides"].is_object() ? root["savedOverrides"] : Json::object();
    if (root.contains("overrides") && root["overrides"].is_array() && !root["overrides"].empty()) {
        saved[settings_.scheme.id] = root["overrides"];
    }
    root.erase("overrides");
    if (auto kept = saved.find(preview->to.id); kept != saved.end()) {
        root["overrides"] = *kept;
        saved.erase(kept);
    }
    if (saved.empty()) root.erase("savedOverrides");
    else root["savedOverrides"] = saved;
    root["scheme"] = scheme_path;
    root["currency"] = std::string(currency_code(preview->to.currency));
    return change_settings(root.dump(2) + "\n", pin, now, [](const Error&) { return -1; });
}

std::vector<RuleStatus> KioskBackend::rule_status(Date today) const {
    const std::vector<Rule>& rules = settings_.scheme.rules;
    std::vector<RuleStatus> out(rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) out[i].expired = rules[i].until && *rules[i].until <= today;
    // A register row with its own deposit decides for that product: the rule that would otherwise pay it does not.
    for (std::size_t i = 0; i < catalog_.size(); ++i) {
        ProductView product = catalog_.at(i);
        if (!product.deposit_override_minor) continue;
        product.deposit_override_minor.reset();
        const ProductRefund by_rule = product_refund(settings_.scheme, product, today);
        if (by_rule.rule_index >= 0 && static_cast<std::size_t>(by_rule.rule_index) < out.size()) {
            ++out[static_cast<std::size_t>(by_rule.rule_index)].register_deposits;
        }
    }
    return out;
}

Result<ExportSummary> KioskBackend::export_range(Date from, Date to) {
    Result<ExportFiles> files = export_csv(*ledger_, from, to, &catalog_);
    if (!files) return files.error();
    namespace fs = std::filesystem;
    ExportSummary out;
    out.folder = parent_folder(paths_.ledger) + "/exports/" + format_date(from) + "_" + format_date(to);
    std::error_code ec;
    fs::create_directories(out.folder, ec);
    if (ec) return Error{out.folder, ec.message()};
    if (Status s = write_export(*files, out.folder); !s) return s.error();
    out.sessions = files->sessions;
    out.items = files->items;
    out.vouchers = files->vouchers;
    out.refusals = files->refusals;
    return out;
}

Result<TestPrintResult> KioskBackend::test_print(KioskTime now) {
    const std::string when = format_date(now.date);
    Result<ModuleMatrix> symbol = encode_code128("RL-TEST-" + when);
    std::vector<ReceiptBlock> blocks{ReceiptText{"ReturnLoop", true},
                                     ReceiptText{"TEST PRINT", true},
                                     ReceiptText{"Store " + std::to_string(settings_.store) + ", machine " + std::to_string(settings_.machine), false},
                                     ReceiptText{when, false},
                                     ReceiptText{"Printer: " + describe(settings_.printer), false},
                                     ReceiptGap{16}};
    if (symbol) blocks.push_back(ReceiptSymbol{*symbol, "RL-TEST-" + when});
    return print_blocks(settings_, blocks, paths_.voucher_dir + "/test-print.png");
}

Result<TestPrintResult> KioskBackend::print_lines(const std::vector<std::string>& lines, std::string_view stem) {
    std::vector<ReceiptBlock> blocks;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) blocks.push_back(ReceiptGap{12});
        else blocks.push_back(ReceiptText{lines[i], i == 0});  // the first line is the title
    }
    return print_blocks(settings_, blocks, paths_.voucher_dir + "/" + std::string(stem) + ".png");
}

Result<LedgerCheck> KioskBackend::verify_ledger() { return ledger_->verify(); }

Result<std::vector<PayoutRecord>> KioskBackend::recent_payouts(int count) { return ledger_->recent_payouts(count); }

std::optional<std::string> KioskBackend::saved_default_language() const {
    Result<std::string> text = read_file(preferences_path(paths_.ledger), 64 * 1024);
    if (!text) return std::nullopt;
    const Json root = Json::parse(text->begin(), text->end(), nullptr, false);
    if (!root.is_object() || !root.contains("defaultLanguage") || !root["defaultLanguage"].is_string()) return std::nullopt;
    return root["defaultLanguage"].get<std::string>();
}

Status KioskBackend::save_default_language(std::string_view language, KioskTime now) {
    const nlohmann::json prefs{{"defaultLanguage", std::string(language)}};
    if (Status s = write_file_atomic(preferences_path(paths_.ledger), prefs.dump(2) + "\n"); !s) return s;
    // Recorded like every other change a retailer makes at the machine.
    return ledger_->record_event(now.unix_ms, "ui_default_language", prefs.dump());
}

}  // namespace returnloop::kiosk
