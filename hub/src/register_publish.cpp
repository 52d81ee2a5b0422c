// Publishing product register deltas as configuration versions (see register_publish.hpp).
#include "register_publish.hpp"

#include <nlohmann/json.hpp>

namespace returnloop::hub {

using Json = nlohmann::json;

std::optional<std::string> newest_register_overlay(Connection& db, const std::string& retailer_id) {
    Rows r = db.query("SELECT body->'register' FROM config_versions WHERE retailer_id = $1::bigint AND body ? 'register' "
                      "ORDER BY version DESC LIMIT 1", {retailer_id});
    if (r.empty()) return std::nullopt;
    return r.text(0, 0);
}

std::variant<std::vector<RegisterPublished>, RegisterRefusal> publish_register_delta(Connection& db, const kiosk::RegisterOverlay& delta,
                                                                                     const std::optional<std::string>& retailer) {
    Transaction tx(db);
    Rows retailers = retailer ? db.query("SELECT id, name FROM retailers WHERE name = $1 FOR UPDATE", {*retailer})
                              : db.query("SELECT id, name FROM retailers ORDER BY id FOR UPDATE");
    if (retailer && retailers.empty()) return RegisterRefusal{404, "not_found", "retailer", "no retailer " + *retailer};
    std::vector<RegisterPublished> published;
    for (int i = 0; i < retailers.size(); ++i) {
        const std::string id = retailers.text(i, 0);
        kiosk::RegisterOverlay overlay;
        if (std::optional<std::string> text = newest_register_overlay(db, id)) {
            Result<kiosk::RegisterOverlay> stored = kiosk::parse_register_overlay(Json::parse(*text, nullptr, false), "register");
            if (!stored) {
                return RegisterRefusal{409, "conflict", stored.error().path,
                                       "retailer " + retailers.text(i, 1) + "'s published register is not valid (" + stored.error().path + " " +
                                           stored.error().message + "); publish a new base register"};
            }
            overlay = std::move(stored).value();
        }
        overlay = kiosk::apply_register_delta(std::move(overlay), delta);
        if (overlay.size() > kiosk::kMaxRegisterOverlayRows) {
            return RegisterRefusal{413, "too_large", "add",
                                   "retailer " + retailers.text(i, 1) + "'s register overlay would hold " + std::to_string(overlay.size()) +
                                       " rows and removals; at most " + std::to_string(kiosk::kMaxRegisterOverlayRows) +
                                       " (ship a new base register instead)"};
        }
        Rows v = db.query("INSERT INTO config_versions(retailer_id, version, body) SELECT $1::bigint, COALESCE(max(version), 0) + 1, $2::jsonb "
                          "FROM config_versions WHERE retailer_id = $1::bigint RETURNING version",
                          {id, Json{{"register", overlay.to_json()}}.dump()});
        const RegisterPublished row{retailers.text(i, 1), v.integer(0, 0), overlay.rows.size(), overlay.removed.size()};
        db.query("INSERT INTO events(kind, retailer_id, detail) VALUES ('register_published', $1::bigint, $2::jsonb)",
                 {id, Json{{"version", row.version}, {"added", delta.rows.size()}, {"removed", delta.removed.size()}}.dump()});
        published.push_back(row);
    }
    tx.commit();
    return published;
}

}  // namespace returnloop::hub
