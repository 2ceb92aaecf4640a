#pragma once

#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/search/search_query.hpp"

namespace kyoso::ports {

// A record whose searchable text changed since it was last indexed, with its
// current text (exists = false when the record was deleted).
struct SearchSource {
    std::string kind;  // government, official, deal, activity, contact
    std::string ref;   // the record's key (government code or id)
    bool exists = false;
    std::string government_code;
    std::string title;               // display title of a hit
    std::vector<std::string> texts;  // searchable fields, raw
    bool above_watermark = false;    // a new row found by id (activities, contact log), not queued
};

// A source made ready for the index by the application (which folds the text).
struct IndexedDocument {
    SearchSource source;
    std::string grams;  // domain::IndexGrams of the folded texts
};

struct SearchIndexQuery {
    std::vector<domain::MatchPhrase> phrases;  // every one must match (domain::MatchPhrases)
    std::vector<std::string> kinds;            // non-empty
    int limit = 20;
    int offset = 0;
    // Per kind, only the `window` most recently indexed matches are ranked, so a
    // query costs the same however many documents contain its words.
    int window = 200;
};

struct SearchIndexHit {
    std::string kind;
    std::string ref;
    std::string government_code;
    std::string title;
    std::string body;  // the searchable fields joined by newlines
    // Lower is better: the kind's rank (government 1, official 2, deal 3,
    // contact 4, activity 5) plus a fraction growing with the text's length.
    double score = 0;
};

// The full-text index (docs/search.md). The storage keeps a queue of changed
// records up to date by itself (database triggers, so every writer counts); the
// application drains it with PendingSources + Apply before searching.
class SearchIndex {
public:
    virtual ~SearchIndex() = default;
    // Up to `limit` queued records with their current text.
    virtual Result<std::vector<SearchSource>> PendingSources(int limit) = 0;
    // Writes (or removes, for !exists) the documents and takes them off the queue.
    virtual Status Apply(const std::vector<IndexedDocument>& documents) = 0;
    // Queued records not yet indexed.
    virtual Result<long long> PendingCount() = 0;
    // Best matches first (across kinds), skipping query.offset; at most
    // query.limit + 1 rows so the caller sees if there are more.
    virtual Result<std::vector<SearchIndexHit>> Query(const SearchIndexQuery& query) = 0;
};

}  // namespace kyoso::ports
