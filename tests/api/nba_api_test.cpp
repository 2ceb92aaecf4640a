// Next best actions and similar governments over a small seeded store (runs on SQLite and
// PostgreSQL). Today is 2026-11-27.
//
// 八王子市 (132012) and 町田市 (132098) get the same population, 財政力指数 and 類似団体 group
// ("テスト群"). Deal 1 (八王子市, owner 1, FY2027, 課題把握, nothing budgeted) has champion 10,
// succeeded on 2026-10-01 by official 11 whom nobody has met; its last contact was 2026-09-01.
// 町田市 won product 1 (deal 2, closed 2026-05-20, an outcome metric) and lost it before (deal 3).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "kyoso/sql/statement.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

// A win model stand-in: deal 1's strongest negative factor is a lack of visits.
class FakeScorer final : public app::DealScorer {
public:
    Result<std::vector<app::DealWinScore>> ScoreOpenDeals(Date as_of, bool with_factors) override {
        auto one = ScoreDeal(1, as_of, with_factors);
        if (!one.ok()) return one.status();
        return std::vector<app::DealWinScore>{*one};
    }
    Result<app::DealWinScore> ScoreDeal(long long deal_id, Date, bool) override {
        app::DealWinScore s;
        s.deal_id = deal_id;
        s.probability = 0.2;
        s.source = "model";
        s.factors.negative.push_back({"visits_before_deadline", "締切前の訪問回数", "0", -1.0});
        return s;
    }
};

class NbaApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("nba-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            ASSERT_TRUE(store
                            .Write([](sql::Connection* db) -> Status {
                                return sql::Exec(db,
                                                 "UPDATE governments SET population = 560000, fiscal_strength_index = "
                                                 "0.9, similar_group = 'テスト群' WHERE code IN ('132012', '132098')");
                            })
                            .ok());
            domain::Official before{10,     "132012", "総務部 情報管理課", "山本 一郎", "やまもと いちろう",
                                    "係長", "owner",  MakeDate(2024, 4, 1)};
            domain::Official after{11,     "132012", "総務部 情報管理課",  "佐藤 新任", "さとう しんにん",
                                   "係長", "owner",  MakeDate(2026, 10, 1)};
            ASSERT_TRUE(sales.InsertOfficials({before, after}).ok());
            ASSERT_TRUE(sales.InsertSuccessions({{10, 11, 0, MakeDate(2026, 10, 1)}}).ok());
            domain::Deal open = testing::TestDeal(1, "132012", 1, 10);
            open.stage = S::kQualified;
            domain::Deal won = testing::TestDeal(2, "132098", 2);
            won.stage = S::kWon;
            won.fiscal_year = 2026;
            won.created_on = MakeDate(2025, 9, 1);
            won.closed_on = MakeDate(2026, 5, 20);
            won.award_amount = 2'800'000;
            domain::Deal lost = testing::TestDeal(3, "132098", 2);
            lost.stage = S::kLost;
            lost.fiscal_year = 2025;
            lost.created_on = MakeDate(2024, 9, 1);
            lost.closed_on = MakeDate(2025, 6, 1);
            ASSERT_TRUE(sales.InsertDeals({open, won, lost}).ok());
            domain::Activity visit;
            visit.id = 1;
            visit.deal_id = 1;
            visit.government_code = "132012";
            visit.user_id = 1;
            visit.official_id = 10;
            visit.type = domain::ActivityType::kVisit;
            visit.occurred_on = MakeDate(2026, 9, 1);
            ASSERT_TRUE(sales.InsertActivities({visit}).ok());
            ports::OutcomeMetricRecord m;
            m.deal_id = 2;
            m.government_code = "132098";
            m.product_id = 1;
            m.name = "オンライン申請率";
            m.unit = "%";
            m.direction = "increase";
            m.baseline = 12;
            m.baseline_on = "2026-04-01";
            m.target = 40;
            m.target_on = "2027-03-31";
            m.owner_id = 2;
            m.created_at = "2026-06-01T00:00:00Z";
            auto metric = store.kpis().InsertMetric(m);
            ASSERT_TRUE(metric.ok());
            ASSERT_TRUE(
                store.kpis().InsertMeasurement({0, *metric, "2026-09-30", 19.5, "", 2, "2026-10-01T00:00:00Z"}).ok());
        });
        auto account = world_->auth().EnableLogin(1, "nba-sato", testing::ApiTestWorld::kTestPassword, "test");
        ASSERT_TRUE(account.ok()) << account.status().ToString();
        auto principal = world_->auth().PrincipalOf(*account);
        ASSERT_TRUE(principal.ok());
        auto token = world_->auth().CreateToken(*principal, "test", 0);
        ASSERT_TRUE(token.ok());
        sato_ = token->token;
        bdr_ = world_->CreateUserToken("nba-bdr", "bdr", "インサイドセールス部");
        west_ = world_->CreateUserToken("nba-west", "field_sales", "西日本チーム", {"27"});
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
    static std::vector<std::pair<std::string, double>> RulesAndScores(const json& body) {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& a : body["items"]) out.emplace_back(a["rule"].get<std::string>(), a["score"].get<double>());
        return out;
    }

    static testing::ApiTestWorld* world_;
    static std::string sato_, bdr_, west_;
};

testing::ApiTestWorld* NbaApiTest::world_ = nullptr;
std::string NbaApiTest::sato_;
std::string NbaApiTest::bdr_;
std::string NbaApiTest::west_;

TEST_F(NbaApiTest, DealActionsAreRankedWithReasons) {
    const json body = Call("GET", "/api/deals/1/next-actions", "", 200);
    // rotation: posted 57 days ago → 80 − (57 − 30)/3 = 71; no contact for 87 days → 30 + 57/2 =
    // 58.5; the request deadline (11/13) was missed → 40; 町田市 (same 類似団体) won product 1 →
    // 30 + 10 = 40 (after the calendar in rule order).
    const std::vector<std::pair<std::string, double>> want = {
        {"rotation", 71}, {"no_contact", 58.5}, {"budget_calendar", 40}, {"similar_adoption", 40}};
    EXPECT_EQ(RulesAndScores(body), want);
    EXPECT_EQ(body["items"][0]["action"], "新任の担当者に挨拶: 佐藤 新任");
    EXPECT_NE(body["items"][0]["reason"].get<std::string>().find("前任 山本 一郎"), std::string::npos);
    EXPECT_EQ(body["items"][1]["reason"], "最終接触から87日（2026-09-01）");
    EXPECT_EQ(body["items"][3]["action"], "導入事例を紹介: 町田市");
    EXPECT_FALSE(body["model_used"].get<bool>());
    EXPECT_NE(body["model_note"].get<std::string>().find("DealScorer"), std::string::npos);
    Call("GET", "/api/deals/999/next-actions", "", 404);
    Call("GET", "/api/deals/1/next-actions", "", 404, west_);  // outside the reader's scope
}

TEST_F(NbaApiTest, TheModelsNegativeFactorBecomesAnAction) {
    FakeScorer scorer;
    world_->nba().SetDealScorer(&scorer);
    const json body = Call("GET", "/api/deals/1/next-actions", "", 200);
    world_->nba().SetDealScorer(nullptr);
    // min(70, 40 + 20·1.0) = 60, between the no-contact 58.5 and the rotation 71.
    ASSERT_GE(body["items"].size(), 3u);
    EXPECT_EQ(body["items"][1]["rule"], "model_factor");
    EXPECT_EQ(body["items"][1]["action"], "訪問を設定");
    EXPECT_DOUBLE_EQ(body["items"][1]["score"].get<double>(), 60.0);
    EXPECT_TRUE(body["model_used"].get<bool>());
}

TEST_F(NbaApiTest, MineDismissHidesTheActionAndFeedbackIsValidated) {
    const json before = Call("GET", "/api/next-actions", "", 200, sato_);
    EXPECT_EQ(before["scope"], "mine:field_sales");
    ASSERT_FALSE(before["items"].empty());
    const std::string key = before["items"][0]["key"];
    EXPECT_EQ(key.rfind("rotation:deal:1:2026-10-01", 0), 0u) << key;
    const json saved =
        Call("POST", "/api/next-actions/feedback",
             json{{"action_key", key}, {"decision", "dismiss"}, {"reason", "先週電話済み"}}.dump(), 201, sato_);
    EXPECT_EQ(saved["decision"], "dismiss");
    EXPECT_EQ(saved["decided_on"], "2026-11-27");
    EXPECT_EQ(saved["hidden_days"], 14);
    const json after = Call("GET", "/api/next-actions", "", 200, sato_);
    for (const auto& a : after["items"]) EXPECT_NE(a["rule"], "rotation");
    EXPECT_EQ(after["items"].size(), before["items"].size() - 1);
    // The administrator did not dismiss it.
    EXPECT_EQ(Call("GET", "/api/deals/1/next-actions", "", 200)["items"][0]["rule"], "rotation");

    const json bad =
        Call("POST", "/api/next-actions/feedback", R"({"action_key":"nonsense","decision":"maybe"})", 400, sato_);
    std::vector<std::string> fields;
    for (const auto& d : bad["error"]["details"]) fields.push_back(d["field"]);
    EXPECT_EQ(fields, (std::vector<std::string>{"action_key", "decision"}));
    Call("POST", "/api/next-actions/feedback", R"({"decision":"accept"})", 400, sato_);
    Call("GET", "/api/next-actions?limit=0", "", 400, sato_);
}

TEST_F(NbaApiTest, GovernmentActionsIncludeItsDealsAndItsOwnContact) {
    const json body = Call("GET", "/api/governments/132012/next-actions", "", 200);
    EXPECT_EQ(body["scope"], "government");
    bool deal_rotation = false, deal_contact = false, gov_contact = false;
    for (const auto& a : body["items"]) {
        if (a["record_kind"] == "deal" && a["rule"] == "rotation") deal_rotation = true;
        if (a["record_kind"] == "deal" && a["rule"] == "no_contact") deal_contact = true;
        if (a["record_kind"] == "government" && a["rule"] == "no_contact") gov_contact = true;
    }
    EXPECT_TRUE(deal_rotation);
    EXPECT_TRUE(deal_contact);
    EXPECT_FALSE(gov_contact);  // said once, on the deal
    Call("GET", "/api/governments/999999/next-actions", "", 404);
}

TEST_F(NbaApiTest, SimilarGovernmentsListNeighboursAndTheGroup) {
    const json body = Call("GET", "/api/governments/132012/similar?limit=5", "", 200);
    EXPECT_EQ(body["government"]["code"], "132012");
    ASSERT_EQ(body["neighbours"].size(), 5u);
    for (size_t i = 1; i < body["neighbours"].size(); ++i) {
        EXPECT_LE(body["neighbours"][i - 1]["distance"].get<double>(), body["neighbours"][i]["distance"].get<double>());
    }
    EXPECT_EQ(body["similar_group"], "テスト群");
    EXPECT_EQ(body["same_group_total"], 1);
    ASSERT_EQ(body["same_group"].size(), 1u);
    EXPECT_EQ(body["same_group"][0]["code"], "132098");
    EXPECT_EQ(body["same_group"][0]["adopted_products"], json::array({"電子申請サービス"}));
    EXPECT_GT(body["compared"].get<int>(), 1700);
    Call("GET", "/api/governments/132012/similar?limit=0", "", 400);
    Call("GET", "/api/governments/999999/similar", "", 404);
}

TEST_F(NbaApiTest, AdoptionAmongSimilarGovernmentsWithOutcomes) {
    const json body = Call("GET", "/api/governments/132012/similar/adoption?product_id=1", "", 200);
    EXPECT_EQ(body["product_name"], "電子申請サービス");
    EXPECT_EQ(body["counts"], json({{"won", 1}, {"lost", 1}, {"deferred", 0}, {"open", 0}}));
    ASSERT_EQ(body["items"].size(), 2u);
    const json& won = body["items"][0];
    EXPECT_EQ(won["government_name"], "町田市");
    EXPECT_EQ(won["outcome"], "won");
    EXPECT_EQ(won["outcome_label"], "受注");
    EXPECT_TRUE(won["similar_group"].get<bool>());
    EXPECT_EQ(won["amount"], 2800000);  // the award amount
    EXPECT_EQ(won["closed_on"], "2026-05-20");
    ASSERT_EQ(won["outcomes"].size(), 1u);
    EXPECT_EQ(won["outcomes"][0]["latest"], 19.5);
    EXPECT_EQ(body["items"][1]["outcome"], "lost");
    // BDRs do not see deal amounts.
    const json bdr = Call("GET", "/api/governments/132012/similar/adoption?product_id=1", "", 200, bdr_);
    ASSERT_EQ(bdr["items"].size(), 2u);
    EXPECT_TRUE(bdr["items"][0]["amount"].is_null());
    // Outside the reader's scope: the outcome shows, the deal does not.
    const json west = Call("GET", "/api/governments/132012/similar/adoption?product_id=1", "", 200, west_);
    ASSERT_EQ(west["items"].size(), 2u);
    EXPECT_TRUE(west["items"][0]["restricted"].get<bool>());
    EXPECT_TRUE(west["items"][0]["deal_id"].is_null());
    EXPECT_TRUE(west["items"][0]["outcomes"].empty());
    Call("GET", "/api/governments/132012/similar/adoption", "", 400);
    Call("GET", "/api/governments/132012/similar/adoption?product_id=999", "", 404);
}

}  // namespace
}  // namespace kyoso::api
