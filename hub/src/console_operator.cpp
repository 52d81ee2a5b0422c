// The scheme operator's view: every retailer's totals for a period and the fraud signals the hub can see:
// vouchers refused at tills (bad tags, other retailers' vouchers), redemptions before upload that no kiosk
// record has reconciled after a day, and vouchers redeemed twice (at a till and at the kiosk).
#include "console_handlers.hpp"

namespace returnloop::hub::console {

void operator_view(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    if (c.role != "operator") throw Refusal{403, "forbidden", "", "the operator view is for the scheme operator"};
    const Locale locale = locale_param(req);
    const std::string from = date_param(req, "from"), to = date_param(req, "to");
    Rows t = db.query(
        "SELECT rt.id, rt.name, COALESCE(x.currency, ''), COALESCE(x.n, 0), COALESCE(x.refunds, 0), COALESCE(x.fees, 0), "
        "  (SELECT count(*) FROM machines m JOIN stores s ON s.id = m.store_id WHERE s.retailer_id = rt.id) "
        "FROM retailers rt LEFT JOIN LATERAL (SELECT i.currency, count(*) AS n, sum(i.refund_minor) AS refunds, sum(i.handling_fee_micros) AS fees "
        "  FROM items i WHERE i.scanned_date BETWEEN $1::date AND $2::date AND i.machine_id IN "
        "  (SELECT m.id FROM machines m JOIN stores s ON s.id = m.store_id WHERE s.retailer_id = rt.id) GROUP BY i.currency) x ON true "
        "ORDER BY rt.name, 3", {from, to});
    Json retailers = Json::array();
    for (int i = 0; i < t.size(); ++i) {
        Json row = {{"id", t.integer(i, 0)}, {"name", t.text(i, 1)}, {"containers", t.integer(i, 3)}, {"machines", t.integer(i, 6)},
                    {"handlingFeeMicros", t.integer(i, 5)}};
        if (!t.text(i, 2).empty()) row["refunds"] = money_json(t.integer(i, 4), t.text(i, 2), locale);
        retailers.push_back(std::move(row));
    }
    Rows refused = db.query(
        "SELECT e.kind, COALESCE(rt.name, ''), count(*), to_char(max(e.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM events e "
        "LEFT JOIN retailers rt ON rt.id = e.retailer_id WHERE e.kind IN ('redeem_bad_tag', 'redeem_wrong_retailer', 'redeem_wrong_till', 'double_redemption') "
        "AND e.at::date BETWEEN $1::date AND $2::date GROUP BY 1, 2 ORDER BY 3 DESC", {from, to});
    Json signals = Json::array();
    for (int i = 0; i < refused.size(); ++i) {
        signals.push_back({{"kind", refused.text(i, 0)}, {"retailer", refused.text(i, 1)}, {"count", refused.integer(i, 2)}, {"last", refused.text(i, 3)}});
    }
    Rows unreconciled = db.query(
        "SELECT s.number, m.number, v.issued_date, v.seq_short, v.amount_minor, v.currency, "
        "  to_char(v.redeemed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM vouchers v JOIN machines m ON m.id = v.machine_id "
        "JOIN stores s ON s.id = m.store_id WHERE NOT v.uploaded AND v.status = 'redeemed' AND v.redeemed_at < now() - interval '1 day' "
        "ORDER BY v.redeemed_at LIMIT 200", {});
    Json pending = Json::array();
    for (int i = 0; i < unreconciled.size(); ++i) {
        pending.push_back({{"store", unreconciled.integer(i, 0)}, {"machine", unreconciled.integer(i, 1)}, {"issued", unreconciled.text(i, 2)},
                           {"seq", unreconciled.integer(i, 3)}, {"amount", money_json(unreconciled.integer(i, 4), unreconciled.text(i, 5), locale)},
                           {"redeemedAt", unreconciled.text(i, 6)}});
    }
    send_json(res, 200, {{"from", from}, {"to", to}, {"retailers", retailers}, {"signals", signals}, {"unreconciled", pending}});
}

}  // namespace returnloop::hub::console
