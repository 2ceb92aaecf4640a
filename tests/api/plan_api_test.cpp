// The staged action plan's routes (docs/transformation.md, "Staged action plan") on
// SQLite and PostgreSQL, with a fake diagnosis source (the diagnosis part is another's).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using D = domain::TransformationDimension;

domain::DimensionDiagnosis Dim(D d, std::optional<int> self, std::optional<int> measured) {
    domain::DimensionDiagnosis x;
    x.dimension = d;
    x.self_level = self;
    x.measured_level = measured;
    if (self && measured) x.gap = *measured - *self;
    return x;
}

domain::Diagnosis ADiagnosis() {
    domain::Diagnosis d;
    d.assessment_id = 3;
    d.assessed_on = MakeDate(2026, 11, 20);
    d.dimensions = {Dim(D::kData, 3, 1), Dim(D::kDivisionOfLabour, 2, std::nullopt), Dim(D::kAi, 3, 4),
                    Dim(D::kLearningCulture, std::nullopt, 3), Dim(D::kPublicSector, 2, 2)};
    return d;
}

std::string Shell(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    if (!p) return out;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    pclose(p);
    return out;
}

class PlanApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("plan-api", [](sql::SqlStore& store) {
            testing::SeedProductAndTeam(store.sales());  // users 1 and 2: field sales
            // Three of five deals with towns and villages (60%): towns_villages.
            std::vector<domain::Deal> deals = {testing::TestDeal(1, "013030", 1), testing::TestDeal(2, "013048", 1),
                                               testing::TestDeal(3, "013315", 2), testing::TestDeal(4, "131016", 2),
                                               testing::TestDeal(5, "271004", 2)};
            ASSERT_TRUE(store.sales().InsertDeals(deals).ok());
        });
        manager_ = world_->CreateUserToken("plan-manager", "manager", "東日本チーム");
        bdr_ = world_->CreateUserToken("plan-bdr", "bdr", "東日本チーム");
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    void SetUp() override { world_->plan_diagnoses().diagnosis = ADiagnosis(); }

    static std::set<std::string> KeysOf(const json& plan) {
        std::set<std::string> keys;
        for (const auto& s : plan["stages"]) {
            for (const auto& a : s["actions"]) keys.insert(a["key"].get<std::string>());
        }
        return keys;
    }
    static json ActionOf(const json& plan, const std::string& key) {
        for (const auto& s : plan["stages"]) {
            for (const auto& a : s["actions"]) {
                if (a["key"] == key) return a;
            }
        }
        return nullptr;
    }

    static testing::ApiTestWorld* world_;
    static std::string manager_, bdr_;
};

testing::ApiTestWorld* PlanApiTest::world_ = nullptr;
std::string PlanApiTest::manager_;
std::string PlanApiTest::bdr_;

TEST_F(PlanApiTest, WithoutADiagnosisThePlanSaysSo) {
    world_->plan_diagnoses().diagnosis.reset();
    for (const char* path : {"/api/transformation/plan", "/api/transformation/plan.xlsx"}) {
        const json body = world_->GetJson(path, 422);
        EXPECT_EQ(body["error"]["code"], "FAILED_PRECONDITION") << path;
        EXPECT_NE(body["error"]["message"].get<std::string>().find("変革診断の回答がまだありません"), std::string::npos)
            << body.dump();
    }
}

TEST_F(PlanApiTest, ThePlanFollowsTheDiagnosisAndTheProfileFromTheData) {
    const json plan = world_->GetJson("/api/transformation/plan?start=2026-12-01", 200);
    EXPECT_EQ(plan["start"], "2026-12-01");
    EXPECT_EQ(plan["end"], "2028-06-01");
    EXPECT_EQ(plan["assessment_id"], 3);
    EXPECT_EQ(plan["assessed_on"], "2026-11-20");
    const json& profile = plan["profile"];
    // Users 1 and 2 (field sales) and the bdr; the administrator and the manager do not count.
    EXPECT_EQ(profile["sales_staff"], 3);
    EXPECT_EQ(profile["size_band"], "small");
    EXPECT_EQ(profile["deals"], 5);
    EXPECT_EQ(profile["small_government_deals"], 3);
    EXPECT_EQ(profile["large_government_deals"], 2);
    EXPECT_EQ(profile["focus"], "towns_villages");
    EXPECT_EQ(profile["derived_focus"], "towns_villages");
    EXPECT_FALSE(profile["focus_overridden"].get<bool>());
    ASSERT_EQ(plan["stages"].size(), 3u);
    EXPECT_EQ(plan["stages"][0]["label_ja"], "パイロット");
    EXPECT_EQ(plan["stages"][1]["label_ja"], "拡大");
    EXPECT_EQ(plan["stages"][2]["label_ja"], "定着");
    EXPECT_EQ(plan["priorities"][0]["dimension"], "data");
    const auto keys = KeysOf(plan);
    EXPECT_EQ(keys.size(), plan["total_actions"].get<size_t>());
    EXPECT_TRUE(keys.count("division.solo_bdr_is"));
    EXPECT_TRUE(keys.count("public.small_contract_package"));
    EXPECT_TRUE(keys.count("public.rotation_handover"));
    EXPECT_FALSE(keys.count("public.procurement_calendar"));
    const json rotation = ActionOf(plan, "public.rotation_handover");
    EXPECT_EQ(rotation["due"], "2027-03-31");
    EXPECT_EQ(rotation["due_rule"], "before_fiscal_year");
    EXPECT_EQ(rotation["owner_role"], "field_sales");  // customer success, in a small company
    const json logging = ActionOf(plan, "data.same_day_logging");
    EXPECT_EQ(logging["owner_role"], "executive");
    EXPECT_EQ(logging["kpi"]["moves"], "same_day_logging");
    EXPECT_EQ(logging["kpi"]["target"], 80);
    EXPECT_EQ(logging["kpi"]["text"], "≥ 80%");
    EXPECT_EQ(logging["due"], "2027-03-01");
    EXPECT_EQ(logging["progress"]["status"], "todo");
}

TEST_F(PlanApiTest, QueryParametersOverrideSizeAndFocus) {
    const json plan = world_->GetJson("/api/transformation/plan?start=2026-12-01&staff=60&focus=large_cities", 200);
    EXPECT_EQ(plan["profile"]["sales_staff"], 60);
    EXPECT_EQ(plan["profile"]["measured_sales_staff"], 3);
    EXPECT_TRUE(plan["profile"]["staff_overridden"].get<bool>());
    EXPECT_EQ(plan["profile"]["size_band"], "large");
    EXPECT_EQ(plan["profile"]["focus"], "large_cities");
    EXPECT_EQ(plan["profile"]["derived_focus"], "towns_villages");
    const auto keys = KeysOf(plan);
    EXPECT_TRUE(keys.count("division.region_pilot"));
    EXPECT_TRUE(keys.count("division.enablement"));
    EXPECT_TRUE(keys.count("public.procurement_calendar"));
    EXPECT_FALSE(keys.count("public.small_contract_package"));
    const json medium = world_->GetJson("/api/transformation/plan?staff=10&focus=mixed", 200);
    EXPECT_EQ(medium["profile"]["size_band"], "medium");
    EXPECT_TRUE(KeysOf(medium).count("division.is_fs_pilot"));
}

TEST_F(PlanApiTest, BadParametersAreNamed) {
    struct Case {
        const char* query;
        const char* field;
    } cases[] = {{"staff=0", "staff"},
                 {"staff=many", "staff"},
                 {"focus=metropolis", "focus"},
                 {"start=2026-13-01", "start"},
                 {"colour=red", "colour"}};
    for (const auto& c : cases) {
        const json body = world_->GetJson(std::string("/api/transformation/plan?") + c.query, 400);
        ASSERT_FALSE(body["error"]["details"].empty()) << c.query;
        EXPECT_EQ(body["error"]["details"][0]["field"], c.field) << c.query;
    }
}

TEST_F(PlanApiTest, TheXlsxHoldsTheActionPlanSheet) {
    auto res = world_->Get("/api/transformation/plan.xlsx?start=2026-12-01&staff=20&focus=large_cities");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(res->get_header_value("Content-Disposition"),
              "attachment; filename=\"kyoso-action-plan-2026-12-01.xlsx\"");
    EXPECT_EQ(res->body.substr(0, 4), std::string("PK\x03\x04", 4));
    const auto path = std::filesystem::path(::testing::TempDir()) / ("plan-" + std::to_string(getpid()) + ".xlsx");
    std::ofstream(path, std::ios::binary) << res->body;
    const std::string workbook = Shell("unzip -p '" + path.string() + "' xl/workbook.xml");
    EXPECT_NE(workbook.find("行動計画"), std::string::npos) << workbook.substr(0, 400);
    const std::string cells = Shell("unzip -p '" + path.string() + "' xl/worksheets/sheet1.xml xl/sharedStrings.xml");
    for (const char* text : {"段階", "領域", "施策", "担当ロール", "KPI", "目標", "期日", "状況", "パイロット",
                             "当日記録率", "≥ 80%", "2027-03-01", "未着手", "マネージャー"}) {
        EXPECT_NE(cells.find(text), std::string::npos) << text;
    }
    std::filesystem::remove(path);
}

TEST_F(PlanApiTest, ProgressIsStoredAuditedAndShownOnThePlan) {
    auto put = world_->Send("PUT", "/api/transformation/plan/actions/data.key_fields",
                            R"({"status":"doing","note":"東日本チームで開始"})", manager_);
    ASSERT_TRUE(put);
    ASSERT_EQ(put->status, 200) << put->body;
    const json saved = json::parse(put->body);
    EXPECT_EQ(saved["key"], "data.key_fields");
    EXPECT_EQ(saved["status"], "doing");
    EXPECT_EQ(saved["updated_by_name"], "plan-manager");
    auto newest = world_->store().audit().Newest(1);
    ASSERT_TRUE(newest.ok());
    ASSERT_EQ(newest->size(), 1u);
    EXPECT_EQ((*newest)[0].action, "plan_progress.update");
    EXPECT_EQ((*newest)[0].entity_id, "data.key_fields");
    EXPECT_NE((*newest)[0].after_json.find("doing"), std::string::npos);

    const json plan = world_->GetJson("/api/transformation/plan?staff=20", 200);
    const json action = ActionOf(plan, "data.key_fields");
    EXPECT_EQ(action["progress"]["status"], "doing");
    EXPECT_EQ(action["progress"]["note"], "東日本チームで開始");
    EXPECT_EQ(action["progress"]["updated_by_name"], "plan-manager");

    // The note stays when only the status changes.
    auto done = world_->Send("PUT", "/api/transformation/plan/actions/data.key_fields", R"({"status":"done"})", "");
    ASSERT_TRUE(done);
    EXPECT_EQ(done->status, 401);
    auto finished = world_->Send("PUT", "/api/transformation/plan/actions/data.key_fields", R"({"status":"done"})",
                                 world_->admin_token());
    ASSERT_TRUE(finished);
    ASSERT_EQ(finished->status, 200) << finished->body;
    EXPECT_EQ(json::parse(finished->body)["note"], "東日本チームで開始");

    auto refused =
        world_->Send("PUT", "/api/transformation/plan/actions/data.key_fields", R"({"status":"todo"})", bdr_);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403);
    auto missing = world_->Send("PUT", "/api/transformation/plan/actions/no.such_action", R"({"status":"todo"})",
                                world_->admin_token());
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    auto bad = world_->Send("PUT", "/api/transformation/plan/actions/data.key_fields", R"({"status":"paused"})",
                            world_->admin_token());
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_EQ(json::parse(bad->body)["error"]["details"][0]["field"], "status");
    const std::string long_note = R"({"status":"todo","note":")" + std::string(2001, 'x') + "\"}";
    auto too_long =
        world_->Send("PUT", "/api/transformation/plan/actions/data.key_fields", long_note, world_->admin_token());
    ASSERT_TRUE(too_long);
    EXPECT_EQ(too_long->status, 400);
}

}  // namespace
}  // namespace kyoso::api
