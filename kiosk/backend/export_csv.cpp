// CSV export for clearing (see export_csv.hpp).
#include "backend/export_csv.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "backend/clock.hpp"
#include "common/files.hpp"
#include "backend/receipt_content.hpp"

namespace returnloop::kiosk {
namespace {

std::string decimal(std::int64_t minor, Currency currency) {
    std::string text = plain_amount(Money{minor, currency});
    return text.substr(0, text.find(' '));  // "3.00"
}

std::string fee_decimal(std::int64_t micros) {  // millionths of a major unit -> "0.0159"
    const std::uint64_t magnitude = micros < 0 ? 0 - static_cast<std::uint64_t>(micros) : static_cast<std::uint64_t>(micros);
    std::string out = micros < 0 ? "-" : "";
    out += std::to_string(magnitude / 1'000'000);
    std::string fraction = std::to_string(magnitude % 1'000'000);
    fraction = std::string(6 - fraction.size(), '0') + fraction;
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) out += "." + fraction;
    return out;
}
// A cell; text cells (GTINs) are always quoted so importers keep them text, leading zeros and all.
struct Cell {
    std::string value;
    bool text = false;
    Cell(std::string v) : value(std::move(v)) {}  // NOLINT: most cells are plain
    Cell(const char* v) : value(v) {}             // NOLINT
};

Cell text_cell(std::string value) {
    Cell cell(std::move(value));
    cell.text = !cell.value.empty();
    return cell;
}

void row(std::string& out, std::initializer_list<Cell> cells) {
    bool first = true;
    for (const Cell& c : cells) {
        if (!first) out += ',';
        out += c.text ? "\"" + c.value + "\"" : csv_field(c.value);
        first = false;
    }
    out += "\r\n";
}

bool plain_number(std::string_view value) {
    if (!value.empty() && value.front() == '-') value.remove_prefix(1);
    if (value.empty() || value.back() == '.') return false;
    bool dot = false;
    for (char c : value) {
        if (c == '.' && !dot) dot = true;
        else if (c < '0' || c > '9') return false;
    }
    return true;
}

bool digits_only(std::string_view value) {
    for (char c : value) {
        if (c < '0' || c > '9') return false;
    }
    return !value.empty();
}

std::string product_name(const Catalog* catalog, const std::string& gtin14) {
    if (!catalog || gtin14.size() != 14 || !digits_only(gtin14)) return {};
    std::uint64_t key = 0;
    for (char c : gtin14) key = key * 10 + static_cast<std::uint64_t>(c - '0');
    const std::optional<ProductView> product = catalog->find(key);
    return product ? std::string(product->name) : std::string();
}

}  // namespace

std::string csv_field(std::string_view value) {
    std::string text(value);
    const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
    if (formula && !plain_number(text)) text.insert(0, "'");
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string masked_code(std::string_view code) {
    if (code.size() <= 4) return std::string(code.size(), '*');
    return std::string(code.size() - 4, '*') + std::string(code.substr(code.size() - 4));
}

Result<ExportFiles> export_csv(Ledger& ledger, Date from, Date to, const Catalog* catalog) {
    if (to < from) return Error{"to", "the end date " + format_date(to) + " is before the start date " + format_date(from)};
    Result<std::vector<LedgerSession>> sessions = ledger.sessions_between(from, to);
    if (!sessions) return sessions.error();
    Result<std::vector<PayoutRecord>> payouts = ledger.payouts_for_sessions_between(from, to);
    if (!payouts) return payouts.error();
    Result<std::vector<LedgerEvent>> refusals = ledger.events("scan_refused");
    if (!refusals) return refusals.error();
    std::map<std::int64_t, const PayoutRecord*> by_session;
    for (const PayoutRecord& p : *payouts) by_session[p.session_id] = &p;

    ExportFiles files;
    row(files.sessions_csv, {"session_id", "opened_at", "opened_date", "scheme", "currency", "items", "refund_minor", "refund",
                             "deposit_minor", "handling_fee", "status", "payout", "payout_minor", "charity"});
    row(files.items_csv, {"session_id", "position", "gtin", "product", "scanned_at", "scanned_date", "refund_minor", "deposit_minor",
                          "handling_fee", "rule", "register_override", "currency"});
    row(files.vouchers_csv, {"voucher_seq", "session_id", "kind", "created_at", "amount_minor", "amount", "currency", "ean13",
                             "code128", "qr", "expires", "status", "redeemed_at", "redeemed_via"});
    row(files.refusals_csv, {"at", "date", "gtin", "product", "reason", "input"});
    for (const LedgerSession& s : *sessions) {
        std::int64_t refund = 0, deposit = 0, fees = 0;
        for (const LedgerItem& i : s.items) {
            refund += i.refund_minor;
            deposit += i.deposit_minor;
            fees += i.handling_fee_micros;
            row(files.items_csv, {std::to_string(i.session_id), std::to_string(i.position), text_cell(i.gtin14),
                                  product_name(catalog, i.gtin14), iso_local_time(i.scanned_ms), format_date(i.scanned_date),
                                  std::to_string(i.refund_minor), std::to_string(i.deposit_minor), fee_decimal(i.handling_fee_micros),
                                  i.rule_id, i.register_override ? "1" : "0", std::string(currency_code(s.currency))});
            ++files.items;
        }
        const auto payout = by_session.find(s.id);
        const PayoutRecord* p = payout == by_session.end() ? nullptr : payout->second;
        row(files.sessions_csv, {std::to_string(s.id), iso_local_time(s.opened_ms), format_date(s.opened_date), s.scheme_id,
                                 std::string(currency_code(s.currency)), std::to_string(s.items.size()), std::to_string(refund),
                                 decimal(refund, s.currency), std::to_string(deposit), fee_decimal(fees), s.open ? "open" : "paid",
                                 p ? std::string(payout_kind_id(p->kind)) : "", p ? std::to_string(p->amount.minor) : "",
                                 p ? p->charity : ""});
        ++files.sessions;
    }
    for (const PayoutRecord& p : *payouts) {
        if (p.kind == PayoutKind::donation) continue;
        // A code that can still be spent is masked: the export travels by e-mail and USB stick.
        const bool spent = p.status != PayoutStatus::issued;
        auto shown = [spent](const std::string& code) { return spent ? code : masked_code(code); };
        row(files.vouchers_csv, {std::to_string(p.voucher_seq), std::to_string(p.session_id), std::string(payout_kind_id(p.kind)),
                                 iso_local_time(p.created_ms), std::to_string(p.amount.minor), decimal(p.amount.minor, p.amount.currency),
                                 std::string(currency_code(p.amount.currency)), shown(p.codes.ean13), shown(p.codes.code128),
                                 shown(p.codes.qr), p.expires ? format_date(*p.expires) : "", std::string(payout_status_id(p.status)),
                                 p.redeemed_ms ? iso_local_time(p.redeemed_ms) : "", p.redeemed_via});
        ++files.vouchers;
    }
    for (const LedgerEvent& e : *refusals) {
        const Date date = local_date_of(e.at_ms);
        if (date < from || to < date) continue;
        nlohmann::json detail;
        try {
            detail = nlohmann::json::parse(e.detail);
        } catch (const nlohmann::json::exception&) {
            continue;  // not an event this version wrote
        }
        if (!detail.is_object()) continue;
        const std::string gtin = detail.value("gtin", "");
        row(files.refusals_csv, {iso_local_time(e.at_ms), format_date(date), digits_only(gtin) ? text_cell(gtin) : Cell(""),
                                 product_name(catalog, gtin), detail.value("reason", ""), detail.value("input", "")});
        ++files.refusals;
    }
    return files;
}

Status write_export(const ExportFiles& files, const std::string& folder) {
    for (const auto& [name, text] : {std::pair<const char*, const std::string*>{"sessions.csv", &files.sessions_csv},
                                     {"items.csv", &files.items_csv},
                                     {"vouchers.csv", &files.vouchers_csv},
                                     {"refusals.csv", &files.refusals_csv}}) {
        if (Status s = write_file_atomic(folder + "/" + name, *text); !s) return s;
    }
    return ok_status();
}

}  // namespace returnloop::kiosk
