// PostgreSQL through libpq: a connection pool that reconnects (so a restarted or failed-over server is picked up
// again by the same hub process), parameterised queries only (text parameters, never spliced into SQL), and rows
// read as text.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace returnloop::hub {

// A database failure: the server is down, the statement failed, or a constraint refused it. sqlstate is the
// five-character SQLSTATE when the server sent one ("23505" unique violation, "40001" serialization failure).
struct DbError : std::runtime_error {
    DbError(const std::string& message, std::string sqlstate) : std::runtime_error(message), sqlstate(std::move(sqlstate)) {}
    std::string sqlstate;
    bool connection_lost() const { return sqlstate.empty() || sqlstate.starts_with("08") || sqlstate == "57P01"; }
};

using Param = std::optional<std::string>;  // nullopt is SQL NULL

class Rows {
public:
    explicit Rows(PGresult* result) : result_(result, &PQclear) {}
    int size() const { return PQntuples(result_.get()); }
    bool empty() const { return size() == 0; }
    std::string text(int row, int column) const { return PQgetvalue(result_.get(), row, column); }
    bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) == 1; }
    std::int64_t integer(int row, int column) const { return std::stoll(text(row, column)); }
    bool boolean(int row, int column) const { return text(row, column) == "t"; }
    std::int64_t affected() const;

private:
    std::shared_ptr<PGresult> result_;
};

class Connection {
public:
    explicit Connection(PGconn* conn) : conn_(conn) {}
    ~Connection() { PQfinish(conn_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Rows query(const std::string& sql, const std::vector<Param>& params = {});
    void exec(const std::string& sql);  // several statements, no parameters (migrations)
    bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

private:
    PGconn* conn_;
};

std::unique_ptr<Connection> connect(const std::string& url);  // throws DbError

// BEGIN ... COMMIT; rolled back when destroyed uncommitted.
class Transaction {
public:
    explicit Transaction(Connection& c) : c_(c) { c_.exec("BEGIN"); }
    ~Transaction();
    void commit() { c_.exec("COMMIT"); done_ = true; }
    Connection& db() { return c_; }

private:
    Connection& c_;
    bool done_ = false;
};

// Connections shared by the request threads. A connection that failed is dropped, not returned.
class Pool {
public:
    Pool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}

    class Lease {
    public:
        Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
        ~Lease() { pool_.give_back(std::move(c_)); }
        Connection& operator*() { return *c_; }
        Connection* operator->() { return c_.get(); }

    private:
        Pool& pool_;
        std::unique_ptr<Connection> c_;
    };
    Lease take();  // throws DbError when no server can be reached

private:
    void give_back(std::unique_ptr<Connection> c);
    std::string url_;
    std::size_t size_;
    std::size_t out_ = 0;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::mutex mutex_;
    std::condition_variable freed_;
};

}  // namespace returnloop::hub
