// Schema migrations (see migrate.hpp).
#include "migrate.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace returnloop::hub {

std::vector<std::string> migrate(Connection& db, const std::string& sql_dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(sql_dir)) {
        if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) throw std::runtime_error("no migrations in " + sql_dir);

    db.exec("SELECT pg_advisory_lock(7013)");  // one migrating hub at a time
    std::vector<std::string> applied;
    try {
        db.exec("CREATE TABLE IF NOT EXISTS schema_migrations(version integer PRIMARY KEY, name text NOT NULL, "
                "applied_at timestamptz NOT NULL DEFAULT now())");
        for (const auto& file : files) {
            const std::string name = file.filename().string();
            const int version = std::stoi(name.substr(0, name.find('_')));
            if (!db.query("SELECT 1 FROM schema_migrations WHERE version = $1", {std::to_string(version)}).empty()) continue;
            std::ifstream in(file);
            std::stringstream sql;
            sql << in.rdbuf();
            Transaction tx(db);
            db.exec(sql.str());
            db.query("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", {std::to_string(version), name});
            tx.commit();
            applied.push_back(name);
        }
    } catch (...) {
        db.exec("SELECT pg_advisory_unlock(7013)");
        throw;
    }
    db.exec("SELECT pg_advisory_unlock(7013)");
    return applied;
}

}  // namespace returnloop::hub
