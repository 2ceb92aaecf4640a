#include "kyoso/sqlite/sqlite_connection.hpp"

#include <string>

namespace kyoso::sqlite {

Status SqliteError(sqlite3* db, std::string_view what) {
    const int code = sqlite3_extended_errcode(db);
    std::string msg = std::string(what) + ": " + sqlite3_errmsg(db);
    const int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return {ErrorCode::kUnavailable, msg};
    if (primary == SQLITE_CONSTRAINT) {
        if (code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE) {
            return {ErrorCode::kAlreadyExists, msg};
        }
        return {ErrorCode::kInvalidArgument, msg};
    }
    if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY) {
        return {ErrorCode::kUnavailable, msg};
    }
    return {ErrorCode::kInternal, msg};
}

Status Exec(sqlite3* db, std::string_view sql) {
    std::string text(sql);
    char* err = nullptr;
    if (sqlite3_exec(db, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        Status base = SqliteError(db, "executing SQL");
        return {base.code(), msg};
    }
    return Status::Ok();
}

namespace {

class SqliteStatement final : public sql::StatementImpl {
public:
    SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    ~SqliteStatement() override { sqlite3_finalize(stmt_); }
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    void BindInt(int index, long long value) override { sqlite3_bind_int64(stmt_, index, value); }
    void BindReal(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
    void BindText(int index, std::string_view value) override {
        sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
    void BindNull(int index) override { sqlite3_bind_null(stmt_, index); }
    bool Step(Status* status) override {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) *status = SqliteError(db_, "executing statement");
        return false;
    }
    void Reset() override {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    long long Int(int col) const override { return sqlite3_column_int64(stmt_, col); }
    double Real(int col) const override { return sqlite3_column_double(stmt_, col); }
    bool IsNull(int col) const override { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string Text(int col) const override {
        const auto* p = sqlite3_column_text(stmt_, col);
        if (!p) return {};
        return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
    }
    sql::ValueKind Kind(int col) const override {
        switch (sqlite3_column_type(stmt_, col)) {
            case SQLITE_NULL:
                return sql::ValueKind::kNull;
            case SQLITE_INTEGER:
                return sql::ValueKind::kInt;
            case SQLITE_FLOAT:
                return sql::ValueKind::kReal;
            default:
                return sql::ValueKind::kText;
        }
    }
    int ColumnCount() const override { return sqlite3_column_count(stmt_); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

}  // namespace

SqliteConnection::~SqliteConnection() {
    if (owned_) sqlite3_close_v2(db_);
}

std::pair<std::unique_ptr<sql::StatementImpl>, Status> SqliteConnection::PrepareRaw(sqlite3* db, std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        Status st = SqliteError(db, "preparing statement");
        sqlite3_finalize(stmt);
        return {nullptr, st};
    }
    return {std::make_unique<SqliteStatement>(db, stmt), Status::Ok()};
}

std::unique_ptr<sql::StatementImpl> SqliteConnection::Prepare(std::string_view sql, Status* status) {
    auto prepared = PrepareRaw(db_, sql);
    if (!prepared.second.ok()) *status = prepared.second;
    return std::move(prepared.first);
}

}  // namespace kyoso::sqlite
