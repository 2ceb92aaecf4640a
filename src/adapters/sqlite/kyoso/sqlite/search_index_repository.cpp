#include <string>

#include "kyoso/sqlite/repositories.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/sqlite/statement.hpp"

namespace kyoso::sqlite {

namespace {

// Per kind: the current government, title and searchable fields of one record.
struct KindSql {
    const char* kind;
    const char* sql;  // one parameter: the record's key; columns: government, title, fields...
    int columns;      // of the SELECT list
};

constexpr KindSql kSources[] = {
    {"government",
     "SELECT code, CASE WHEN kind = 'prefecture' THEN name ELSE prefecture_name || ' ' || name END,"
     " name, kana, prefecture_name FROM governments WHERE code = ?",
     5},
    {"official",
     "SELECT government_code, name || '（' || department || ' ' || title || '）', name, kana, department, title"
     " FROM officials WHERE id = ?",
     6},
    {"deal", "SELECT government_code, title, title, competitor, lost_reason FROM deals WHERE id = ?", 5},
    {"activity",
     "SELECT government_code, type || ' ' || occurred_on, notes, outcome FROM activities WHERE id = ?", 4},
    {"contact",
     "SELECT government_code, channel || ' ' || occurred_on || ' ' || official_name, summary, value_given,"
     " value_received, official_name, department FROM contact_log WHERE id = ?", 7},
};

class SqliteSearchIndex final : public ports::SearchIndex {
public:
    explicit SqliteSearchIndex(SqliteStore* store) : store_(store) {}

    Result<std::vector<ports::SearchSource>> PendingSources(int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT kind, ref FROM search_dirty LIMIT ?");
        q.Bind(1, static_cast<long long>(limit));
        std::vector<ports::SearchSource> out;
        Status st;
        while (q.Step(&st)) {
            ports::SearchSource s;
            s.kind = q.Text(0);
            s.ref = q.Text(1);
            out.push_back(std::move(s));
        }
        if (!st.ok()) return st;
        for (auto& s : out) {
            const KindSql* k = nullptr;
            for (const auto& candidate : kSources) {
                if (s.kind == candidate.kind) k = &candidate;
            }
            if (!k) continue;  // unknown kind: removed from the queue, never indexed
            Statement src(lease.db(), k->sql);
            src.Bind(1, s.ref);
            if (src.Step(&st)) {
                s.exists = true;
                s.government_code = src.Text(0);
                s.title = src.Text(1);
                for (int c = 2; c < k->columns; ++c) s.texts.push_back(src.Text(c));
            }
            if (!st.ok()) return st;
        }
        return out;
    }

    Status Apply(const std::vector<ports::IndexedDocument>& documents) override {
        return store_->Write([&](sqlite3* db) -> Status {
            Statement find(db, "SELECT id FROM search_docs WHERE kind = ? AND ref = ?");
            Statement del_doc(db, "DELETE FROM search_docs WHERE id = ?");
            Statement del_fts(db, "DELETE FROM search_fts WHERE rowid = ?");
            Statement ins_doc(db,
                              "INSERT INTO search_docs(kind, ref, government_code, title, body) VALUES (?,?,?,?,?)");
            Statement ins_fts(db, "INSERT INTO search_fts(rowid, kind, grams) VALUES (?,?,?)");
            Statement undirty(db, "DELETE FROM search_dirty WHERE kind = ? AND ref = ?");
            for (const auto& d : documents) {
                const auto& s = d.source;
                find.Reset();
                find.Bind(1, s.kind).Bind(2, s.ref);
                Status st;
                if (find.Step(&st)) {
                    const long long id = find.Int(0);
                    find.Reset();
                    del_fts.Reset();
                    KYOSO_RETURN_IF_ERROR(del_fts.Bind(1, id).Run());
                    del_doc.Reset();
                    KYOSO_RETURN_IF_ERROR(del_doc.Bind(1, id).Run());
                }
                KYOSO_RETURN_IF_ERROR(st);
                find.Reset();
                if (s.exists) {
                    std::string body;
                    for (const auto& t : s.texts) {
                        if (t.empty()) continue;
                        if (!body.empty()) body += '\n';
                        body += t;
                    }
                    ins_doc.Reset();
                    ins_doc.Bind(1, s.kind).Bind(2, s.ref).Bind(3, s.government_code).Bind(4, s.title).Bind(5, body);
                    KYOSO_RETURN_IF_ERROR(ins_doc.Run());
                    const long long id = sqlite3_last_insert_rowid(db);
                    ins_fts.Reset();
                    ins_fts.Bind(1, id).Bind(2, s.kind).Bind(3, d.grams);
                    KYOSO_RETURN_IF_ERROR(ins_fts.Run());
                }
                undirty.Reset();
                KYOSO_RETURN_IF_ERROR(undirty.Bind(1, s.kind).Bind(2, s.ref).Run());
            }
            return Status::Ok();
        });
    }

    Result<long long> PendingCount() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT COUNT(*) FROM search_dirty");
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("no count") : st;
        return q.Int(0);
    }

    Result<std::vector<ports::SearchIndexHit>> Query(const ports::SearchIndexQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string in;
        for (size_t i = 0; i < query.kinds.size(); ++i) in += i ? ",?" : "?";
        const std::string sql =
            "SELECT d.kind, d.ref, d.government_code, d.title, d.body, m.score FROM"
            " (SELECT rowid AS id, rank AS score FROM search_fts WHERE search_fts MATCH ? AND kind IN (" +
            in + ") ORDER BY rank LIMIT ? OFFSET ?) m JOIN search_docs d ON d.id = m.id ORDER BY m.score, d.id";
        Statement q(lease.db(), sql);
        int p = 1;
        q.Bind(p++, query.match);
        for (const auto& k : query.kinds) q.Bind(p++, k);
        q.Bind(p, static_cast<long long>(query.limit) + 1);
        q.Bind(p + 1, static_cast<long long>(query.offset));
        std::vector<ports::SearchIndexHit> hits;
        Status st;
        while (q.Step(&st)) hits.push_back({q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Real(5)});
        if (!st.ok()) return st;
        return hits;
    }

private:
    SqliteStore* store_;
};

}  // namespace

std::unique_ptr<ports::SearchIndex> MakeSearchIndex(SqliteStore* store) {
    return std::make_unique<SqliteSearchIndex>(store);
}

}  // namespace kyoso::sqlite
