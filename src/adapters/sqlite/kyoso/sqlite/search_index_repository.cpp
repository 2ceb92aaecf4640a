#include <algorithm>
#include <iterator>
#include <memory>
#include <string>

#include "kyoso/sql/search_index_base.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"

namespace kyoso::sqlite {

namespace {

using sql::Connection;
using sql::Statement;

class SqliteSearchIndex final : public sql::SqlSearchIndexBase {
public:
    explicit SqliteSearchIndex(SqliteStore* store) : SqlSearchIndexBase(store) {}

    Status Apply(const std::vector<ports::IndexedDocument>& documents) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement find(db, "SELECT id FROM search_docs WHERE kind = ? AND ref = ?");
            Statement del_doc(db, "DELETE FROM search_docs WHERE id = ?");
            Statement del_fts(db, "DELETE FROM search_fts WHERE rowid = ?");
            // Each kind owns a rowid range (KindBase), so a search can scan one kind's
            // documents newest first without reading the others.
            Statement next_id(db, "SELECT COALESCE(MAX(id), ?1) + 1 FROM search_docs WHERE id BETWEEN ?1 AND ?2");
            Statement ins_doc(
                db, "INSERT INTO search_docs(id, kind, ref, government_code, title, body) VALUES (?,?,?,?,?,?)");
            Statement ins_fts(db, "INSERT INTO search_fts(rowid, kind, grams) VALUES (?,?,?)");
            Statement undirty(db, "DELETE FROM search_dirty WHERE kind = ? AND ref = ?");
            Statement raise_mark(db, "UPDATE search_watermark SET last_id = MAX(last_id, ?) WHERE kind = ?");
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
                    const std::string body = Body(s);
                    const long long base = sql::SearchKindBase(s.kind);
                    next_id.Reset();
                    next_id.Bind(1, base).Bind(2, base + sql::kSearchKindSpan - 1);
                    if (!next_id.Step(&st)) return st.ok() ? Internal("search_docs: no next id") : st;
                    const long long id = next_id.Int(0);
                    next_id.Reset();
                    ins_doc.Reset();
                    ins_doc.Bind(1, id).Bind(2, s.kind).Bind(3, s.ref).Bind(4, s.government_code).Bind(5, s.title);
                    ins_doc.Bind(6, body);
                    KYOSO_RETURN_IF_ERROR(ins_doc.Run());
                    ins_fts.Reset();
                    ins_fts.Bind(1, id).Bind(2, s.kind).Bind(3, d.grams);
                    KYOSO_RETURN_IF_ERROR(ins_fts.Run());
                }
                if (s.above_watermark) {
                    raise_mark.Reset();
                    KYOSO_RETURN_IF_ERROR(raise_mark.Bind(1, std::stoll(s.ref)).Bind(2, s.kind).Run());
                    continue;
                }
                undirty.Reset();
                KYOSO_RETURN_IF_ERROR(undirty.Bind(1, s.kind).Bind(2, s.ref).Run());
            }
            return Status::Ok();
        });
    }

    Result<std::vector<ports::SearchIndexHit>> Query(const ports::SearchIndexQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        // Per kind: the newest `window` matches (a rowid-ordered scan that stops
        // early however common the words are), shortest text first. FTS5's bm25
        // is not used: it counts every document containing each phrase first,
        // which costs ~100 ms for common phrases at Japan scale.
        Statement q(lease.db(),
                    "SELECT d.kind, d.ref, d.government_code, d.title, d.body, length(d.body) AS len FROM"
                    " (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3"
                    "  ORDER BY rowid DESC LIMIT ?4) w"
                    " JOIN search_docs d ON d.id = w.id ORDER BY len, d.id DESC LIMIT ?5");
        std::vector<ports::SearchIndexHit> hits;
        const long long wanted = static_cast<long long>(query.offset) + query.limit + 1;
        const std::string match = domain::MatchExpression(query.phrases);
        for (const auto& kind : query.kinds) {
            const long long base = sql::SearchKindBase(kind);
            // Records before notes: government, official, deal, contact, activity.
            const double kind_rank = sql::SearchKindRank(kind);
            q.Reset();
            q.Bind(1, match).Bind(2, base).Bind(3, base + sql::kSearchKindSpan - 1);
            q.Bind(4, static_cast<long long>(query.window)).Bind(5, wanted);
            Status st;
            while (q.Step(&st)) {
                const double len = q.Real(5);
                hits.push_back(
                    {q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), kind_rank + len / (len + 100.0)});
            }
            if (!st.ok()) return st;
        }
        SortAndPage(&hits, query);
        return hits;
    }
};

}  // namespace

std::unique_ptr<ports::SearchIndex> MakeSearchIndex(SqliteStore* store) {
    return std::make_unique<SqliteSearchIndex>(store);
}

}  // namespace kyoso::sqlite
