#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sqlite/migrations.hpp"
#include "kyoso/sqlite/sqlite_connection.hpp"

namespace kyoso::sqlite {

// The default store: one SQLite file in WAL mode with foreign keys on.
// One writer connection (serialised by a mutex; transactions hold it) and a pool
// of reader connections, so reads run concurrently with a write. Safe for
// concurrent use from many threads.
class SqliteStore final : public sql::SqlStore {
public:
    // Opens (creating if needed) and migrates. A failed migration returns its
    // reason and leaves the file as it was.
    static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                     const std::vector<Migration>& migrations = SchemaMigrations());
    ~SqliteStore() override;

    Status InTransaction(const std::function<Status()>& work) override;
    Result<int> SchemaVersion() override;
    std::string Describe() const override;
    Status Ping() override;

    sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
    ReadLease Reader() override;
    Status Write(const std::function<Status(sql::Connection*)>& work) override;
    // Write with the raw handle, for SQLite-only work (tests, maintenance).
    Status Write(const std::function<Status(sqlite3*)>& work) {
        return Write([&](sql::Connection* db) { return work(static_cast<SqliteConnection*>(db)->raw()); });
    }

    // InTransaction with foreign-key enforcement off for its duration (restored after),
    // for bulk imports that resolve every reference themselves inside `work` under
    // this write lock. Inside an open transaction it is plain InTransaction (SQLite
    // cannot switch enforcement within a transaction).
    Status InTransactionWithoutForeignKeys(const std::function<Status()>& work);
    // The bulk import's transaction: InTransactionWithoutForeignKeys.
    Status InBulkTransaction(const std::function<Status()>& work) override {
        return InTransactionWithoutForeignKeys(work);
    }

    // Runs PRAGMA integrity_check; OK when the answer is "ok".
    Status IntegrityCheck();

    const std::string& path() const { return path_; }

protected:
    void ReturnReader(sql::Connection* db) override;

private:
    explicit SqliteStore(std::string path);
    Result<std::unique_ptr<SqliteConnection>> OpenConnection(bool readonly);
    sqlite3* writer() const { return writer_->raw(); }

    std::string path_;
    std::unique_ptr<SqliteConnection> writer_;
    std::recursive_mutex writer_mutex_;
    std::mutex pool_mutex_;
    std::vector<sql::Connection*> idle_readers_;
    std::vector<std::unique_ptr<SqliteConnection>> all_readers_;
};

// The SQLite full-text index (FTS5 over bigrams), created by SqliteStore.
std::unique_ptr<ports::SearchIndex> MakeSearchIndex(SqliteStore* store);

}  // namespace kyoso::sqlite
