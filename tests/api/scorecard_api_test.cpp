// GET /api/transformation/scorecard over a small seeded store (runs on SQLite and
// PostgreSQL) with fake signal and case-library sources. Today is 2026-11-27: the
// current quarter is FY2026 Q3 (2026-10-01 – 12-31).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

class ScorecardApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("scorecard-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            auto deal = [](long long id, const char* gov, S stage, long long amount, Date created, Date closed) {
                domain::Deal d = testing::TestDeal(id, gov, 1 + id % 2);
                d.stage = stage;
                d.amount = amount;
                d.fiscal_year = 2026;
                d.created_on = created;
                d.closed_on = closed;
                return d;
            };
            domain::Deal awarded = deal(2, "132012", S::kWon, 5'000'000, MakeDate(2026, 6, 1), MakeDate(2026, 11, 20));
            awarded.award_amount = 4'000'000;  // 落札額 counts, not the deal amount
            ASSERT_TRUE(sales
                            .InsertDeals({
                                // FY2026 Q3: won 10/15 (6/1 → 10/15 = 30 + 31 + 31 + 30 + 14 = 136 days),
                                // won 11/20 (6/1 → 11/20 = 136 + 17 + 19 = 172 days), lost 11/10.
                                deal(1, "131016", S::kWon, 3'000'000, MakeDate(2026, 6, 1), MakeDate(2026, 10, 15)),
                                awarded,
                                deal(3, "011002", S::kLost, 9'000'000, MakeDate(2026, 6, 1), MakeDate(2026, 11, 10)),
                                // FY2026 Q2: won 8/31 (6/1 → 8/31 = 30 + 31 + 30 = 91 days).
                                deal(4, "271004", S::kWon, 2'000'000, MakeDate(2026, 6, 1), MakeDate(2026, 8, 31)),
                                // FY2025 Q3: won 12/1 (2025-06-01 → 12-01 = 183 days).
                                deal(5, "131016", S::kWon, 1'000'000, MakeDate(2025, 6, 1), MakeDate(2025, 12, 1)),
                            })
                            .ok());
        });
        // Signals: Q3 adoption 6/10, same-day logging 8/10; Q2 3/10 and 7/10; nothing else.
        world_->scorecard_signals().measure = [](Date from, Date to) {
            domain::MeasuredSignals s;
            s.from = from;
            s.to = to;
            if (from == MakeDate(2026, 10, 1)) {
                s.score_use = {6, 10};
                s.same_day_logging = {8, 10};
            } else if (from == MakeDate(2026, 7, 1)) {
                s.score_use = {3, 10};
                s.same_day_logging = {7, 10};
            }
            return s;
        };
        // Cases: 5 before anything the scorecard reads, 1 in Q2, 2 in Q3.
        world_->scorecard_cases().count = [](Date from, Date) -> long long {
            if (from == MakeDate(1900, 1, 1)) return 5;
            if (from == MakeDate(2026, 7, 1)) return 1;
            if (from == MakeDate(2026, 10, 1)) return 2;
            return 0;
        };
        bdr_ = world_->CreateUserToken("scorecard-bdr", "bdr", "東日本チーム");
        manager_ = world_->CreateUserToken("scorecard-manager", "manager", "東日本チーム");
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Call(const std::string& path, int want, const std::string& token = "") {
        auto res = world_->Send("GET", path, "", token.empty() ? world_->admin_token() : token);
        EXPECT_TRUE(res) << path;
        if (!res) return {};
        EXPECT_EQ(res->status, want) << path << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"]);
        return out;
    }

    static testing::ApiTestWorld* world_;
    static std::string bdr_, manager_;
};

testing::ApiTestWorld* ScorecardApiTest::world_ = nullptr;
std::string ScorecardApiTest::bdr_;
std::string ScorecardApiTest::manager_;

TEST_F(ScorecardApiTest, TheCurrentQuarterWithEightQuartersByDefault) {
    const json body = Call("/api/transformation/scorecard", 200, manager_);
    EXPECT_EQ(body["as_of"], "2026-11-27");
    EXPECT_EQ(body["fiscal_year"], 2026);
    EXPECT_EQ(body["quarter"], 3);
    EXPECT_EQ(body["amounts_hidden"], false);
    ASSERT_EQ(body["quarters"].size(), 8u);
    EXPECT_EQ(body["quarters"][0]["label"], "FY2024 Q4");  // 8 quarters ending FY2026 Q3
    EXPECT_EQ(body["metrics"].size(), 7u);
    const json& now = body["quarters"][7];
    EXPECT_EQ(now["label"], "FY2026 Q3");
    EXPECT_EQ(now["label_ja"], "令和8年度 第3四半期");
    EXPECT_EQ(now["from"], "2026-10-01");
    EXPECT_EQ(now["to"], "2026-12-31");
    const json& m = now["metrics"];
    // Revenue: 3,000,000 + the 落札額 4,000,000 = 7,000,000; vs Q2's 2,000,000 +5,000,000;
    // vs FY2025 Q3's 1,000,000 +6,000,000.
    EXPECT_EQ(m["revenue"]["value"], 7'000'000.0);
    EXPECT_EQ(m["revenue"]["vs_previous"]["delta"], 5'000'000.0);
    EXPECT_EQ(m["revenue"]["vs_previous"]["direction"], "improving");
    EXPECT_EQ(m["revenue"]["vs_last_year"]["delta"], 6'000'000.0);
    // Win rate 2 / 3 against 1 / 1 in Q2 and FY2025 Q3: worsening.
    EXPECT_EQ(m["win_rate"]["numerator"], 2.0);
    EXPECT_EQ(m["win_rate"]["denominator"], 3.0);
    EXPECT_EQ(m["win_rate"]["vs_previous"]["direction"], "worsening");
    // Cycle time: median of {136, 172} = 154 days; Q2 91 (worse), FY2025 Q3 183 (better).
    EXPECT_EQ(m["cycle_time"]["value"], 154.0);
    EXPECT_EQ(m["cycle_time"]["vs_previous"]["direction"], "worsening");
    EXPECT_EQ(m["cycle_time"]["vs_last_year"]["delta"], -29.0);
    EXPECT_EQ(m["cycle_time"]["vs_last_year"]["direction"], "improving");
    // Transformation: data quality = same-day logging alone (0.8, from 1 of 3 ratios) vs 0.7;
    // adoption 0.6 vs 0.3; no hand-offs measured → null, not 0; cases 2 vs 1, 5 + 1 + 2 = 8 in all.
    EXPECT_NEAR(m["data_quality"]["value"].get<double>(), 0.8, 1e-12);
    EXPECT_EQ(m["data_quality"]["numerator"], 1.0);
    EXPECT_EQ(m["data_quality"]["vs_previous"]["direction"], "improving");
    EXPECT_EQ(m["adoption"]["value"], 0.6);
    EXPECT_EQ(m["adoption"]["vs_previous"]["direction"], "improving");
    EXPECT_EQ(m["adoption"]["vs_last_year"]["direction"], "unknown");
    EXPECT_TRUE(m["handoff_discipline"]["value"].is_null());
    EXPECT_EQ(m["handoff_discipline"]["vs_previous"]["direction"], "unknown");
    EXPECT_EQ(m["case_library_growth"]["value"], 2.0);
    EXPECT_EQ(m["case_library_growth"]["numerator"], 8.0);
    // Performance 1 ↑ 2 ↓ → worsening; transformation 3 ↑ → improving: 変革先行.
    EXPECT_EQ(now["axes"]["performance"]["direction"], "worsening");
    EXPECT_EQ(now["axes"]["transformation"]["improving"], 3);
    EXPECT_EQ(now["axes"]["transformation"]["improving_share"], 1.0);
    EXPECT_EQ(now["verdict"]["code"], "transformation_lead");
    EXPECT_EQ(now["verdict"]["label_ja"], "変革先行・成果はこれから");
}

TEST_F(ScorecardApiTest, AChosenQuarterAndNumberOfQuarters) {
    const json body = Call("/api/transformation/scorecard?fiscal_year=2026&quarter=2&quarters=2", 200);
    ASSERT_EQ(body["quarters"].size(), 2u);
    EXPECT_EQ(body["quarters"][0]["label"], "FY2026 Q1");
    EXPECT_EQ(body["quarters"][1]["metrics"]["revenue"]["value"], 2'000'000.0);
    EXPECT_EQ(body["quarters"][1]["metrics"]["win_rate"]["value"], 1.0);
    EXPECT_EQ(body["quarters"][1]["metrics"]["cycle_time"]["value"], 91.0);
    // Q1 had no closed deal: no win rate, no cycle time, revenue 0.
    EXPECT_TRUE(body["quarters"][0]["metrics"]["win_rate"]["value"].is_null());
    EXPECT_EQ(body["quarters"][0]["metrics"]["revenue"]["value"], 0.0);
    // A past fiscal year without a quarter ends with its Q4.
    const json past = Call("/api/transformation/scorecard?fiscal_year=2025&quarters=1", 200);
    EXPECT_EQ(past["quarter"], 4);
    EXPECT_EQ(past["quarters"][0]["from"], "2026-01-01");
}

TEST_F(ScorecardApiTest, BadParametersAreNamed) {
    const std::string base = "/api/transformation/scorecard?";
    EXPECT_EQ(Fields(Call(base + "quarter=5", 400)), std::vector<std::string>{"quarter"});
    EXPECT_EQ(Fields(Call(base + "quarter=0", 400)), std::vector<std::string>{"quarter"});
    EXPECT_EQ(Fields(Call(base + "quarters=21", 400)), std::vector<std::string>{"quarters"});
    EXPECT_EQ(Fields(Call(base + "quarters=0", 400)), std::vector<std::string>{"quarters"});
    EXPECT_EQ(Fields(Call(base + "fiscal_year=next", 400)), std::vector<std::string>{"fiscal_year"});
    EXPECT_EQ(Fields(Call(base + "fiscal_year=1800", 400)), std::vector<std::string>{"fiscal_year"});
    Call(base + "team=x", 400);
    auto anon = world_->Send("GET", "/api/transformation/scorecard", "", "");
    ASSERT_TRUE(anon);
    EXPECT_EQ(anon->status, 401);
}

TEST_F(ScorecardApiTest, RevenueIsHiddenFromBdrsLikeEveryDealAmount) {
    const json body = Call("/api/transformation/scorecard?quarters=2", 200, bdr_);
    EXPECT_EQ(body["amounts_hidden"], true);
    for (const auto& q : body["quarters"]) {
        const json& revenue = q["metrics"]["revenue"];
        EXPECT_TRUE(revenue["value"].is_null()) << revenue.dump();
        EXPECT_TRUE(revenue["vs_previous"]["delta"].is_null());
        EXPECT_TRUE(revenue["vs_previous"]["earlier"].is_null());
        EXPECT_TRUE(revenue["vs_last_year"]["delta"].is_null());
    }
    // The rest is not money: shown to everyone.
    EXPECT_EQ(body["quarters"][1]["metrics"]["revenue"]["vs_previous"]["direction"], "improving");
    EXPECT_EQ(body["quarters"][1]["metrics"]["win_rate"]["numerator"], 2.0);
    EXPECT_EQ(body["quarters"][1]["metrics"]["cycle_time"]["value"], 154.0);
}

}  // namespace
}  // namespace kyoso::api
