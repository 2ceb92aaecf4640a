#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::sqlite {

// RAII prepared statement over the SQLite C API. All values are bound as
// parameters: SQL text is never built from user input.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // OK when prepare succeeded; otherwise the SQLite message.
    const Status& prepare_status() const { return prepare_status_; }

    Statement& Bind(int index, long long value);
    Statement& Bind(int index, int value) { return Bind(index, static_cast<long long>(value)); }
    Statement& Bind(int index, double value);
    Statement& Bind(int index, std::string_view value);
    Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
    Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
    Statement& BindNull(int index);
    template <typename T>
    Statement& Bind(int index, const std::optional<T>& value) {
        if (value) return Bind(index, *value);
        return BindNull(index);
    }

    // Advances one row: true when a row is available, false when done. Errors
    // are reported through `status`.
    bool Step(Status* status);
    // Runs to completion (for statements that return no rows).
    Status Run();
    void Reset();

    long long Int(int col) const { return sqlite3_column_int64(stmt_, col); }
    double Real(int col) const { return sqlite3_column_double(stmt_, col); }
    bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string Text(int col) const;
    std::optional<long long> OptInt(int col) const {
        return IsNull(col) ? std::nullopt : std::optional<long long>(Int(col));
    }
    std::optional<double> OptReal(int col) const {
        return IsNull(col) ? std::nullopt : std::optional<double>(Real(col));
    }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    Status prepare_status_;
};

// Executes SQL text that takes no parameters (DDL, BEGIN/COMMIT).
Status Exec(sqlite3* db, std::string_view sql);

// A Status from the connection's last error, prefixed with what was being done.
Status SqliteError(sqlite3* db, std::string_view what);

// Steps `q` to the end, mapping each row with `row(q)`; the first error stops it.
template <typename T, typename F>
Result<std::vector<T>> CollectRows(Statement& q, F row) {
    std::vector<T> out;
    Status st;
    while (q.Step(&st)) out.push_back(row(q));
    if (!st.ok()) return st;
    return out;
}

}  // namespace kyoso::sqlite
