// Shared plumbing of the console's endpoints (see console_http.hpp).
#include "console_http.hpp"

#include <iostream>

#include "returnloop/date.hpp"

namespace returnloop::hub::console {

void send_json(httplib::Response& res, int status, const Json& body) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    // With its charset the type is not one cpp-httplib compresses: its brotli at quality 11 took seconds on a
    // 10,000-machine fleet, far longer than sending the bytes over the loopback or LAN a console uses.
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

namespace {

void send_refusal(httplib::Response& res, const Refusal& r) {
    Json body = {{"error", r.error}, {"message", r.message}};
    if (!r.field.empty()) body["field"] = r.field;
    send_json(res, r.status, body);
}

std::string bearer(const httplib::Request& req) {
    const std::string h = req.get_header_value("Authorization");
    return h.starts_with("Bearer ") ? h.substr(7) : std::string();
}

}  // namespace

httplib::Server::Handler guarded(Pool& pool, Caller::Kind kind, Handler handler) {
    return [&pool, kind, handler](const httplib::Request& req, httplib::Response& res) {
        try {
            Pool::Lease db = pool.take();
            const std::string token = bearer(req);
            if (token.empty()) throw Refusal{401, "unauthenticated", "Authorization", "log in first"};
            std::optional<Caller> caller = caller_for_token(*db, token);
            if (!caller) throw Refusal{401, "unauthenticated", "Authorization", "the session is unknown or has expired"};
            if (caller->kind != kind) throw Refusal{403, "forbidden", "", "this credential may not call this endpoint"};
            handler(*db, *caller, req, res);
        } catch (const Refusal& r) {
            send_refusal(res, r);
        } catch (const DbError& e) {
            if (e.connection_lost()) {
                send_refusal(res, {503, "database_unavailable", "", "the database cannot be reached; retry later"});
            } else {
                std::cerr << "returnloop-hub console: database error: " << e.what() << "\n";
                send_refusal(res, {500, "database_error", "", "the database refused the request"});
            }
        } catch (const std::exception& e) {
            std::cerr << "returnloop-hub console: " << e.what() << "\n";
            send_refusal(res, {500, "internal", "", "internal error"});
        }
    };
}

std::string date_param(const httplib::Request& req, const char* name) {
    const std::string v = req.get_param_value(name);
    if (!returnloop::parse_date(v)) throw Refusal{400, "bad_input", name, std::string(name) + " must be a date YYYY-MM-DD"};
    return v;
}

std::int64_t integer_param(const httplib::Request& req, const char* name, std::int64_t min, std::int64_t max) {
    const std::string v = req.get_param_value(name);
    const bool digits = !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos;
    const std::int64_t n = digits ? std::stoll(v) : -1;
    if (!digits || n < min || n > max) {
        throw Refusal{400, "bad_input", name, std::string(name) + " must be a whole number " + std::to_string(min) + ".." + std::to_string(max)};
    }
    return n;
}

Locale locale_param(const httplib::Request& req) {
    const std::string lang = req.get_param_value("lang");
    if (lang.empty() || lang == "en") return Locale::en_US;
    if (lang == "zh-CN") return Locale::zh_CN;
    if (lang == "de") return Locale::de_DE;
    if (lang == "es") return Locale::es_ES;
    throw Refusal{400, "bad_input", "lang", "lang must be en, zh-CN, es or de"};
}

std::vector<Param> scope_params(const Caller& c) { return {c.role, std::to_string(c.retailer_id), std::to_string(c.store_id)}; }

std::int64_t visible_store(Connection& db, const Caller& caller, std::int64_t number) {
    std::vector<Param> p = scope_params(caller);
    p.push_back(std::to_string(number));
    Rows r = db.query(std::string("SELECT s.id FROM stores s WHERE s.number = $4 AND ") + kStoreScope, p);
    if (r.empty()) throw Refusal{404, "not_found", "store", "no store " + std::to_string(number) + " that you may see"};
    return r.integer(0, 0);
}

std::int64_t statement_retailer(Connection& db, const Caller& caller, const httplib::Request& req) {
    if (caller.role == "retailer") {
        if (req.has_param("retailer") && integer_param(req, "retailer", 1, INT64_MAX / 2) != caller.retailer_id) {
            throw Refusal{404, "not_found", "retailer", "no retailer that you may see"};
        }
        return caller.retailer_id;
    }
    if (caller.role != "operator") throw Refusal{403, "forbidden", "", "clearing statements are for retailers and the scheme operator"};
    const std::int64_t id = integer_param(req, "retailer", 1, INT64_MAX / 2);
    if (db.query("SELECT 1 FROM retailers WHERE id = $1", {std::to_string(id)}).empty()) {
        throw Refusal{404, "not_found", "retailer", "no retailer " + std::to_string(id)};
    }
    return id;
}

Json money_json(std::int64_t minor, const std::string& currency, Locale locale) {
    Json out = {{"minor", minor}, {"currency", currency}};
    if (auto c = currency_from_code(currency)) out["text"] = format_money(Money{minor, *c}, locale);
    else out["text"] = std::to_string(minor) + " " + currency;  // a code the core does not know: shown, never guessed
    return out;
}

}  // namespace returnloop::hub::console
