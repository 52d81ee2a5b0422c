// Routes of the console (see console.hpp): JSON under /v1/console/, the built pages under /console/ with a strict
// Content-Security-Policy (same origin only: no third-party script, style, font, image or connection).
#include "console.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "console_handlers.hpp"

namespace returnloop::hub {
namespace {

constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const char* content_type(const std::string& path) {
    if (path.ends_with(".html")) return "text/html; charset=utf-8";
    if (path.ends_with(".js")) return "text/javascript; charset=utf-8";
    if (path.ends_with(".css")) return "text/css; charset=utf-8";
    if (path.ends_with(".svg")) return "image/svg+xml";
    if (path.ends_with(".json")) return "application/json";
    return "application/octet-stream";
}

void serve_file(const std::string& web_dir, const httplib::Request& req, httplib::Response& res) {
    std::string path = req.matches.size() > 1 ? req.matches[1].str() : std::string();
    if (path.empty()) path = "index.html";
    const bool safe = path.find("..") == std::string::npos &&
                      path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/") == std::string::npos;
    std::ifstream in(web_dir + "/" + path, std::ios::binary);
    if (!safe || web_dir.empty() || !in) {
        res.status = 404;
        res.set_content("{\"error\":\"not_found\",\"message\":\"no such console file\"}", "application/json");
        return;
    }
    std::stringstream body;
    body << in.rdbuf();
    res.set_header("Content-Security-Policy", kPolicy);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    // Bundles carry a content hash in their names; pages and the strings they load are revalidated.
    res.set_header("Cache-Control", path.ends_with(".html") ? "no-cache" : "public, max-age=300");
    res.set_content(body.str(), content_type(path));
}

}  // namespace

ConsoleOptions default_console_options(const std::string& database_url, std::size_t connections) {
    ConsoleOptions o;
    o.database_url = database_url;
    o.connections = connections;
    const char* web = std::getenv("RETURNLOOP_CONSOLE_DIR");
    const char* schemes = std::getenv("RETURNLOOP_SCHEMES_DIR");
    const char* products = std::getenv("RETURNLOOP_REGISTER_FILE");
    o.web_dir = web ? web : RETURNLOOP_CONSOLE_DIR;
    o.schemes_dir = schemes ? schemes : RETURNLOOP_SCHEMES_DIR;
    o.register_file = products ? products : RETURNLOOP_REGISTER_FILE;
    return o;
}

void install_console(httplib::Server& s, const ConsoleOptions& o) {
    using namespace console;
    using K = Caller::Kind;
    // The pool lives as long as the server's handlers, which own it through this shared pointer.
    auto pool = std::make_shared<Pool>(o.database_url, o.connections);
    Pool& p = *pool;
    auto keep = [pool](auto handler) { return [pool, handler](const httplib::Request& q, httplib::Response& r) { handler(q, r); }; };
    s.Get("/v1/console/me", keep(guarded(p, K::person, me)));
    s.Get("/v1/console/fleet", keep(guarded(p, K::person, fleet)));
    // Read once: the register is a file the hub is started with, like the schemes; the handlers share it read-only.
    auto materials = std::make_shared<const MaterialRegister>(MaterialRegister::load(o.register_file));
    s.Get("/v1/console/day", keep(guarded(p, K::person, [materials](Connection& db, const Caller& c, const httplib::Request& q, httplib::Response& r) {
        store_day(db, c, q, r, *materials);
    })));
    s.Get("/v1/console/operator", keep(guarded(p, K::person, operator_view)));
    s.Get("/v1/console/vouchers", keep(guarded(p, K::person, voucher_lookup)));
    auto with_schemes = [dir = o.schemes_dir](auto handler) {
        return [dir, handler](Connection& db, const Caller& c, const httplib::Request& q, httplib::Response& r) { handler(db, c, q, r, dir); };
    };
    s.Get("/v1/console/clearing", keep(guarded(p, K::person, [dir = o.schemes_dir, materials](Connection& db, const Caller& c,
                                                                                                const httplib::Request& q, httplib::Response& r) {
        clearing(db, c, q, r, dir, *materials);
    })));
    s.Get("/v1/console/rates", keep(guarded(p, K::person, with_schemes(rates))));
    s.Post("/v1/console/rates", keep(guarded(p, K::person, with_schemes(publish_rates))));
    s.Post("/v1/console/till/redeem", keep(guarded(p, K::till, till_redeem)));
    s.Get("/v1/console/till/me", keep(guarded(p, K::till, [](Connection&, const Caller& c, const httplib::Request&, httplib::Response& r) {
        send_json(r, 200, {{"till", c.till_name}, {"store", c.store_number}});
    })));
    s.Get("/console", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/console/"); });
    s.Get(R"(/console/(.*))", [dir = o.web_dir](const httplib::Request& req, httplib::Response& res) { serve_file(dir, req, res); });
}

}  // namespace returnloop::hub
