#include "kyoso/sql/copy_database.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>

namespace kyoso::sql {

void RowHasher::Feed(std::string_view bytes) {
    for (unsigned char c : bytes) {
        hash_ ^= c;
        hash_ *= 1099511628211ULL;
    }
}

void RowHasher::AddNull() { Feed("N;"); }

void RowHasher::AddInt(long long value) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    Feed("I");
    Feed(std::string_view(buf, static_cast<size_t>(end - buf)));
    Feed(";");
}

void RowHasher::AddReal(double value) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec;
    Feed("R");
    Feed(std::string_view(buf, static_cast<size_t>(end - buf)));
    Feed(";");
}

void RowHasher::AddText(std::string_view value) {
    Feed("T");
    AddLength(value.size());
    Feed(":");
    Feed(value);
    Feed(";");
}

void RowHasher::AddLength(size_t n) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
    (void)ec;
    Feed(std::string_view(buf, static_cast<size_t>(end - buf)));
}

void RowHasher::AddRow(const Statement& row) {
    const int n = row.ColumnCount();
    for (int c = 0; c < n; ++c) {
        switch (row.Kind(c)) {
            case ValueKind::kNull:
                AddNull();
                break;
            case ValueKind::kInt:
                AddInt(row.Int(c));
                break;
            case ValueKind::kReal:
                AddReal(row.Real(c));
                break;
            case ValueKind::kText:
                AddText(row.Text(c));
                break;
        }
    }
    EndRow();
}

void RowHasher::EndRow() { Feed("\n"); }

std::string RowHasher::Hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
    return buf;
}

namespace {

// Rows per INSERT statement (fewer for wide tables: PostgreSQL takes 65535 parameters).
constexpr size_t kBatchRows = 500;
constexpr size_t kMaxParameters = 60000;

// Derived tables: not copied, rebuilt by the target (the search index and its queue).
const std::set<std::string, std::less<>> kDerived = {"search_docs", "search_dirty", "search_watermark"};
// Tables whose migrations seed rows: a fresh target may hold them; the copy replaces them
// (the webhook cursor at 0; the three default hand-off types, which the source may have edited).
const std::set<std::string, std::less<>> kSeeded = {"webhook_cursor", "handoff_types"};
// The searchable kinds queued by key, and the key SQL of each.
const std::vector<std::pair<const char*, const char*>> kQueuedKinds = {
    {"government", "SELECT 'government', code FROM governments"},
    {"official", "SELECT 'official', CAST(id AS TEXT) FROM officials"},
    {"deal", "SELECT 'deal', CAST(id AS TEXT) FROM deals"},
};

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Source tables that are not data: the migration ledger, SQLite's own, and FTS5's.
bool Skipped(std::string_view table) {
    return table == "schema_migrations" || StartsWith(table, "sqlite_") || table == "search_fts" ||
           StartsWith(table, "search_fts_");
}

std::string Quote(std::string_view id) {
    std::string out = "\"";
    for (char c : id) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

struct Column {
    std::string name;
    bool text = false;  // target type is text (ordered byte-wise with COLLATE "C")
    bool identity = false;
};

struct Table {
    std::string name;
    std::vector<std::string> columns;  // source columns in declaration order
    std::vector<std::string> key;      // primary key columns in key order (all columns when none)
    std::set<std::string> parents;     // tables its foreign keys reference (not itself)
    std::vector<Column> target;        // the target's columns
};

struct Value {
    ValueKind kind = ValueKind::kNull;
    long long i = 0;
    double r = 0;
    std::string s;
};

Result<long long> CountRows(Connection* db, const std::string& table) {
    Statement q(db, "SELECT COUNT(*) FROM " + Quote(table));
    KYOSO_RETURN_IF_ERROR(q.prepare_status());
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("counting " + table + " returned no row") : st;
    return q.Int(0);
}

// The source's tables (sqlite_master), their columns, keys and foreign-key parents.
Result<std::vector<Table>> ListSourceTables(Connection* db) {
    Statement names(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    KYOSO_RETURN_IF_ERROR(names.prepare_status());
    auto listed = CollectRows<std::string>(names, [](Statement& q) { return q.Text(0); });
    if (!listed.ok()) return listed.status();
    std::vector<Table> tables;
    for (const auto& name : *listed) {
        if (Skipped(name)) continue;
        Table t;
        t.name = name;
        Statement info(db, "PRAGMA table_info(" + Quote(name) + ")");
        KYOSO_RETURN_IF_ERROR(info.prepare_status());
        std::vector<std::pair<long long, std::string>> key;
        Status st;
        while (info.Step(&st)) {
            t.columns.push_back(info.Text(1));
            if (info.Int(5) > 0) key.emplace_back(info.Int(5), info.Text(1));
        }
        if (!st.ok()) return st;
        std::sort(key.begin(), key.end());
        for (auto& [pos, col] : key) t.key.push_back(col);
        if (t.key.empty()) t.key = t.columns;
        Statement fks(db, "PRAGMA foreign_key_list(" + Quote(name) + ")");
        KYOSO_RETURN_IF_ERROR(fks.prepare_status());
        while (fks.Step(&st)) {
            if (fks.Text(2) != name) t.parents.insert(fks.Text(2));
        }
        if (!st.ok()) return st;
        tables.push_back(std::move(t));
    }
    return tables;
}

// Parents before children (Kahn's algorithm, ties by name); a cycle is an error.
Result<std::vector<Table>> ForeignKeyOrder(std::vector<Table> tables) {
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < tables.size(); ++i) index[tables[i].name] = i;
    for (const auto& t : tables) {
        for (const auto& p : t.parents) {
            if (!index.count(p)) {
                return FailedPrecondition("source table " + t.name + " references table " + p +
                                          ", which the source does not have");
            }
        }
    }
    std::vector<Table> out;
    std::set<std::string> done;
    while (out.size() < tables.size()) {
        bool progressed = false;
        for (auto& t : tables) {
            if (t.name.empty() || done.count(t.name)) continue;
            if (std::all_of(t.parents.begin(), t.parents.end(),
                            [&](const std::string& p) { return done.count(p) > 0; })) {
                done.insert(t.name);
                out.push_back(t);
                progressed = true;
            }
        }
        if (!progressed) {
            std::string left;
            for (const auto& t : tables) {
                if (!done.count(t.name)) left += (left.empty() ? "" : ", ") + t.name;
            }
            return FailedPrecondition("the foreign keys of tables " + left + " form a cycle: no copy order exists");
        }
    }
    return out;
}

// The target's columns of `table` (information_schema), in declaration order.
Result<std::vector<Column>> TargetColumns(Connection* db, const std::string& table) {
    Statement q(db,
                "SELECT column_name, data_type, is_identity FROM information_schema.columns"
                " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position");
    q.Bind(1, table);
    return CollectRows<Column>(q, [](Statement& r) {
        return Column{r.Text(0), r.Text(1) == "text", r.Text(2) == "YES"};
    });
}

// ORDER BY of `t`'s key: byte-wise text and NULLs first on PostgreSQL, as SQLite sorts.
std::string OrderBy(const Table& t, bool target) {
    std::string out;
    for (const auto& k : t.key) {
        if (!out.empty()) out += ", ";
        out += Quote(k);
        if (!target) continue;
        for (const auto& c : t.target) {
            if (c.name == k && c.text) out += " COLLATE \"C\"";
        }
        out += " NULLS FIRST";
    }
    return out;
}

std::string SelectSql(const Table& t, bool target) {
    std::string cols;
    for (const auto& c : t.columns) cols += (cols.empty() ? "" : ", ") + Quote(c);
    return "SELECT " + cols + " FROM " + Quote(t.name) + " ORDER BY " + OrderBy(t, target);
}

std::string InsertSql(const Table& t, size_t rows) {
    std::string cols, row;
    for (const auto& c : t.columns) {
        cols += (cols.empty() ? "" : ", ") + Quote(c);
        row += row.empty() ? "(?" : ", ?";
    }
    row += ")";
    std::string sql = "INSERT INTO " + Quote(t.name) + " (" + cols + ") VALUES ";
    sql.reserve(sql.size() + rows * (row.size() + 2));
    for (size_t i = 0; i < rows; ++i) sql += (i ? ", " : "") + row;
    return sql;
}

// Inserts `values` (whole rows of t.columns) with one statement; `full` is reused for
// full batches.
Status InsertBatch(Connection* dst, const Table& t, const std::vector<Value>& values, size_t batch_rows,
                   std::unique_ptr<Statement>& full) {
    const size_t cols = t.columns.size();
    const size_t rows = values.size() / cols;
    std::unique_ptr<Statement> partial;
    Statement* ins = nullptr;
    if (rows == batch_rows) {
        if (!full) full = std::make_unique<Statement>(dst, InsertSql(t, rows));
        ins = full.get();
    } else {
        partial = std::make_unique<Statement>(dst, InsertSql(t, rows));
        ins = partial.get();
    }
    KYOSO_RETURN_IF_ERROR(ins->prepare_status());
    ins->Reset();
    for (size_t i = 0; i < values.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        const Value& v = values[i];
        switch (v.kind) {
            case ValueKind::kNull:
                ins->BindNull(index);
                break;
            case ValueKind::kInt:
                ins->Bind(index, v.i);
                break;
            case ValueKind::kReal:
                ins->Bind(index, v.r);
                break;
            case ValueKind::kText:
                ins->Bind(index, std::string_view(v.s));
                break;
        }
    }
    Status st = ins->Run();
    if (!st.ok()) return Status(st.code(), "copying rows into " + t.name + ": " + st.message());
    return Status::Ok();
}

// Copies `t` from `src` to `dst` in key order; returns the source rows and checksum.
Result<TableCopy> CopyTable(Connection* src, Connection* dst, const Table& t, ports::ProgressSink* progress) {
    auto total = CountRows(src, t.name);
    if (!total.ok()) return total.status();
    TableCopy out;
    out.table = t.name;
    const size_t cols = t.columns.size();
    const size_t batch_rows = std::max<size_t>(1, std::min(kBatchRows, kMaxParameters / cols));
    Statement read(src, SelectSql(t, false));
    KYOSO_RETURN_IF_ERROR(read.prepare_status());
    RowHasher hasher;
    std::vector<Value> batch;
    batch.reserve(batch_rows * cols);
    std::unique_ptr<Statement> full;
    Status st;
    long long done = 0;
    if (progress) progress->Report(t.name, 0, *total);
    while (read.Step(&st)) {
        for (size_t c = 0; c < cols; ++c) {
            const int col = static_cast<int>(c);
            Value v;
            v.kind = read.Kind(col);
            switch (v.kind) {
                case ValueKind::kNull:
                    hasher.AddNull();
                    break;
                case ValueKind::kInt:
                    v.i = read.Int(col);
                    hasher.AddInt(v.i);
                    break;
                case ValueKind::kReal:
                    v.r = read.Real(col);
                    hasher.AddReal(v.r);
                    break;
                case ValueKind::kText:
                    v.s = read.Text(col);
                    hasher.AddText(v.s);
                    break;
            }
            batch.push_back(std::move(v));
        }
        hasher.EndRow();
        ++done;
        if (batch.size() == batch_rows * cols) {
            KYOSO_RETURN_IF_ERROR(InsertBatch(dst, t, batch, batch_rows, full));
            batch.clear();
            if (progress) progress->Report(t.name, done, *total);
        }
    }
    if (!st.ok()) return Status(st.code(), "reading source table " + t.name + ": " + st.message());
    if (!batch.empty()) KYOSO_RETURN_IF_ERROR(InsertBatch(dst, t, batch, batch_rows, full));
    if (progress) progress->Report(t.name, done, *total);
    out.rows = done;
    out.checksum = hasher.Hex();
    return out;
}

// Reads `t` back from the target in key order: its row count and checksum.
Result<std::pair<long long, std::string>> TargetChecksum(Connection* dst, const Table& t) {
    Statement read(dst, SelectSql(t, true));
    KYOSO_RETURN_IF_ERROR(read.prepare_status());
    RowHasher hasher;
    long long rows = 0;
    Status st;
    while (read.Step(&st)) {
        hasher.AddRow(read);
        ++rows;
    }
    if (!st.ok()) return Status(st.code(), "reading back target table " + t.name + ": " + st.message());
    return std::make_pair(rows, hasher.Hex());
}

// Refuses a target holding rows other than what its migrations seed, naming the table.
Status RequireEmptyTarget(Connection* dst, const std::vector<Table>& tables) {
    for (const auto& t : tables) {
        if (t.name == "search_watermark") continue;  // seeded by the migration; reset below
        if (t.name == "handoff_types") continue;     // seeded by the migration; replaced by the copy
        std::string sql = "SELECT COUNT(*) FROM " + Quote(t.name);
        if (t.name == "webhook_cursor") sql += " WHERE last_seq <> 0";  // the fresh cursor starts at 0
        Statement q(dst, sql);
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("counting " + t.name + " returned no row") : st;
        if (q.Int(0) > 0) {
            return FailedPrecondition("the target database is not empty: table " + t.name + " already holds " +
                                      std::to_string(q.Int(0)) +
                                      " rows; migrate copies into a new, freshly migrated database only");
        }
    }
    return Status::Ok();
}

// Queues every government, official and deal for indexing and resets the watermarks
// to the kinds the source has, at 0; returns the rebuilt tables' report lines.
Result<std::vector<TableCopy>> QueueSearchRebuild(Connection* src, Connection* dst, long long queued_expected) {
    std::vector<std::string> kinds;
    {
        Statement q(src, "SELECT kind FROM search_watermark ORDER BY kind");
        KYOSO_RETURN_IF_ERROR(q.prepare_status());
        auto rows = CollectRows<std::string>(q, [](Statement& r) { return r.Text(0); });
        if (!rows.ok()) return rows.status();
        kinds = std::move(*rows);
    }
    KYOSO_RETURN_IF_ERROR(Exec(dst, "DELETE FROM search_docs"));
    KYOSO_RETURN_IF_ERROR(Exec(dst, "DELETE FROM search_dirty"));
    KYOSO_RETURN_IF_ERROR(Exec(dst, "DELETE FROM search_watermark"));
    for (const auto& [kind, select] : kQueuedKinds) {
        KYOSO_RETURN_IF_ERROR(Exec(dst, std::string("INSERT INTO search_dirty(kind, ref) ") + select));
    }
    for (const auto& kind : kinds) {
        Statement ins(dst, "INSERT INTO search_watermark(kind, last_id) VALUES (?, 0)");
        ins.Bind(1, kind);
        KYOSO_RETURN_IF_ERROR(ins.Run());
    }
    std::vector<TableCopy> out;
    for (const char* table : {"search_docs", "search_dirty", "search_watermark"}) {
        auto n = CountRows(dst, table);
        if (!n.ok()) return n.status();
        TableCopy c;
        c.table = table;
        c.rows = *n;
        c.rebuilt = true;
        const std::string name(table);
        c.verified = name == "search_docs"    ? *n == 0
                     : name == "search_dirty" ? *n == queued_expected
                                              : *n == static_cast<long long>(kinds.size());
        if (!c.verified) {
            return Internal("verification failed for table " + name + ": " + std::to_string(*n) +
                            " rows after queueing the search rebuild");
        }
        out.push_back(std::move(c));
    }
    return out;
}

// Makes each identity column's next value follow its largest copied value.
Status SyncIdentities(Connection* dst, const Table& t) {
    for (const auto& c : t.target) {
        if (!c.identity) continue;
        if (c.name == "id") {
            KYOSO_RETURN_IF_ERROR(dst->SyncIdentity(t.name));
            continue;
        }
        Statement q(dst, "SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(" + Quote(c.name) +
                             ") FROM " + Quote(t.name) + "), 0) + 1, false)");
        q.Bind(1, Quote(t.name));
        q.Bind(2, c.name);
        Status st = q.Run();
        if (!st.ok())
            return Status(st.code(), "advancing the identity of " + t.name + "." + c.name + ": " + st.message());
    }
    return Status::Ok();
}

}  // namespace

Result<CopyReport> CopyDatabase(SqlStore& from, SqlStore& to, ports::ProgressSink* progress) {
    if (from.dialect() != Dialect::kSqlite) return InvalidArgument("--from must be a SQLite database");
    if (to.dialect() != Dialect::kPostgres) return InvalidArgument("--to must be a PostgreSQL database");
    auto from_version = from.SchemaVersion();
    if (!from_version.ok()) return from_version.status();
    auto to_version = to.SchemaVersion();
    if (!to_version.ok()) return to_version.status();
    if (*from_version != *to_version) {
        return FailedPrecondition("schema versions differ: source " + std::to_string(*from_version) + ", target " +
                                  std::to_string(*to_version));
    }

    auto lease = from.Reader();
    if (!lease) return Unavailable("cannot open a reader on the source database");
    Connection* src = lease.db();
    // One read transaction: every table is read from the same snapshot.
    KYOSO_RETURN_IF_ERROR(Exec(src, "BEGIN"));
    struct EndRead {
        Connection* db;
        ~EndRead() { (void)Exec(db, "COMMIT"); }
    } end_read{src};

    auto listed = ListSourceTables(src);
    if (!listed.ok()) return listed.status();
    auto ordered = ForeignKeyOrder(std::move(*listed));
    if (!ordered.ok()) return ordered.status();
    std::vector<Table> tables = std::move(*ordered);

    CopyReport report;
    Status st = to.Write([&](Connection* dst) -> Status {
        // Triggers (search queue, activity counters, append-only guards) and foreign-key
        // checks stay off for this transaction only.
        if (Status s = Exec(dst, "SET LOCAL session_replication_role = replica"); !s.ok()) {
            return FailedPrecondition(
                "cannot switch off the target's triggers and foreign-key checks for the copy (SET "
                "session_replication_role needs a superuser or a role granted SET on it): " +
                s.message());
        }
        for (auto& t : tables) {
            auto cols = TargetColumns(dst, t.name);
            if (!cols.ok()) return cols.status();
            if (cols->empty()) return FailedPrecondition("the target database has no table " + t.name);
            t.target = std::move(*cols);
            for (const auto& c : t.columns) {
                const bool found =
                    std::any_of(t.target.begin(), t.target.end(), [&](const Column& tc) { return tc.name == c; });
                if (!found) return FailedPrecondition("the target table " + t.name + " has no column " + c);
            }
        }
        KYOSO_RETURN_IF_ERROR(RequireEmptyTarget(dst, tables));

        for (const auto& t : tables) {
            if (kDerived.count(t.name)) continue;
            if (kSeeded.count(t.name)) KYOSO_RETURN_IF_ERROR(Exec(dst, "DELETE FROM " + Quote(t.name)));
            auto copied = CopyTable(src, dst, t, progress);
            if (!copied.ok()) return copied.status();
            report.rows += copied->rows;
            report.tables.push_back(std::move(*copied));
            KYOSO_RETURN_IF_ERROR(SyncIdentities(dst, t));
        }

        long long queued = 0;
        for (const char* table : {"governments", "officials", "deals"}) {
            auto n = CountRows(src, table);
            if (!n.ok()) return n.status();
            queued += *n;
        }
        auto rebuilt = QueueSearchRebuild(src, dst, queued);
        if (!rebuilt.ok()) return rebuilt.status();

        // Verification before COMMIT: a difference rolls the whole copy back.
        for (auto& c : report.tables) {
            const auto it =
                std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.name == c.table; });
            if (progress) progress->Report("verify " + c.table, 0, c.rows);
            auto back = TargetChecksum(dst, *it);
            if (!back.ok()) return back.status();
            if (back->first != c.rows || back->second != c.checksum) {
                return Internal("verification failed for table " + c.table + ": source " + std::to_string(c.rows) +
                                " rows, checksum " + c.checksum + "; target " + std::to_string(back->first) +
                                " rows, checksum " + back->second);
            }
            c.verified = true;
            if (progress) progress->Report("verify " + c.table, c.rows, c.rows);
        }
        for (auto& c : *rebuilt) report.tables.push_back(std::move(c));
        return Status::Ok();
    });
    if (!st.ok()) return st;
    // Planner statistics and the visibility map for the new rows now, not when autovacuum
    // gets to them: without statistics PostgreSQL planned a deal's page (participants of
    // its activities) as a scan of every participant, ~500 ms instead of ~3 ms at Japan
    // scale; without the visibility map index-only scans visit the heap (docs/scaling.md).
    if (progress) progress->Report("vacuum analyze", 0, 1);
    {
        auto target = to.Reader();
        if (!target) return Unavailable("no connection to the target for ANALYZE");
        KYOSO_RETURN_IF_ERROR(Exec(target.db(), "VACUUM (ANALYZE)"));
    }
    if (progress) progress->Report("vacuum analyze", 1, 1);
    report.note =
        "search index not copied: every government, official and deal is queued in search_dirty and the "
        "activity/contact watermarks are reset to 0, so the target builds its index on its first search; "
        "tables vacuumed and planner statistics gathered (VACUUM (ANALYZE))";
    return report;
}

}  // namespace kyoso::sql
