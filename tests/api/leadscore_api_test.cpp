// POST /api/leads/evaluate (docs/ml.md, "Lead scoring on your own data"); runs on SQLite
// and PostgreSQL (the route stores nothing, but the sign-in and access rules do).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "lead_csv_generator.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class LeadScoreApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new testing::ApiTestWorld("leadscore-api"); }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    static testing::ApiTestWorld* world_;
};
testing::ApiTestWorld* LeadScoreApiTest::world_ = nullptr;

TEST_F(LeadScoreApiTest, EvaluatesACsvBodyAndAJsonBody) {
    const std::string csv = testing::GenerateLeadCsv(600, 9);
    json ev = world_->PostJson("/api/leads/evaluate?target=result&split=random:0.25:3", csv, 200);
    EXPECT_GT(ev["auc"].get<double>(), 0.62);
    EXPECT_EQ(ev["n_test"], 150);
    EXPECT_EQ(ev["n_train"], 450);
    EXPECT_EQ(ev["split"], "random:0.25:3");
    EXPECT_EQ(ev["positive"], "\xE5\x8F\x97\xE6\xB3\xA8");
    EXPECT_TRUE(ev["features"].is_array());

    json body = {{"csv", csv}, {"target", "result"}, {"exclude", {"source", "pages_viewed"}}, {"split", "time:0.3"}};
    json ev2 = world_->PostJson("/api/leads/evaluate", body.dump(), 200);
    EXPECT_EQ(ev2["n_test"], 180);
    EXPECT_LT(ev2["auc"].get<double>(), 0.62);  // without the signal columns
    for (const auto& f : ev2["features"]) EXPECT_NE(f["column"], "source");
}

TEST_F(LeadScoreApiTest, ClearErrorsNameTheProblem) {
    json e = world_->PostJson("/api/leads/evaluate?target=outcome", testing::GenerateLeadCsv(100, 1), 400);
    EXPECT_NE(e["error"]["message"].get<std::string>().find("the columns are lead_id"), std::string::npos);
    e = world_->PostJson("/api/leads/evaluate?target=result", "a,result\n\"x,1\n", 400);
    EXPECT_NE(e["error"]["message"].get<std::string>().find("line 2"), std::string::npos);
    e = world_->PostJson("/api/leads/evaluate?target=result", testing::GenerateLeadCsv(12, 1), 400);
    EXPECT_NE(e["error"]["message"].get<std::string>().find("too little data"), std::string::npos);
    world_->PostJson("/api/leads/evaluate?target=result&split=kfold", testing::GenerateLeadCsv(100, 1), 400);
    world_->PostJson("/api/leads/evaluate", R"({"target": "result"})", 400);
}

TEST_F(LeadScoreApiTest, NeedsTheImportCapability) {
    const std::string bdr = world_->CreateUserToken("ls-bdr", "bdr");
    auto res = world_->Send("POST", "/api/leads/evaluate?target=result", testing::GenerateLeadCsv(100, 1), bdr);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    const std::string manager = world_->CreateUserToken("ls-manager", "manager");
    res = world_->Send("POST", "/api/leads/evaluate?target=result", testing::GenerateLeadCsv(300, 1), manager);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
}

}  // namespace
}  // namespace kyoso::api
