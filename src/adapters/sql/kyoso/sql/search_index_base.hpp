#pragma once

#include <string_view>
#include <vector>

#include "kyoso/ports/search_index.hpp"
#include "kyoso/sql/sql_store.hpp"

namespace kyoso::sql {

// search_docs ids of kind k lie in [SearchKindBase(k), SearchKindBase(k) + kSearchKindSpan),
// so a search scans one kind's documents newest first without reading the others.
inline constexpr long long kSearchKindSpan = 1'000'000'000'000LL;
long long SearchKindBase(std::string_view kind);

// The order of kinds in search results: government 1, official 2, deal 3, contact 4,
// activity 5 (records before notes), signal 6.
double SearchKindRank(std::string_view kind);

// The part of the full-text index both backends share: the queue of changed records
// (search_dirty, kept by triggers, and the watermarks of the bulk kinds) and the text
// of each queued record. A backend adds how documents are stored and matched.
class SqlSearchIndexBase : public ports::SearchIndex {
public:
    explicit SqlSearchIndexBase(SqlStore* store) : store_(store) {}
    Result<std::vector<ports::SearchSource>> PendingSources(int limit) override;
    Result<long long> PendingCount() override;

protected:
    // The body stored for a document: its non-empty texts joined by newlines.
    static std::string Body(const ports::SearchSource& s);
    // Orders the hits of every kind by score (stable), skips query.offset and keeps
    // query.limit + 1 (so the caller sees if there are more).
    static void SortAndPage(std::vector<ports::SearchIndexHit>* hits, const ports::SearchIndexQuery& query);
    SqlStore* store_;
};

}  // namespace kyoso::sql
