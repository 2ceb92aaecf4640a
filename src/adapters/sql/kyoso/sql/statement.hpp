#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/sql/connection.hpp"

namespace kyoso::sql {

// A prepared statement over any backend's Connection. All values are bound as
// parameters: SQL text is never built from user input.
class Statement {
public:
    Statement(Connection* db, std::string_view sql);
    // A statement a backend prepared itself (impl null when preparing failed).
    explicit Statement(std::pair<std::unique_ptr<StatementImpl>, Status> prepared)
        : impl_(std::move(prepared.first)), prepare_status_(std::move(prepared.second)) {}
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // OK when prepare succeeded; otherwise the backend's message.
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

    long long Int(int col) const { return impl_->Int(col); }
    double Real(int col) const { return impl_->Real(col); }
    bool IsNull(int col) const { return impl_->IsNull(col); }
    std::string Text(int col) const { return impl_->Text(col); }
    ValueKind Kind(int col) const { return impl_->Kind(col); }
    int ColumnCount() const { return impl_ ? impl_->ColumnCount() : 0; }
    std::optional<long long> OptInt(int col) const {
        return IsNull(col) ? std::nullopt : std::optional<long long>(Int(col));
    }
    std::optional<double> OptReal(int col) const {
        return IsNull(col) ? std::nullopt : std::optional<double>(Real(col));
    }

private:
    std::unique_ptr<StatementImpl> impl_;
    Status prepare_status_;
};

// Executes SQL text that takes no parameters (DDL, BEGIN/COMMIT).
inline Status Exec(Connection* db, std::string_view sql) { return db->Exec(sql); }

// Steps `q` to the end, mapping each row with `row(q)`; the first error stops it.
template <typename T, typename F>
Result<std::vector<T>> CollectRows(Statement& q, F row) {
    std::vector<T> out;
    Status st;
    while (q.Step(&st)) out.push_back(row(q));
    if (!st.ok()) return st;
    return out;
}

}  // namespace kyoso::sql
