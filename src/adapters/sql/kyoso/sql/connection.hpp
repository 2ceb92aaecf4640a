#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "kyoso/core/result.hpp"

namespace kyoso::sql {

// The SQL dialect of a connection, for the few statements that differ.
enum class Dialect { kSqlite, kPostgres };

// The type of one result value as the database reports it.
enum class ValueKind { kNull, kInt, kReal, kText };

// One prepared statement of a backend. Parameters are written `?` (or `?N`) in the
// shared SQL text; a backend translates them. Indexes are 1-based for parameters and
// 0-based for result columns, as in SQLite.
class StatementImpl {
public:
    virtual ~StatementImpl() = default;
    virtual void BindInt(int index, long long value) = 0;
    virtual void BindReal(int index, double value) = 0;
    virtual void BindText(int index, std::string_view value) = 0;
    virtual void BindNull(int index) = 0;
    // Advances one row: true when a row is available; errors go to `status`.
    virtual bool Step(Status* status) = 0;
    // Back to before the first Step; bindings are cleared.
    virtual void Reset() = 0;
    virtual long long Int(int col) const = 0;
    virtual double Real(int col) const = 0;
    virtual bool IsNull(int col) const = 0;
    virtual std::string Text(int col) const = 0;
    virtual ValueKind Kind(int col) const = 0;
    virtual int ColumnCount() const = 0;
};

// One database connection of a backend. Not thread-safe: a store lends each
// connection to one thread at a time.
class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    // Prepares `sql`; on failure returns nullptr and sets `status` to the reason.
    virtual std::unique_ptr<StatementImpl> Prepare(std::string_view sql, Status* status) = 0;
    // Runs SQL text without parameters (DDL, several statements).
    virtual Status Exec(std::string_view sql) = 0;
    // Rows changed by the last INSERT/UPDATE/DELETE run on this connection.
    virtual long long Changes() = 0;
    // The id given to the row inserted last on this connection (identity / rowid).
    virtual Result<long long> LastInsertId() = 0;
    // After rows were inserted into `table` with explicit ids: makes the next generated
    // id follow the largest one (PostgreSQL identity sequences; nothing for SQLite).
    virtual Status SyncIdentity(std::string_view table) = 0;
    // Inside a transaction: waits for, then holds until commit or rollback, the lock
    // named `key`, shared by every process on the database (PostgreSQL advisory lock).
    // Nothing on SQLite, where a write transaction already excludes all others.
    virtual Status LockUntilCommit(long long key) = 0;
};

// The lock held from reading the audit log's head to commit, so appends from several
// processes form one chain (seq and prev_hash never taken twice).
inline constexpr long long kAuditAppendLock = 0x6b796f736f01LL;

// SQL for the current UTC time as ISO 8601 text ("2026-04-01T09:30:00Z").
inline const char* UtcNowSql(Dialect d) {
    return d == Dialect::kSqlite ? "strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                                 : "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
}

// A prefix that keeps SQLite's planner from using an index on the column it precedes
// (unary +); empty on PostgreSQL, whose planner is cost-based over statistics.
inline const char* NoIndexHint(Dialect d) { return d == Dialect::kSqlite ? "+" : ""; }

// The name of the function giving the 1-based position of a substring (0 when absent),
// called as f(haystack, needle).
inline const char* PositionFunction(Dialect d) { return d == Dialect::kSqlite ? "instr" : "strpos"; }

}  // namespace kyoso::sql
