// The full-text index on PostgreSQL without extensions: each document's bigram
// tokens (domain::IndexGrams) are stored twice, as an array under a GIN index (which
// finds the documents holding every token of a query) and as a space-framed string
// (on which a LIKE checks that a phrase's tokens are adjacent, as FTS5's phrase
// match does on SQLite). Locale-independent: no server collation or ctype matters.
#include <string>
#include <vector>

#include "kyoso/postgres/pg_store.hpp"
#include "kyoso/sql/search_index_base.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::postgres {

namespace {

using sql::Connection;
using sql::Statement;

// A text[] literal ({"a","b"}) with every element quoted.
std::string ArrayLiteral(const std::vector<std::string>& items) {
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

// `s` with LIKE's wildcards and escape character escaped (ESCAPE '\').
std::string LikeEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// The tokens of a grams string ("ab bc c") in order.
std::vector<std::string> Tokens(const std::string& grams) {
    std::vector<std::string> out;
    size_t from = 0;
    while (from < grams.size()) {
        size_t sp = grams.find(' ', from);
        if (sp == std::string::npos) sp = grams.size();
        if (sp > from) out.push_back(grams.substr(from, sp - from));
        from = sp + 1;
    }
    return out;
}

class PgSearchIndex final : public sql::SqlSearchIndexBase {
public:
    explicit PgSearchIndex(PgStore* store) : SqlSearchIndexBase(store) {}

    Status Apply(const std::vector<ports::IndexedDocument>& documents) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del_doc(db, "DELETE FROM search_docs WHERE kind = ? AND ref = ?");
            Statement next_id(db, "SELECT COALESCE(MAX(id), ?1) + 1 FROM search_docs WHERE id BETWEEN ?1 AND ?2");
            Statement ins_doc(db,
                              "INSERT INTO search_docs(id, kind, ref, government_code, title, body, grams, tokens)"
                              " VALUES (?,?,?,?,?,?,?, CAST(? AS TEXT[]))");
            Statement undirty(db, "DELETE FROM search_dirty WHERE kind = ? AND ref = ?");
            Statement raise_mark(db, "UPDATE search_watermark SET last_id = GREATEST(last_id, ?) WHERE kind = ?");
            for (const auto& d : documents) {
                const auto& s = d.source;
                del_doc.Reset();
                KYOSO_RETURN_IF_ERROR(del_doc.Bind(1, s.kind).Bind(2, s.ref).Run());
                if (s.exists) {
                    const long long base = sql::SearchKindBase(s.kind);
                    next_id.Reset();
                    next_id.Bind(1, base).Bind(2, base + sql::kSearchKindSpan - 1);
                    Status st;
                    if (!next_id.Step(&st)) return st.ok() ? Internal("search_docs: no next id") : st;
                    const long long id = next_id.Int(0);
                    ins_doc.Reset();
                    ins_doc.Bind(1, id).Bind(2, s.kind).Bind(3, s.ref).Bind(4, s.government_code).Bind(5, s.title);
                    ins_doc.Bind(6, Body(s)).Bind(7, " " + d.grams + " ").Bind(8, ArrayLiteral(Tokens(d.grams)));
                    KYOSO_RETURN_IF_ERROR(ins_doc.Run());
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
        const auto& phrases = query.phrases;
        if (phrases.empty()) return std::vector<ports::SearchIndexHit>{};
        // Whole tokens must all be present (the GIN index); each phrase must appear
        // with its tokens adjacent, a prefix phrase's last token as a prefix.
        std::vector<std::string> whole;
        std::string where;
        std::vector<std::string> likes;
        for (const auto& p : phrases) {
            std::string pattern = "% ";
            for (size_t t = 0; t < p.tokens.size(); ++t) {
                const bool last = t + 1 == p.tokens.size();
                if (!(last && p.prefix)) whole.push_back(p.tokens[t]);
                pattern += LikeEscape(p.tokens[t]);
                if (!(last && p.prefix)) pattern += ' ';
            }
            likes.push_back(pattern + "%");
            where += " AND grams LIKE ? ESCAPE '\\'";
        }
        if (!whole.empty()) where = " AND tokens @> CAST(? AS TEXT[])" + where;
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        // Per kind: the newest `window` matches, shortest text first (as on SQLite).
        Statement q(lease.db(),
                    "SELECT kind, ref, government_code, title, body, length(body) AS len FROM"
                    " (SELECT id, kind, ref, government_code, title, body FROM search_docs WHERE id BETWEEN ? AND ?" +
                        where + " ORDER BY id DESC LIMIT ?) w ORDER BY len, id DESC LIMIT ?");
        std::vector<ports::SearchIndexHit> hits;
        const long long wanted = static_cast<long long>(query.offset) + query.limit + 1;
        for (const auto& kind : query.kinds) {
            const long long base = sql::SearchKindBase(kind);
            const double kind_rank = sql::SearchKindRank(kind);
            q.Reset();
            int i = 1;
            q.Bind(i++, base);
            q.Bind(i++, base + sql::kSearchKindSpan - 1);
            if (!whole.empty()) q.Bind(i++, ArrayLiteral(whole));
            for (const auto& like : likes) q.Bind(i++, like);
            q.Bind(i++, static_cast<long long>(query.window));
            q.Bind(i++, wanted);
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

std::unique_ptr<ports::SearchIndex> MakePgSearchIndex(PgStore* store) { return std::make_unique<PgSearchIndex>(store); }

}  // namespace kyoso::postgres
