// Experiments over HTTP (docs/transformation.md, "Experiments"; runs on SQLite and
// PostgreSQL). Today is 2026-11-27.
//
// Cadence 1 has a B variant on its email step; cadence 2 has none. Experiment "ab" (seeded
// as if defined in May) ran 2026-06-01..2026-09-30 on cadence 1 with outcome meeting_set:
//   A: 100 enrolments started in the window, 30 meeting_set on 2026-07-01; 5 more started
//      2026-10-05 (outside the window) with meetings — they must not count.
//   B: 99 started in the window, 45 meeting_set on 2026-07-01; 1 more with a meeting
//      recorded 2026-10-10 (after the horizon) — a trial, not a success.
// So A 30/100 vs B 45/100: the hand-derived example of experiment_stats_test.cpp,
// z = −2.1909, p = 0.02846, A − B = −0.15, 95% CI [−0.2826, −0.0174].
// Experiment "pilot" (東日本チーム vs 西日本チーム, budget_requested) runs 2026-10-01..2027-01-29:
// east has 3 deals created in October (one moved to 予算要求中 on 2026-11-10), west 2.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "kyoso/sql/experiment_repository.hpp"
#include "kyoso/sql/statement.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class ExperimentApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("experiment-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);  // users 1, 2 in 東日本チーム
            ASSERT_TRUE(sales
                            .InsertUsers({{3, "高橋 三郎", domain::SalesRole::kFieldSales, "西日本チーム"},
                                          {4, "田中 四郎", domain::SalesRole::kFieldSales, "西日本チーム"}})
                            .ok());
            ASSERT_TRUE(store
                            .Write([](sql::Connection* db) {
                                return sql::Exec(db,
                                                 "INSERT INTO teams(name, role, created_at) VALUES"
                                                 " ('東日本チーム', 'field_sales', '2026-04-01T00:00:00Z'),"
                                                 " ('西日本チーム', 'field_sales', '2026-04-01T00:00:00Z')");
                            })
                            .ok());
            ASSERT_TRUE(store
                            .InTransaction([&]() -> Status {
                                auto& cadences = store.cadences();
                                for (int c = 1; c <= 2; ++c) {
                                    ports::CadenceRow row;
                                    row.name = c == 1 ? "初回接触" : "あいさつ";
                                    row.target = "lead";
                                    row.created_by = 1;
                                    row.created_at = "2026-04-01T00:00:00Z";
                                    auto id = cadences.InsertCadence(row);
                                    if (!id.ok()) return id.status();
                                    domain::CadenceStep step;
                                    step.position = 1;
                                    step.kind = domain::CadenceStepKind::kEmail;
                                    step.title = "初回メール";
                                    if (c == 1) {
                                        step.variant_b_kind = domain::CadenceStepKind::kEmail;
                                        step.variant_b_title = "事例紹介メール";
                                    }
                                    auto sid = cadences.InsertStep(*id, step);
                                    if (!sid.ok()) return sid.status();
                                }
                                auto enrol = [&](const char* variant, const char* started, const char* outcome,
                                                 const char* outcome_on) -> Status {
                                    ports::EnrolmentRow e;
                                    e.cadence_id = 1;
                                    e.user_id = 1;
                                    e.variant = variant;
                                    e.started_on = started;
                                    e.status = outcome[0] ? "stopped" : "completed";
                                    e.outcome = outcome;
                                    e.outcome_on = outcome_on;
                                    e.created_at = "2026-06-01T00:00:00Z";
                                    return cadences.InsertEnrolment(e).status();
                                };
                                for (int i = 0; i < 100; ++i) {
                                    KYOSO_RETURN_IF_ERROR(enrol("A", "2026-06-15",
                                                                i < 30 ? "meeting_set" : "no_response",
                                                                i < 30 ? "2026-07-01" : "2026-08-01"));
                                }
                                for (int i = 0; i < 5; ++i) {
                                    KYOSO_RETURN_IF_ERROR(enrol("A", "2026-10-05", "meeting_set", "2026-10-20"));
                                }
                                for (int i = 0; i < 99; ++i) {
                                    KYOSO_RETURN_IF_ERROR(enrol("B", "2026-06-16", i < 45 ? "meeting_set" : "replied",
                                                                i < 45 ? "2026-07-01" : "2026-07-02"));
                                }
                                return enrol("B", "2026-09-29", "meeting_set", "2026-10-10");
                            })
                            .ok());
            std::vector<domain::Deal> deals;
            for (long long id = 1; id <= 5; ++id) {
                domain::Deal d = testing::TestDeal(id, "131016", id <= 3 ? 1 : 3);
                d.created_on = MakeDate(2026, 10, static_cast<unsigned>(id + 1));
                deals.push_back(d);
            }
            domain::Deal old = testing::TestDeal(6, "131016", 2);  // created 2026-06-01: outside the window
            deals.push_back(old);
            ASSERT_TRUE(sales.InsertDeals(deals).ok());
            ports::StageHistoryRow moved;
            moved.deal_id = 1;
            moved.from = domain::Stage::kBudgetProposal;
            moved.to = domain::Stage::kRequested;
            moved.moved_by = 1;
            moved.moved_on = MakeDate(2026, 11, 10);
            ASSERT_TRUE(sales.InsertStageHistory({moved}).ok());
        });
        manager_ = world_->CreateUserToken("ops", "manager", "東日本チーム", {"13"});
        bdr_ = world_->CreateUserToken("bdr", "bdr", "東日本チーム", {"13"});
        // Experiments defined before their data, as the API insists; seeded directly since
        // "today" is pinned after their start.
        auto repo = sql::MakeExperimentRepository(&world_->store());
        domain::Experiment ab;
        ab.name = "初回メールA/B";
        ab.kind = domain::ExperimentKind::kCadenceAb;
        ab.cadence_id = 1;
        ab.outcome = "meeting_set";
        ab.start_on = MakeDate(2026, 6, 1);
        ab.horizon_on = MakeDate(2026, 9, 30);
        ab.created_at = "2026-05-28T00:00:00Z";
        auto ab_id = repo->Insert(ab);
        ASSERT_TRUE(ab_id.ok()) << ab_id.status().ToString();
        ab_id_ = *ab_id;
        domain::Experiment pilot;
        pilot.name = "事例提示の先行導入";
        pilot.kind = domain::ExperimentKind::kPilotTeam;
        pilot.pilot_team = "東日本チーム";
        pilot.comparison_team = "西日本チーム";
        pilot.outcome = "budget_requested";
        pilot.start_on = MakeDate(2026, 10, 1);
        pilot.horizon_on = MakeDate(2027, 1, 29);
        pilot.created_at = "2026-09-25T00:00:00Z";
        auto pilot_id = repo->Insert(pilot);
        ASSERT_TRUE(pilot_id.ok());
        pilot_id_ = *pilot_id;
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Call(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& token, int expect_status) {
        auto res = world_->Send(method, path, body, token);
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return {};
        EXPECT_EQ(res->status, expect_status) << method << " " << path << " " << body << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }
    static std::string FirstField(const json& error) {
        const auto& d = error["error"]["details"];
        return d.empty() ? "" : d[0]["field"].get<std::string>();
    }
    static std::string Path(long long id, const std::string& rest = "") {
        return "/api/experiments/" + std::to_string(id) + rest;
    }

    static testing::ApiTestWorld* world_;
    static std::string manager_, bdr_;
    static long long ab_id_, pilot_id_;
};

testing::ApiTestWorld* ExperimentApiTest::world_ = nullptr;
std::string ExperimentApiTest::manager_;
std::string ExperimentApiTest::bdr_;
long long ExperimentApiTest::ab_id_ = 0;
long long ExperimentApiTest::pilot_id_ = 0;

TEST_F(ExperimentApiTest, AConcludedAbTestHasTheTestPValueAndVerdict) {
    json r = Call("GET", Path(ab_id_, "/result"), "", bdr_, 200);
    EXPECT_EQ(r["status"], "concluded");
    EXPECT_EQ(r["counted_through"], "2026-09-30");
    ASSERT_EQ(r["arms"].size(), 2u);
    EXPECT_EQ(r["arms"][0]["key"], "A");
    EXPECT_EQ(r["arms"][0]["n"], 100);
    EXPECT_EQ(r["arms"][0]["successes"], 30);
    EXPECT_EQ(r["arms"][1]["n"], 100);
    EXPECT_EQ(r["arms"][1]["successes"], 45);
    ASSERT_TRUE(r["test"].is_object()) << r.dump();
    EXPECT_EQ(r["test"]["name"], "two_proportion_z");
    EXPECT_NEAR(r["test"]["p_value"].get<double>(), 0.0284597, 1e-6);
    EXPECT_NEAR(r["test"]["z"].get<double>(), -2.1908902, 1e-6);
    EXPECT_NEAR(r["test"]["difference"].get<double>(), -0.15, 1e-12);
    EXPECT_NEAR(r["test"]["ci_low"].get<double>(), -0.2825695, 1e-6);
    EXPECT_NEAR(r["test"]["ci_high"].get<double>(), -0.0174305, 1e-6);
    EXPECT_EQ(r["verdict"], "significant");
    EXPECT_EQ(r["message"], "有意差あり（2標本比率のz検定、p = 0.0285 < 0.05）");

    json v = Call("GET", Path(ab_id_), "", bdr_, 200);
    EXPECT_EQ(v["status"], "concluded");
    EXPECT_EQ(v["cadence_name"], "初回接触");
    EXPECT_TRUE(v["locked"].get<bool>());
}

TEST_F(ExperimentApiTest, ARunningPilotShowsTheCountsButWithholdsTheVerdict) {
    json r = Call("GET", Path(pilot_id_, "/result"), "", bdr_, 200);
    EXPECT_EQ(r["status"], "running");
    EXPECT_EQ(r["counted_through"], "2026-11-27");
    EXPECT_EQ(r["arms"][0]["key"], "pilot");
    EXPECT_EQ(r["arms"][0]["label"], "東日本チーム");
    EXPECT_EQ(r["arms"][0]["n"], 3);
    EXPECT_EQ(r["arms"][0]["successes"], 1);
    EXPECT_EQ(r["arms"][1]["label"], "西日本チーム");
    EXPECT_EQ(r["arms"][1]["n"], 2);
    EXPECT_EQ(r["arms"][1]["successes"], 0);
    EXPECT_TRUE(r["test"].is_null());
    EXPECT_EQ(r["verdict"], "pending");
    EXPECT_EQ(r["message"], "判定は期日 2027-01-29 まで保留");
    json list = Call("GET", "/api/experiments", "", bdr_, 200);
    EXPECT_EQ(list["today"], "2026-11-27");
    EXPECT_GE(list["items"].size(), 2u);
}

TEST_F(ExperimentApiTest, TheHorizonAndOutcomeAreLockedOnceStarted) {
    json e = Call("PATCH", Path(pilot_id_), R"({"horizon_on":"2026-12-01"})", manager_, 400);
    EXPECT_EQ(FirstField(e), "horizon_on");
    e = Call("PATCH", Path(pilot_id_), R"({"outcome":"deal_won"})", manager_, 400);
    EXPECT_EQ(FirstField(e), "outcome");
    e = Call("PATCH", Path(pilot_id_), R"({"comparison_team":""})", manager_, 400);
    EXPECT_EQ(FirstField(e), "comparison_team");
    json ok = Call("PATCH", Path(pilot_id_), R"({"hypothesis":"事例提示で予算要求到達率が上がる"})", manager_, 200);
    EXPECT_EQ(ok["hypothesis"], "事例提示で予算要求到達率が上がる");
    EXPECT_EQ(ok["horizon_on"], "2027-01-29");
    // A concluded experiment takes no change at all.
    Call("PATCH", Path(ab_id_), R"({"name":"後から変更"})", manager_, 422);
}

TEST_F(ExperimentApiTest, CreatingChecksEveryFieldAndNeedsSalesOps) {
    const std::string good =
        R"({"name":"返信率A/B","kind":"cadence_ab","cadence_id":1,"outcome":"replied","horizon_on":"2027-02-26"})";
    Call("POST", "/api/experiments", good, bdr_, 403);
    struct Case {
        const char* body;
        const char* field;
    };
    const Case cases[] = {
        {R"({"name":"x","kind":"cadence_ab","cadence_id":1,"outcome":"replied"})", "horizon_on"},
        {R"({"name":"x","kind":"cadence_ab","cadence_id":1,"outcome":"replied","start_on":"2026-11-01","horizon_on":"2027-01-01"})",
         "start_on"},
        {R"({"name":"x","kind":"cadence_ab","cadence_id":1,"outcome":"replied","horizon_on":"2026-11-27"})",
         "horizon_on"},
        {R"({"name":"x","kind":"cadence_ab","cadence_id":2,"outcome":"replied","horizon_on":"2027-01-01"})",
         "cadence_id"},
        {R"({"name":"x","kind":"cadence_ab","cadence_id":99,"outcome":"replied","horizon_on":"2027-01-01"})",
         "cadence_id"},
        {R"({"name":"x","kind":"cadence_ab","cadence_id":1,"outcome":"deal_won","horizon_on":"2027-01-01"})",
         "outcome"},
        {R"({"name":"x","kind":"pilot_team","pilot_team":"月面チーム","outcome":"deal_won","horizon_on":"2027-01-01"})",
         "pilot_team"},
        {R"({"name":"x","kind":"ab","outcome":"deal_won","horizon_on":"2027-01-01"})", "kind"},
    };
    for (const auto& c : cases) {
        json e = Call("POST", "/api/experiments", c.body, manager_, 400);
        EXPECT_EQ(FirstField(e), c.field) << c.body << " -> " << e.dump();
    }
    json created = Call("POST", "/api/experiments", good, manager_, 201);
    EXPECT_EQ(created["status"], "running");  // starts today by default
    EXPECT_EQ(created["start_on"], "2026-11-27");
    EXPECT_EQ(created["days_to_horizon"], 91);
    json later =
        Call("POST", "/api/experiments",
             R"({"name":"全社比較","kind":"pilot_team","pilot_team":"東日本チーム","outcome":"lead_qualified",)"
             R"("start_on":"2026-12-01","horizon_on":"2027-03-31","min_per_arm":20})",
             manager_, 201);
    EXPECT_EQ(later["status"], "draft");
    EXPECT_FALSE(later["locked"].get<bool>());
    EXPECT_EQ(later["comparison_team"], "");
    // A draft may still move its horizon.
    json moved = Call("PATCH", Path(later["id"].get<long long>()), R"({"horizon_on":"2027-02-26","min_per_arm":null})",
                      manager_, 200);
    EXPECT_EQ(moved["horizon_on"], "2027-02-26");
    EXPECT_TRUE(moved["min_per_arm"].is_null());
    json r = Call("GET", Path(later["id"].get<long long>(), "/result"), "", manager_, 200);
    EXPECT_EQ(r["status"], "draft");
    EXPECT_EQ(r["arms"][0]["n"], 0);
    EXPECT_EQ(r["verdict"], "pending");
}

TEST_F(ExperimentApiTest, StoppingEarlyIsRecordedWithoutAVerdict) {
    json created = Call(
        "POST", "/api/experiments",
        R"({"name":"中止する実験","kind":"cadence_ab","cadence_id":1,"outcome":"meeting_set","horizon_on":"2027-01-15"})",
        manager_, 201);
    const long long id = created["id"].get<long long>();
    Call("POST", Path(id, "/stop"), R"({"reason":"x"})", bdr_, 403);
    json stopped = Call("POST", Path(id, "/stop"), R"({"reason":"対象リードが不足"})", manager_, 200);
    EXPECT_EQ(stopped["status"], "stopped");
    EXPECT_EQ(stopped["stopped_on"], "2026-11-27");
    EXPECT_EQ(stopped["stop_reason"], "対象リードが不足");
    json r = Call("GET", Path(id, "/result"), "", bdr_, 200);
    EXPECT_EQ(r["verdict"], "stopped");
    EXPECT_TRUE(r["test"].is_null());
    Call("POST", Path(id, "/stop"), "", manager_, 422);
    Call("PATCH", Path(id), R"({"name":"再開"})", manager_, 422);
    Call("POST", Path(ab_id_, "/stop"), "", manager_, 422);  // concluded: it has its verdict

    // Every write is in the audit log.
    auto lease = world_->store().Reader();
    sql::Statement q(lease.db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'experiment.stop' AND entity_id = ?");
    q.Bind(1, std::to_string(id));
    Status st;
    ASSERT_TRUE(q.Step(&st)) << st.ToString();
    EXPECT_EQ(q.Int(0), 1);
}

TEST_F(ExperimentApiTest, UnknownAndBadIdsAreNamed) {
    Call("GET", "/api/experiments/424242", "", bdr_, 404);
    Call("GET", "/api/experiments/abc/result", "", bdr_, 400);
    Call("PATCH", "/api/experiments/424242", R"({"name":"x"})", manager_, 404);
    json e = Call("PATCH", Path(pilot_id_), R"({"colour":"red"})", manager_, 400);
    EXPECT_EQ(FirstField(e), "colour");
}

}  // namespace
}  // namespace kyoso::api
