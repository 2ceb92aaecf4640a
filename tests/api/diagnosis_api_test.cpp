// The organisation diagnosis routes (docs/transformation.md, "Diagnosis") over a small
// seeded store (runs on SQLite and PostgreSQL). Today is 2026-11-27, so the default
// signals period is 2026-08-30 – 2026-11-27.
//
// Users 1 and 2 are field sales. Deal 1 (discovery, no champion, no department) has
// 2 of 4 key fields; deal 2 (requested, budget requested) 3 of 5 and its budget status
// set. Activity 1 (user 1, 11/20) was logged the same day, activity 2 (user 2, 11/21)
// four days later. Hand-off 1 was accepted on its due day, hand-off 2 is still pending
// past it. User 1 dismissed a next best action on 11/20.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api_test_world.hpp"
#include "kyoso/sql/statement.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class DiagnosisApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("diagnosis-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            domain::Deal early = testing::TestDeal(1, "131016", 1);
            domain::Deal requested = testing::TestDeal(2, "131016", 2);
            requested.stage = domain::Stage::kRequested;
            requested.budget_status = domain::BudgetStatus::kRequested;
            ASSERT_TRUE(sales.InsertDeals({early, requested}).ok());
            domain::Activity a1;
            a1.id = 1;
            a1.deal_id = 1;
            a1.government_code = "131016";
            a1.user_id = 1;
            a1.type = domain::ActivityType::kVisit;
            a1.occurred_on = MakeDate(2026, 11, 20);
            domain::Activity a2 = a1;
            a2.id = 2;
            a2.deal_id = 2;
            a2.user_id = 2;
            a2.occurred_on = MakeDate(2026, 11, 21);
            ASSERT_TRUE(sales.InsertActivities({a1, a2}).ok());
            ASSERT_TRUE(store
                            .Write([](sql::Connection* db) -> Status {
                                return sql::Exec(
                                    db,
                                    "UPDATE activities SET created_at = '2026-11-20T05:00:00Z' WHERE id = 1;"
                                    "UPDATE activities SET created_at = '2026-11-25T05:00:00Z' WHERE id = 2;"
                                    "INSERT INTO handoffs(kind, deal_id, from_user_id, to_user_id, status,"
                                    " checklist_json, created_on, created_at, due_on, responded_on) VALUES"
                                    " ('fs_to_cs', 1, 1, 2, 'accepted', '[]', '2026-11-05', '2026-11-05T00:00:00Z',"
                                    " '2026-11-10', '2026-11-10'),"
                                    " ('fs_to_cs', 2, 2, 1, 'pending', '[]', '2026-11-09', '2026-11-09T00:00:00Z',"
                                    " '2026-11-12', NULL);"
                                    "INSERT INTO nba_feedback(user_id, action_key, decision, decided_on, created_at)"
                                    " VALUES (1, 'no_contact:deal:1:2026-11-20', 'dismiss', '2026-11-20',"
                                    " '2026-11-20T01:00:00Z');");
                            })
                            .ok());
        });
        sales_ = world_->CreateUserToken("diag-fs", "field_sales", "東日本チーム");
        manager_ = world_->CreateUserToken("diag-manager", "manager", "東日本チーム");
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
    static std::set<std::string> Fields(const json& error) {
        std::set<std::string> out;
        for (const auto& d : error["error"]["details"]) out.insert(d["field"].get<std::string>());
        return out;
    }

    static testing::ApiTestWorld* world_;
    static std::string sales_, manager_;
};

testing::ApiTestWorld* DiagnosisApiTest::world_ = nullptr;
std::string DiagnosisApiTest::sales_;
std::string DiagnosisApiTest::manager_;

TEST_F(DiagnosisApiTest, QuestionnaireHasFiveDimensionsAndAnAnchoredScale) {
    const json q = Call("GET", "/api/transformation/questionnaire", "", 200, sales_);
    ASSERT_EQ(q["dimensions"].size(), 5u);
    EXPECT_EQ(q["dimensions"][0]["dimension"], "data");
    EXPECT_EQ(q["dimensions"][0]["label_ja"], "データ活用");
    for (const auto& d : q["dimensions"]) {
        EXPECT_GE(d["questions"].size(), 4u);
        EXPECT_LE(d["questions"].size(), 5u);
        EXPECT_EQ(d["questions"][0]["levels"].size(), 5u);
    }
    EXPECT_EQ(q["dimensions"][0]["questions"][0]["key"], "data.same_day_logging");
    ASSERT_EQ(q["scale"].size(), 5u);
    EXPECT_EQ(q["scale"][0]["label_ja"], "属人的・記録なし");
}

TEST_F(DiagnosisApiTest, NoDiagnosisBeforeTheFirstAssessment) {
    const json d = Call("GET", "/api/transformation/diagnosis", "", 200, sales_);
    EXPECT_TRUE(d["diagnosis"].is_null());
    EXPECT_TRUE(d["assessment"].is_null());
    EXPECT_TRUE(Call("GET", "/api/transformation/assessments", "", 200, sales_)["items"].empty());
}

TEST_F(DiagnosisApiTest, SignalsOfTheDefaultAndAGivenPeriod) {
    const json s = Call("GET", "/api/transformation/signals", "", 200, sales_);
    EXPECT_EQ(s["from"], "2026-08-30");
    EXPECT_EQ(s["to"], "2026-11-27");
    // same day: activity 1 of 1 and 2 → 1/2
    EXPECT_EQ(s["same_day_logging"]["numerator"], 1);
    EXPECT_EQ(s["same_day_logging"]["denominator"], 2);
    EXPECT_DOUBLE_EQ(s["same_day_logging"]["value"].get<double>(), 0.5);
    // deal 1: amount ✓ fy ✓ champion ✗ department ✗ = 2/4; deal 2: + budget ✓ = 3/5 → 5/9
    EXPECT_EQ(s["deal_field_completeness"]["numerator"], 5);
    EXPECT_EQ(s["deal_field_completeness"]["denominator"], 9);
    // hand-off 1 on its due day, hand-off 2 pending past 11/12 → 1/2
    EXPECT_EQ(s["handoff_sla_compliance"]["numerator"], 1);
    EXPECT_EQ(s["handoff_sla_compliance"]["denominator"], 2);
    // only deal 2 is past the budget request, and it has its status → 1/1
    EXPECT_EQ(s["fiscal_year_and_budget_set"]["numerator"], 1);
    EXPECT_EQ(s["fiscal_year_and_budget_set"]["denominator"], 1);
    // active sales users 1 and 2; user 1 gave feedback → 1/2
    EXPECT_EQ(s["score_use"]["numerator"], 1);
    EXPECT_EQ(s["score_use"]["denominator"], 2);
    EXPECT_EQ(s["score_use"]["label_ja"], "スコア利用率");

    // Only 11/21: activity 2 (late) of user 2, who used no score.
    const json one = Call("GET", "/api/transformation/signals?from=2026-11-21&to=2026-11-21", "", 200);
    EXPECT_EQ(one["same_day_logging"]["numerator"], 0);
    EXPECT_EQ(one["same_day_logging"]["denominator"], 1);
    EXPECT_EQ(one["score_use"]["denominator"], 1);
    EXPECT_TRUE(one["handoff_sla_compliance"]["value"].is_null());

    EXPECT_EQ(Fields(Call("GET", "/api/transformation/signals?from=2026-11-21&to=2026-11-01", "", 400)),
              (std::set<std::string>{"from"}));
    EXPECT_EQ(Fields(Call("GET", "/api/transformation/signals?to=tomorrow", "", 400)), (std::set<std::string>{"to"}));
    Call("GET", "/api/transformation/signals?period=q3", "", 400);
}

TEST_F(DiagnosisApiTest, AManagerSubmitsAndTheDiagnosisJoinsTheSignals) {
    const json body = {{"assessed_on", "2026-11-27"},
                       {"note", "四半期レビュー"},
                       {"answers",
                        {{{"question_key", "data.same_day_logging"}, {"level", 5}, {"comment", "全員その日に入力"}},
                         {{"question_key", "data.deal_fields"}, {"level", 4}},
                         {{"question_key", "ai.scores_used"}, {"level", 5}},
                         {{"question_key", "ai.next_actions"}, {"level", 4}},
                         {{"question_key", "division.handoff_rules"}, {"level", 3}},
                         {{"question_key", "learning.failure_review"}, {"level", 2}}}}};
    const json saved = Call("POST", "/api/transformation/assessments", body.dump(), 201, manager_);
    EXPECT_EQ(saved["assessed_on"], "2026-11-27");
    EXPECT_EQ(saved["created_by_name"], "diag-manager");
    ASSERT_EQ(saved["answers"].size(), 6u);
    const long long id = saved["id"].get<long long>();

    const json list = Call("GET", "/api/transformation/assessments", "", 200, sales_);
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["id"], id);

    const json latest = Call("GET", "/api/transformation/diagnosis", "", 200, sales_);
    EXPECT_EQ(latest["assessment"]["id"], id);
    const json& d = latest["diagnosis"];
    EXPECT_EQ(d["assessment_id"], id);
    EXPECT_EQ(d["signals"]["from"], "2026-08-30");
    EXPECT_EQ(d["signals"]["to"], "2026-11-27");
    ASSERT_EQ(d["dimensions"].size(), 5u);
    // data: self (5 + 4) / 2 = 4.5 → 5; measured (1/2 + 5/9 + 1/1) / 3 = 0.685 → 4; gap −1
    const json& data = d["dimensions"][0];
    EXPECT_DOUBLE_EQ(data["self_score"].get<double>(), 4.5);
    EXPECT_EQ(data["self_level"], 5);
    EXPECT_EQ(data["measured_level"], 4);
    EXPECT_EQ(data["gap"], -1);
    EXPECT_EQ(data["severity"], "minor");
    // division: self 3; measured 1/2 → 3; agree
    EXPECT_EQ(d["dimensions"][1]["gap"], 0);
    EXPECT_EQ(d["dimensions"][1]["severity"], "agree");
    // AI: self (5 + 4) / 2 = 4.5 → 5; measured 1/2 → 3; gap −2 要注意
    const json& ai = d["dimensions"][2];
    EXPECT_EQ(ai["self_level"], 5);
    EXPECT_EQ(ai["measured_level"], 3);
    EXPECT_EQ(ai["gap"], -2);
    EXPECT_EQ(ai["severity"], "attention");
    EXPECT_EQ(ai["finding_ja"],
              "【要注意】AI活用：自己評価 5 に対しデータは 3：スコア利用率 50%（自己評価がデータより高い）。");
    // learning culture: self 2, not measured
    EXPECT_EQ(d["dimensions"][3]["self_level"], 2);
    EXPECT_TRUE(d["dimensions"][3]["measured_level"].is_null());
    EXPECT_NE(d["dimensions"][3]["finding_ja"].get<std::string>().find("データでは測れない"), std::string::npos);
    // public sector: no answers; measured 1/1 → 5
    EXPECT_TRUE(d["dimensions"][4]["self_level"].is_null());
    EXPECT_EQ(d["dimensions"][4]["measured_level"], 5);

    const json by_id = Call("GET", "/api/transformation/diagnosis?assessment_id=" + std::to_string(id), "", 200);
    EXPECT_EQ(by_id["diagnosis"]["assessment_id"], id);
    Call("GET", "/api/transformation/diagnosis?assessment_id=999999", "", 404);
    Call("GET", "/api/transformation/diagnosis?assessment_id=abc", "", 400);

    // Audited with the acting user.
    auto count = world_->store().Reader();
    ASSERT_TRUE(count);
    sql::Statement q(count.db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'diagnosis.assess'");
    Status st;
    ASSERT_TRUE(q.Step(&st));
    EXPECT_EQ(q.Int(0), 1);
}

TEST_F(DiagnosisApiTest, BadAnswersNameTheField) {
    const json bad = {{"assessed_on", "2026-12-01"},
                      {"answers",
                       {{{"question_key", "data.nope"}, {"level", 3}},
                        {{"question_key", "ai.forecast"}, {"level", 6}},
                        {{"question_key", "ai.forecast"}, {"level", 2}}}}};
    EXPECT_EQ(Fields(Call("POST", "/api/transformation/assessments", bad.dump(), 400)),
              (std::set<std::string>{"assessed_on", "answers[0].question_key", "answers[1].level",
                                     "answers[2].question_key"}));
    EXPECT_EQ(Fields(Call("POST", "/api/transformation/assessments", R"({"note":"x"})", 400)),
              (std::set<std::string>{"answers"}));
    EXPECT_EQ(Fields(Call("POST", "/api/transformation/assessments", R"({"answers":[{"level":3}]})", 400)),
              (std::set<std::string>{"answers[0].question_key"}));
}

TEST_F(DiagnosisApiTest, FieldSalesCannotSubmit) {
    Call("POST", "/api/transformation/assessments", R"({"answers":[]})", 403, sales_);
    Call("GET", "/api/transformation/questionnaire", "", 200, sales_);
}

}  // namespace
}  // namespace kyoso::api
