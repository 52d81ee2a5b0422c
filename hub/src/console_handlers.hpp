// The console's endpoints, one function each (routes in console.cpp).
#pragma once

#include "console_http.hpp"
#include "console_materials.hpp"

namespace returnloop::hub::console {

void me(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
void fleet(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
void store_day(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res, const MaterialRegister& materials);
void operator_view(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
void clearing(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res,
              const std::string& schemes_dir, const MaterialRegister& materials);
void rates(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res, const std::string& schemes_dir);
void publish_rates(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res,
                   const std::string& schemes_dir);
void voucher_lookup(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);
void till_redeem(Connection& db, const Caller& caller, const httplib::Request& req, httplib::Response& res);

}  // namespace returnloop::hub::console
