// Revenue forecast, backtest and manager adjustments over a small seeded store (runs on
// SQLite and PostgreSQL). Today is 2026-11-27 (FY2026). No DealScorer is wired, so the
// probabilities are the stage-only baseline's. Expected values are worked out by hand.
//
// Deals (all reach 予算成立 on 25 March before their contract year):
//   6 won  FY2024 ¥1.0M, award ¥1.0M, closed 2024-06-10
//   1 won  FY2025 ¥2.0M, award ¥1.8M, closed 2025-05-20
//   2 lost FY2025 ¥1.0M,              closed 2025-06-10
//   3 won  FY2026 ¥3.0M, award ¥3.0M, closed 2026-06-15
//   4 open FY2026 ¥4.0M, still 予算成立 (an autumn tender)
//   5 open FY2027 ¥5.0M, 課題把握 since 2026-06-20
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

class ForecastApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("forecast-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            auto deal = [](long long id, S stage, int fy, long long amount, std::optional<long long> award,
                           Date created, std::optional<Date> closed) {
                domain::Deal d = testing::TestDeal(id, "131016", 1);
                d.stage = stage;
                d.fiscal_year = fy;
                d.amount = amount;
                d.award_amount = award;
                d.created_on = created;
                d.closed_on = closed;
                d.budget_status = stage == S::kQualified ? domain::BudgetStatus::kNone : domain::BudgetStatus::kPassed;
                return d;
            };
            ASSERT_TRUE(
                sales
                    .InsertDeals({
                        deal(1, S::kWon, 2025, 2'000'000, 1'800'000, MakeDate(2024, 6, 1), MakeDate(2025, 5, 20)),
                        deal(2, S::kLost, 2025, 1'000'000, std::nullopt, MakeDate(2024, 6, 1), MakeDate(2025, 6, 10)),
                        deal(3, S::kWon, 2026, 3'000'000, 3'000'000, MakeDate(2025, 6, 1), MakeDate(2026, 6, 15)),
                        deal(4, S::kBudgeted, 2026, 4'000'000, std::nullopt, MakeDate(2025, 6, 1), std::nullopt),
                        deal(5, S::kQualified, 2027, 5'000'000, std::nullopt, MakeDate(2026, 6, 1), std::nullopt),
                        deal(6, S::kWon, 2024, 1'000'000, 1'000'000, MakeDate(2023, 6, 1), MakeDate(2024, 6, 10)),
                    })
                    .ok());
            std::vector<ports::StageHistoryRow> moves = {
                {6, S::kDiscovery, S::kBudgeted, 1, MakeDate(2024, 3, 25), ""},
                {6, S::kBudgeted, S::kWon, 1, MakeDate(2024, 6, 10), ""},
                {1, S::kDiscovery, S::kBudgeted, 1, MakeDate(2025, 3, 25), ""},
                {1, S::kBudgeted, S::kWon, 1, MakeDate(2025, 5, 20), ""},
                {2, S::kDiscovery, S::kBudgeted, 1, MakeDate(2025, 3, 25), ""},
                {2, S::kBudgeted, S::kLost, 1, MakeDate(2025, 6, 10), ""},
                {3, S::kDiscovery, S::kBudgeted, 1, MakeDate(2026, 3, 25), ""},
                {3, S::kBudgeted, S::kWon, 1, MakeDate(2026, 6, 15), ""},
                {4, S::kDiscovery, S::kBudgeted, 1, MakeDate(2026, 3, 25), ""},
                {5, S::kDiscovery, S::kQualified, 1, MakeDate(2026, 6, 20), ""},
            };
            ASSERT_TRUE(sales.InsertStageHistory(moves).ok());
        });
        field_ = world_->CreateUserToken("fc-field", "field_sales", "東日本チーム");
        manager_ = world_->CreateUserToken("fc-manager", "manager", "営業本部");
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
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"]);
        return out;
    }

    static testing::ApiTestWorld* world_;
    static std::string field_, manager_;
};

testing::ApiTestWorld* ForecastApiTest::world_ = nullptr;
std::string ForecastApiTest::field_;
std::string ForecastApiTest::manager_;

TEST_F(ForecastApiTest, CurrentYearFromWonSoFarAndTheOpenBudgetedDeal) {
    // Closed by today, all four reached 予算成立, three won: (3 + 5 × .55) / (4 + 5) = .63889.
    // Award ratio (1.8 + 3.0 + 1.0) / (2 + 3 + 1) = 0.96667, so deal 4 brings ¥3,866,667 when
    // won. Its closing months after November (prior Nov .05 … Mar .01) all lie in FY2026.
    // Won so far in FY2026: deal 3's ¥3,000,000 (June, Q1).
    // Expected = 3,000,000 + .63889 × 3,866,667 = 5,470,370. P10 = 3,000,000 (no win: .36);
    // P50 = P90 = 6,866,667 (a win is likelier than not).
    const json body = Call("GET", "/api/forecast?fiscal_year=2026", "", 200, field_);
    EXPECT_EQ(body["as_of"], "2026-11-27");
    EXPECT_EQ(body["probability_source"], "stage_only");
    EXPECT_EQ(body["probability_source_label"], "ルール(ステージ別実績)");
    EXPECT_EQ(body["open_deals"], 2);
    ASSERT_EQ(body["fiscal_years"].size(), 1u);
    const json& y = body["fiscal_years"][0];
    EXPECT_EQ(y["fiscal_year"], 2026);
    EXPECT_EQ(y["won"], 3'000'000);
    EXPECT_NEAR(y["expected"].get<double>(), 5'470'370, 1);
    EXPECT_EQ(y["p10"], 3'000'000);
    EXPECT_NEAR(y["p50"].get<double>(), 6'866'667, 1);
    EXPECT_NEAR(y["p90"].get<double>(), 6'866'667, 1);
    EXPECT_EQ(y["quarters"][0]["won"], 3'000'000);
    EXPECT_EQ(y["quarters"][1]["p90"], 0);  // nothing can close in Q2 any more
    EXPECT_EQ(y["last_year_revenue"], 1'800'000);
    ASSERT_EQ(y["top_deals"].size(), 1u);
    EXPECT_EQ(y["top_deals"][0]["deal_id"], 4);
    EXPECT_EQ(y["top_deals"][0]["stage"], "budgeted");
    // Default: this fiscal year and the next.
    const json both = Call("GET", "/api/forecast", "", 200);
    ASSERT_EQ(both["fiscal_years"].size(), 2u);
    EXPECT_EQ(both["fiscal_years"][1]["fiscal_year"], 2027);
    const json bad = Call("GET", "/api/forecast?fiscal_year=soon", "", 400);
    EXPECT_EQ(Fields(bad), std::vector<std::string>{"fiscal_year"});
}

TEST_F(ForecastApiTest, BacktestAgainstStageOnlyAndLastYear) {
    // FY2025 as of 2025-04-01 (FY2024 had no win before its 1 April, FY2026 is not over):
    // only deal 6 closed then (won, via 予算成立): rate (1 + 2.75) / 6 = .625, award ratio 1.
    // Open: deals 1 (¥2M) and 2 (¥1M). Totals 0 (.14), 1M (.23), 2M (.23), 3M (.39):
    // P10 0, P50 2M, P90 3M. Actual FY2025 = ¥1.8M: error |2.0 − 1.8| / 1.8 = 11.1%,
    // covered. Last year (FY2024) ¥1.0M: error 44.4%.
    const json body = Call("GET", "/api/forecast/backtest", "", 200, field_);
    EXPECT_EQ(body["model_source"], "stage_only");
    ASSERT_EQ(body["years"].size(), 1u);
    const json& y = body["years"][0];
    EXPECT_EQ(y["fiscal_year"], 2025);
    EXPECT_EQ(y["as_of"], "2025-04-01");
    EXPECT_EQ(y["actual"], 1'800'000);
    EXPECT_EQ(y["stage_only"]["p10"], 0);
    EXPECT_EQ(y["stage_only"]["p50"], 2'000'000);
    EXPECT_EQ(y["stage_only"]["p90"], 3'000'000);
    EXPECT_DOUBLE_EQ(y["stage_only"]["error_pct"].get<double>(), 11.1);
    EXPECT_EQ(y["stage_only"]["covered"], true);
    EXPECT_EQ(y["model"], y["stage_only"]);  // no DealScorer wired
    EXPECT_EQ(y["last_year"]["forecast"], 1'000'000);
    EXPECT_DOUBLE_EQ(y["last_year"]["error_pct"].get<double>(), 44.4);
    EXPECT_DOUBLE_EQ(body["mean_abs_error_pct"]["last_year"].get<double>(), 44.4);
    const json bad = Call("GET", "/api/forecast/backtest?as_of_month=13-40", "", 400);
    EXPECT_EQ(Fields(bad), std::vector<std::string>{"as_of_month"});
}

TEST_F(ForecastApiTest, AdjustmentsStayBesideTheModelAndAreWithdrawnNotDeleted) {
    // Field sales may not adjust.
    Call("POST", "/api/forecast/adjustments", R"({"fiscal_year":2026,"kind":"delta","amount":1,"reason":"x"})", 403,
         field_);
    const json bad =
        Call("POST", "/api/forecast/adjustments",
             R"({"fiscal_year":2026,"kind":"override","team":"東日本チーム","amount":1,"reason":" "})", 400, manager_);
    EXPECT_EQ(Fields(bad), (std::vector<std::string>{"team", "reason"}));
    const json over = Call("POST", "/api/forecast/adjustments",
                           R"({"fiscal_year":2026,"kind":"override","amount":7000000,"reason":"大型案件の確度を反映"})",
                           201, manager_);
    EXPECT_EQ(over["author_name"], "fc-manager");
    EXPECT_EQ(over["quarter"], nullptr);
    const json delta =
        Call("POST", "/api/forecast/adjustments",
             R"({"fiscal_year":2026,"quarter":4,"kind":"delta","amount":500000,"reason":"3月補正"})", 201, manager_);
    // Model P50 6,866,667 stays; adjusted: override 7,000,000 + Q4's +500,000 = 7,500,000.
    // Q4's model P50 is 0 (deal 4 closes in Q4 with .64 × .357 = .23), adjusted 500,000.
    json body = Call("GET", "/api/forecast?fiscal_year=2026", "", 200, field_);
    json y = body["fiscal_years"][0];
    EXPECT_NEAR(y["p50"].get<double>(), 6'866'667, 1);
    EXPECT_EQ(y["adjusted"], 7'500'000);
    EXPECT_EQ(y["quarters"][3]["p50"], 0);
    EXPECT_EQ(y["quarters"][3]["adjusted"], 500'000);
    EXPECT_EQ(y["adjustments"].size(), 2u);

    const json withdrawn =
        Call("DELETE", "/api/forecast/adjustments/" + std::to_string(over["id"].get<long long>()), "", 200, manager_);
    EXPECT_NE(withdrawn["withdrawn_at"], nullptr);
    Call("DELETE", "/api/forecast/adjustments/" + std::to_string(over["id"].get<long long>()), "", 422, manager_);
    Call("DELETE", "/api/forecast/adjustments/" + std::to_string(delta["id"].get<long long>()), "", 403, field_);
    Call("DELETE", "/api/forecast/adjustments/99999", "", 404, manager_);
    body = Call("GET", "/api/forecast?fiscal_year=2026", "", 200);
    y = body["fiscal_years"][0];
    EXPECT_NEAR(y["adjusted"].get<double>(), 6'866'667 + 500'000, 1);
    EXPECT_EQ(Call("GET", "/api/forecast/adjustments?fiscal_year=2026", "", 200)["total"], 1);
    EXPECT_EQ(Call("GET", "/api/forecast/adjustments?fiscal_year=2026&include_withdrawn=true", "", 200)["total"], 2);
    Call("GET", "/api/forecast/adjustments?include_withdrawn=maybe", "", 400);
}

}  // namespace
}  // namespace kyoso::api
