#include <algorithm>
#include <iterator>
#include <memory>
#include <string>

#include "kyoso/sqlite/sqlite_store.hpp"

namespace kyoso::sqlite {

namespace {

using sql::Connection;
using sql::Statement;

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
    {"activity", "SELECT government_code, type || ' ' || occurred_on, notes, outcome FROM activities WHERE id = ?", 4},
    {"contact",
     "SELECT government_code, channel || ' ' || occurred_on || ' ' || official_name, summary, value_given,"
     " value_received, official_name, department FROM contact_log WHERE id = ?",
     7},
};

// Kinds whose new rows are found above search_watermark rather than queued.
struct WatermarkKind {
    const char* kind;
    const char* new_rows_sql;  // ?1 = limit
    const char* count_sql;
};
constexpr WatermarkKind kWatermarked[] = {
    {"activity",
     "SELECT id FROM activities WHERE id > (SELECT last_id FROM search_watermark WHERE kind = 'activity')"
     " ORDER BY id LIMIT ?1",
     "SELECT COUNT(*) FROM activities WHERE id > (SELECT last_id FROM search_watermark WHERE kind = 'activity')"},
    {"contact",
     "SELECT id FROM contact_log WHERE id > (SELECT last_id FROM search_watermark WHERE kind = 'contact')"
     " ORDER BY id LIMIT ?1",
     "SELECT COUNT(*) FROM contact_log WHERE id > (SELECT last_id FROM search_watermark WHERE kind = 'contact')"},
};

// search_docs ids of kind k lie in [KindBase(k), KindBase(k) + kKindSpan).
constexpr long long kKindSpan = 1'000'000'000'000LL;
long long KindBase(std::string_view kind) {
    for (size_t i = 0; i < std::size(kSources); ++i) {
        if (kind == kSources[i].kind) return static_cast<long long>(i + 1) * kKindSpan;
    }
    return static_cast<long long>(std::size(kSources) + 1) * kKindSpan;
}

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
        for (const auto& w : kWatermarked) {
            if (out.size() >= static_cast<size_t>(limit)) break;
            Statement fresh(lease.db(), w.new_rows_sql);
            fresh.Bind(1, static_cast<long long>(limit) - static_cast<long long>(out.size()));
            while (fresh.Step(&st)) {
                ports::SearchSource s;
                s.kind = w.kind;
                s.ref = std::to_string(fresh.Int(0));
                s.above_watermark = true;
                out.push_back(std::move(s));
            }
            if (!st.ok()) return st;
        }
        std::vector<std::unique_ptr<Statement>> sources;
        for (const auto& k : kSources) sources.push_back(std::make_unique<Statement>(lease.db(), k.sql));
        for (auto& s : out) {
            size_t k = 0;
            while (k < std::size(kSources) && s.kind != kSources[k].kind) ++k;
            if (k == std::size(kSources)) continue;  // unknown kind: removed from the queue, never indexed
            Statement& src = *sources[k];
            src.Reset();
            src.Bind(1, s.ref);
            if (src.Step(&st)) {
                s.exists = true;
                s.government_code = src.Text(0);
                s.title = src.Text(1);
                for (int c = 2; c < kSources[k].columns; ++c) s.texts.push_back(src.Text(c));
            }
            if (!st.ok()) return st;
        }
        return out;
    }

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
                    std::string body;
                    for (const auto& t : s.texts) {
                        if (t.empty()) continue;
                        if (!body.empty()) body += '\n';
                        body += t;
                    }
                    const long long base = KindBase(s.kind);
                    next_id.Reset();
                    next_id.Bind(1, base).Bind(2, base + kKindSpan - 1);
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

    Result<long long> PendingCount() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        long long total = 0;
        Status st;
        {
            Statement q(lease.db(), "SELECT COUNT(*) FROM search_dirty");
            if (!q.Step(&st)) return st.ok() ? Internal("no count") : st;
            total += q.Int(0);
        }
        for (const auto& w : kWatermarked) {
            Statement q(lease.db(), w.count_sql);
            if (!q.Step(&st)) return st.ok() ? Internal("no count") : st;
            total += q.Int(0);
        }
        return total;
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
        for (const auto& kind : query.kinds) {
            const long long base = KindBase(kind);
            // Records before notes: government, official, deal, contact, activity.
            const double kind_rank = kind == "government" ? 1
                                     : kind == "official" ? 2
                                     : kind == "deal"     ? 3
                                     : kind == "contact"  ? 4
                                                          : 5;
            q.Reset();
            q.Bind(1, query.match).Bind(2, base).Bind(3, base + kKindSpan - 1);
            q.Bind(4, static_cast<long long>(query.window)).Bind(5, wanted);
            Status st;
            while (q.Step(&st)) {
                const double len = q.Real(5);
                hits.push_back(
                    {q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), kind_rank + len / (len + 100.0)});
            }
            if (!st.ok()) return st;
        }
        std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.score < b.score; });
        if (hits.size() > static_cast<size_t>(query.offset)) {
            hits.erase(hits.begin(), hits.begin() + query.offset);
        } else {
            hits.clear();
        }
        if (hits.size() > static_cast<size_t>(query.limit) + 1) hits.resize(static_cast<size_t>(query.limit) + 1);
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
