#pragma once

#include <sqlite3.h>

#include <memory>
#include <string_view>
#include <utility>

#include "kyoso/core/result.hpp"
#include "kyoso/sql/connection.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sqlite {

// A Status from the connection's last error, prefixed with what was being done.
Status SqliteError(sqlite3* db, std::string_view what);

// Executes SQL text that takes no parameters on a raw handle (DDL, PRAGMA).
Status Exec(sqlite3* db, std::string_view sql);

// sql::Connection over one sqlite3 handle, which it owns and closes.
class SqliteConnection final : public sql::Connection {
public:
    // Owns `db` (closes it) unless `owned` is false.
    explicit SqliteConnection(sqlite3* db, bool owned = true) : db_(db), owned_(owned) {}
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
    std::unique_ptr<sql::StatementImpl> Prepare(std::string_view sql, Status* status) override;
    Status Exec(std::string_view sql) override { return sqlite::Exec(db_, sql); }
    long long Changes() override { return sqlite3_changes64(db_); }
    Result<long long> LastInsertId() override { return sqlite3_last_insert_rowid(db_); }
    Status SyncIdentity(std::string_view) override { return Status::Ok(); }
    Status LockUntilCommit(long long) override { return Status::Ok(); }

    // The handle, for SQLite-only work (backup, pragmas, the bulk import).
    sqlite3* raw() const { return db_; }

    // Prepares `sql` on a raw handle.
    static std::pair<std::unique_ptr<sql::StatementImpl>, Status> PrepareRaw(sqlite3* db, std::string_view sql);

private:
    sqlite3* db_;
    bool owned_;
};

// A statement on a raw handle, for the SQLite-only code (migrations, backup).
class Statement : public sql::Statement {
public:
    Statement(sqlite3* db, std::string_view sql) : sql::Statement(SqliteConnection::PrepareRaw(db, sql)) {}
};

}  // namespace kyoso::sqlite
