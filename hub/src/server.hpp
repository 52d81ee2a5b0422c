// The HTTP API (documented in hub/openapi.yaml and hub/README.md) over cpp-httplib: JSON in and out, bearer
// credentials, every query scoped to the caller. Nothing is kept in memory between requests but idle database
// connections, so any number of hub processes can serve one database.
#pragma once

#include <string>

namespace returnloop::hub {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8443;
    std::string database_url;
    std::string tls_cert;  // both set: HTTPS
    std::string tls_key;
    int threads = 16;
};

// Runs until SIGINT/SIGTERM; returns the process exit code.
int serve(const ServeOptions& options);

}  // namespace returnloop::hub
