#include "kyoso/domain/search/search_query.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

TEST(SearchQuery, WordsPhrasesAndPrefixes) {
    auto q = ParseSearchQuery("防災  \"地域 計画\" 札幌*\u3000ＡＢＣ");
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    ASSERT_EQ(q->terms.size(), 4u);
    EXPECT_EQ(q->terms[0].words, std::vector<std::string>{"防災"});
    EXPECT_FALSE(q->terms[0].phrase);
    EXPECT_EQ(q->terms[1].words, (std::vector<std::string>{"地域", "計画"}));
    EXPECT_TRUE(q->terms[1].phrase);
    EXPECT_EQ(q->terms[2].words, std::vector<std::string>{"札幌"});
    EXPECT_TRUE(q->terms[2].prefix);
    EXPECT_EQ(q->terms[3].words, std::vector<std::string>{"ＡＢＣ"});
}

TEST(SearchQuery, UnterminatedQuoteRunsToTheEnd) {
    auto q = ParseSearchQuery("\"a b");
    ASSERT_TRUE(q.ok());
    ASSERT_EQ(q->terms.size(), 1u);
    EXPECT_EQ(q->terms[0].words, (std::vector<std::string>{"a", "b"}));
}

TEST(SearchQuery, RejectsEmptyLongInvalidAndTooMany) {
    for (const std::string& bad :
         {std::string(""), std::string("  \u3000 "), std::string("\"\" *"), std::string(501, 'a'), std::string("a\xff"),
          std::string("1 2 3 4 5 6 7 8 9 10 11")}) {
        auto q = ParseSearchQuery(bad);
        ASSERT_FALSE(q.ok()) << bad;
        EXPECT_EQ(q.status().code(), ErrorCode::kInvalidArgument);
        ASSERT_EQ(q.status().details().size(), 1u);
        EXPECT_EQ(q.status().details()[0].field, "q");
    }
}

TEST(SearchQuery, IndexGramsAreBigramsPlusTheLastCharacterPerRun) {
    EXPECT_EQ(IndexGrams({"ぼうさい"}), "ぼう うさ さい い");
    EXPECT_EQ(IndexGrams({"防災・減災", "x"}), "防災 災 減災 災 x");
    EXPECT_EQ(IndexGrams({"abc-1"}), "ab bc c 1");
    EXPECT_EQ(IndexGrams({"!!"}), "");
}

// The FTS5 expression of folded terms, as the SQLite index receives it.
std::string Fts5Of(const std::vector<std::vector<std::string>>& folded_terms) {
    return domain::MatchExpression(MatchPhrases(folded_terms));
}

TEST(SearchQuery, MatchExpressionsArePhrasesOfBigrams) {
    EXPECT_EQ(Fts5Of({{"防災"}}), "\"防災\"");
    EXPECT_EQ(Fts5Of({{"ぼうさい"}, {"計画"}}), "\"ぼう うさ さい\" AND \"計画\"");
    EXPECT_EQ(Fts5Of({{"画"}}), "\"画\"*");
    EXPECT_EQ(Fts5Of({{"東京", "都"}}), "\"東京 京 都\"*");
    EXPECT_EQ(Fts5Of({{"a\"b"}}), "\"a b\"*");
    EXPECT_EQ(Fts5Of({{"!!"}, {"?"}}), "");
}

}  // namespace
}  // namespace kyoso::domain
