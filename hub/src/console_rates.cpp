// Rates: a retailer's overrides of its scheme's deposit, refund and handling-fee rules, edited once for every
// kiosk of the retailer. A change is validated exactly as a kiosk will validate it (the kiosk's settings parser
// applies the overrides and the core validates the resulting scheme), refused with each problem's typed code and
// arguments placed at a rule (its id and 1-based number in the scheme) and field for the page to word, or published as the retailer's next config version; the history of versions and each machine's rollout
// (applied, pending, or failed when its kiosk acknowledged the latest as refused) come from the hub's tables.
#include <fstream>
#include <optional>
#include <sstream>

#include "backend/settings.hpp"
#include "console_handlers.hpp"

namespace returnloop::hub::console {
namespace {

std::string read_scheme_text(const std::string& dir, const std::string& id) {
    if (id.empty() || id.size() > 16 || id.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") != std::string::npos) {
        throw Refusal{400, "bad_input", "scheme", "scheme must be a scheme id such as de or us-ca"};
    }
    std::ifstream in(dir + "/" + id + ".json", std::ios::binary);
    if (!in) throw Refusal{404, "not_found", "scheme", "no scheme " + id};
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A kiosk settings document around the overrides: everything else is a fixed valid value, so every error the
// parser reports is about the overrides or the scheme they produce. Its key and PIN hash are placeholders, never
// used to sign or unlock anything, so it is read under the demo policy that lets an inline key through.
std::vector<Error> validate_overrides(const std::string& schemes_dir, const std::string& scheme_id, const std::string& scheme_text,
                                      const Scheme& scheme, const Json& overrides) {
    Json settings = {{"configVersion", 1}, {"currency", currency_code(scheme.currency)}, {"storeId", "0001"}, {"machineId", 1}, {"scheme", scheme_id + ".json"},
                     {"overrides", overrides}, {"limits", {{"sessionItems", 300}, {"sessionValueMinor", 5000}, {"dailyItems", 0},
                                                           {"dailyValueMinor", 0}, {"duplicateWindowMs", 2000}}},
                     {"voucher", {{"expiryDays", 90}, {"ean13Prefix", "29"}, {"keyHex", std::string(64, 'a')}}},
                     {"printer", {{"target", "none"}, {"widthDots", 576}}},
                     {"adminPinHash", "$argon2id$v=19$m=65536,t=2,p=1$T+lx7BDYir12nKMp8nRqcQ$0UO6NMD7XEpt5DoMwCo/tpwQ6AofCaEmrS3giop1OMY"},
                     {"idleTimeoutSeconds", 60}};
    kiosk::SettingsParse parsed = kiosk::parse_settings(settings.dump(), schemes_dir, [&](const std::string&) -> Result<std::string> {
        return scheme_text;
    }, kiosk::SettingsPolicy{true});
    if (std::string s = settings.dump(); s.size() > 64 * 1024) parsed.errors.push_back(Error{"overrides", "must stay under 64 KiB"});
    return parsed.errors;
}

// One refusal as the page needs it: the core's code and arguments, and where it is, read by the core's
// Error::place() (the page never parses a path). An error the settings parser found in an override is placed at
// the rule that override names; one the core found in the scheme the overrides produced ("scheme.rules[6]...")
// at that rule of the scheme (overrides change values, never the rules' order).
Json placed_error(const Error& e, const Scheme& scheme, const Json& overrides) {
    Json args = Json::object();
    for (const ErrorArg& a : e.args) args[a.name] = a.value;
    Json out = {{"path", e.path}, {"code", error_code_id(e.code)}, {"args", args}, {"message", e.message}};
    constexpr std::string_view kSchemePrefix = "scheme.";
    const bool in_scheme = e.path.starts_with(kSchemePrefix);
    const Error relative{in_scheme ? e.path.substr(kSchemePrefix.size()) : e.path, ""};
    const ErrorPlace place = relative.place();
    std::optional<std::string> rule;
    if (in_scheme && place.list == "rules" && place.index >= 0 && place.index < static_cast<int>(scheme.rules.size())) {
        rule = scheme.rules[static_cast<std::size_t>(place.index)].id;
    } else if (!in_scheme && place.list == "overrides" && place.index >= 0 && place.index < static_cast<int>(overrides.size())) {
        const Json& entry = overrides[static_cast<std::size_t>(place.index)];
        if (entry.is_object() && entry.contains("rule") && entry["rule"].is_string()) rule = entry["rule"].get<std::string>();
    }
    out["field"] = std::string(place.field);
    if (!rule) return out;
    out["rule"] = *rule;
    for (std::size_t i = 0; i < scheme.rules.size(); ++i) {
        if (scheme.rules[i].id == *rule) out["number"] = static_cast<std::int64_t>(i + 1);
    }
    return out;
}

}  // namespace

void rates(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res, const std::string& schemes_dir) {
    const Locale locale = locale_param(req);
    const std::int64_t retailer = statement_retailer(db, c, req);
    const std::string scheme_id = req.has_param("scheme") ? req.get_param_value("scheme") : "de";
    SchemeParse scheme = parse_scheme(read_scheme_text(schemes_dir, scheme_id));
    if (!scheme.scheme) throw Refusal{500, "bad_scheme", "scheme", "the scheme file " + scheme_id + " does not validate"};
    const std::string rid = std::to_string(retailer);
    Rows versions = db.query("SELECT version, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), body::text "
                             "FROM config_versions WHERE retailer_id = $1 ORDER BY version DESC LIMIT 20", {rid});
    Json history = Json::array();
    for (int i = 0; i < versions.size(); ++i) {
        Json body = Json::parse(versions.text(i, 2), nullptr, false);
        history.push_back({{"version", versions.integer(i, 0)}, {"at", versions.text(i, 1)},
                           {"overrides", body.is_object() && body.contains("overrides") ? body["overrides"] : Json::array()}});
    }
    const Date today = *parse_date(db.query("SELECT (now() AT TIME ZONE 'UTC')::date::text").text(0, 0));
    Json rules = Json::array();
    for (std::size_t n = 0; n < scheme.scheme->rules.size(); ++n) {
        const Rule& r = scheme.scheme->rules[n];
        if (r.from.days > today.days || (r.until && r.until->days <= today.days)) continue;
        Json materials = Json::array();
        for (int m = 0; m < kMaterialCount; ++m) if (r.material_mask & (1u << m)) materials.push_back(material_id(static_cast<Material>(m)));
        rules.push_back({{"rule", r.id}, {"number", n + 1}, {"materials", materials}, {"depositMinor", r.deposit_minor}, {"refundMinor", r.refund_minor},
                         {"deposit", money_json(r.deposit_minor, std::string(currency_code(scheme.scheme->currency)), locale)},
                         {"handlingFeeMicros", r.handling_fee.micros}});
    }
    Rows machines = db.query(
        "SELECT s.number, m.number, m.config_version, m.config_failed_version, m.config_error, m.config_error_field, m.config_error_message "
        "FROM machines m JOIN stores s ON s.id = m.store_id WHERE s.retailer_id = $1 ORDER BY 1, 2", {rid});
    const std::int64_t latest = versions.empty() ? 0 : versions.integer(0, 0);
    Json rollout = Json::array();
    for (int i = 0; i < machines.size(); ++i) {
        const std::int64_t applied = machines.integer(i, 2);
        const bool failed = applied != latest && machines.integer(i, 3) == latest;  // its kiosk acked the latest as failed
        Json row = {{"store", machines.integer(i, 0)}, {"machine", machines.integer(i, 1)}, {"applied", applied},
                    {"status", applied == latest ? "applied" : failed ? "failed" : "pending"}};
        if (failed) row["failure"] = {{"error", machines.text(i, 4)}, {"field", machines.text(i, 5)}, {"message", machines.text(i, 6)}};
        rollout.push_back(std::move(row));
    }
    send_json(res, 200, {{"retailer", retailer}, {"scheme", scheme_id}, {"currency", currency_code(scheme.scheme->currency)},
                         {"latest", latest}, {"overrides", history.empty() ? Json::array() : history[0]["overrides"]},
                         {"rules", rules}, {"history", history}, {"rollout", rollout}});
}

void publish_rates(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res, const std::string& schemes_dir) {
    const Json in = Json::parse(req.body, nullptr, false);
    if (!in.is_object()) throw Refusal{400, "bad_input", "", "send a JSON object {scheme, overrides}"};
    for (const auto& [key, _] : in.items()) {
        if (key != "scheme" && key != "overrides") throw Refusal{400, "bad_input", key, key + " is not a field of a rates change"};
    }
    if (!in.contains("scheme") || !in["scheme"].is_string()) throw Refusal{400, "bad_input", "scheme", "scheme must be a scheme id"};
    if (!in.contains("overrides") || !in["overrides"].is_array()) throw Refusal{400, "bad_input", "overrides", "overrides must be an array"};
    const std::int64_t retailer = statement_retailer(db, c, req);
    const std::string scheme_id = in["scheme"].get<std::string>();
    const std::string scheme_text = read_scheme_text(schemes_dir, scheme_id);
    SchemeParse scheme = parse_scheme(scheme_text);
    if (!scheme.scheme) throw Refusal{500, "bad_scheme", "scheme", "the scheme file " + scheme_id + " does not validate"};
    std::vector<Error> errors = validate_overrides(schemes_dir, scheme_id, scheme_text, *scheme.scheme, in["overrides"]);
    if (!errors.empty()) {
        Json list = Json::array();
        for (const Error& e : errors) list.push_back(placed_error(e, *scheme.scheme, in["overrides"]));
        send_json(res, 422, {{"error", "invalid_rates"}, {"field", errors[0].path}, {"message", errors[0].path + " " + errors[0].message}, {"errors", list}});
        return;
    }
    Rows v = db.query("INSERT INTO config_versions(retailer_id, version, body) SELECT $1::bigint, COALESCE(max(version), 0) + 1, $2::jsonb "
                      "FROM config_versions WHERE retailer_id = $1::bigint RETURNING version",
                      {std::to_string(retailer), Json{{"scheme", in["scheme"]}, {"overrides", in["overrides"]}}.dump()});
    send_json(res, 201, {{"version", v.integer(0, 0)}});
}

}  // namespace returnloop::hub::console
