// Fuzz target: the search query language (GET /api/search?q=, `kyoso search`).
// Input: the raw query. Properties: the parser never crashes; every accepted
// query turns into an FTS5 MATCH expression that SQLite accepts (a syntax error
// would be a 500 for a user's query), run against a small bigram index.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kyoso/domain/search/search_query.hpp"
#include "kyoso/text/icu_normalizer.hpp"

namespace {

sqlite3* Index() {
    static sqlite3* db = [] {
        sqlite3* d = nullptr;
        sqlite3_open(":memory:", &d);
        sqlite3_exec(d,
                     "CREATE VIRTUAL TABLE search_fts USING fts5(kind UNINDEXED, grams, tokenize = 'unicode61 "
                     "remove_diacritics 0');",
                     nullptr, nullptr, nullptr);
        kyoso::text::IcuTextNormalizer n;
        for (const char* text : {"防災情報配信システム", "ぼうさい ABC 123", "札幌市 さっぽろし", "a\"b*c (d) OR e"}) {
            const std::string grams = kyoso::domain::IndexGrams({n.Fold(text)});
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(d, "INSERT INTO search_fts(kind, grams) VALUES ('deal', ?)", -1, &st, nullptr);
            sqlite3_bind_text(st, 1, grams.c_str(), static_cast<int>(grams.size()), SQLITE_TRANSIENT);
            sqlite3_step(st);
            sqlite3_finalize(st);
        }
        return d;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    auto parsed = kyoso::domain::ParseSearchQuery(raw);
    if (!parsed.ok()) return 0;
    if (parsed->terms.empty() || parsed->terms.size() > kyoso::domain::kMaxSearchTerms) std::abort();
    static const kyoso::text::IcuTextNormalizer normalizer;
    std::vector<std::vector<std::string>> folded;
    for (const auto& term : parsed->terms) {
        if (term.words.empty()) std::abort();
        std::vector<std::string> words;
        for (const auto& w : term.words) words.push_back(normalizer.Fold(w));
        folded.push_back(std::move(words));
    }
    const std::string match = kyoso::domain::MatchExpression(kyoso::domain::MatchPhrases(folded));
    if (match.empty()) return 0;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(Index(), "SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank", -1, &st,
                           nullptr) != SQLITE_OK) {
        std::abort();
    }
    sqlite3_bind_text(st, 1, match.c_str(), static_cast<int>(match.size()), SQLITE_TRANSIENT);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
        std::fprintf(stderr, "FTS5 rejected %s: %s\n", match.c_str(), sqlite3_errmsg(Index()));
        std::abort();
    }
    sqlite3_finalize(st);
    return 0;
}
