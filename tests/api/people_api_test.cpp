// Departments, officials and the rotation import over HTTP: good requests and
// every kind of bad input (nothing written on failure).
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class PeopleApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("people-api", [](sql::SqlStore& store) {
            testing::SeedProductAndTeam(store.sales());
            ASSERT_TRUE(store.sales().InsertOfficials({testing::ChiyodaOfficial()}).ok());
        });
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Send(const std::string& method, const std::string& path, const std::string& body, int expect,
                     const std::string& content_type = "application/json") {
        httplib::Client client("127.0.0.1", world_->port());
        client.set_default_headers({{"Authorization", "Bearer " + world_->admin_token()}});
        httplib::Result res = method == "POST"     ? client.Post(path.c_str(), body, content_type.c_str())
                              : method == "PATCH"  ? client.Patch(path.c_str(), body, content_type.c_str())
                              : method == "DELETE" ? client.Delete(path.c_str())
                                                   : client.Get(path.c_str());
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return {};
        EXPECT_EQ(res->status, expect) << method << " " << path << " " << body << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }

    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"]);
        return out;
    }

    static long long AuditHead() {
        auto last = world_->store().audit().LastEntry();
        return last.ok() && *last ? (*last)->seq : 0;
    }

    static testing::ApiTestWorld* world_;
};

testing::ApiTestWorld* PeopleApiTest::world_ = nullptr;

TEST_F(PeopleApiTest, DepartmentLifecycle) {
    auto bureau = Send("POST", "/api/departments",
                       R"({"government_code":"13101","name":"総務部","policy_domains":["DX","防災"]})", 201);
    ASSERT_TRUE(bureau.contains("id"));
    EXPECT_EQ(bureau["government_code"], "131016");
    EXPECT_EQ(bureau["level"], "bureau");
    const long long bid = bureau["id"];
    auto division = Send("POST", "/api/departments",
                         json({{"government_code", "131016"}, {"parent_id", bid}, {"name", "情報政策課"}}).dump(), 201);
    EXPECT_EQ(division["level"], "division");
    const long long did = division["id"];

    auto flat = Send("GET", "/api/governments/131016/departments", "", 200);
    EXPECT_EQ(flat["items"].size(), 2u);
    auto tree = Send("GET", "/api/governments/131016/departments?view=tree", "", 200);
    ASSERT_EQ(tree["items"].size(), 1u);
    EXPECT_EQ(tree["items"][0]["children"][0]["id"], did);
    Send("GET", "/api/governments/131016/departments?view=graph", "", 400);
    Send("GET", "/api/governments/999999/departments", "", 400);
    Send("GET", "/api/governments/131024/departments?colour=1", "", 400);
    Send("GET", "/api/governments/131997/departments", "", 404);

    auto renamed =
        Send("PATCH", "/api/departments/" + std::to_string(did), R"({"name":"DX推進課","phone":"03-1"})", 200);
    EXPECT_EQ(renamed["name"], "DX推進課");
    EXPECT_EQ(Send("GET", "/api/departments/" + std::to_string(did), "", 200)["phone"], "03-1");

    const long long before = AuditHead();
    EXPECT_EQ(Fields(Send("DELETE", "/api/departments/" + std::to_string(bid), "", 409)),
              (std::vector<std::string>{"children"}));
    auto dup = Send("POST", "/api/departments",
                    json({{"government_code", "131016"}, {"parent_id", bid}, {"name", "DX推進課"}}).dump(), 409);
    EXPECT_EQ(Fields(dup), (std::vector<std::string>{"name"}));
    Send("PATCH", "/api/departments/" + std::to_string(did), R"({"parent_id":"one"})", 400);
    Send("PATCH", "/api/departments/" + std::to_string(bid), json({{"parent_id", did}}).dump(), 400);
    Send("GET", "/api/departments/abc", "", 400);
    Send("GET", "/api/departments/999999", "", 404);
    Send("PATCH", "/api/departments/999999", R"({"name":"x"})", 404);
    Send("DELETE", "/api/departments/999999", "", 404);
    EXPECT_EQ(AuditHead(), before);  // nothing written by the failures

    Send("DELETE", "/api/departments/" + std::to_string(did), "", 200);
    Send("GET", "/api/departments/" + std::to_string(did), "", 404);
}

TEST_F(PeopleApiTest, DepartmentBadInput) {
    const long long before = AuditHead();
    EXPECT_EQ(Fields(Send("POST", "/api/departments", R"({"government_code":)", 400)),
              (std::vector<std::string>{"body"}));
    EXPECT_EQ(Fields(Send("POST", "/api/departments", "[1]", 400)), (std::vector<std::string>{"body"}));
    EXPECT_EQ(
        Fields(Send("POST", "/api/departments", R"({"government_code":"131016","name":"x","colour":"red"})", 400)),
        (std::vector<std::string>{"colour"}));
    EXPECT_EQ(Fields(Send("POST", "/api/departments", R"({"government_code":131016,"name":["x"]})", 400)),
              (std::vector<std::string>{"government_code", "name"}));
    EXPECT_EQ(Fields(Send("POST", "/api/departments",
                          R"({"government_code":"131016","name":"x","level":"floor","policy_domains":["宇宙"]})", 400)),
              (std::vector<std::string>{"level", "policy_domains[0]"}));
    EXPECT_EQ(
        Fields(Send("POST", "/api/departments", R"({"government_code":"131016","name":"x","parent_id":999999})", 400)),
        (std::vector<std::string>{"parent_id"}));
    EXPECT_EQ(Fields(Send("POST", "/api/departments", R"({"government_code":"131997","name":"x"})", 400)),
              (std::vector<std::string>{"government_code"}));
    EXPECT_EQ(AuditHead(), before);
}

TEST_F(PeopleApiTest, OfficialsCreateListGetPatch) {
    auto created = Send("POST", "/api/officials",
                        R"({"government_code":"132012","name":"高橋 一郎","kana":"たかはし いちろう","title":"課長",
                            "decision_role":"決裁者","email":"t@example.jp","posted_from":"2025-04-01"})",
                        201);
    ASSERT_TRUE(created.contains("id"));
    const long long id = created["id"];
    EXPECT_EQ(created["decision_role"], "approver");
    EXPECT_EQ(created["postings"].size(), 1u);

    // The same person again: 409 naming the existing official, unless allowed.
    auto dup = Send("POST", "/api/officials",
                    R"({"government_code":"132012","name":"高橋一郎","kana":"タカハシ イチロウ"})", 409);
    EXPECT_NE(dup["error"]["message"].get<std::string>().find("official " + std::to_string(id)), std::string::npos);
    Send("POST", "/api/officials",
         R"({"government_code":"132012","name":"高橋一郎","kana":"タカハシ イチロウ","allow_duplicate":true})", 201);

    auto list = Send("GET", "/api/officials?government=132012&role=approver&fields=id,name", "", 200);
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0].size(), 2u);
    EXPECT_EQ(list["items"][0]["name"], "高橋 一郎");
    auto paged = Send("GET", "/api/officials?limit=1&sort=-id", "", 200);
    ASSERT_FALSE(paged["next_cursor"].is_null());
    Send("GET", "/api/officials?limit=1&sort=-id&cursor=" + paged["next_cursor"].get<std::string>(), "", 200);
    Send("GET", "/api/officials?sort=age", "", 400);
    Send("GET", "/api/officials?do_not_contact=maybe", "", 400);
    Send("GET", "/api/officials?cursor=nothex", "", 400);

    auto patched = Send("PATCH", "/api/officials/" + std::to_string(id),
                        R"({"title":"部長","do_not_contact":true,"decision_role":null})", 200);
    EXPECT_EQ(patched["title"], "部長");
    EXPECT_TRUE(patched["do_not_contact"].get<bool>());
    EXPECT_TRUE(patched["decision_role"].is_null());
    EXPECT_EQ(patched["postings"].size(), 2u);
    EXPECT_EQ(patched["postings"][0]["title"], "部長");
    // Renaming into another official's name and kana is a duplicate too.
    auto other = Send("POST", "/api/officials", R"({"government_code":"132012","name":"伊藤 二郎"})", 201);
    Send("PATCH", "/api/officials/" + std::to_string(other["id"].get<long long>()),
         R"({"name":"高橋 一郎","kana":"たかはし いちろう"})", 409);
    auto detail = Send("GET", "/api/officials/" + std::to_string(id), "", 200);
    EXPECT_EQ(detail["postings"][1]["to"], "2026-11-26");
    Send("GET", "/api/officials/0", "", 400);
    Send("GET", "/api/officials/999999", "", 404);
}

TEST_F(PeopleApiTest, OfficialBadInputWritesNothing) {
    const long long before = AuditHead();
    Send("POST", "/api/officials", "{", 400);
    EXPECT_EQ(Fields(Send("POST", "/api/officials", R"({"government_code":"131016","name":"x","age":40})", 400)),
              (std::vector<std::string>{"age"}));
    EXPECT_EQ(Fields(Send("POST", "/api/officials", R"({"government_code":"131016","name":"x","do_not_contact":"yes"})",
                          400)),
              (std::vector<std::string>{"do_not_contact"}));
    EXPECT_EQ(
        Fields(Send("POST", "/api/officials",
                    R"({"government_code":"131016","name":"x","department_id":999999,"decision_role":"boss"})", 400)),
        (std::vector<std::string>{"decision_role", "department_id"}));
    Send("PATCH", "/api/officials/1", R"({"email":"not-an-address"})", 400);
    Send("PATCH", "/api/officials/1", R"({"name":5})", 400);
    Send("PATCH", "/api/officials/999999", R"({"name":"x"})", 404);
    EXPECT_EQ(AuditHead(), before);
}

TEST_F(PeopleApiTest, RotationImportDryRunAndApply) {
    const std::string csv =
        "氏名,かな,団体コード,新所属,新職名,発令日\n山田 太郎,やまだ たろう,131016,企画部 企画課,課長,2027-04-01\n";
    const long long before = AuditHead();
    auto dry = Send("POST", "/api/imports/rotations?dry_run=true", csv, 200, "text/csv");
    EXPECT_TRUE(dry["dry_run"].get<bool>());
    EXPECT_EQ(dry["summary"]["moved"], 1);
    EXPECT_EQ(dry["rows"][0]["official_id"], 1);
    EXPECT_EQ(AuditHead(), before);
    auto bad = Send("POST", "/api/imports/rotations", csv + "佐藤,,131016,企画課,,someday\n", 400, "text/csv");
    EXPECT_EQ(Fields(bad), (std::vector<std::string>{"row 3: 発令日"}));
    Send("POST", "/api/imports/rotations?dry_run=maybe", csv, 400, "text/csv");
    Send("POST", "/api/imports/rotations", "", 400, "text/csv");
    EXPECT_EQ(AuditHead(), before);
    auto applied = Send("POST", "/api/imports/rotations", csv, 200, "text/csv");
    EXPECT_FALSE(applied["dry_run"].get<bool>());
    auto moved = Send("GET", "/api/officials/1", "", 200);
    EXPECT_EQ(moved["department"], "企画部 企画課");
    EXPECT_EQ(moved["posted_from"], "2027-04-01");
    // The rotation is audited as the signed-in administrator, not as "system".
    auto newest = world_->store().audit().Newest(1);
    ASSERT_TRUE(newest.ok() && !newest->empty());
    auto admin = world_->store().accounts().FindByLogin("test-admin");
    ASSERT_TRUE(admin.ok());
    EXPECT_EQ(newest->front().actor, "user:" + std::to_string(admin->user_id));
}

}  // namespace
}  // namespace kyoso::api
