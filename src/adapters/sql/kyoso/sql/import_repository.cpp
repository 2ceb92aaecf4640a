// The generic CSV import/export over any SqlStore: prepared statements per record
// type, reused row to row (no SQL text is built from input: table and column names
// come from domain::SpecFor only).
#include "kyoso/sql/import_repository.hpp"

#include <string>

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

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

std::string Table(RecordType type) { return std::string(domain::RecordTypeSlug(type)); }

void Bind(Statement& s, int index, const Cell& c) {
    switch (c.kind) {
        case Cell::Kind::kNull:
            s.BindNull(index);
            return;
        case Cell::Kind::kInt:
            s.Bind(index, c.integer);
            return;
        case Cell::Kind::kReal:
            s.Bind(index, c.real);
            return;
        case Cell::Kind::kText:
            s.Bind(index, std::string_view(c.text));
            return;
    }
}

// Whether column `col` of the current row equals `c`, typed as SQLite compares: an
// integer equals only an integer; a real also equals a stored integer of that value.
bool Equal(const Statement& s, int col, const Cell& c) {
    const ValueKind k = s.Kind(col);
    switch (c.kind) {
        case Cell::Kind::kNull:
            return k == ValueKind::kNull;
        case Cell::Kind::kInt:
            return k == ValueKind::kInt && s.Int(col) == c.integer;
        case Cell::Kind::kReal:
            return (k == ValueKind::kReal || k == ValueKind::kInt) && s.Real(col) == c.real;
        case Cell::Kind::kText:
            return k == ValueKind::kText && s.Text(col) == c.text;
    }
    return false;
}

void ReadCell(const Statement& s, int col, Cell* c) {
    switch (s.Kind(col)) {
        case ValueKind::kNull:
            c->SetNull();
            return;
        case ValueKind::kInt:
            c->SetInt(s.Int(col));
            return;
        case ValueKind::kReal:
            c->SetReal(s.Real(col));
            return;
        case ValueKind::kText:
            c->SetText(s.Text(col));
            return;
    }
}

// The savepoint a PostgreSQL import writer returns to after a failed statement:
// PostgreSQL aborts the whole transaction on an error, SQLite only the statement.
constexpr const char* kSavepoint = "kyoso_import";

// A failed insert or update as the importer reports it: InvalidArgument with the
// database's reason in SQLite's words on both backends ("UNIQUE constraint failed:
// table.column"), and a hint when a reference is missing (SQLite says "FOREIGN KEY
// constraint failed", PostgreSQL "... violates foreign key constraint ...").
Status ConstraintError(const Status& failed, const std::string& table) {
    std::string why = failed.message();
    constexpr std::string_view kPrefix = "executing statement: ";
    if (why.rfind(kPrefix, 0) == 0) why.erase(0, kPrefix.size());
    if (why.find("violates unique constraint") != std::string::npos) {
        // PostgreSQL: ... (Key (external_id)=(A1) already exists.)
        const size_t key = why.find("Key (");
        const size_t end = key == std::string::npos ? key : why.find(")=", key);
        if (end != std::string::npos)
            why = "UNIQUE constraint failed: " + table + "." + why.substr(key + 5, end - key - 5);
    }
    if (why.find("FOREIGN KEY") != std::string::npos ||
        why.find("violates foreign key constraint") != std::string::npos) {
        why += " (a referenced record does not exist)";
    }
    return InvalidArgument(why, {{"row", why}});
}

class SqlImportWriter final : public ports::ImportWriter {
public:
    SqlImportWriter(SqlStore* store, Connection* db, RecordType type)
        : store_(store),
          db_(db),
          type_(type),
          returning_(store->dialect() == Dialect::kPostgres && type != RecordType::kGovernments),
          attrs_(Attributes(type)),
          select_(db, SelectSql()),
          insert_(db, InsertSql()),
          update_(db, UpdateSql()) {}

    // SQLite: gives the server's writer its default page cache back. PostgreSQL:
    // releases the writer's savepoint (see Failed).
    ~SqlImportWriter() override {
        if (store_->dialect() == Dialect::kSqlite) {
            (void)db_->Exec("PRAGMA cache_size = -2000");
        } else {
            (void)db_->Exec(std::string("RELEASE SAVEPOINT ") + kSavepoint);
        }
    }
    SqlImportWriter(const SqlImportWriter&) = delete;
    SqlImportWriter& operator=(const SqlImportWriter&) = delete;

    Status status() const {
        if (!select_.prepare_status().ok()) return select_.prepare_status();
        if (!insert_.prepare_status().ok()) return insert_.prepare_status();
        return update_.prepare_status();
    }

    Result<ports::UpsertOutcome> Upsert(const std::vector<Cell>& values, bool known_new, long long* id) override {
        const bool governments = type_ == RecordType::kGovernments;
        bool found = false;
        Status st;
        if (!known_new || governments) {
            Bind(select_, 1, values[0]);
            found = select_.Step(&st);
        }
        if (found) {
            bool same = true;
            for (size_t i = 1; i < attrs_.size() && same; ++i) {
                same = Equal(select_, static_cast<int>(i) + 1, values[i]);
            }
            *id = select_.Int(0);
            select_.Reset();
            if (same) return ports::UpsertOutcome::kUnchanged;
            for (size_t i = 1; i < attrs_.size(); ++i) Bind(update_, static_cast<int>(i), values[i]);
            if (governments) {
                Bind(update_, static_cast<int>(attrs_.size()), values[0]);
            } else {
                update_.Bind(static_cast<int>(attrs_.size()), *id);
            }
            st = update_.Run();
            update_.Reset();
            if (!st.ok()) return Failed(st);
            return ports::UpsertOutcome::kUpdated;
        }
        select_.Reset();
        if (!st.ok()) {
            (void)Failed(st);
            return Status(st.code(), "looking up an imported record: " + st.message());
        }
        if (governments) {
            return InvalidArgument("government " + values[0].text + " is not in the master list",
                                   {{"government_code", "not in the master list"}});
        }
        for (size_t i = 0; i < attrs_.size(); ++i) Bind(insert_, static_cast<int>(i) + 1, values[i]);
        if (returning_) {  // PostgreSQL: the id in the same round trip
            const bool row = insert_.Step(&st);
            if (row) *id = insert_.Int(0);
            insert_.Reset();
            if (!st.ok()) return Failed(st);
            if (!row) return Internal("inserting into " + Table(type_) + " returned no id");
            return ports::UpsertOutcome::kInserted;
        }
        st = insert_.Run();
        insert_.Reset();
        if (!st.ok()) return Failed(st);
        auto inserted = db_->LastInsertId();
        if (!inserted.ok()) return inserted.status();
        *id = *inserted;
        return ports::UpsertOutcome::kInserted;
    }

private:
    // The error of a failed statement. On PostgreSQL the transaction is rolled back to
    // the savepoint taken when the writer opened, so the import can go on checking
    // later rows: one failed row discards the whole import anyway.
    Status Failed(const Status& st) {
        if (store_->dialect() == Dialect::kPostgres) {
            (void)db_->Exec(std::string("ROLLBACK TO SAVEPOINT ") + kSavepoint);
        }
        return ConstraintError(st, Table(type_));
    }

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
        return "INSERT INTO " + Table(type_) + " (" + cols + ") VALUES (" + params + ")" +
               (returning_ ? " RETURNING id" : "");
    }
    std::string UpdateSql() const {
        std::string sql = "UPDATE " + Table(type_) + " SET ";
        for (size_t i = 1; i < attrs_.size(); ++i) sql += (i > 1 ? ", " : "") + std::string(attrs_[i]) + " = ?";
        return sql + " WHERE " + (type_ == RecordType::kGovernments ? "code" : "id") + " = ?";
    }

    SqlStore* store_;
    Connection* db_;
    RecordType type_;
    bool returning_;  // the insert returns the new id (INSERT ... RETURNING id)
    std::vector<std::string_view> attrs_;
    Statement select_;
    Statement insert_;
    Statement update_;
};

class SqlImportRepository final : public ports::ImportRepository {
public:
    explicit SqlImportRepository(SqlStore* store) : store_(store) {}

    Status InBulkTransaction(const std::function<Status()>& work) override { return store_->InBulkTransaction(work); }

    Result<std::vector<ports::GovernmentKey>> Governments() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT code, name, prefecture_name, CASE WHEN kind = 'prefecture' THEN 1 ELSE 0 END "
                    "FROM governments ORDER BY code");
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
        Statement q(lease.db(), "SELECT external_id, id FROM " + Table(type) + " WHERE external_id IS NOT NULL");
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        Status st;
        while (q.Step(&st)) fn(q.Text(0), q.Int(1));
        if (!st.ok()) return Status(st.code(), "reading external ids of " + Table(type) + ": " + st.message());
        return Status::Ok();
    }

    Status DealGovernments(const std::function<void(long long, std::string_view)>& fn) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT id, government_code FROM deals");
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        Status st;
        while (q.Step(&st)) fn(q.Int(0), q.Text(1));
        if (!st.ok()) return Status(st.code(), "reading deals: " + st.message());
        return Status::Ok();
    }

    Result<std::vector<ports::OfficialKey>> OfficialKeys() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT id, government_code, name_key, COALESCE(external_id, '') FROM officials");
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        std::vector<ports::OfficialKey> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Int(0), q.Text(1), q.Text(2), q.Text(3)});
        if (!st.ok()) return st;
        return out;
    }

    Result<std::unique_ptr<ports::ImportWriter>> OpenWriter(RecordType type) override {
        Connection* db = nullptr;
        KYOSO_RETURN_IF_ERROR(store_->Write([&](Connection* writer) {
            db = writer;
            // SQLite: 256 MB of page cache (negative = KiB): the 1M-row import touches
            // the activities table and its indexes far beyond the default 2 MB.
            // PostgreSQL: a savepoint to return to after a failed row (see Failed).
            if (store_->dialect() != Dialect::kSqlite) return writer->Exec(std::string("SAVEPOINT ") + kSavepoint);
            return writer->Exec("PRAGMA cache_size = -262144");
        }));
        auto writer = std::make_unique<SqlImportWriter>(store_, db, type);
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
        Statement q(lease.db(), sql);
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        std::vector<Cell> values(attrs.size());
        Status st;
        while (q.Step(&st)) {
            for (size_t i = 0; i < attrs.size(); ++i) ReadCell(q, static_cast<int>(i) + 1, &values[i]);
            KYOSO_RETURN_IF_ERROR(fn(q.Int(0), values));
        }
        if (!st.ok()) return Status(st.code(), "reading records for export: " + st.message());
        return Status::Ok();
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::ImportRepository> MakeImportRepository(SqlStore* store) {
    return std::make_unique<SqlImportRepository>(store);
}

}  // namespace kyoso::sql
