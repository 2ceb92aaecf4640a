// Phases, outcome metrics, quotas and KPIs over a small seeded store (runs on SQLite and
// PostgreSQL). Today is 2026-11-27; the period is FY2026 Q3 (2026-10-01 – 12-31).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

class KpiApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("kpi-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            // Users 1 (佐藤 花子) and 2 (鈴木 一郎), field sales of 東日本チーム; user 3, CS.
            testing::SeedProductAndTeam(sales);
            ASSERT_TRUE(
                sales.InsertUsers({{3, "高橋 美咲", domain::SalesRole::kCustomerSuccess, "カスタマーサクセス部"}})
                    .ok());
            auto deal = [](long long id, const char* gov, long long owner, S stage, long long amount, Date closed) {
                domain::Deal d = testing::TestDeal(id, gov, owner);
                d.stage = stage;
                d.amount = amount;
                d.fiscal_year = 2026;
                d.closed_on = closed;
                return d;
            };
            ASSERT_TRUE(sales
                            .InsertDeals({
                                deal(1, "131016", 1, S::kWon, 3'000'000, MakeDate(2026, 10, 15)),   // 千代田区
                                deal(2, "132012", 2, S::kLost, 2'000'000, MakeDate(2026, 11, 10)),  // 八王子市
                                deal(3, "011002", 1, S::kWon, 5'000'000, MakeDate(2026, 11, 20)),   // 札幌市
                            })
                            .ok());
            ASSERT_TRUE(sales.InsertTeamMembers({{1, 3, domain::SalesRole::kCustomerSuccess}}).ok());
        });
        cs_ = world_->CreateUserToken("kpi-cs", "customer_success", "カスタマーサクセス部");
        bdr_ = world_->CreateUserToken("kpi-bdr", "bdr", "東日本チーム");
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
    static std::string cs_, bdr_;
};

testing::ApiTestWorld* KpiApiTest::world_ = nullptr;
std::string KpiApiTest::cs_;
std::string KpiApiTest::bdr_;

TEST_F(KpiApiTest, FieldSalesKpisListTeamsFirstWithQuotaAttainment) {
    Call("PUT", "/api/quotas",
         R"({"fiscal_year":2026,"quotas":[{"team":"東日本チーム","metric":"revenue","target":32000000},)"
         R"({"user_id":1,"metric":"revenue","target":16000000}]})",
         200);
    const json body = Call("GET", "/api/kpis?fiscal_year=2026&quarter=3&role=field_sales", "", 200);
    EXPECT_EQ(body["from"], "2026-10-01");
    EXPECT_EQ(body["to"], "2026-12-31");
    ASSERT_EQ(body["teams"].size(), 1u);
    const json& team = body["teams"][0];
    EXPECT_EQ(team["team"], "東日本チーム");
    EXPECT_TRUE(team["user_id"].is_null());
    EXPECT_EQ(team["members"], 2);
    // Closed in Q3: deal 1 won, 2 lost, 3 won → 2/3; revenue 3M + 5M = 8M against a quarter
    // of the 32M team quota = 8M → attainment 1.0.
    EXPECT_EQ(team["kpis"]["win_rate"]["numerator"], 2.0);
    EXPECT_EQ(team["kpis"]["win_rate"]["denominator"], 3.0);
    EXPECT_EQ(team["kpis"]["revenue"]["value"], 8'000'000.0);
    EXPECT_EQ(team["kpis"]["revenue"]["quota"], 32'000'000.0);
    EXPECT_EQ(team["kpis"]["revenue"]["attainment"], 1.0);
    ASSERT_EQ(body["users"].size(), 2u);
    // User 1: both wins, 8M against 16M / 4 = 4M → 2.0; user 2: 0 of 1, no quota.
    EXPECT_EQ(body["users"][0]["user_id"], 1);
    EXPECT_EQ(body["users"][0]["kpis"]["win_rate"]["value"], 1.0);
    EXPECT_EQ(body["users"][0]["kpis"]["revenue"]["attainment"], 2.0);
    EXPECT_EQ(body["users"][1]["user_id"], 2);
    EXPECT_EQ(body["users"][1]["kpis"]["win_rate"]["value"], 0.0);
    EXPECT_TRUE(body["users"][1]["kpis"]["revenue"]["quota"].is_null());

    const json quotas = Call("GET", "/api/quotas?fiscal_year=2026", "", 200);
    EXPECT_EQ(quotas["items"].size(), 2u);
}

TEST_F(KpiApiTest, BadParametersAndOtherRolesAreRefused) {
    EXPECT_EQ(Fields(Call("GET", "/api/kpis?fiscal_year=2026&quarter=5", "", 400)),
              std::vector<std::string>{"quarter"});
    EXPECT_EQ(Fields(Call("GET", "/api/kpis?fiscal_year=2026&role=cto", "", 400)), std::vector<std::string>{"role"});
    EXPECT_EQ(Fields(Call("GET", "/api/kpis", "", 400)), std::vector<std::string>{"fiscal_year"});
    // A BDR sees the BDR KPIs, not field sales'.
    Call("GET", "/api/kpis?fiscal_year=2026&role=field_sales", "", 403, bdr_);
    const json own = Call("GET", "/api/kpis?fiscal_year=2026", "", 200, bdr_);
    EXPECT_EQ(own["role"], "bdr");
    // Quotas need manage_sales_ops, and bad rows are refused whole.
    Call("PUT", "/api/quotas", R"({"fiscal_year":2026,"quotas":[]})", 403, bdr_);
    EXPECT_EQ(
        Fields(Call("PUT", "/api/quotas",
                    R"({"fiscal_year":2026,"quotas":[{"metric":"revenue","target":1},{"metric":"karma","target":1}]})",
                    400)),
        std::vector<std::string>{"quotas[1].metric"});
}

TEST_F(KpiApiTest, OutcomeMetricsOnAWonDealRecordValuesAndFeedTheCsKpis) {
    // Customer success defines the metric (owned by user 3) and records a value.
    const json created = Call("POST", "/api/deals/1/outcomes",
                              R"({"name":"電子申請のオンライン利用率","unit":"%","direction":"increase","baseline":12,)"
                              R"("baseline_on":"2026-10-15","target":40,"target_on":"2027-03-31","owner_id":3})",
                              201, cs_);
    const long long id = created["id"];
    EXPECT_EQ(created["government_code"], "131016");
    EXPECT_TRUE(created["progress"].is_null());
    const json measured = Call("POST", "/api/outcomes/" + std::to_string(id) + "/measurements",
                               R"({"measured_on":"2026-11-20","value":26,"note":"11月実績"})", 201, cs_);
    // (26 - 12) / (40 - 12) = 0.5
    EXPECT_EQ(measured["progress"], 0.5);
    EXPECT_EQ(measured["measurements"].size(), 1u);
    // Not on a lost deal; not by a BDR; a target below the baseline of an increasing metric is refused.
    Call("POST", "/api/deals/2/outcomes",
         R"({"name":"x","baseline":1,"baseline_on":"2026-10-15","target":2,"target_on":"2027-03-31"})", 422, cs_);
    Call("POST", "/api/outcomes/" + std::to_string(id) + "/measurements", R"({"measured_on":"2026-11-21","value":1})",
         403, bdr_);
    EXPECT_EQ(Fields(Call("PATCH", "/api/outcomes/" + std::to_string(id), R"({"target":5})", 400, cs_)),
              std::vector<std::string>{"target"});
    const json government = Call("GET", "/api/governments/131016/outcomes", "", 200);
    EXPECT_EQ(government["total"], 1);

    // CS KPIs for Q3: user 3's account is 千代田区 (deal 1). Health on 11/27: no activity (0) +
    // outcomes 40 × 0.5 = 20 + no follow-up (20) = 40. Renewal FY2026: deal 1 has no FY2027
    // win → 0/1. Outcomes recorded: 1 metric, measured in Q3 → 1/1.
    const json body = Call("GET", "/api/kpis?fiscal_year=2026&quarter=3&role=customer_success", "", 200);
    // User 3 first (by team, then id); the signed-in CS account has no accounts.
    ASSERT_EQ(body["users"].size(), 2u);
    const json& cs = body["users"][0];
    EXPECT_EQ(cs["user_id"], 3);
    EXPECT_EQ(cs["kpis"]["health_score"]["value"], 40.0);
    EXPECT_EQ(cs["kpis"]["renewal_rate"]["value"], 0.0);
    EXPECT_EQ(cs["kpis"]["outcomes_recorded"]["value"], 1.0);
    EXPECT_EQ(cs["accounts"][0]["government_code"], "131016");

    Call("DELETE", "/api/outcomes/" + std::to_string(id), "", 200, cs_);
    Call("DELETE", "/api/outcomes/" + std::to_string(id), "", 404, cs_);
}

TEST_F(KpiApiTest, DealPhaseIsDerivedAndCanBeOverridden) {
    const json derived = Call("GET", "/api/deals/2/support-phase", "", 200);
    // Deal 2 was lost without a passed budget: policy formation.
    EXPECT_EQ(derived["support_phase"], "policy_formation");
    const json set = Call("PUT", "/api/deals/2/support-phase", R"({"support_phase":"implementation"})", 200);
    EXPECT_EQ(set["support_phase"], "implementation");
    EXPECT_EQ(set["derived"], "policy_formation");
    EXPECT_EQ(set["override"], "implementation");
    const json deal = Call("GET", "/api/deals/2", "", 200);
    EXPECT_EQ(deal["support_phase"], "implementation");
    EXPECT_EQ(Fields(Call("PUT", "/api/deals/2/support-phase", R"({"support_phase":"later"})", 400)),
              std::vector<std::string>{"support_phase"});
    Call("PUT", "/api/deals/2/support-phase", R"({"support_phase":""})", 200);
    // 千代田区 has deal 1 (won): implementation.
    const json phases = Call("GET", "/api/governments/131016/phases", "", 200);
    EXPECT_EQ(phases["implementation"], 1);
    EXPECT_EQ(phases["support_phase"], "implementation");
}

}  // namespace
}  // namespace kyoso::api
