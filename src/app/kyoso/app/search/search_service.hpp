#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// One search result: what it is, its key, and a snippet of its text with the
// matched part wrapped in <mark>…</mark> (everything else HTML-escaped).
struct SearchHit {
    std::string type;  // government, official, deal, activity, contact
    std::string id;    // government code or record id
    std::string government_code;
    std::string title;
    std::string snippet;
    double score = 0;  // lower = better: kind (government … activity), then shorter text
};

struct SearchResult {
    std::vector<SearchHit> items;
    std::optional<std::string> next_cursor;
};

// Japanese full-text search across governments, officials, deals, activity notes
// and the contact log (docs/search.md), insensitive to 全角/半角, ひらがな/カタカナ
// and case. Thread-safe when its dependencies are.
class SearchService {
public:
    SearchService(ports::Store& store, const ports::TextNormalizer& normalizer)
        : store_(store), normalizer_(normalizer) {}

    // Parameters: q (required, domain::ParseSearchQuery syntax), types (comma list
    // of government, official, deal, activity, contact; default all), limit (1-100,
    // default 20), cursor. Brings the index up to date first (Refresh). An error
    // names the parameter.
    Result<SearchResult> Search(const ListParams& params);

    // Indexes every record changed since the last call (the storage queues them);
    // returns how many were (re)indexed or removed.
    Result<long long> Refresh();

    // The snippet of `text` around the first occurrence of any folded needle (exposed for tests).
    std::string Snippet(const std::string& text, const std::vector<std::string>& folded_needles) const;

private:
    ports::Store& store_;
    const ports::TextNormalizer& normalizer_;
};

// Every search type, in the default order.
const std::vector<std::string>& SearchTypes();

}  // namespace kyoso::app
