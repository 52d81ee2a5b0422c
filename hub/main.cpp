// returnloop-hub: wires command-line flags to the hub's commands: serve the HTTP API, migrate the schema, issue
// one-time enrolment codes for machines and tills, and add people.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "src/db.hpp"
#include "src/identity.hpp"
#include "src/migrate.hpp"
#include "src/server.hpp"

namespace {

std::string default_database() {
    const char* url = std::getenv("DATABASE_URL");
    return url ? url : "";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace returnloop::hub;
    CLI::App app{"ReturnLoop hub: a scheme's kiosks, tills and retailers on PostgreSQL (see hub/README.md)", "returnloop-hub"};
    app.require_subcommand(1);
    std::string database = default_database();
    app.add_option("--database", database, "PostgreSQL connection URL (default: $DATABASE_URL)");

    ServeOptions serve_options;
    std::string listen = "127.0.0.1:8443";
    CLI::App* serve_cmd = app.add_subcommand("serve", "serve the HTTP API");
    serve_cmd->add_option("--listen", listen, "HOST:PORT (port 0 picks a free one; the chosen port is printed)");
    serve_cmd->add_option("--database", database, "PostgreSQL connection URL");
    serve_cmd->add_option("--tls-cert", serve_options.tls_cert, "PEM certificate: serve HTTPS")->check(CLI::ExistingFile);
    serve_cmd->add_option("--tls-key", serve_options.tls_key, "PEM private key")->check(CLI::ExistingFile);
    serve_cmd->add_option("--threads", serve_options.threads, "request threads (and database connections)")->check(CLI::Range(1, 256));

    std::string sql_dir = RETURNLOOP_HUB_SQL_DIR;
    CLI::App* migrate_cmd = app.add_subcommand("migrate", "apply the SQL migrations in hub/sql/ that are missing");
    migrate_cmd->add_option("--database", database, "PostgreSQL connection URL");
    migrate_cmd->add_option("--sql-dir", sql_dir, "folder of NNN_name.sql files")->check(CLI::ExistingDirectory);

    std::string retailer = "Demo retailer", till, voucher_key_file;
    int store = 0, machine = 0;
    CLI::App* enroll_machine = app.add_subcommand("enroll-machine", "print a one-time enrolment code for a kiosk");
    enroll_machine->add_option("--database", database, "PostgreSQL connection URL");
    enroll_machine->add_option("--retailer", retailer, "retailer name (created when missing)");
    enroll_machine->add_option("--store", store, "store number as printed on vouchers")->required()->check(CLI::Range(0, 9999));
    enroll_machine->add_option("--machine", machine, "machine number in the store")->required()->check(CLI::Range(0, 9));
    enroll_machine->add_option("--voucher-key-file", voucher_key_file,
                               "adopt an existing kiosk's store key (64 hex digits) instead of issuing a new one")
        ->check(CLI::ExistingFile);
    CLI::App* enroll_till = app.add_subcommand("enroll-till", "print a one-time enrolment code for a till");
    enroll_till->add_option("--database", database, "PostgreSQL connection URL");
    enroll_till->add_option("--retailer", retailer, "retailer name (created when missing)");
    enroll_till->add_option("--store", store, "store number")->required()->check(CLI::Range(0, 9999));
    enroll_till->add_option("--till", till, "till name, unique in the store")->required();

    std::string email, role = "operator", user_retailer;
    int user_store = -1;
    CLI::App* add_user_cmd = app.add_subcommand("add-user", "add a person; the password is read from stdin");
    add_user_cmd->add_option("--database", database, "PostgreSQL connection URL");
    add_user_cmd->add_option("--email", email, "login name")->required();
    add_user_cmd->add_option("--role", role, "operator, retailer or store")->check(CLI::IsMember({"operator", "retailer", "store"}));
    add_user_cmd->add_option("--retailer", user_retailer, "the retailer a retailer user sees");
    add_user_cmd->add_option("--store", user_store, "the store number a store user sees")->check(CLI::Range(0, 9999));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (database.empty()) {
        std::cerr << "returnloop-hub: give --database URL or set DATABASE_URL\n";
        return 2;
    }
    try {
        if (*serve_cmd) {
            const auto colon = listen.rfind(':');
            if (colon == std::string::npos) {
                std::cerr << "returnloop-hub: --listen wants HOST:PORT\n";
                return 2;
            }
            serve_options.host = listen.substr(0, colon);
            serve_options.port = std::stoi(listen.substr(colon + 1));
            serve_options.database_url = database;
            return serve(serve_options);
        }
        auto db = connect(database);
        if (*migrate_cmd) {
            for (const std::string& name : migrate(*db, sql_dir)) std::cout << "applied " << name << "\n";
            std::cout << "schema is current\n";
            return 0;
        }
        if (*enroll_machine) {
            std::optional<std::string> key;
            if (!voucher_key_file.empty()) {
                std::ifstream in(voucher_key_file);
                std::string hex;
                in >> hex;
                if (hex.size() != 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
                    std::cerr << "returnloop-hub: " << voucher_key_file << " does not hold 64 hex digits\n";
                    return 2;
                }
                key = hex;
            }
            std::cout << make_machine_enrolment(*db, retailer, store, machine, key) << "\n";
            return 0;
        }
        if (*enroll_till) {
            std::cout << make_till_enrolment(*db, retailer, store, till) << "\n";
            return 0;
        }
        if (*add_user_cmd) {
            if ((role == "retailer") == user_retailer.empty() || (role == "store") == (user_store < 0)) {
                std::cerr << "returnloop-hub: a retailer user needs --retailer, a store user --store, an operator neither\n";
                return 2;
            }
            std::string password;
            std::getline(std::cin, password);
            add_user(*db, email, password, role, user_retailer.empty() ? std::nullopt : std::optional(user_retailer),
                     user_store < 0 ? std::nullopt : std::optional(user_store));
            std::cout << "added " << email << "\n";
            return 0;
        }
    } catch (const std::invalid_argument& e) {
        std::cerr << "returnloop-hub: " << e.what() << "\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "returnloop-hub: " << e.what() << "\n";
        return 1;
    }
    return 2;
}
