// Fleet (every machine the caller may see: online, config rollout, today's containers and refunds, and the state
// its kiosk last uploaded: open faults, bin levels, printer) and who is asking (the header and navigation follow
// the role).
#include <algorithm>

#include "console_handlers.hpp"

namespace returnloop::hub::console {
namespace {

// A machine's newest uploaded ledger event of one kind (its detail, a JSON text), through records_event_kinds.
std::string newest_event(const char* alias, const char* kind) {
    return std::string("LEFT JOIN LATERAL (SELECT console_json(r.payload)->>'detail' AS detail FROM records r WHERE r.kind = 'event' "
                       "AND r.machine_id = v.id AND console_json(r.payload)->>'kind' = '") + kind + "' ORDER BY r.seq DESC LIMIT 1) " + alias + " ON true ";
}

Json detail_of(const Rows& r, int row, int column) {
    if (r.is_null(row, column)) return Json::object();
    Json d = Json::parse(r.text(row, column), nullptr, false);
    return d.is_object() ? d : Json::object();
}

// Open faults: the kiosk lists every fault still open in each controller_fault event, so the newest says it all.
Json open_faults(const Json& fault_event) {
    Json open = Json::array();
    if (fault_event.contains("open") && fault_event["open"].is_array()) {
        for (const Json& f : fault_event["open"]) if (f.is_string()) open.push_back(f);
    }
    return open;
}

// Bin levels as the controller last reported them, each with its fill in whole percent (of a known capacity).
Json bin_levels(const Json& bins_event) {
    Json bins = Json::array();
    if (!bins_event.contains("bins") || !bins_event["bins"].is_array()) return bins;
    for (const Json& b : bins_event["bins"]) {
        if (!b.is_object() || !b.contains("bin") || !b["bin"].is_string() || !b.contains("count") || !b["count"].is_number_integer()) continue;
        const std::int64_t count = b["count"].get<std::int64_t>();
        const std::int64_t capacity = b.contains("capacity") && b["capacity"].is_number_integer() ? b["capacity"].get<std::int64_t>() : 0;
        Json level = {{"bin", b["bin"]}, {"count", count}, {"capacity", capacity}};
        if (capacity > 0 && count >= 0 && count <= capacity * 100) level["percent"] = count * 100 / capacity;
        bins.push_back(std::move(level));
    }
    return bins;
}

}  // namespace

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
        "  WHERE i.scanned_date = (now() AT TIME ZONE 'UTC')::date AND i.machine_id IN (SELECT id FROM visible) GROUP BY i.machine_id) "
        "SELECT v.retailer, v.store_number, v.store_name, v.number, "
        "  COALESCE(to_char(v.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
        "  COALESCE(floor(extract(epoch FROM now() - v.last_seen) / 60)::bigint, -1), "
        "  v.config_version, COALESCE(latest.v, 0), COALESCE(today.n, 0), COALESCE(today.refund, 0), COALESCE(today.currency, ''), "
        "  v.latitude, v.longitude, v.config_failed_version, fault.detail, bins.detail, print_failed.detail, "
        "  last_payout.id = console_json(print_failed.detail)->>'payout' "
        "FROM visible v LEFT JOIN latest ON latest.retailer_id = v.retailer_id LEFT JOIN today ON today.machine_id = v.id " +
        newest_event("fault", "controller_fault") + newest_event("bins", "controller_bins") + newest_event("print_failed", "receipt_print_failed") +
        // The printer is failing when the newest receipt it was given is the one that did not print.
        "LEFT JOIN LATERAL (SELECT console_json(r.payload)->>'id' AS id FROM records r WHERE print_failed.detail IS NOT NULL "
        "  AND r.kind = 'payout' AND r.machine_id = v.id ORDER BY r.seq DESC LIMIT 1) last_payout ON true "
        "ORDER BY v.store_number, v.number",
        p);
    Json list = Json::array();
    for (int i = 0; i < r.size(); ++i) {
        const std::int64_t minutes = r.integer(i, 5);
        const std::int64_t applied = r.integer(i, 6), latest = r.integer(i, 7);
        Json m = {{"retailer", r.text(i, 0)}, {"store", r.integer(i, 1)}, {"storeName", r.text(i, 2)}, {"machine", r.integer(i, 3)},
                  {"lastSeen", r.text(i, 4)}, {"minutesSinceSeen", minutes},
                  {"online", minutes >= 0 && minutes < offline_minutes},
                  {"configApplied", applied}, {"configLatest", latest},
                  {"rollout", latest == 0 || applied == latest ? "applied" : r.integer(i, 13) == latest ? "failed" : "pending"},
                  {"todayItems", r.integer(i, 8)}};
        const Json faults = open_faults(detail_of(r, i, 14));
        const bool paper_out = std::find(faults.begin(), faults.end(), Json("paper_out")) != faults.end();
        m["openFaults"] = faults;
        m["faults"] = faults.size();
        m["bins"] = bin_levels(detail_of(r, i, 15));
        m["printer"] = paper_out ? "paper_out" : !r.is_null(i, 17) && r.text(i, 17) == "t" ? "print_failed" : "ok";
        if (!r.text(i, 10).empty()) m["todayRefunds"] = money_json(r.integer(i, 9), r.text(i, 10), locale);
        if (!r.is_null(i, 11) && !r.is_null(i, 12)) m["position"] = {std::stod(r.text(i, 11)), std::stod(r.text(i, 12))};
        list.push_back(std::move(m));
    }
    send_json(res, 200, {{"offlineMinutes", offline_minutes}, {"machines", list}});
}

}  // namespace returnloop::hub::console
