// SQLite side of the generic CSV import/export: prepared statements per record
// type, reused row to row (no SQL text is built from input: table and column
// names come from domain::SpecFor only).
#include "kyoso/sqlite/import_repository.hpp"

#include <string>

#include "kyoso/sqlite/sqlite_store.hpp"

namespace kyoso::sqlite {

namespace {

using domain::RecordType;
using ports::Cell;

// The stored attributes of `type`, key first.
std::vector<std::string_view> Attributes(RecordType type) {
    std::vector<std::string_view> out;
    for (const auto& f : domain::SpecFor(type).fields) {
        if (!f.attribute.empty()) out.push_back(f.attribute);
    }
    return out;
}

// The handle of one of the SQLite store's own connections.
sqlite3* Raw(sql::Connection* conn) { return static_cast<SqliteConnection*>(conn)->raw(); }

std::string Table(RecordType type) { return std::string(domain::RecordTypeSlug(type)); }

// A raw prepared statement; the hot path reads columns without copying.
class Stmt {
public:
    Stmt(sqlite3* db, const std::string& sql) {
        if (sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt_,
                               nullptr) != SQLITE_OK) {
            status_ = SqliteError(db, "preparing import statement");
        }
    }
    ~Stmt() { sqlite3_finalize(stmt_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    const Status& status() const { return status_; }
    sqlite3_stmt* get() const { return stmt_; }
    void Bind(int index, const Cell& c) {
        switch (c.kind) {
            case Cell::Kind::kNull:
                sqlite3_bind_null(stmt_, index);
                return;
            case Cell::Kind::kInt:
                sqlite3_bind_int64(stmt_, index, c.integer);
                return;
            case Cell::Kind::kReal:
                sqlite3_bind_double(stmt_, index, c.real);
                return;
            case Cell::Kind::kText:
                sqlite3_bind_text(stmt_, index, c.text.data(), static_cast<int>(c.text.size()), SQLITE_STATIC);
                return;
        }
    }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int Step() { return sqlite3_step(stmt_); }
    void Reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

private:
    sqlite3_stmt* stmt_ = nullptr;
    Status status_;
};

bool Equal(sqlite3_stmt* s, int col, const Cell& c) {
    const int t = sqlite3_column_type(s, col);
    switch (c.kind) {
        case Cell::Kind::kNull:
            return t == SQLITE_NULL;
        case Cell::Kind::kInt:
            return t == SQLITE_INTEGER && sqlite3_column_int64(s, col) == c.integer;
        case Cell::Kind::kReal:
            return (t == SQLITE_FLOAT || t == SQLITE_INTEGER) && sqlite3_column_double(s, col) == c.real;
        case Cell::Kind::kText: {
            if (t != SQLITE_TEXT) return false;
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
            const int n = sqlite3_column_bytes(s, col);
            return std::string_view(p, static_cast<size_t>(n)) == c.text;
        }
    }
    return false;
}

void ReadCell(sqlite3_stmt* s, int col, Cell* c) {
    switch (sqlite3_column_type(s, col)) {
        case SQLITE_NULL:
            c->SetNull();
            return;
        case SQLITE_INTEGER:
            c->SetInt(sqlite3_column_int64(s, col));
            return;
        case SQLITE_FLOAT:
            c->SetReal(sqlite3_column_double(s, col));
            return;
        default: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
            c->SetText(std::string_view(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(s, col))));
        }
    }
}

Status ConstraintError(sqlite3* db) {
    std::string why = sqlite3_errmsg(db);
    if (why.find("FOREIGN KEY") != std::string::npos) why += " (a referenced record does not exist)";
    return InvalidArgument(why, {{"row", why}});
}

class SqliteImportWriter final : public ports::ImportWriter {
public:
    SqliteImportWriter(sqlite3* db, RecordType type)
        : db_(db),
          type_(type),
          attrs_(Attributes(type)),
          select_(db, SelectSql()),
          insert_(db, InsertSql()),
          update_(db, UpdateSql()) {}

    // Gives the server's writer its default page cache back.
    ~SqliteImportWriter() override { (void)Exec(db_, "PRAGMA cache_size = -2000"); }
    SqliteImportWriter(const SqliteImportWriter&) = delete;
    SqliteImportWriter& operator=(const SqliteImportWriter&) = delete;

    Status status() const {
        if (!select_.status().ok()) return select_.status();
        if (!insert_.status().ok()) return insert_.status();
        return update_.status();
    }

    Result<ports::UpsertOutcome> Upsert(const std::vector<Cell>& values, bool known_new, long long* id) override {
        const bool governments = type_ == RecordType::kGovernments;
        int rc = SQLITE_DONE;
        if (!known_new || governments) {
            select_.Bind(1, values[0]);
            rc = select_.Step();
        }
        if (rc == SQLITE_ROW) {
            bool same = true;
            for (size_t i = 1; i < attrs_.size() && same; ++i) {
                same = Equal(select_.get(), static_cast<int>(i) + 1, values[i]);
            }
            *id = sqlite3_column_int64(select_.get(), 0);
            select_.Reset();
            if (same) return ports::UpsertOutcome::kUnchanged;
            for (size_t i = 1; i < attrs_.size(); ++i) update_.Bind(static_cast<int>(i), values[i]);
            if (governments) {
                update_.Bind(static_cast<int>(attrs_.size()), values[0]);
            } else {
                sqlite3_bind_int64(update_.get(), static_cast<int>(attrs_.size()), *id);
            }
            rc = update_.Step();
            update_.Reset();
            if (rc != SQLITE_DONE) return ConstraintError(db_);
            return ports::UpsertOutcome::kUpdated;
        }
        select_.Reset();
        if (rc != SQLITE_DONE) return SqliteError(db_, "looking up an imported record");
        if (governments) {
            return InvalidArgument("government " + values[0].text + " is not in the master list",
                                   {{"government_code", "not in the master list"}});
        }
        for (size_t i = 0; i < attrs_.size(); ++i) insert_.Bind(static_cast<int>(i) + 1, values[i]);
        rc = insert_.Step();
        insert_.Reset();
        if (rc != SQLITE_DONE) return ConstraintError(db_);
        *id = sqlite3_last_insert_rowid(db_);
        return ports::UpsertOutcome::kInserted;
    }

private:
    std::string SelectSql() const {
        std::string sql = type_ == RecordType::kGovernments ? "SELECT 0" : "SELECT id";
        for (auto a : attrs_) sql += ", " + std::string(a);
        return sql + " FROM " + Table(type_) + " WHERE " + std::string(attrs_[0]) + " = ?";
    }
    std::string InsertSql() const {
        std::string cols, params;
        for (size_t i = 0; i < attrs_.size(); ++i) {
            cols += (i ? ", " : "") + std::string(attrs_[i]);
            params += i ? ", ?" : "?";
        }
        return "INSERT INTO " + Table(type_) + " (" + cols + ") VALUES (" + params + ")";
    }
    std::string UpdateSql() const {
        std::string sql = "UPDATE " + Table(type_) + " SET ";
        for (size_t i = 1; i < attrs_.size(); ++i) sql += (i > 1 ? ", " : "") + std::string(attrs_[i]) + " = ?";
        return sql + " WHERE " + (type_ == RecordType::kGovernments ? "code" : "id") + " = ?";
    }

    sqlite3* db_;
    RecordType type_;
    std::vector<std::string_view> attrs_;
    Stmt select_;
    Stmt insert_;
    Stmt update_;
};

class SqliteImportRepository final : public ports::ImportRepository {
public:
    explicit SqliteImportRepository(SqliteStore* store) : store_(store) {}

    Status InBulkTransaction(const std::function<Status()>& work) override {
        return store_->InTransactionWithoutForeignKeys(work);
    }

    Result<std::vector<ports::GovernmentKey>> Governments() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        sql::Statement q(lease.db(),
                         "SELECT code, name, prefecture_name, kind = 'prefecture' FROM governments ORDER BY code");
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        std::vector<ports::GovernmentKey> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Text(0), q.Text(1), q.Text(2), q.Int(3) != 0});
        if (!st.ok()) return st;
        return out;
    }

    Status ExternalIds(RecordType type, const std::function<void(std::string_view, long long)>& fn) override {
        if (type == RecordType::kGovernments) return Status::Ok();
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Stmt q(Raw(lease.db()), "SELECT external_id, id FROM " + Table(type) + " WHERE external_id IS NOT NULL");
        KYOSO_RETURN_IF_ERROR(q.status());
        int rc;
        while ((rc = q.Step()) == SQLITE_ROW) {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
            fn(std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(q.get(), 0))),
               sqlite3_column_int64(q.get(), 1));
        }
        if (rc != SQLITE_DONE) return SqliteError(Raw(lease.db()), "reading external ids");
        return Status::Ok();
    }

    Status DealGovernments(const std::function<void(long long, std::string_view)>& fn) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Stmt q(Raw(lease.db()), "SELECT id, government_code FROM deals");
        KYOSO_RETURN_IF_ERROR(q.status());
        int rc;
        while ((rc = q.Step()) == SQLITE_ROW) {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1));
            fn(sqlite3_column_int64(q.get(), 0),
               std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(q.get(), 1))));
        }
        if (rc != SQLITE_DONE) return SqliteError(Raw(lease.db()), "reading deals");
        return Status::Ok();
    }

    Result<std::vector<ports::OfficialKey>> OfficialKeys() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        sql::Statement q(lease.db(), "SELECT id, government_code, name_key, COALESCE(external_id, '') FROM officials");
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        std::vector<ports::OfficialKey> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3)});
        if (!st.ok()) return st;
        return out;
    }

    Result<std::unique_ptr<ports::ImportWriter>> OpenWriter(RecordType type) override {
        sqlite3* db = nullptr;
        KYOSO_RETURN_IF_ERROR(store_->Write([&](sql::Connection* conn) {
            sqlite3* writer = Raw(conn);
            db = writer;
            // 256 MB of page cache (negative = KiB): the 1M-row import touches the
            // activities table and its indexes far beyond the default 2 MB.
            return Exec(writer, "PRAGMA cache_size = -262144");
        }));
        auto writer = std::make_unique<SqliteImportWriter>(db, type);
        KYOSO_RETURN_IF_ERROR(writer->status());
        return std::unique_ptr<ports::ImportWriter>(std::move(writer));
    }

    Status Scan(RecordType type, const std::function<Status(long long, const std::vector<Cell>&)>& fn) override {
        const auto attrs = Attributes(type);
        const bool governments = type == RecordType::kGovernments;
        std::string sql = governments ? "SELECT 0" : "SELECT id";
        for (auto a : attrs) sql += ", " + std::string(a);
        sql += " FROM " + Table(type) + (governments ? " ORDER BY code" : " ORDER BY id");
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Stmt q(Raw(lease.db()), sql);
        KYOSO_RETURN_IF_ERROR(q.status());
        std::vector<Cell> values(attrs.size());
        int rc;
        while ((rc = q.Step()) == SQLITE_ROW) {
            for (size_t i = 0; i < attrs.size(); ++i) ReadCell(q.get(), static_cast<int>(i) + 1, &values[i]);
            KYOSO_RETURN_IF_ERROR(fn(sqlite3_column_int64(q.get(), 0), values));
        }
        if (rc != SQLITE_DONE) return SqliteError(Raw(lease.db()), "reading records for export");
        return Status::Ok();
    }

private:
    SqliteStore* store_;
};

}  // namespace

std::unique_ptr<ports::ImportRepository> MakeImportRepository(SqliteStore* store) {
    return std::make_unique<SqliteImportRepository>(store);
}

}  // namespace kyoso::sqlite
