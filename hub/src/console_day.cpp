// A store's day: containers by deposit value, by material (the core's register lookup of each GTIN), by hour (UTC), sessions, vouchers issued / redeemed / outstanding
// (the store's liability), donations, and from the kiosks' uploaded ledger events refusals by reason (refused scans
// and containers) and bin emptyings (UTC day of the event); money formatted by the core in the caller's language.
#include "console_handlers.hpp"
#include "returnloop/date.hpp"

namespace returnloop::hub::console {

void store_day(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res, const MaterialRegister& materials) {
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

    Rows gtins = db.query("SELECT i.gtin, count(*) FROM items i JOIN machines m ON m.id = i.machine_id WHERE m.store_id = $1 AND i.scanned_date = $2 "
                          "GROUP BY 1", {store, date});
    std::map<std::string, std::int64_t> by_gtin;
    for (int i = 0; i < gtins.size(); ++i) by_gtin[gtins.text(i, 0)] = gtins.integer(i, 1);
    Json materials_json = Json::array();
    for (const auto& [material, n] : by_material(materials, by_gtin)) materials_json.push_back({{"material", material}, {"containers", n}});

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
    // Events carry the kiosk's own atMs; the day is [midnight, next midnight) UTC in milliseconds.
    const std::int64_t day_ms = static_cast<std::int64_t>(parse_date(date)->days) * 86'400'000;
    const std::vector<Param> day_events = {store, std::to_string(day_ms), std::to_string(day_ms + 86'400'000)};
    const std::string events_of_day =
        "FROM records r JOIN machines m ON m.id = r.machine_id CROSS JOIN LATERAL (SELECT console_json(r.payload) AS p) j "
        "CROSS JOIN LATERAL (SELECT console_json(j.p->>'detail') AS d) dj WHERE m.store_id = $1 AND r.kind = 'event' "
        "AND jsonb_typeof(j.p->'atMs') = 'number' AND (j.p->>'atMs')::numeric >= $2::numeric AND (j.p->>'atMs')::numeric < $3::numeric ";
    Rows refused = db.query("SELECT COALESCE(dj.d->>'reason', 'unknown'), count(*) " + events_of_day +
                                "AND console_json(r.payload)->>'kind' IN ('scan_refused', 'intake_refused') GROUP BY 1 ORDER BY 2 DESC, 1",
                            day_events);
    Json refusals = Json::array();
    for (int i = 0; i < refused.size(); ++i) refusals.push_back({{"reason", refused.text(i, 0)}, {"count", refused.integer(i, 1)}});
    Rows emptied = db.query("SELECT e.bin, count(*) FROM (SELECT dj.d " + events_of_day + "AND console_json(r.payload)->>'kind' = 'controller_bins') ev "
                            "CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(ev.d->'emptied') = 'array' THEN ev.d->'emptied' "
                            "ELSE '[]'::jsonb END) e(bin) GROUP BY 1 ORDER BY 1",
                            day_events);
    Json emptyings = Json::array();
    for (int i = 0; i < emptied.size(); ++i) emptyings.push_back({{"bin", emptied.text(i, 0)}, {"count", emptied.integer(i, 1)}});
    send_json(res, 200, {{"store", number}, {"date", date}, {"containers", containers}, {"sessions", sessions.integer(0, 0)},
                         {"byDeposit", values}, {"byMaterial", materials_json}, {"byHour", by_hour}, {"vouchers", vouchers}, {"donations", donations},
                         {"refusals", refusals}, {"binEmptyings", emptyings}});
}

}  // namespace returnloop::hub::console
