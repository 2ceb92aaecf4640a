#include <gtest/gtest.h>

#include "kyoso/app/leadscore/lead_scoring.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/xgboost/xgboost_booster.hpp"
#include "lead_csv_generator.hpp"

namespace kyoso::app {
namespace {

class LeadScoringTest : public ::testing::Test {
protected:
    LeadEvaluateOptions Options(const std::string& split = "time:0.2") {
        LeadEvaluateOptions o;
        o.target = "result";
        o.split = *ParseLeadSplit(split);
        o.params.rounds = 60;
        return o;
    }
    Result<LeadEvaluation> Run(const std::string& csv, const LeadEvaluateOptions& o, std::string* model = nullptr) {
        return scoring_.Evaluate(csv, "leads.csv", o, nullptr, model);
    }
    text::CsvStreamReader reader_;
    xgboost::XgboostBoosting boosting_;
    LeadScoring scoring_{boosting_, reader_};
};

TEST(LeadSplitParse, Table) {
    EXPECT_EQ(ParseLeadSplit("time:0.2")->Describe(), "time:0.2");
    EXPECT_EQ(ParseLeadSplit("random:0.25:42")->Describe(), "random:0.25:42");
    for (const char* bad : {"time", "time:0", "time:1", "time:abc", "random:0.2", "random:0.2:x", "kfold:5"})
        EXPECT_FALSE(ParseLeadSplit(bad).ok()) << bad;
}

TEST_F(LeadScoringTest, RecoversThePlantedSignalOnTimeAndRandomSplits) {
    const std::string csv = testing::GenerateLeadCsv(1500, 11);
    for (const char* split : {"time:0.2", "random:0.2:42"}) {
        auto ev = Run(csv, Options(split));
        ASSERT_TRUE(ev.ok()) << ev.status().message();
        EXPECT_GT(ev->auc, 0.63) << split;
        EXPECT_LT(ev->logloss, ev->baseline_logloss) << split;
        EXPECT_EQ(ev->n_train + ev->n_test, 1500u);
        EXPECT_EQ(ev->n_test, 300u);
        EXPECT_EQ(ev->positive, "\xE5\x8F\x97\xE6\xB3\xA8");  // 受注 inferred
        EXPECT_EQ(ev->calibration, "platt");
        // lead_id (id-like) and country (constant) are dropped; the strongest columns lead.
        ASSERT_EQ(ev->features.size(), 5u);
        EXPECT_TRUE(ev->features[0].name == "source" || ev->features[0].name == "pages_viewed");
        EXPECT_GT(ev->missing_cells, 0);  // population blanks
    }
}

TEST_F(LeadScoringTest, WithoutTheSignalColumnsTheAucIsNearGuessing) {
    const std::string csv = testing::GenerateLeadCsv(1500, 11);
    auto o = Options("random:0.3:7");
    o.exclude = {"source", "pages_viewed"};
    auto ev = Run(csv, o);
    ASSERT_TRUE(ev.ok()) << ev.status().message();
    EXPECT_GT(ev->auc, 0.40);
    EXPECT_LT(ev->auc, 0.60);
}

TEST_F(LeadScoringTest, SameInputSameFigures) {
    const std::string csv = testing::GenerateLeadCsv(400, 3);
    auto a = Run(csv, Options("random:0.2:5"));
    auto b = Run(csv, Options("random:0.2:5"));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->auc, b->auc);
    EXPECT_EQ(a->logloss, b->logloss);
}

TEST_F(LeadScoringTest, ClearErrors) {
    const std::string good = testing::GenerateLeadCsv(300, 5);
    // Unknown target: the message lists the columns.
    auto o = Options();
    o.target = "outcome";
    auto ev = Run(good, o);
    ASSERT_FALSE(ev.ok());
    EXPECT_NE(ev.status().message().find("lead_id, created_on, source"), std::string::npos);
    // Too few rows.
    ev = Run(testing::GenerateLeadCsv(15, 5), Options());
    ASSERT_FALSE(ev.ok());
    EXPECT_NE(ev.status().message().find("too little data: 15 row(s)"), std::string::npos);
    // Too few of a class in the test part: 30 rows, test 20% = 6 rows.
    ev = Run(testing::GenerateLeadCsv(30, 5), Options());
    ASSERT_FALSE(ev.ok());
    EXPECT_NE(ev.status().message().find("too little data"), std::string::npos);
    // Wrong field count names the line.
    std::string bad = good;
    bad.insert(bad.find('\n', bad.find('\n') + 1) + 1, "x,y\n");  // becomes line 3
    ev = Run(bad, Options());
    ASSERT_FALSE(ev.ok());
    EXPECT_NE(ev.status().message().find("line 3 has 2 fields but the header has 8"), std::string::npos);
    // Unterminated quote.
    ev = Run(good + "L9,\"2024-01-01,web\n", Options());
    ASSERT_FALSE(ev.ok());
    EXPECT_NE(ev.status().message().find("unterminated"), std::string::npos);
    // A target with three values needs --positive.
    std::string three = good;
    three.replace(three.rfind("\xE5\xA4\xB1\xE6\xB3\xA8"), 6, "open");
    ev = Run(three, Options());
    ASSERT_FALSE(ev.ok());
    EXPECT_NE(ev.status().message().find("3 distinct values"), std::string::npos);
    o = Options();
    o.positive = "\xE5\x8F\x97\xE6\xB3\xA8";
    EXPECT_TRUE(Run(three, o).ok());
    // Unknown --exclude column.
    o = Options();
    o.exclude = {"nope"};
    EXPECT_FALSE(Run(good, o).ok());
}

TEST_F(LeadScoringTest, SavedModelScoresNewRowsWithFactorsAndWarnings) {
    std::string model;
    auto ev = Run(testing::GenerateLeadCsv(800, 21), Options(), &model);
    ASSERT_TRUE(ev.ok()) << ev.status().message();
    ASSERT_FALSE(model.empty());
    // New rows: no result column, an extra column, an unseen source and a blank.
    const std::string fresh =
        "lead_id,created_on,source,prefecture,population,pages_viewed,memo\n"
        "N1,2026-01-05,inquiry,\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD,\"12,000\",12,hi\n"
        "N2,2026-01-06,fax,\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD,,0,\n";
    auto scored = scoring_.Score(model, fresh, "new.csv", ports::TextEncoding::kAuto, LeadFactorMode::kExact);
    ASSERT_TRUE(scored.ok()) << scored.status().message();
    ASSERT_EQ(scored->scores.size(), 2u);
    EXPECT_GT(scored->scores[0], scored->scores[1]);  // inquiry with 12 pages beats fax with none
    ASSERT_EQ(scored->warnings.size(), 1u);
    EXPECT_NE(scored->warnings[0].find("'source': 1 row(s)"), std::string::npos);
    ASSERT_EQ(scored->notes.size(), 2u);  // memo ignored; a blank
    EXPECT_NE(scored->notes[0].find("memo"), std::string::npos);
    ASSERT_EQ(scored->factors.size(), 2u);
    ASSERT_FALSE(scored->factors[0].positive.empty());
    const std::string csv = WriteScoredCsv(*scored);
    EXPECT_NE(csv.find("memo,score,\xE4\xB8\x8A\xE6\x98\x87\xE8\xA6\x81\xE5\x9B\xA0"), std::string::npos);
    EXPECT_NE(csv.find("source=inquiry (+"), std::string::npos);

    // A missing column is named.
    auto missing =
        scoring_.Score(model, "lead_id,source\nN1,web\n", "new.csv", ports::TextEncoding::kAuto, LeadFactorMode::kNone);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("'created_on'"), std::string::npos);
    // A corrupt model file is an error, not a crash.
    for (const std::string& broken :
         {std::string("hello"), model.substr(0, model.size() / 2), model.substr(0, model.size() - 10) + "0123456789"}) {
        auto r = scoring_.Score(broken, fresh, "new.csv", ports::TextEncoding::kAuto, LeadFactorMode::kNone);
        EXPECT_FALSE(r.ok());
    }
}

}  // namespace
}  // namespace kyoso::app
