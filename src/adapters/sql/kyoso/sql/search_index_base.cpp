#include "kyoso/sql/search_index_base.hpp"

#include <algorithm>
#include <iterator>
#include <memory>
#include <string>

#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

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
    {"activity", "SELECT government_code, type || ' ' || occurred_on, notes, outcome FROM activities WHERE id = ?", 4},
    {"contact",
     "SELECT government_code, channel || ' ' || occurred_on || ' ' || official_name, summary, value_given,"
     " value_received, official_name, department FROM contact_log WHERE id = ?",
     7},
    {"signal",
     "SELECT government_code, speaker || '（' || role || '） ' || spoken_on || ' ' || session, passage, speaker,"
     " session FROM signals WHERE id = ?",
     5},
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

}  // namespace

long long SearchKindBase(std::string_view kind) {
    for (size_t i = 0; i < std::size(kSources); ++i) {
        if (kind == kSources[i].kind) return static_cast<long long>(i + 1) * kSearchKindSpan;
    }
    return static_cast<long long>(std::size(kSources) + 1) * kSearchKindSpan;
}

double SearchKindRank(std::string_view kind) {
    return kind == "government" ? 1
           : kind == "official" ? 2
           : kind == "deal"     ? 3
           : kind == "contact"  ? 4
           : kind == "signal"   ? 6
                                : 5;
}

void SqlSearchIndexBase::SortAndPage(std::vector<ports::SearchIndexHit>* hits, const ports::SearchIndexQuery& query) {
    std::stable_sort(hits->begin(), hits->end(), [](const auto& a, const auto& b) { return a.score < b.score; });
    if (hits->size() > static_cast<size_t>(query.offset)) {
        hits->erase(hits->begin(), hits->begin() + query.offset);
    } else {
        hits->clear();
    }
    if (hits->size() > static_cast<size_t>(query.limit) + 1) hits->resize(static_cast<size_t>(query.limit) + 1);
}

std::string SqlSearchIndexBase::Body(const ports::SearchSource& s) {
    std::string body;
    for (const auto& t : s.texts) {
        if (t.empty()) continue;
        if (!body.empty()) body += '\n';
        body += t;
    }
    return body;
}

Result<std::vector<ports::SearchSource>> SqlSearchIndexBase::PendingSources(int limit) {
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

Result<long long> SqlSearchIndexBase::PendingCount() {
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

}  // namespace kyoso::sql
