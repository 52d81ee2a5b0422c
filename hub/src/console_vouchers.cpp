// Vouchers: a lookup by the code a voucher prints (issued where and when, for how much, genuine or not, redeemed
// where and when or outstanding), and the till page's redemption, answered with the amount formatted by the core.
#include "backend/voucher_code.hpp"
#include "console_handlers.hpp"
#include "redeem.hpp"

namespace returnloop::hub::console {

void voucher_lookup(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    const Locale locale = locale_param(req);
    const std::string code = req.get_param_value("code");
    if (code.empty() || code.size() > 128) throw Refusal{400, "bad_input", "code", "code must be a voucher's code, 1 to 128 characters"};
    Result<kiosk::ParsedVoucherCode> parsed = kiosk::parse_voucher_code(code);
    if (!parsed) throw Refusal{400, "bad_input", "code", "code is not a voucher code: " + parsed.error().message};
    if (parsed->form == kiosk::VoucherForm::ean13) {
        throw Refusal{400, "bad_input", "code", "an EAN-13 voucher names no store or date: scan its Code 128 or QR code"};
    }
    const kiosk::VoucherId& id = parsed->id;
    std::vector<Param> p = scope_params(c);
    for (auto v : {std::to_string(id.store), std::to_string(id.machine), format_date(id.date), std::to_string(id.seq % 100000)}) p.push_back(v);
    Rows r = db.query(std::string(
        "SELECT s.number, s.name, m.number, v.issued_date, v.amount_minor, v.currency, v.status, v.uploaded, v.expires_date, "
        "  COALESCE(to_char(v.redeemed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), COALESCE(t.name, ''), "
        "  COALESCE(v.redeemed_via, ''), encode(s.voucher_key, 'hex'), rs.number "
        "FROM vouchers v JOIN machines m ON m.id = v.machine_id JOIN stores s ON s.id = m.store_id "
        "LEFT JOIN tills t ON t.id = v.redeemed_till_id LEFT JOIN stores rs ON rs.id = t.store_id "
        "WHERE s.number = $4::int AND m.number = $5::int AND v.issued_date = $6::date AND v.seq_short = $7::int AND ") + kStoreScope, p);
    if (r.empty()) throw Refusal{404, "not_found", "code", "no voucher with this code that you may see"};
    Result<kiosk::VoucherKey> key = kiosk::parse_voucher_key(r.text(0, 12));
    Json out = {{"store", r.integer(0, 0)}, {"storeName", r.text(0, 1)}, {"machine", r.integer(0, 2)}, {"issued", r.text(0, 3)},
                {"amount", money_json(r.integer(0, 4), r.text(0, 5), locale)}, {"status", r.text(0, 6)}, {"uploaded", r.boolean(0, 7)},
                {"genuine", key && kiosk::verify_tag(*parsed, *key) && parsed->id.amount.minor == r.integer(0, 4)}};
    if (!r.is_null(0, 8)) out["expires"] = r.text(0, 8);
    if (r.text(0, 6) == "redeemed") {
        out["redeemedAt"] = r.text(0, 9);
        if (!r.text(0, 10).empty()) out["redeemedTill"] = r.text(0, 10), out["redeemedStore"] = r.integer(0, 13);
        if (!r.text(0, 11).empty()) out["redeemedAtKiosk"] = r.text(0, 11);
    }
    send_json(res, 200, out);
}

void till_redeem(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    const Locale locale = locale_param(req);
    auto body = Json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("code") || !body["code"].is_string()) {
        throw Refusal{400, "bad_input", "code", "send {\"code\": \"<the scanned code>\"}"};
    }
    if (body.size() != 1) throw Refusal{400, "bad_input", "code", "only the field code is accepted"};
    const std::string code = body["code"].get<std::string>();
    if (code.empty() || code.size() > 128) throw Refusal{400, "bad_input", "code", "code must be 1 to 128 characters"};
    RedeemAnswer a = redeem_at_till(db, c, code);
    if (a.result == "bad_tag" || a.result == "wrong_retailer") {
        db.query("INSERT INTO events(kind, retailer_id, till_id, detail) VALUES ($1, $2, $3, $4::jsonb)",
                 {"redeem_" + a.result, std::to_string(c.retailer_id), std::to_string(c.till_id), Json{{"till", c.till_name}}.dump()});
    }
    Json out = {{"result", a.result == "malformed" ? "unknown" : a.result}, {"till", c.till_name}};
    if (a.amount_minor > 0) out["amount"] = money_json(a.amount_minor, a.currency, locale), out["store"] = a.store, out["machine"] = a.machine;
    if (!a.redeemed_at.empty()) out["redeemedAt"] = a.redeemed_at, out["redeemedBy"] = a.redeemed_by;
    send_json(res, 200, out);
}

}  // namespace returnloop::hub::console
