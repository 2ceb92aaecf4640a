// The model routes and the registry over a small seeded store (runs on SQLite and
// PostgreSQL): too little history → rules with a message; training refused for a BDR.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "kyoso/sql/ml_repository.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

class MlApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("ml-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            domain::Deal open = testing::TestDeal(1, "131016", 1);
            open.stage = S::kRequested;
            open.fiscal_year = 2027;
            domain::Deal lost = testing::TestDeal(2, "132012", 2);
            lost.stage = S::kLost;
            lost.closed_on = MakeDate(2026, 6, 1);
            ASSERT_TRUE(sales.InsertDeals({open, lost}).ok());
        });
        bdr_ = world_->CreateUserToken("ml-bdr", "bdr", "東日本チーム");
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    static json Call(const std::string& method, const std::string& path, const std::string& body, int want,
                     const std::string& token = "") {
        auto res = world_->Send(method, path, body, token.empty() ? world_->admin_token() : token);
        EXPECT_TRUE(res) << path;
        if (!res) return {};
        EXPECT_EQ(res->status, want) << method << " " << path << " " << body << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }
    static testing::ApiTestWorld* world_;
    static std::string bdr_;
};

testing::ApiTestWorld* MlApiTest::world_ = nullptr;
std::string MlApiTest::bdr_;

TEST_F(MlApiTest, TooLittleHistoryGivesTheRulesScoreWithAMessage) {
    const json s = Call("GET", "/api/deals/1/score", "", 200);
    EXPECT_EQ(s["source"], "rules");
    EXPECT_EQ(s["model_version"], "");
    EXPECT_NE(s["message"].get<std::string>().find("学習データが不足"), std::string::npos);
    EXPECT_GT(s["probability"].get<double>(), 0.0);
    Call("GET", "/api/deals/999/score", "", 404);
    const json p = Call("GET", "/api/governments/131016/propensity", "", 200);
    EXPECT_EQ(p["source"], "rules");
    EXPECT_EQ(p["fiscal_year"], 2027);
    ASSERT_FALSE(p["items"].empty());
    Call("GET", "/api/governments/999999/propensity", "", 404);
    Call("GET", "/api/leads/999/score", "", 404);
}

TEST_F(MlApiTest, TrainingNeedsSalesOpsAndSaysWhyNothingWasTrained) {
    Call("POST", "/api/ml/train", R"({"model":"deal_win"})", 403, bdr_);
    Call("POST", "/api/ml/train", R"({"model":"wizard"})", 400);
    const json r = Call("POST", "/api/ml/train", R"({"model":"deal_win"})", 200);
    ASSERT_EQ(r["results"].size(), 1u);
    EXPECT_FALSE(r["results"][0]["trained"].get<bool>());
    EXPECT_NE(r["results"][0]["message"].get<std::string>().find("200"), std::string::npos);
    const json m = Call("GET", "/api/ml/models", "", 200);
    EXPECT_FALSE(m["training"]["running"].get<bool>());
    EXPECT_EQ(m["min_per_class"], 200);
}

TEST_F(MlApiTest, RegistryRoundTripKeepsBytesAndActivatesTheNewestVersion) {
    auto repo = sql::MakeMlRepository(&world_->store());
    ports::MlModelRecord m;
    m.name = "roundtrip";
    m.trained_at = "2026-11-27T00:00:00Z";
    m.window_from = "2020-04-01";
    m.window_to = "2026-10-31";
    m.metrics_json = R"({"auc":0.7})";
    m.features_json = R"([{"key":"stage","label_ja":"ステージ"}])";
    m.calibrator = "platt 1.5 -0.25";
    m.model_bytes = std::string("{\0\x01\xff UBJSON", 12);
    auto v1 = repo->SaveModel(m, true);
    ASSERT_TRUE(v1.ok()) << v1.status().message();
    EXPECT_EQ(v1->version, 1);
    auto v2 = repo->SaveModel(m, true);
    ASSERT_TRUE(v2.ok());
    EXPECT_EQ(v2->version, 2);
    auto active = repo->ActiveModel("roundtrip");
    ASSERT_TRUE(active.ok());
    ASSERT_TRUE(active->has_value());
    EXPECT_EQ((*active)->version, 2);
    EXPECT_EQ((*active)->model_bytes, m.model_bytes);
    EXPECT_EQ((*active)->calibrator, m.calibrator);
    EXPECT_EQ((*active)->window_to, "2026-10-31");
    auto list = repo->ListModels();
    ASSERT_TRUE(list.ok());
    int actives = 0;
    for (const auto& r : *list) actives += r.name == "roundtrip" && r.active ? 1 : 0;
    EXPECT_EQ(actives, 1);
    EXPECT_FALSE(repo->ActiveModel("nothing")->has_value());
}

}  // namespace
}  // namespace kyoso::api
