// libpq connection, pool and queries (see db.hpp).
#include "db.hpp"

namespace returnloop::hub {
namespace {

DbError result_error(PGconn* conn, PGresult* result) {
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return DbError(message, state ? state : "");
}

}  // namespace

std::int64_t Rows::affected() const {
    const char* n = PQcmdTuples(result_.get());
    return (n && *n) ? std::stoll(n) : 0;
}

Rows Connection::query(const std::string& sql, const std::vector<Param>& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                                    nullptr, 0);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        DbError error = result_error(conn_, result);
        PQclear(result);
        throw error;
    }
    return Rows(result);
}

void Connection::exec(const std::string& sql) {
    PGresult* result = PQexec(conn_, sql.c_str());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        DbError error = result_error(conn_, result);
        PQclear(result);
        throw error;
    }
    PQclear(result);
}

std::unique_ptr<Connection> connect(const std::string& url) {
    PGconn* conn = PQconnectdb(url.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        PQfinish(conn);
        throw DbError("cannot connect to the database: " + message, "");
    }
    auto c = std::make_unique<Connection>(conn);
    c->exec("SET statement_timeout = '30s'");
    c->exec("SET client_min_messages = warning");  // no NOTICE chatter on stderr ("already exists, skipping")
    return c;
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        if (c_.healthy()) c_.exec("ROLLBACK");
    } catch (const DbError&) {
        // The connection broke; the server rolls the transaction back itself.
    }
}

Pool::Lease Pool::take() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return !idle_.empty() || out_ < size_; });
    ++out_;
    if (!idle_.empty()) {
        std::unique_ptr<Connection> c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(c));
    }
    lock.unlock();
    try {
        return Lease(*this, connect(url_));
    } catch (...) {
        std::lock_guard relock(mutex_);
        --out_;
        freed_.notify_one();
        throw;
    }
}

void Pool::give_back(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mutex_);
    --out_;
    if (c && c->healthy()) idle_.push_back(std::move(c));
    freed_.notify_one();
}

}  // namespace returnloop::hub
