// Cadences and tasks over HTTP (docs/division-of-labour.md, "Cadences and tasks"):
// sales ops define cadences with A/B steps, sales users enrol leads, tasks are
// generated on time and completing one logs the activity, outcomes stop enrolments,
// do-not-contact officials are refused, and the variants are compared.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class CadenceApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("cadence-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            domain::Official blocked = testing::ChiyodaOfficial();
            blocked.id = 2;
            blocked.name = "佐々木 次郎";
            ASSERT_TRUE(sales.InsertOfficials({testing::ChiyodaOfficial(), blocked}).ok());
            ASSERT_TRUE(store
                            .Write([](sql::Connection* db) {
                                return db->Exec("UPDATE officials SET do_not_contact = 1 WHERE id = 2");
                            })
                            .ok());
        });
        manager_ = world_->CreateUserToken("ops", "manager", "東チーム", {"13"});
        bdr_ = world_->CreateUserToken("bdr", "bdr", "東チーム", {"13"}, &bdr_id_);
        other_ = world_->CreateUserToken("west-bdr", "bdr", "西チーム", {"27"});
        // Leads of the BDR: 10 with official 1, 11 with the do-not-contact official 2,
        // 12 and 13 without an official.
        std::vector<domain::Lead> leads;
        for (long long id : {10, 11, 12, 13}) {
            domain::Lead l;
            l.id = id;
            l.source = "inquiry";
            l.government_code = "131016";
            l.official_id = id == 10 ? 1 : id == 11 ? 2 : 0;
            l.status = "new";
            l.created_on = MakeDate(2026, 11, 2);
            l.owner_id = bdr_id_;
            l.product_id = 1;
            l.title = "リード " + std::to_string(id);
            leads.push_back(l);
        }
        ASSERT_TRUE(world_->store().sales().InsertLeads(leads).ok());
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
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }
    // call → wait 2 → email with a B variant.
    static long long CreateCadence(const std::string& name, const std::string& target = "lead") {
        json steps = json::array({{{"kind", "call"}, {"title", "初回電話"}, {"template", "ご挨拶"}},
                                  {{"kind", "wait"}, {"wait_business_days", 2}},
                                  {{"kind", "email"},
                                   {"title", "課題提起メール"},
                                   {"template", "本文A"},
                                   {"variant_b_kind", "email"},
                                   {"variant_b_title", "事例紹介メール"},
                                   {"variant_b_template", "本文B"}}});
        auto c = Call("POST", "/api/cadences", json({{"name", name}, {"target", target}, {"steps", steps}}).dump(),
                      manager_, 201);
        return c.value("id", 0LL);
    }

    static testing::ApiTestWorld* world_;
    static std::string manager_, bdr_, other_;
    static long long bdr_id_;
};

testing::ApiTestWorld* CadenceApiTest::world_ = nullptr;
std::string CadenceApiTest::manager_, CadenceApiTest::bdr_, CadenceApiTest::other_;
long long CadenceApiTest::bdr_id_ = 0;

TEST_F(CadenceApiTest, SalesOpsDefineCadencesWithBVariants) {
    const std::string body = R"({"name":"x","target":"lead","steps":[{"kind":"call","title":"電話"}]})";
    Call("POST", "/api/cadences", body, bdr_, 403);
    const long long id = CreateCadence("定義テスト");
    auto detail = Call("GET", "/api/cadences/" + std::to_string(id), "", bdr_, 200);
    ASSERT_EQ(detail["steps"].size(), 3u);
    EXPECT_EQ(detail["steps"][1]["kind"], "wait");
    EXPECT_EQ(detail["steps"][1]["wait_business_days"], 2);
    EXPECT_EQ(detail["steps"][2]["variant_b_title"], "事例紹介メール");
    EXPECT_TRUE(detail["steps"][0]["variant_b_kind"].is_null());
    // Bad steps are refused whole, naming each field.
    auto bad = Call("POST", "/api/cadences",
                    R"({"name":"","target":"deal","steps":[{"kind":"call"},{"kind":"wait","wait_business_days":0}]})",
                    manager_, 400);
    EXPECT_EQ(Fields(bad),
              (std::vector<std::string>{"name", "target", "steps[0].title", "steps[1].wait_business_days"}));
    // Texts and flags change; without enrolments the steps may be replaced.
    auto updated = Call("PATCH", "/api/cadences/" + std::to_string(id),
                        R"({"description":"説明","steps":[{"kind":"visit","title":"訪問"}]})", manager_, 200);
    EXPECT_EQ(updated["description"], "説明");
    EXPECT_EQ(updated["steps"].size(), 1u);
    Call("DELETE", "/api/cadences/" + std::to_string(id), "", manager_, 200);
    Call("GET", "/api/cadences/" + std::to_string(id), "", manager_, 404);
}

TEST_F(CadenceApiTest, EnrolGeneratesTasksCompletionLogsTheActivityAndVariantsAlternate) {
    const long long id = CreateCadence("初回接触");
    const std::string enrol = "/api/cadences/" + std::to_string(id) + "/enrolments";
    // Lead 10 starts today (Fri 2026-11-27): the first call is due at once, variant A.
    auto first = Call("POST", enrol, R"({"lead_id":10})", bdr_, 201);
    EXPECT_EQ(first["variant"], "A");
    EXPECT_EQ(first["user_id"], bdr_id_);  // the lead's owner
    EXPECT_EQ(first["status"], "active");
    Call("POST", enrol, R"({"lead_id":10})", bdr_, 409);  // already active
    // Lead 12 started Fri 11-20; variant B by alternation.
    auto second = Call("POST", enrol, R"({"lead_id":12,"started_on":"2026-11-20"})", bdr_, 201);
    EXPECT_EQ(second["variant"], "B");

    auto today = Call("GET", "/api/tasks?due=today", "", bdr_, 200);
    ASSERT_EQ(today["items"].size(), 1u);
    EXPECT_EQ(today["items"][0]["title"], "初回電話");
    EXPECT_EQ(today["items"][0]["lead_id"], 10);
    auto overdue = Call("GET", "/api/tasks?due=overdue", "", bdr_, 200);
    ASSERT_EQ(overdue["items"].size(), 1u);
    EXPECT_EQ(overdue["items"][0]["due_on"], "2026-11-20");
    EXPECT_EQ(overdue["items"][0]["variant"], "B");
    // Listing again generates nothing new (idempotent).
    EXPECT_EQ(Call("GET", "/api/tasks", "", bdr_, 200)["total"], 2);

    // Another team's BDR cannot work it; the owner completes it and the call is logged.
    const std::string task = std::to_string(today["items"][0]["id"].get<long long>());
    Call("POST", "/api/tasks/" + task + "/complete", "{}", other_, 403);
    auto done = Call("POST", "/api/tasks/" + task + "/complete", R"({"result":"課長と話せた"})", bdr_, 200);
    EXPECT_EQ(done["status"], "done");
    EXPECT_EQ(done["completed_on"], "2026-11-27");
    EXPECT_TRUE(done["activity_id"].is_number());
    Call("POST", "/api/tasks/" + task + "/complete", "{}", bdr_, 422);
    // The email waits 2 business days after the call (Mon 11-30, Tue 12-01): not due yet.
    EXPECT_EQ(Call("GET", "/api/tasks?due=all", "", bdr_, 200)["total"], 1);

    // Skipping the overdue call lets the B email follow on Tue 12-01 (not yet due either).
    const std::string late = std::to_string(overdue["items"][0]["id"].get<long long>());
    EXPECT_EQ(Call("POST", "/api/tasks/" + late + "/skip", R"({"result":"不在"})", bdr_, 200)["status"], "skipped");
    EXPECT_EQ(Call("GET", "/api/tasks?due=all", "", bdr_, 200)["total"], 0);

    // An outcome stops the enrolment; the comparison counts it.
    auto stopped = Call("POST", "/api/enrolments/" + std::to_string(first["id"].get<long long>()) + "/outcome",
                        R"({"outcome":"meeting_set"})", bdr_, 200);
    EXPECT_EQ(stopped["status"], "stopped");
    EXPECT_EQ(stopped["outcome"], "meeting_set");
    EXPECT_EQ(stopped["outcome_on"], "2026-11-27");
    Call("POST", "/api/enrolments/" + std::to_string(first["id"].get<long long>()) + "/outcome",
         R"({"outcome":"replied"})", bdr_, 422);
    auto variants = Call("GET", "/api/cadences/" + std::to_string(id) + "/variants", "", bdr_, 200);
    ASSERT_EQ(variants["variants"].size(), 2u);
    EXPECT_EQ(variants["variants"][0]["enrolled"], 1);
    EXPECT_EQ(variants["variants"][0]["meetings"], 1);
    EXPECT_DOUBLE_EQ(variants["variants"][0]["meeting_rate"].get<double>(), 1.0);
    EXPECT_EQ(variants["variants"][1]["enrolled"], 1);
    EXPECT_EQ(variants["variants"][1]["meetings"], 0);
    EXPECT_EQ(Call("GET", enrol + "?status=stopped", "", bdr_, 200)["total"], 1);

    // With enrolments, the step shape is fixed and the cadence cannot be deleted.
    Call("PATCH", "/api/cadences/" + std::to_string(id), R"({"steps":[{"kind":"call","title":"電話"}]})", manager_,
         422);
    Call("DELETE", "/api/cadences/" + std::to_string(id), "", manager_, 422);
}

TEST_F(CadenceApiTest, DoNotContactOfficialsAreNotEnrolled) {
    const long long leads = CreateCadence("連絡不可テスト");
    auto refused =
        Call("POST", "/api/cadences/" + std::to_string(leads) + "/enrolments", R"({"lead_id":11})", bdr_, 422);
    EXPECT_EQ(Fields(refused), std::vector<std::string>{"lead_id"});
    const long long officials = CreateCadence("担当者テスト", "official");
    Call("POST", "/api/cadences/" + std::to_string(officials) + "/enrolments", R"({"official_id":2})", bdr_, 422);
    Call("POST", "/api/cadences/" + std::to_string(officials) + "/enrolments", R"({"lead_id":13})", bdr_, 400);
    auto ok =
        Call("POST", "/api/cadences/" + std::to_string(officials) + "/enrolments", R"({"official_id":1})", bdr_, 201);
    EXPECT_EQ(ok["official_name"], "山田 太郎");
    EXPECT_EQ(ok["user_id"], bdr_id_);  // the caller
}

TEST_F(CadenceApiTest, ManualTasks) {
    auto t = Call("POST", "/api/tasks", R"({"due_on":"2026-12-01","title":"見積の確認","lead_id":13})", bdr_, 201);
    EXPECT_EQ(t["kind"], "todo");
    EXPECT_EQ(t["government_code"], "131016");
    EXPECT_TRUE(t["enrolment_id"].is_null());
    auto bad = Call("POST", "/api/tasks", R"({"due_on":"12/01","kind":"meeting","title":""})", bdr_, 400);
    EXPECT_EQ(Fields(bad), (std::vector<std::string>{"due_on", "kind", "title"}));
    auto upcoming = Call("GET", "/api/tasks?due=upcoming", "", bdr_, 200);
    bool found = false;
    for (const auto& i : upcoming["items"]) found = found || i["id"] == t["id"];
    EXPECT_TRUE(found);
    Call("GET", "/api/tasks?owner=all", "", bdr_, 400);  // needs manage_sales_ops
    Call("GET", "/api/tasks?owner=all", "", manager_, 200);
    // A manual todo is completed without an activity.
    auto done = Call("POST", "/api/tasks/" + std::to_string(t["id"].get<long long>()) + "/complete", "", bdr_, 200);
    EXPECT_TRUE(done["activity_id"].is_null());
}

}  // namespace
}  // namespace kyoso::api
