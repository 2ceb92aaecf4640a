#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::domain {

// One term of a search query: a bare word, or a "quoted phrase" of several words
// that must appear in this order. prefix = the term ended with '*'. Every term
// already matches anywhere inside a word (substring), so '*' is accepted for
// familiarity and changes nothing about which documents match.
struct SearchTerm {
    std::vector<std::string> words;  // raw (unfolded) words, never empty
    bool phrase = false;
    bool prefix = false;
};

// A parsed query: every term must match (AND).
struct SearchQuery {
    std::vector<SearchTerm> terms;
};

inline constexpr size_t kMaxSearchQueryBytes = 500;
inline constexpr size_t kMaxSearchTerms = 10;

// Parses the user's query: words separated by spaces (ASCII or 全角), "double
// quoted" (or ＂全角＂) phrases, a trailing '*' per term. An unterminated quote
// runs to the end. InvalidArgument for an empty query, more than
// kMaxSearchQueryBytes bytes, invalid UTF-8 or more than kMaxSearchTerms terms.
Result<SearchQuery> ParseSearchQuery(std::string_view raw);

// Splits already-folded text into runs of word characters (letters, digits,
// kana, kanji, ー, 々); punctuation, symbols and invalid bytes separate runs.
// Each run is returned as its code points (each a UTF-8 string).
std::vector<std::vector<std::string>> WordRuns(std::string_view folded);

// The text stored in the full-text index for folded pieces of a document: per
// run, its overlapping character bigrams then its last character alone, space
// separated ("ぼうさい" → "ぼう うさ さい い"), so any substring of 2+ characters
// is a phrase of bigrams and a 1-character one is a token prefix.
std::string IndexGrams(const std::vector<std::string>& folded_pieces);

// One query term as index tokens: its bigrams in order (adjacent in a matching
// document); prefix = the last token is a single character matching any token it starts.
struct MatchPhrase {
    std::vector<std::string> tokens;  // never empty
    bool prefix = false;
};

// The phrases for terms whose words are already folded (every one must match); empty
// when no term has a searchable character.
std::vector<MatchPhrase> MatchPhrases(const std::vector<std::vector<std::string>>& folded_terms);

// An FTS5 MATCH expression for `phrases`: each a quoted phrase ("ぼう うさ さい", a
// prefix phrase followed by *), joined by AND.
std::string MatchExpression(const std::vector<MatchPhrase>& phrases);

}  // namespace kyoso::domain
