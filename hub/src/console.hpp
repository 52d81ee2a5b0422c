// The console for people (fleet, a store's day, clearing, vouchers, operator view) and the till page: its JSON
// endpoints under /v1/console/ and its built web files under /console/, installed beside the hub's API.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <string>

namespace returnloop::hub {

struct ConsoleOptions {
    std::string database_url;
    std::size_t connections = 4;
    std::string web_dir;      // the built console (scripts/build-console-dist); empty: the JSON endpoints only
    std::string schemes_dir;  // assets/schemes: the core reads the scheme files to name materials
    std::string register_file;  // the product register CSV the kiosks run (--catalog): each container's material
};

void install_console(httplib::Server& server, const ConsoleOptions& options);

// Where the build put them, overridable with RETURNLOOP_CONSOLE_DIR, RETURNLOOP_SCHEMES_DIR and RETURNLOOP_REGISTER_FILE
// (by default the sample register the demo and test kiosks run).
ConsoleOptions default_console_options(const std::string& database_url, std::size_t connections);

}  // namespace returnloop::hub
