// A thin RAII layer over SQLite statements for the ledger: bind by position, step, read columns, and errors as
// values carrying SQLite's own message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.hpp"

namespace returnloop::kiosk::detail {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool prepared() const { return stmt_ != nullptr; }
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_null(int index);
    int step();  // SQLITE_ROW, SQLITE_DONE or an error code
    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;

private:
    sqlite3_stmt* stmt_ = nullptr;
};

Error sqlite_error(sqlite3* db, std::string_view what);
Status exec(sqlite3* db, const char* sql);

// BEGIN IMMEDIATE ... COMMIT, rolled back unless committed.
class Transaction {
public:
    explicit Transaction(sqlite3* db);
    ~Transaction();
    const Status& begun() const { return begun_; }
    Status commit();

private:
    sqlite3* db_;
    Status begun_;
    bool open_ = false;
};

}  // namespace returnloop::kiosk::detail
