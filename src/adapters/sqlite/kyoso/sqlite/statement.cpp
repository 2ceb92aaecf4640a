#include "kyoso/sqlite/statement.hpp"

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

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
        prepare_status_ = SqliteError(db, "preparing statement");
        stmt_ = nullptr;
    }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, long long value) {
    if (stmt_) sqlite3_bind_int64(stmt_, index, value);
    return *this;
}
Statement& Statement::Bind(int index, double value) {
    if (stmt_) sqlite3_bind_double(stmt_, index, value);
    return *this;
}
Statement& Statement::Bind(int index, std::string_view value) {
    if (stmt_) sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}
Statement& Statement::BindNull(int index) {
    if (stmt_) sqlite3_bind_null(stmt_, index);
    return *this;
}

bool Statement::Step(Status* status) {
    if (!stmt_) {
        *status = prepare_status_;
        return false;
    }
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) *status = SqliteError(db_, "executing statement");
    return false;
}

Status Statement::Run() {
    Status status;
    while (Step(&status)) {
    }
    return status;
}

void Statement::Reset() {
    if (!stmt_) return;
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

std::string Statement::Text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    if (!p) return {};
    return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
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

}  // namespace kyoso::sqlite
