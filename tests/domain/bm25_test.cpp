#include "kyoso/domain/intel/bm25.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kyoso/domain/intel/match_evaluation.hpp"

namespace kyoso::domain {
namespace {

std::vector<std::string> Doc(std::initializer_list<const char*> terms) { return {terms.begin(), terms.end()}; }

// Ten reference documents: システム in all, 防災 in two, 電子申請 in one.
DocumentFrequencies Corpus() {
    DocumentFrequencies df;
    df.AddDocument(Doc({"システム", "防災", "防災"}));
    df.AddDocument(Doc({"システム", "防災", "避難所"}));
    df.AddDocument(Doc({"システム", "電子申請", "申請"}));
    for (int i = 0; i < 7; ++i) df.AddDocument(Doc({"システム", "保守"}));
    return df;
}

TEST(DocumentFrequenciesTest, CountsEachTermOncePerDocument) {
    auto df = Corpus();
    EXPECT_EQ(df.documents(), 10);
    EXPECT_EQ(df.Of("防災"), 2);  // twice in the first document, counted once
    EXPECT_EQ(df.Of("システム"), 10);
    EXPECT_EQ(df.Of("未知"), 0);
    EXPECT_DOUBLE_EQ(df.AverageLength(), (3 + 3 + 3 + 7 * 2) / 10.0);
}

TEST(DocumentFrequenciesTest, RareTermsWeighMoreAndIdfIsNeverNegative) {
    auto df = Corpus();
    EXPECT_GT(df.Idf("未知"), df.Idf("電子申請"));
    EXPECT_GT(df.Idf("電子申請"), df.Idf("防災"));
    EXPECT_GT(df.Idf("防災"), df.Idf("システム"));
    EXPECT_GE(df.Idf("システム"), 0.0);
    EXPECT_NEAR(df.Idf("防災"), std::log(1 + (10 - 2 + 0.5) / (2 + 0.5)), 1e-12);
}

Bm25Index Index() {
    return Bm25Index({{1, {{"電子申請", 1.0}, {"申請", 1.0}, {"システム", 1.0}}},
                      {2, {{"防災", 1.0}, {"避難所", 1.0}, {"防災", 0.2}}},
                      {3, {{"システム", 1.0}}}},
                     Corpus());
}

struct RankCase {
    const char* name;
    std::vector<std::string> document;
    std::vector<long long> expected;  // product ids, best first
};

TEST(Bm25IndexTest, RanksProfilesAgainstDocuments) {
    auto index = Index();
    const std::vector<RankCase> cases = {
        {"rare shared term wins", Doc({"電子申請", "申請", "システム"}), {1, 3}},
        {"two disaster terms", Doc({"防災", "避難所", "システム"}), {2, 1, 3}},
        {"nothing shared", Doc({"保守", "清掃"}), {}},
        {"empty document", Doc({}), {}},
    };
    for (const auto& c : cases) {
        auto hits = index.ScoreTerms(c.document, 1e-9);
        std::vector<long long> ids;
        for (const auto& h : hits) ids.push_back(h.product_id);
        EXPECT_EQ(ids, c.expected) << c.name;
    }
}

TEST(Bm25IndexTest, ThresholdDropsWeakMatches) {
    auto index = Index();
    auto all = index.ScoreTerms(Doc({"防災", "避難所", "システム"}), 1e-9);
    ASSERT_EQ(all.size(), 3u);
    auto strong = index.ScoreTerms(Doc({"防災", "避難所", "システム"}), all[1].score + 1e-9);
    ASSERT_EQ(strong.size(), 1u);
    EXPECT_EQ(strong[0].product_id, 2);
}

TEST(Bm25IndexTest, ExplainsWithMatchedTermsStrongestFirst) {
    auto index = Index();
    auto hits = index.ScoreTerms(Doc({"システム", "防災", "避難所"}), 1e-9);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].product_id, 2);
    // 避難所 (df 1) outweighs 防災 (df 2) even though 防災's weights sum to 1.2.
    EXPECT_EQ(hits[0].terms, (std::vector<std::string>{"避難所", "防災"}));
}

TEST(Bm25IndexTest, RepeatedTermsSaturateAndLongDocumentsScoreLess) {
    auto index = Index();
    double once = index.ScoreTerms(Doc({"避難所"}), 1e-9)[0].score;
    double twice = index.ScoreTerms(Doc({"避難所", "避難所"}), 1e-9)[0].score;
    double padded = index.ScoreTerms(Doc({"避難所", "a", "b", "c", "d", "e", "f"}), 1e-9)[0].score;
    EXPECT_GT(twice, once);
    EXPECT_LT(twice, 2 * once);  // k1 saturation
    EXPECT_LT(padded, once);     // b length normalisation
}

TEST(Bm25IndexTest, UnknownTermsHaveNoId) {
    auto index = Index();
    EXPECT_EQ(index.TermId("清掃"), -1);
    ASSERT_GE(index.TermId("避難所"), 0);
    EXPECT_EQ(index.TermText(index.TermId("避難所")), "避難所");
}

TEST(PairCountsTest, MicroAveragesOverNoticeProductPairs) {
    PairCounts c;
    c.Add({1, 2}, {1});  // tp 1, fp 1
    c.Add({}, {3});      // fn 1
    c.Add({}, {});       // a true negative adds nothing
    c.Add({4, 4}, {4});  // repeats count once: tp 1
    EXPECT_EQ(c.true_positives, 2);
    EXPECT_EQ(c.false_positives, 1);
    EXPECT_EQ(c.false_negatives, 1);
    EXPECT_DOUBLE_EQ(c.Precision(), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(c.Recall(), 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(c.F1(), 2.0 / 3.0);
    PairCounts none;
    EXPECT_DOUBLE_EQ(none.Precision(), 1.0);
    EXPECT_DOUBLE_EQ(none.F1(), 1.0);
}

}  // namespace
}  // namespace kyoso::domain
