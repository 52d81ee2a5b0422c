// Fleet (every machine the caller may see: online, config rollout, today's containers and refunds, faults) and
// who is asking (the console's header and navigation follow the role).
#include "console_handlers.hpp"

namespace returnloop::hub::console {

void me(Connection& db, const Caller& c, const httplib::Request&, httplib::Response& res) {
    Json out = {{"role", c.role}};
    Rows stores = db.query(std::string("SELECT s.number, s.name, rt.name FROM stores s JOIN retailers rt ON rt.id = s.retailer_id WHERE ") +
                               kStoreScope + " ORDER BY s.number",
                           scope_params(c));
    Json list = Json::array(), retailers = Json::array();
    for (int i = 0; i < stores.size(); ++i) {
        list.push_back({{"number", stores.integer(i, 0)}, {"name", stores.text(i, 1)}, {"retailer", stores.text(i, 2)}});
    }
    Rows visible_retailers = db.query(std::string("SELECT DISTINCT rt.id, rt.name FROM retailers rt JOIN stores s ON s.retailer_id = rt.id WHERE ") +
                                          kStoreScope + " ORDER BY rt.name",
                                      scope_params(c));
    for (int i = 0; i < visible_retailers.size(); ++i) {
        retailers.push_back({{"id", visible_retailers.integer(i, 0)}, {"name", visible_retailers.text(i, 1)}});
    }
    out["stores"] = list;
    out["retailers"] = retailers;
    send_json(res, 200, out);
}

void fleet(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    const Locale locale = locale_param(req);
    const std::int64_t offline_minutes = req.has_param("offlineMinutes") ? integer_param(req, "offlineMinutes", 1, 10080) : 15;
    const std::vector<Param> p = scope_params(c);
    // Today is the database's UTC date: every hub process agrees on it.
    Rows r = db.query(std::string(
        "WITH latest AS (SELECT retailer_id, max(version) AS v FROM config_versions GROUP BY retailer_id), "
        "visible AS (SELECT m.*, s.number AS store_number, s.name AS store_name, s.latitude, s.longitude, s.retailer_id, rt.name AS retailer "
        "  FROM machines m JOIN stores s ON s.id = m.store_id JOIN retailers rt ON rt.id = s.retailer_id WHERE ") + kStoreScope + "), "
        "today AS (SELECT i.machine_id, count(*) AS n, sum(i.refund_minor) AS refund, min(i.currency) AS currency FROM items i "
        "  WHERE i.scanned_date = (now() AT TIME ZONE 'UTC')::date AND i.machine_id IN (SELECT id FROM visible) GROUP BY i.machine_id), "
        "faults AS (SELECT r.machine_id, count(*) AS n FROM records r WHERE r.kind = 'event' AND r.received_at > now() - interval '1 day' "
        "  AND r.machine_id IN (SELECT id FROM visible) AND (r.payload::jsonb->>'kind') ~ '(fault|failed|jam|error)' GROUP BY r.machine_id) "
        "SELECT v.retailer, v.store_number, v.store_name, v.number, "
        "  COALESCE(to_char(v.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
        "  COALESCE(floor(extract(epoch FROM now() - v.last_seen) / 60)::bigint, -1), "
        "  v.config_version, COALESCE(latest.v, 0), COALESCE(today.n, 0), COALESCE(today.refund, 0), COALESCE(today.currency, ''), "
        "  v.latitude, v.longitude, COALESCE(faults.n, 0), v.config_failed_version "
        "FROM visible v LEFT JOIN latest ON latest.retailer_id = v.retailer_id LEFT JOIN today ON today.machine_id = v.id "
        "LEFT JOIN faults ON faults.machine_id = v.id ORDER BY v.store_number, v.number",
        p);
    Json list = Json::array();
    for (int i = 0; i < r.size(); ++i) {
        const std::int64_t minutes = r.integer(i, 5);
        const std::int64_t applied = r.integer(i, 6), latest = r.integer(i, 7);
        Json m = {{"retailer", r.text(i, 0)}, {"store", r.integer(i, 1)}, {"storeName", r.text(i, 2)}, {"machine", r.integer(i, 3)},
                  {"lastSeen", r.text(i, 4)}, {"minutesSinceSeen", minutes},
                  {"online", minutes >= 0 && minutes < offline_minutes},
                  {"configApplied", applied}, {"configLatest", latest},
                  {"rollout", latest == 0 || applied == latest ? "applied" : r.integer(i, 14) == latest ? "failed" : "pending"},
                  {"todayItems", r.integer(i, 8)}, {"faults", r.integer(i, 13)}};
        if (!r.text(i, 10).empty()) m["todayRefunds"] = money_json(r.integer(i, 9), r.text(i, 10), locale);
        if (!r.is_null(i, 11) && !r.is_null(i, 12)) m["position"] = {std::stod(r.text(i, 11)), std::stod(r.text(i, 12))};
        list.push_back(std::move(m));
    }
    send_json(res, 200, {{"offlineMinutes", offline_minutes}, {"machines", list}});
}

}  // namespace returnloop::hub::console
