#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kyoso/postgres/pg_connection.hpp"
#include "kyoso/postgres/schema.hpp"
#include "kyoso/sql/sql_store.hpp"

namespace kyoso::postgres {

// True for a --db value naming a PostgreSQL database (postgresql:// or postgres://).
bool IsPostgresUrl(std::string_view db);

// Applies every migration newer than the database's version in ONE transaction,
// holding an advisory lock so concurrent processes migrate once: on any failure the
// database is left exactly as it was. A database newer than this build is refused.
Result<int> Migrate(PgConnection* db, const std::vector<sql::Migration>& migrations);

// The store on PostgreSQL: the same repositories as SQLite over libpq. One writer
// connection per process (serialised by a mutex; transactions hold it, as on SQLite,
// so the unit-of-work semantics are the same) and a pool of reader connections.
// Several processes (servers, imports) may write to one database at once.
class PgStore final : public sql::SqlStore {
public:
    // Connects and migrates. A failed migration returns its reason and leaves the
    // database as it was.
    static Result<std::unique_ptr<PgStore>> Open(const std::string& url,
                                                 const std::vector<sql::Migration>& migrations = PostgresMigrations());
    ~PgStore() override;

    Status InTransaction(const std::function<Status()>& work) override;
    Result<int> SchemaVersion() override;
    std::string Describe() const override;
    Status Ping() override;

    sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
    ReadLease Reader() override;
    Status Write(const std::function<Status(sql::Connection*)>& work) override;

    const std::string& url() const { return url_; }

protected:
    void ReturnReader(sql::Connection* db) override;

private:
    explicit PgStore(std::string url) : url_(std::move(url)) {}
    // Reconnects the writer when the server closed it (outside a transaction only).
    Status EnsureWriter();

    std::string url_;
    std::string server_version_;
    std::unique_ptr<PgConnection> writer_;
    std::recursive_mutex writer_mutex_;
    std::mutex pool_mutex_;
    std::vector<std::unique_ptr<PgConnection>> idle_readers_;
};

// The PostgreSQL full-text index: bigram tokens in a GIN-indexed array, phrases
// checked on the token string (docs/search.md).
std::unique_ptr<ports::SearchIndex> MakePgSearchIndex(PgStore* store);

}  // namespace kyoso::postgres
