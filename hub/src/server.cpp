// HTTP routes of the hub (see server.hpp).
#include "server.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include "batch.hpp"
#include "console.hpp"
#include "db.hpp"
#include "identity.hpp"
#include "ingest.hpp"
#include "json_input.hpp"
#include "redeem.hpp"
#include "register_publish.hpp"
#include "backend/voucher_code.hpp"
#include "returnloop/date.hpp"

namespace returnloop::hub {
namespace {

constexpr std::size_t kMaxBodyBytes = 4 * 1024 * 1024;  // a full batch of 1000 records is about 600 KB

struct HttpError {
    int status;
    std::string error;  // machine-readable code
    std::string field;
    std::string message;
};

void send_json(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    // An error may quote the caller's bytes cut at a limit, possibly inside a UTF-8 sequence: never let that throw.
    res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, const HttpError& e) {
    Json body = {{"error", e.error}, {"message", e.message}};
    if (!e.field.empty()) body["field"] = e.field;
    send_json(res, e.status, body);
}

std::string bearer(const httplib::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    return h.starts_with("Bearer ") ? h.substr(7) : std::string();
}

Json input_or_throw(const httplib::Request& req, std::initializer_list<std::string_view> allowed) {
    auto parsed = parse_json_object(req.body);
    if (auto* e = std::get_if<InputError>(&parsed)) throw HttpError{400, "bad_input", e->field, e->field + " " + e->message};
    Json j = std::move(std::get<Json>(parsed));
    if (auto e = unknown_field(j, allowed)) throw HttpError{400, "bad_input", e->field, e->field + " " + e->message};
    return j;
}

template <typename T>
T required(std::optional<T> value, std::optional<InputError>& error) {
    if (error) throw HttpError{400, "bad_input", error->field, error->field + " " + error->message};
    return *value;
}

void record_event(Connection& db, const std::string& kind, const Caller* caller, const Json& detail) {
    db.query("INSERT INTO events(kind, retailer_id, machine_id, till_id, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
             {kind, caller && caller->retailer_id ? Param(std::to_string(caller->retailer_id)) : Param(),
              caller && caller->machine_id ? Param(std::to_string(caller->machine_id)) : Param(),
              caller && caller->till_id ? Param(std::to_string(caller->till_id)) : Param(), detail.dump()});
}

// Lays one version's settings part over the parts before it as the kiosk lays a version over its settings file
// (kiosk/backend/hub_config.cpp, merge_hub_config): limits and voucher field by field, every other field whole.
void lay_over(Json& folded, const Json& part) {
    if (!part.is_object() || !folded.is_object()) {
        folded = part;  // only SQL behind the API can store that; the kiosk refuses it and says so
        return;
    }
    for (const auto& [key, value] : part.items()) {
        if ((key == "limits" || key == "voucher") && value.is_object() && folded.contains(key) && folded[key].is_object()) {
            for (const auto& [field, v] : value.items()) folded[key][field] = v;
        } else {
            folded[key] = value;
        }
    }
}

class Api {
public:
    explicit Api(const std::string& url, std::size_t connections) : pool_(url, connections) {}

    void install(httplib::Server& server);

private:
    using Handler = std::function<void(Connection&, const httplib::Request&, httplib::Response&)>;
    using AuthedHandler = std::function<void(Connection&, const Caller&, const httplib::Request&, httplib::Response&)>;

    // Wraps a handler: a database connection, errors as JSON (4xx for input, 503 while the database is away).
    httplib::Server::Handler wrap(Handler handler);
    httplib::Server::Handler authed(std::initializer_list<Caller::Kind> kinds, AuthedHandler handler);

    void health(httplib::Response& res);
    static void enroll(Connection& db, const httplib::Request& req, httplib::Response& res);
    static void upload(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void redeem(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void login(Connection& db, const httplib::Request& req, httplib::Response& res);
    static void logout(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void me(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void machines(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void totals(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void vouchers(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void events(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void publish_config(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void fetch_config(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void ack_config(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void publish_register(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
    static void announce_key(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);

    Pool pool_;
};

httplib::Server::Handler Api::wrap(Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
        try {
            Pool::Lease db = pool_.take();
            handler(*db, req, res);
        } catch (const HttpError& e) {
            send_error(res, e);
        } catch (const DbError& e) {
            if (e.connection_lost()) {
                send_error(res, {503, "database_unavailable", "", "the database cannot be reached; retry later"});
            } else if (e.sqlstate == "40001" || e.sqlstate == "40P01") {
                send_error(res, {503, "retry", "", "a concurrent change conflicted; retry"});
            } else {
                std::cerr << "returnloop-hub: database error: " << e.what() << "\n";
                send_error(res, {500, "database_error", "", "the database refused the request"});
            }
        } catch (const std::exception& e) {
            std::cerr << "returnloop-hub: " << e.what() << "\n";
            send_error(res, {500, "internal", "", "internal error"});
        }
    };
}

httplib::Server::Handler Api::authed(std::initializer_list<Caller::Kind> kinds, AuthedHandler handler) {
    std::vector<Caller::Kind> allowed(kinds);
    return wrap([allowed, handler](Connection& db, const httplib::Request& req, httplib::Response& res) {
        const std::string token = bearer(req);
        if (token.empty()) throw HttpError{401, "unauthenticated", "Authorization", "send Authorization: Bearer <credential>"};
        std::optional<Caller> caller = caller_for_token(db, token);
        if (!caller) throw HttpError{401, "unauthenticated", "Authorization", "the credential is unknown, revoked or expired"};
        if (std::find(allowed.begin(), allowed.end(), caller->kind) == allowed.end()) {
            throw HttpError{403, "forbidden", "", "this credential may not call this endpoint"};
        }
        handler(db, *caller, req, res);
    });
}

void Api::health(httplib::Response& res) {
    try {
        Pool::Lease db = pool_.take();
        Rows r = db->query("SELECT max(version) FROM schema_migrations");
        send_json(res, 200, {{"status", "ok"}, {"database", "ok"}, {"schema", r.is_null(0, 0) ? 0 : r.integer(0, 0)}});
    } catch (const std::exception&) {
        send_json(res, 503, {{"status", "degraded"}, {"database", "unreachable"}});
    }
}

void Api::enroll(Connection& db, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"code"});
    std::optional<InputError> error;
    const std::string code = required(read_string(in, "code", 64, error), error);
    std::optional<Enrolment> e = redeem_enrolment_code(db, code);
    if (!e) {
        record_event(db, "enrolment_refused", nullptr, {{"reason", "unknown, used or expired code"}});
        throw HttpError{403, "bad_code", "code", "the enrolment code is unknown, already used or expired"};
    }
    Json out = {{"kind", e->kind}, {"credential", e->credential}, {"store", e->store}};
    if (e->kind == "machine") {
        out["machine"] = e->machine;
        out["voucherKey"] = e->voucher_key_hex;
    } else {
        out["till"] = e->till;
    }
    send_json(res, 200, out);
}

void Api::upload(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res) {
    auto parsed = parse_upload_batch(req.body);
    if (auto* e = std::get_if<InputError>(&parsed)) throw HttpError{400, "bad_input", e->field, e->field + " " + e->message};
    const UploadBatch& batch = std::get<UploadBatch>(parsed);
    if (batch.store != caller.store_number || batch.machine != caller.machine_number) {
        record_event(db, "upload_wrong_machine", &caller,
                     {{"claimedStore", batch.store}, {"claimedMachine", batch.machine}});
        throw HttpError{403, "wrong_machine", "store",
                        "this credential belongs to store " + std::to_string(caller.store_number) + " machine " +
                            std::to_string(caller.machine_number)};
    }
    IngestResult r = ingest_batch(db, caller.machine_id, batch);
    Json out = {{"acked", r.acked}, {"stored", r.stored}, {"duplicates", r.duplicates}, {"heldBack", r.held_back}};
    if (r.refused) {
        record_event(db, "upload_refused", &caller,
                     {{"reason", r.refusal_kind}, {"field", r.refused->field}, {"acked", r.acked}});
        out["error"] = r.refusal_kind;
        out["field"] = r.refused->field;
        out["message"] = r.refused->field + " " + r.refused->message;
        send_json(res, r.refusal_kind == "conflict" ? 409 : 422, out);
        return;
    }
    send_json(res, 200, out);
}

void Api::redeem(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"code", "till"});
    std::optional<InputError> error;
    const std::string code = required(read_string(in, "code", 128, error), error);
    const std::string till = required(read_string(in, "till", 100, error), error);
    if (till != caller.till_name) {
        record_event(db, "redeem_wrong_till", &caller, {{"claimedTill", till}});
        throw HttpError{403, "wrong_till", "till", "this credential belongs to till " + caller.till_name};
    }
    RedeemAnswer a = redeem_at_till(db, caller, code);
    if (a.result == "malformed") throw HttpError{400, "bad_input", "code", "code " + a.message};
    Json out = {{"result", a.result}, {"message", a.message}};
    if (a.amount_minor > 0) {
        out["amountMinor"] = a.amount_minor;
        out["currency"] = a.currency;
        out["store"] = a.store;
        out["machine"] = a.machine;
    }
    if (!a.redeemed_at.empty()) {
        out["redeemedAt"] = a.redeemed_at;
        out["redeemedBy"] = a.redeemed_by;
    }
    if (a.result == "bad_tag" || a.result == "wrong_retailer") record_event(db, "redeem_" + a.result, &caller, {{"till", till}});
    send_json(res, 200, out);
}

void Api::login(Connection& db, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"email", "password"});
    std::optional<InputError> error;
    const std::string email = required(read_string(in, "email", 254, error), error);
    const std::string password = required(read_string(in, "password", 200, error), error);
    std::optional<Login> login = log_in(db, email, password);
    if (!login) throw HttpError{401, "bad_login", "password", "the email or password is wrong"};
    send_json(res, 200, {{"token", login->token}, {"role", login->role}});
}

void Api::logout(Connection& db, const Caller&, const httplib::Request& req, httplib::Response& res) {
    db.query("DELETE FROM sessions WHERE token_hash = $1", {token_hash(bearer(req))});
    send_json(res, 200, {{"status", "logged_out"}});
}

void Api::me(Connection&, const Caller& c, const httplib::Request&, httplib::Response& res) {
    Json out = {{"kind", c.kind == Caller::Kind::machine ? "machine" : c.kind == Caller::Kind::till ? "till" : "person"}};
    if (c.kind == Caller::Kind::person) out["role"] = c.role;
    if (c.store_number || c.kind != Caller::Kind::person) out["store"] = c.store_number;
    if (c.kind == Caller::Kind::machine) out["machine"] = c.machine_number;
    if (c.kind == Caller::Kind::till) out["till"] = c.till_name;
    send_json(res, 200, out);
}

// The WHERE clause that limits stores (alias s) to what a person may see: $1 is the retailer, $2 the store.
const char* kStoreScope = "($3 = 'operator' OR ($3 = 'retailer' AND s.retailer_id = $1::bigint) OR ($3 = 'store' AND s.id = $2::bigint))";

std::vector<Param> scope_params(const Caller& c) {
    return {std::to_string(c.retailer_id), std::to_string(c.store_id), c.role};
}

void Api::machines(Connection& db, const Caller& c, const httplib::Request&, httplib::Response& res) {
    Rows r = db.query(std::string("SELECT s.number, m.number, m.acked_seq, m.config_version, "
                                  "COALESCE(to_char(m.last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), rt.name, "
                                  "m.config_failed_version, m.config_error, m.config_error_field, m.config_error_message, "
                                  "COALESCE((SELECT max(version) FROM config_versions cv WHERE cv.retailer_id = s.retailer_id), 0) "
                                  "FROM machines m JOIN stores s ON s.id = m.store_id JOIN retailers rt ON rt.id = s.retailer_id WHERE ") +
                          kStoreScope + " ORDER BY s.number, m.number",
                      scope_params(c));
    Json list = Json::array();
    for (int i = 0; i < r.size(); ++i) {
        const std::int64_t applied = r.integer(i, 3), failed = r.integer(i, 6), latest = r.integer(i, 10);
        Json m = {{"store", r.integer(i, 0)}, {"machine", r.integer(i, 1)}, {"ackedSeq", r.integer(i, 2)},
                  {"configVersion", applied}, {"configLatest", latest}, {"lastSeen", r.text(i, 4)}, {"retailer", r.text(i, 5)},
                  {"configStatus", applied == latest ? "applied" : failed == latest ? "failed" : "pending"}};
        if (failed > 0) {
            m["configFailed"] = {{"version", failed}, {"error", r.text(i, 7)}, {"field", r.text(i, 8)}, {"message", r.text(i, 9)}};
        }
        list.push_back(std::move(m));
    }
    send_json(res, 200, {{"machines", list}});
}

std::string date_param(const httplib::Request& req, const char* name) {
    const std::string v = req.get_param_value(name);
    if (!returnloop::parse_date(v)) throw HttpError{400, "bad_input", name, std::string(name) + " must be a date YYYY-MM-DD"};
    return v;
}

int store_param(const httplib::Request& req) {
    const std::string v = req.get_param_value("store");
    if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos) {
        throw HttpError{400, "bad_input", "store", "store must be a store number 0..9999"};
    }
    return std::stoi(v);
}

void Api::totals(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    const int store = store_param(req);
    const std::string from = date_param(req, "from"), to = date_param(req, "to");
    std::vector<Param> params = scope_params(c);
    params.push_back(std::to_string(store));
    params.push_back(from);
    params.push_back(to);
    Rows visible = db.query(std::string("SELECT s.id FROM stores s WHERE s.number = $4 AND ") + kStoreScope, {params[0], params[1], params[2], params[3]});
    if (visible.empty()) throw HttpError{404, "not_found", "store", "no store " + std::to_string(store) + " that you may see"};
    Rows r = db.query("SELECT i.currency, count(*), sum(i.refund_minor), sum(i.deposit_minor), sum(i.handling_fee_micros) "
                      "FROM items i JOIN machines m ON m.id = i.machine_id WHERE m.store_id = $1 AND i.scanned_date BETWEEN $2 AND $3 "
                      "GROUP BY i.currency ORDER BY i.currency",
                      {visible.text(0, 0), from, to});
    Json list = Json::array();
    for (int i = 0; i < r.size(); ++i) {
        list.push_back({{"currency", r.text(i, 0)}, {"items", r.integer(i, 1)}, {"refundMinor", r.integer(i, 2)},
                        {"depositMinor", r.integer(i, 3)}, {"handlingFeeMicros", r.integer(i, 4)}});
    }
    send_json(res, 200, {{"store", store}, {"from", from}, {"to", to}, {"totals", list}});
}

void Api::vouchers(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    const int store = store_param(req);
    std::vector<Param> params = scope_params(c);
    params.push_back(std::to_string(store));
    Rows r = db.query(std::string("SELECT m.number, v.issued_date, v.seq_short, v.amount_minor, v.currency, v.status, v.uploaded, "
                                  "COALESCE(t.name, '') FROM vouchers v JOIN machines m ON m.id = v.machine_id JOIN stores s ON s.id = m.store_id "
                                  "LEFT JOIN tills t ON t.id = v.redeemed_till_id WHERE s.number = $4 AND ") +
                          kStoreScope + " ORDER BY v.id DESC LIMIT 500",
                      params);
    Json list = Json::array();
    for (int i = 0; i < r.size(); ++i) {
        list.push_back({{"machine", r.integer(i, 0)}, {"issued", r.text(i, 1)}, {"seq", r.integer(i, 2)}, {"amountMinor", r.integer(i, 3)},
                        {"currency", r.text(i, 4)}, {"status", r.text(i, 5)}, {"uploaded", r.boolean(i, 6)}, {"till", r.text(i, 7)}});
    }
    send_json(res, 200, {{"store", store}, {"vouchers", list}});
}

void Api::events(Connection& db, const Caller& c, const httplib::Request&, httplib::Response& res) {
    if (c.role != "operator" && c.role != "retailer") throw HttpError{403, "forbidden", "", "events are for operators and retailers"};
    Rows r = db.query("SELECT e.id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), e.kind, e.detail::text FROM events e "
                      "WHERE $2 = 'operator' OR e.retailer_id = $1::bigint ORDER BY e.id DESC LIMIT 500",
                      {std::to_string(c.retailer_id), c.role});
    Json list = Json::array();
    for (int i = 0; i < r.size(); ++i) {
        list.push_back({{"id", r.integer(i, 0)}, {"at", r.text(i, 1)}, {"kind", r.text(i, 2)}, {"detail", Json::parse(r.text(i, 3))}});
    }
    send_json(res, 200, {{"events", list}});
}

void Api::publish_config(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"retailer", "settings"});
    if (c.role != "operator" && c.role != "retailer") throw HttpError{403, "forbidden", "", "only retailer staff and operators publish settings"};
    auto settings = in.find("settings");
    if (settings == in.end() || !settings->is_object()) throw HttpError{400, "bad_input", "settings", "settings must be an object"};
    if (settings->dump().size() > 64 * 1024) throw HttpError{413, "too_large", "settings", "settings must stay under 64 KiB"};
    if (settings->contains("register")) {
        throw HttpError{400, "bad_input", "settings.register", "register updates are published by the scheme operator with POST /v1/register"};
    }
    std::string retailer_id = std::to_string(c.retailer_id);
    if (c.role == "operator") {
        std::optional<InputError> error;
        const std::string name = required(read_string(in, "retailer", 200, error), error);
        Rows r = db.query("SELECT id FROM retailers WHERE name = $1", {name});
        if (r.empty()) throw HttpError{404, "not_found", "retailer", "no retailer " + name};
        retailer_id = r.text(0, 0);
    } else if (in.contains("retailer")) {
        throw HttpError{400, "bad_input", "retailer", "retailer staff publish for their own retailer only"};
    }
    Rows v = db.query("INSERT INTO config_versions(retailer_id, version, body) SELECT $1::bigint, COALESCE(max(version), 0) + 1, $2::jsonb "
                      "FROM config_versions WHERE retailer_id = $1::bigint RETURNING version",
                      {retailer_id, settings->dump()});
    send_json(res, 201, {{"version", v.integer(0, 0)}});
}

// The newest version of the machine's retailer, carrying every part published after the last version the machine
// applied or failed, laid over each other in order: a version is a part of the settings file, so a machine that was
// mid-session, offline or behind while a rate and then a register delta were published must get both, not only the
// newest. A version without a register carries the newest one published before it.
void Api::fetch_config(Connection& db, const Caller& c, const httplib::Request&, httplib::Response& res) {
    Rows m = db.query("SELECT config_version, config_failed_version FROM machines WHERE id = $1", {std::to_string(c.machine_id)});
    if (m.empty()) throw HttpError{403, "forbidden", "", "the machine is no longer enrolled"};
    const std::int64_t applied = m.integer(0, 0), failed = m.integer(0, 1);
    Rows v = db.query("SELECT version, body::text FROM config_versions WHERE retailer_id = $1 AND (version > $2 "
                      "  OR version = (SELECT max(version) FROM config_versions WHERE retailer_id = $1)) ORDER BY version",
                      {std::to_string(c.retailer_id), std::to_string(std::max(applied, failed))});
    std::int64_t version = 0;
    Json settings = Json::object();
    for (int i = 0; i < v.size(); ++i) {
        version = v.integer(i, 0);
        lay_over(settings, Json::parse(v.text(i, 1)));
    }
    if (settings.is_object() && !settings.contains("register")) {
        if (std::optional<std::string> overlay = newest_register_overlay(db, std::to_string(c.retailer_id))) settings["register"] = Json::parse(*overlay);
    }
    send_json(res, 200, {{"version", version}, {"settings", settings}, {"applied", applied}, {"failed", failed}});
}

// {add?: [register rows], remove?: [GTINs], retailer?}: a product register delta from the scheme operator, checked by
// the core's register rules (a 400 names the field, nothing is written) and published as a new configuration version
// of every retailer (or of the one named).
void Api::publish_register(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"add", "remove", "retailer"});
    if (c.role != "operator") throw HttpError{403, "forbidden", "", "only the scheme operator publishes product register updates"};
    std::optional<InputError> error;
    std::optional<std::string> retailer;
    if (in.contains("retailer")) retailer = required(read_string(in, "retailer", 200, error), error);
    const Json none;
    Result<kiosk::RegisterOverlay> delta = kiosk::parse_register_delta(in.contains("add") ? in["add"] : none,
                                                                     in.contains("remove") ? in["remove"] : none);
    if (!delta) throw HttpError{400, "bad_input", delta.error().path, delta.error().path + " " + delta.error().message};
    auto published = publish_register_delta(db, *delta, retailer);
    if (auto* refusal = std::get_if<RegisterRefusal>(&published)) throw HttpError{refusal->status, refusal->error, refusal->field, refusal->message};
    Json versions = Json::array();
    for (const RegisterPublished& p : std::get<std::vector<RegisterPublished>>(published)) {
        versions.push_back({{"retailer", p.retailer}, {"version", p.version}, {"rows", p.rows}, {"removed", p.removed}});
    }
    send_json(res, 201, {{"added", delta->rows.size()}, {"removed", delta->removed.size()}, {"versions", versions}});
}

// {version} or {version, status: applied}: the machine runs it; {version, status: failed, error, field?, message}: it
// refused it (its typed error code) and keeps running its previous version.
void Api::ack_config(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"version", "status", "error", "field", "message"});
    std::optional<InputError> error;
    const std::int64_t version = required(read_integer(in, "version", 0, kMaxSeq, error), error);
    const std::string status = in.contains("status") ? required(read_string(in, "status", 16, error), error) : "applied";
    if (status != "applied" && status != "failed") throw HttpError{400, "bad_input", "status", "status must be applied or failed"};
    Rows known = db.query("SELECT 1 FROM config_versions WHERE retailer_id = $1 AND version = $2",
                          {std::to_string(c.retailer_id), std::to_string(version)});
    if (version != 0 && known.empty()) throw HttpError{400, "bad_input", "version", "version " + std::to_string(version) + " was never published"};
    if (status == "applied") {
        for (const char* field : {"error", "field", "message"}) {
            if (in.contains(field)) throw HttpError{400, "bad_input", field, std::string(field) + " belongs to a failed version only"};
        }
        db.query("UPDATE machines SET config_version = $2, config_acked_at = now(), last_seen = now() WHERE id = $1",
                 {std::to_string(c.machine_id), std::to_string(version)});
    } else {
        const std::string code = required(read_string(in, "error", 64, error), error);
        const std::string field = in.contains("field") ? required(read_string(in, "field", 200, error), error) : "";
        const std::string message = required(read_string(in, "message", 1000, error), error);
        if (version == 0) throw HttpError{400, "bad_input", "version", "version 0 is no configuration to fail"};
        if (code.empty() || code.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
            throw HttpError{400, "bad_input", "error", "error must be a typed error code such as invalid_settings"};
        }
        db.query("UPDATE machines SET config_failed_version = $2, config_error = $3, config_error_field = $4, config_error_message = $5, "
                 "config_acked_at = now(), last_seen = now() WHERE id = $1",
                 {std::to_string(c.machine_id), std::to_string(version), code, field, message});
    }
    send_json(res, 200, {{"version", version}, {"status", status}});
}

// A machine tells the hub its store's key ring grew (a rotation): {keyId, key}. Idempotent; a key id already known
// for another key is a conflict, never an overwrite, so old vouchers keep verifying.
void Api::announce_key(Connection& db, const Caller& c, const httplib::Request& req, httplib::Response& res) {
    Json in = input_or_throw(req, {"keyId", "key"});
    std::optional<InputError> error;
    const std::int64_t key_id = required(read_integer(in, "keyId", 1, 999, error), error);
    const std::string hex = required(read_string(in, "key", 64, error), error);
    if (!kiosk::parse_voucher_key(hex) || hex.size() != 64) throw HttpError{400, "bad_input", "key", "key must be 64 hexadecimal digits"};
    const std::string store_id = db.query("SELECT store_id FROM machines WHERE id = $1", {std::to_string(c.machine_id)}).text(0, 0);
    Rows stored = db.query("INSERT INTO store_keys(store_id, key_id, voucher_key, announced_by) VALUES ($1, $2, decode($3, 'hex'), $4) "
                           "ON CONFLICT (store_id, key_id) DO NOTHING RETURNING key_id",
                           {store_id, std::to_string(key_id), hex, std::to_string(c.machine_id)});
    if (stored.empty()) {
        Rows same = db.query("SELECT voucher_key = decode($3, 'hex') FROM store_keys WHERE store_id = $1 AND key_id = $2",
                             {store_id, std::to_string(key_id), hex});
        if (!same.boolean(0, 0)) {
            record_event(db, "key_conflict", &c, {{"keyId", key_id}});
            throw HttpError{409, "conflict", "keyId", "key id " + std::to_string(key_id) + " already stands for another key of this store"};
        }
    } else {
        record_event(db, "key_announced", &c, {{"keyId", key_id}});
    }
    send_json(res, 200, {{"keyId", key_id}, {"known", true}});
}

void Api::install(httplib::Server& s) {
    using K = Caller::Kind;
    s.Get("/v1/health", [this](const httplib::Request&, httplib::Response& res) { health(res); });
    s.Post("/v1/enroll", wrap(enroll));
    s.Post("/v1/login", wrap(login));
    s.Post("/v1/logout", authed({K::person}, logout));
    s.Get("/v1/me", authed({K::machine, K::till, K::person}, me));
    s.Post("/v1/upload", authed({K::machine}, upload));
    s.Post("/v1/redeem", authed({K::till}, redeem));
    s.Get("/v1/machines", authed({K::person}, machines));
    s.Get("/v1/totals", authed({K::person}, totals));
    s.Get("/v1/vouchers", authed({K::person}, vouchers));
    s.Get("/v1/events", authed({K::person}, events));
    s.Post("/v1/config", authed({K::person}, publish_config));
    s.Get("/v1/config", authed({K::machine}, fetch_config));
    s.Post("/v1/config/ack", authed({K::machine}, ack_config));
    s.Post("/v1/register", authed({K::person}, publish_register));
    s.Post("/v1/keys", authed({K::machine}, announce_key));
    s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        const char* code = res.status == 404 ? "not_found" : res.status == 413 ? "too_large" : "bad_request";
        std::string message = res.status == 413 ? "the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes"
                              : res.status == 404 ? "no such endpoint" : "the request could not be read";
        send_json(res, res.status, {{"error", code}, {"field", res.status == 413 ? "body" : ""}, {"message", message}});
    });
}

std::atomic<httplib::Server*> running_server{nullptr};

void stop_on_signal(int) {
    if (httplib::Server* s = running_server.load()) s->stop();
}

// Debian's compiled cpp-httplib 0.11 listens with a backlog of 5: a hundred tills connecting at once overflow it and
// some connections are reset. Linux lets listen() be called again on the listening socket to raise the backlog;
// httplib does not expose the socket, so find it among our descriptors by its port.
void raise_listen_backlog(int port) {
    for (int fd = 3; fd < 1024; ++fd) {
        int listening = 0;
        socklen_t size = sizeof listening;
        if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || !listening) continue;
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
        const int bound = address.ss_family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in*>(&address)->sin_port)
                          : address.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&address)->sin6_port)
                                                          : -1;
        if (bound == port) ::listen(fd, 1024);
    }
}

bool is_loopback(const std::string& host) { return host == "127.0.0.1" || host == "::1" || host == "localhost"; }

}  // namespace

int serve(const ServeOptions& o) {
    const bool tls = !o.tls_cert.empty() || !o.tls_key.empty();
    if (tls && (o.tls_cert.empty() || o.tls_key.empty())) {
        std::cerr << "returnloop-hub: --tls-cert and --tls-key go together\n";
        return 2;
    }
    if (!tls && !is_loopback(o.host)) {
        std::cerr << "returnloop-hub: plain HTTP is served on loopback only; give --tls-cert and --tls-key to listen on " << o.host << "\n";
        return 2;
    }
    std::unique_ptr<httplib::Server> server;
    if (tls) {
        auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
        if (!ssl->is_valid()) {
            std::cerr << "returnloop-hub: cannot load the TLS certificate " << o.tls_cert << " or key " << o.tls_key << "\n";
            return 1;
        }
        server = std::move(ssl);
    } else {
        server = std::make_unique<httplib::Server>();
    }
    Api api(o.database_url, static_cast<std::size_t>(o.threads));
    api.install(*server);
    install_console(*server, default_console_options(o.database_url, static_cast<std::size_t>(std::min(4, o.threads))));
    server->new_task_queue = [n = o.threads] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
    server->set_payload_max_length(kMaxBodyBytes);
    server->set_read_timeout(5, 0);   // a slow client loses its connection instead of holding a thread
    server->set_write_timeout(5, 0);
    server->set_keep_alive_max_count(1000);

    int port = o.port;
    if (port == 0) {
        port = server->bind_to_any_port(o.host);
    } else if (!server->bind_to_port(o.host, port)) {
        port = -1;
    }
    if (port < 0) {
        std::cerr << "returnloop-hub: cannot listen on " << o.host << ":" << o.port << "\n";
        return 1;
    }
    raise_listen_backlog(port);
    running_server = server.get();
    ::signal(SIGINT, stop_on_signal);
    ::signal(SIGTERM, stop_on_signal);
    ::signal(SIGPIPE, SIG_IGN);
    // The one line scripts wait for: where the hub listens.
    std::cout << Json{{"event", "listening"}, {"host", o.host}, {"port", port}, {"tls", tls}}.dump() << std::endl;
    server->listen_after_bind();
    running_server = nullptr;
    return 0;
}

}  // namespace returnloop::hub
