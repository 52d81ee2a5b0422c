// What every console endpoint shares: errors as JSON naming the field, the person or till behind the bearer
// token, query parameters read strictly, store scope by role, and money as exact minor units beside the core's
// own formatting of it in the caller's language.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "db.hpp"
#include "identity.hpp"
#include "returnloop/money.hpp"

namespace returnloop::hub::console {

using Json = nlohmann::json;

struct Refusal {
    int status;
    std::string error;  // machine-readable code
    std::string field;
    std::string message;
};

using Handler = std::function<void(Connection&, const Caller&, const httplib::Request&, httplib::Response&)>;

// A handler behind a bearer token of one kind (people or tills), with errors and database failures as JSON.
httplib::Server::Handler guarded(Pool& pool, Caller::Kind kind, Handler handler);

void send_json(httplib::Response& res, int status, const Json& body);

std::string date_param(const httplib::Request& req, const char* name);        // YYYY-MM-DD, required
std::int64_t integer_param(const httplib::Request& req, const char* name, std::int64_t min, std::int64_t max);
Locale locale_param(const httplib::Request& req);                              // ?lang=en|zh-CN|es|de (default en)

// The id of store `number` when the caller may see it; 404 otherwise (whether it exists or not).
std::int64_t visible_store(Connection& db, const Caller& caller, std::int64_t number);
// The retailer a statement is for: retailer staff their own; operators name one (?retailer=ID); others refused.
std::int64_t statement_retailer(Connection& db, const Caller& caller, const httplib::Request& req);

// SQL restricting stores (alias s) to the caller: $1 role, $2 retailer id, $3 store id.
inline constexpr const char* kStoreScope =
    "($1 = 'operator' OR ($1 = 'retailer' AND s.retailer_id = $2::bigint) OR ($1 = 'store' AND s.id = $3::bigint))";
std::vector<Param> scope_params(const Caller& caller);

// {"minor": 250, "currency": "EUR", "text": "2,50 €"}; text is the core's CLDR formatting.
Json money_json(std::int64_t minor, const std::string& currency, Locale locale);

}  // namespace returnloop::hub::console
