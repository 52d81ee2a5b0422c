// CSV export for clearing (see export_csv.hpp).
#include "backend/export_csv.hpp"

#include <map>

#include "backend/files.hpp"
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

void row(std::string& out, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const std::string& f : fields) {
        if (!first) out += ',';
        out += csv_field(f);
        first = false;
    }
    out += "\r\n";
}

}  // namespace

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

Result<ExportFiles> export_csv(Ledger& ledger, Date from, Date to) {
    if (to < from) return Error{"to", "the end date " + format_date(to) + " is before the start date " + format_date(from)};
    Result<std::vector<LedgerSession>> sessions = ledger.sessions_between(from, to);
    if (!sessions) return sessions.error();
    Result<std::vector<PayoutRecord>> payouts = ledger.payouts_for_sessions_between(from, to);
    if (!payouts) return payouts.error();
    std::map<std::int64_t, const PayoutRecord*> by_session;
    for (const PayoutRecord& p : *payouts) by_session[p.session_id] = &p;

    ExportFiles files;
    row(files.sessions_csv, {"session_id", "opened_date", "opened_ms", "scheme", "currency", "items", "refund_minor", "refund",
                             "deposit_minor", "handling_fee", "status", "payout", "payout_minor", "charity"});
    row(files.items_csv, {"session_id", "position", "gtin", "scanned_date", "scanned_ms", "refund_minor", "deposit_minor",
                          "handling_fee", "rule", "register_override", "currency"});
    row(files.vouchers_csv, {"voucher_seq", "session_id", "kind", "created_date", "amount_minor", "amount", "currency", "ean13",
                             "code128", "qr", "expires", "status", "redeemed_ms", "redeemed_via"});
    for (const LedgerSession& s : *sessions) {
        std::int64_t refund = 0, deposit = 0, fees = 0;
        for (const LedgerItem& i : s.items) {
            refund += i.refund_minor;
            deposit += i.deposit_minor;
            fees += i.handling_fee_micros;
            row(files.items_csv, {std::to_string(i.session_id), std::to_string(i.position), i.gtin14, format_date(i.scanned_date),
                                  std::to_string(i.scanned_ms), std::to_string(i.refund_minor), std::to_string(i.deposit_minor),
                                  fee_decimal(i.handling_fee_micros), i.rule_id, i.register_override ? "1" : "0",
                                  std::string(currency_code(s.currency))});
            ++files.items;
        }
        const auto payout = by_session.find(s.id);
        const PayoutRecord* p = payout == by_session.end() ? nullptr : payout->second;
        row(files.sessions_csv, {std::to_string(s.id), format_date(s.opened_date), std::to_string(s.opened_ms), s.scheme_id,
                                 std::string(currency_code(s.currency)), std::to_string(s.items.size()), std::to_string(refund),
                                 decimal(refund, s.currency), std::to_string(deposit), fee_decimal(fees), s.open ? "open" : "paid",
                                 p ? std::string(payout_kind_id(p->kind)) : "", p ? std::to_string(p->amount.minor) : "",
                                 p ? p->charity : ""});
        ++files.sessions;
    }
    for (const PayoutRecord& p : *payouts) {
        if (p.kind == PayoutKind::donation) continue;
        row(files.vouchers_csv, {std::to_string(p.voucher_seq), std::to_string(p.session_id), std::string(payout_kind_id(p.kind)),
                                 format_date(p.created_date), std::to_string(p.amount.minor), decimal(p.amount.minor, p.amount.currency),
                                 std::string(currency_code(p.amount.currency)), p.codes.ean13, p.codes.code128, p.codes.qr,
                                 p.expires ? format_date(*p.expires) : "", std::string(payout_status_id(p.status)),
                                 p.redeemed_ms ? std::to_string(p.redeemed_ms) : "", p.redeemed_via});
        ++files.vouchers;
    }
    return files;
}

Status write_export(const ExportFiles& files, const std::string& folder) {
    for (const auto& [name, text] : {std::pair<const char*, const std::string*>{"sessions.csv", &files.sessions_csv},
                                     {"items.csv", &files.items_csv},
                                     {"vouchers.csv", &files.vouchers_csv}}) {
        if (Status s = write_file_atomic(folder + "/" + name, *text); !s) return s;
    }
    return ok_status();
}

}  // namespace returnloop::kiosk
