// A store's day: containers by deposit value, by hour (UTC), sessions, vouchers issued / redeemed / outstanding
// (the store's liability), and donations; money formatted by the core in the caller's language.
#include "console_handlers.hpp"

namespace returnloop::hub::console {

void store_day(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    const Locale locale = locale_param(req);
    const std::int64_t number = integer_param(req, "store", 0, 9999);
    const std::string date = date_param(req, "date");
    const std::string store = std::to_string(visible_store(db, c, number));

    Rows by_value = db.query(
        "SELECT i.currency, i.deposit_minor, count(*), sum(i.refund_minor) FROM items i JOIN machines m ON m.id = i.machine_id "
        "WHERE m.store_id = $1 AND i.scanned_date = $2 GROUP BY 1, 2 ORDER BY 1, 2", {store, date});
    Json values = Json::array();
    std::int64_t containers = 0;
    for (int i = 0; i < by_value.size(); ++i) {
        containers += by_value.integer(i, 2);
        values.push_back({{"deposit", money_json(by_value.integer(i, 1), by_value.text(i, 0), locale)}, {"containers", by_value.integer(i, 2)},
                          {"refunds", money_json(by_value.integer(i, 3), by_value.text(i, 0), locale)}});
    }

    Rows hours = db.query(
        "SELECT ((i.scanned_ms / 3600000) % 24)::int, count(*), count(DISTINCT (i.machine_id, i.session_id)) FROM items i "
        "JOIN machines m ON m.id = i.machine_id WHERE m.store_id = $1 AND i.scanned_date = $2 GROUP BY 1 ORDER BY 1", {store, date});
    Json by_hour = Json::array();
    for (int h = 0, row = 0; h < 24; ++h) {
        std::int64_t n = 0, sessions = 0;
        if (row < hours.size() && hours.integer(row, 0) == h) {
            n = hours.integer(row, 1);
            sessions = hours.integer(row, 2);
            ++row;
        }
        by_hour.push_back({{"hour", h}, {"containers", n}, {"sessions", sessions}});
    }
    Rows sessions = db.query("SELECT count(DISTINCT (i.machine_id, i.session_id)) FROM items i JOIN machines m ON m.id = i.machine_id "
                             "WHERE m.store_id = $1 AND i.scanned_date = $2", {store, date});

    Rows v = db.query(
        "SELECT v.currency, "
        "  count(*) FILTER (WHERE v.issued_date = $2), COALESCE(sum(v.amount_minor) FILTER (WHERE v.issued_date = $2), 0), "
        "  count(*) FILTER (WHERE (v.redeemed_at AT TIME ZONE 'UTC')::date = $2), "
        "  COALESCE(sum(v.amount_minor) FILTER (WHERE (v.redeemed_at AT TIME ZONE 'UTC')::date = $2), 0), "
        "  count(*) FILTER (WHERE v.status = 'issued' AND v.issued_date <= $2), "
        "  COALESCE(sum(v.amount_minor) FILTER (WHERE v.status = 'issued' AND v.issued_date <= $2), 0) "
        "FROM vouchers v JOIN machines m ON m.id = v.machine_id WHERE m.store_id = $1 GROUP BY v.currency ORDER BY 1", {store, date});
    Json vouchers = Json::array();
    for (int i = 0; i < v.size(); ++i) {
        const std::string cur = v.text(i, 0);
        vouchers.push_back({{"issued", v.integer(i, 1)}, {"issuedAmount", money_json(v.integer(i, 2), cur, locale)},
                            {"redeemed", v.integer(i, 3)}, {"redeemedAmount", money_json(v.integer(i, 4), cur, locale)},
                            {"outstanding", v.integer(i, 5)}, {"outstandingAmount", money_json(v.integer(i, 6), cur, locale)}});
    }

    Rows d = db.query(
        "SELECT p.payload::jsonb->>'currency', count(*), COALESCE(sum((p.payload::jsonb->>'amountMinor')::bigint), 0) FROM records p "
        "JOIN machines m ON m.id = p.machine_id WHERE m.store_id = $1 AND p.kind = 'payout' "
        "AND p.payload::jsonb->>'kind' = 'donation' AND p.payload::jsonb->>'createdDate' = $2 GROUP BY 1 ORDER BY 1", {store, date});
    Json donations = Json::array();
    for (int i = 0; i < d.size(); ++i) {
        donations.push_back({{"count", d.integer(i, 1)}, {"amount", money_json(d.integer(i, 2), d.text(i, 0), locale)}});
    }
    send_json(res, 200, {{"store", number}, {"date", date}, {"containers", containers}, {"sessions", sessions.integer(0, 0)},
                         {"byDeposit", values}, {"byHour", by_hour}, {"vouchers", vouchers}, {"donations", donations}});
}

}  // namespace returnloop::hub::console
