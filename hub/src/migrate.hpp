// Versioned schema migrations: hub/sql/NNN_name.sql applied in order, each in its own transaction together with its
// row in schema_migrations, under an advisory lock so two hubs starting at once do not both apply one.
#pragma once

#include <string>
#include <vector>

#include "db.hpp"

namespace returnloop::hub {

// Applies what is missing; returns the names applied now (empty when the schema was current).
std::vector<std::string> migrate(Connection& db, const std::string& sql_dir);

}  // namespace returnloop::hub
