#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/sql/connection.hpp"

namespace kyoso::postgres {

// `?` and `?N` parameters of the shared SQL text as PostgreSQL's `$N` (outside
// quoted literals and identifiers). `?` takes the number after the largest so far.
std::string TranslateParameters(std::string_view sql);

// A Status for a failed result: SQLSTATE classes mapped to Kyoso's codes
// (23505 unique -> AlreadyExists, other 23xxx -> InvalidArgument, 40001/40P01,
// 08xxx, 53xxx, 57xxx -> Unavailable), prefixed with what was being done.
Status PgError(const PGresult* result, PGconn* conn, std::string_view what);

// The connection URL without its password, for logs and /api/health.
std::string RedactUrl(std::string_view url);

// sql::Connection over one libpq connection, which it owns. Parameters are sent as
// text (integers typed int8, reals float8, text and NULL left for the server to
// infer from context); results are read as text.
class PgConnection final : public sql::Connection {
public:
    // Connects to `url` (postgresql://user@host:port/db?...).
    static Result<std::unique_ptr<PgConnection>> Connect(const std::string& url);
    ~PgConnection() override;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
    std::unique_ptr<sql::StatementImpl> Prepare(std::string_view sql, Status* status) override;
    Status Exec(std::string_view sql) override;
    long long Changes() override { return changes_; }
    Result<long long> LastInsertId() override;
    Status SyncIdentity(std::string_view table) override;
    Status LockUntilCommit(long long key) override;

    PGconn* raw() const { return conn_; }
    // The name of a server-side prepared statement for `sql` with parameter `types`,
    // preparing it on first use (kept per connection; the cache is cleared past
    // kMaxPrepared entries). Empty with `status` set when preparing failed.
    std::string Prepared(const std::string& sql, const std::vector<Oid>& types, Status* status);
    // Records the rows changed by a command's result (for Changes()).
    void NoteResult(const PGresult* result);
    // True when the connection is broken (the pool drops it).
    bool broken() const { return PQstatus(conn_) != CONNECTION_OK; }

private:
    explicit PgConnection(PGconn* conn) : conn_(conn) {}
    static constexpr size_t kMaxPrepared = 1000;
    PGconn* conn_;
    long long changes_ = 0;
    std::unordered_map<std::string, std::string> prepared_;
    long long next_prepared_ = 0;
};

}  // namespace kyoso::postgres
