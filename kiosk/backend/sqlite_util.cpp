// SQLite helpers for the ledger (see sqlite_util.hpp).
#include "backend/sqlite_util.hpp"

namespace returnloop::kiosk::detail {

Statement::Statement(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

int Statement::step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_ERROR; }

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const {
    const unsigned char* value = sqlite3_column_text(stmt_, column);
    return value ? std::string(reinterpret_cast<const char*>(value), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
                 : std::string();
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Error sqlite_error(sqlite3* db, std::string_view what) {
    const int code = sqlite3_extended_errcode(db);
    std::string hint;
    if ((code & 0xff) == SQLITE_FULL) hint = " (the disk is full: no item was recorded)";
    if ((code & 0xff) == SQLITE_READONLY) hint = " (the ledger file or its folder is read-only)";
    if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT) hint = " (the ledger file is damaged or not a ledger)";
    return Error{"ledger", std::string(what) + ": " + sqlite3_errmsg(db) + hint};
}

Status exec(sqlite3* db, const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = sqlite_error(db, message ? message : "sqlite");
        sqlite3_free(message);
        return error;
    }
    return ok_status();
}

Transaction::Transaction(sqlite3* db) : db_(db), begun_(exec(db, "BEGIN IMMEDIATE")) { open_ = begun_.ok(); }

Transaction::~Transaction() {
    if (open_ && sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::commit() {
    Status status = exec(db_, "COMMIT");
    if (status.ok()) open_ = false;
    return status;
}

}  // namespace returnloop::kiosk::detail
