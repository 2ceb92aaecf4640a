// POST /api/imports?async=true and GET /api/import-jobs/{id}: background imports
// with progress for the web app's import wizard.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

const char kBadUsers[] = "ユーザーID,氏名,ロール\nAJ-1,非同期 一,bdr\nAJ-2,,wizard\nAJ-3,非同期 三,manager\n";

class ImportJobsApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("import-jobs-api");
        manager_ = world_->CreateUserToken("jobs-manager", "manager", "東チーム", {}, &manager_id_);
        other_ = world_->CreateUserToken("jobs-other", "manager", "東チーム");
        bdr_ = world_->CreateUserToken("jobs-bdr", "bdr", "東チーム");
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Call(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& token, int expect) {
        auto res = world_->Send(method, path, body, token);
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return {};
        EXPECT_EQ(res->status, expect) << method << " " << path << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }

    // Starts an async import as `token`; the job id.
    static std::string Start(const std::string& query, const std::string& csv, const std::string& token) {
        auto res = world_->Send("POST", "/api/imports?" + query + "&async=true", csv, token);
        EXPECT_TRUE(res);
        if (!res) return "";
        EXPECT_EQ(res->status, 202) << res->body;
        const json body = json::parse(res->body, nullptr, false);
        EXPECT_EQ(body.size(), 2u) << body.dump();
        const std::string id = body.value("job_id", "");
        EXPECT_EQ(id.size(), 32u);
        EXPECT_EQ(body.value("status_url", ""), "/api/import-jobs/" + id);
        EXPECT_EQ(res->get_header_value("Location"), "/api/import-jobs/" + id);
        return id;
    }

    // Polls the job until it has finished; its last answer.
    static json Finished(const std::string& id, const std::string& token) {
        for (int i = 0; i < 30000; ++i) {
            json job = Call("GET", "/api/import-jobs/" + id, "", token, 200);
            if (job.is_discarded() || job.is_null()) return job;
            if (job["state"] == "done" || job["state"] == "failed") return job;
            EXPECT_TRUE(job["state"] == "queued" || job["state"] == "running") << job.dump();
            EXPECT_TRUE(job["http_status"].is_null() && job["report"].is_null() && job["error"].is_null());
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        ADD_FAILURE() << "job " << id << " did not finish";
        return {};
    }

    static testing::ApiTestWorld* world_;
    static std::string manager_, other_, bdr_;
    static long long manager_id_;
};

testing::ApiTestWorld* ImportJobsApiTest::world_ = nullptr;
std::string ImportJobsApiTest::manager_;
std::string ImportJobsApiTest::other_;
std::string ImportJobsApiTest::bdr_;
long long ImportJobsApiTest::manager_id_ = 0;

TEST_F(ImportJobsApiTest, ABadRowGivesTheSameReportAsTheSynchronousImportAndWritesNothing) {
    const json sync = Call("POST", "/api/imports?type=users", kBadUsers, manager_, 422);
    const json job = Finished(Start("type=users", kBadUsers, manager_), manager_);
    EXPECT_EQ(job["state"], "done");
    EXPECT_EQ(job["http_status"], 422);
    EXPECT_EQ(job["type"], "users");
    EXPECT_EQ(job["dry_run"], false);
    EXPECT_TRUE(job["error"].is_null());
    EXPECT_EQ(job["report"], sync) << "the same report, field for field";
    EXPECT_EQ(job["report"]["applied"], false);
    EXPECT_GT(job["report"]["error_count"].get<int>(), 0);
    // Nothing written by either.
    const json people = Call("GET", "/api/people", "", manager_, 200);
    EXPECT_EQ(people.dump().find("非同期"), std::string::npos) << people.dump();
    // A dry run answers 200 in both forms.
    const json dry = Finished(Start("type=users&dry_run=true", kBadUsers, manager_), manager_);
    EXPECT_EQ(dry["http_status"], 200);
    EXPECT_EQ(dry["dry_run"], true);
    EXPECT_EQ(dry["report"], Call("POST", "/api/imports?type=users&dry_run=true", kBadUsers, manager_, 200));
}

TEST_F(ImportJobsApiTest, AGoodFileIsImportedWithTheCallerAsAuditActorAndProgressReachesTheTotal) {
    std::string csv = "id,name,role,team\n";
    for (int i = 1; i <= 2000; ++i) csv += "AJG-" + std::to_string(i) + ",一括 " + std::to_string(i) + ",bdr,一括\n";
    const json job = Finished(Start("type=users&encoding=utf-8", csv, manager_), manager_);
    EXPECT_EQ(job["state"], "done") << job.dump();
    EXPECT_EQ(job["http_status"], 200);
    EXPECT_EQ(job["report"]["applied"], true);
    EXPECT_EQ(job["report"]["inserted"], 2000);
    EXPECT_EQ(job["phase"], "import users");
    EXPECT_EQ(job["done"], 2000);
    EXPECT_EQ(job["total"], 2000);
    EXPECT_TRUE(job["started_at"].is_string());
    EXPECT_TRUE(job["finished_at"].is_string());
    EXPECT_LE(job["started_at"].get<std::string>(), job["finished_at"].get<std::string>());
    // Visible afterwards, and audited as the signed-in user.
    const json people = Call("GET", "/api/people", "", manager_, 200);
    int found = 0;
    for (const auto& p : people["items"]) found += p["team"] == "一括";
    EXPECT_EQ(found, 2000);
    auto last = world_->store().audit().LastEntry();
    ASSERT_TRUE(last.ok() && *last);
    EXPECT_EQ((*last)->action, "import.users");
    EXPECT_EQ((*last)->actor, "user:" + std::to_string(manager_id_));
}

TEST_F(ImportJobsApiTest, AFileThatCannotBeReadFailsWithTheErrorTheSynchronousImportGives) {
    const std::string broken = "id,name\n\"broken\n";
    const json sync = Call("POST", "/api/imports?type=users", broken, manager_, 400);
    const json job = Finished(Start("type=users", broken, manager_), manager_);
    EXPECT_EQ(job["state"], "failed");
    EXPECT_EQ(job["http_status"], 400);
    EXPECT_TRUE(job["report"].is_null());
    EXPECT_EQ(job["error"], sync["error"]);
}

TEST_F(ImportJobsApiTest, BadParametersAreRefusedAtOnce) {
    const json bad = Call("POST", "/api/imports?type=sheep&async=true", kBadUsers, manager_, 400);
    EXPECT_EQ(bad["error"]["details"][0]["field"], "type");
    const json async = Call("POST", "/api/imports?type=users&async=maybe", kBadUsers, manager_, 400);
    EXPECT_EQ(async["error"]["details"][0]["field"], "async");
    // async=false is the synchronous import.
    Call("POST", "/api/imports?type=users&dry_run=true&async=false", kBadUsers, manager_, 200);
}

TEST_F(ImportJobsApiTest, OnlyTheStarterAndAdministratorsSeeAJob) {
    const std::string id = Start("type=users&dry_run=true", kBadUsers, manager_);
    Finished(id, manager_);
    Call("GET", "/api/import-jobs/" + id, "", world_->admin_token(), 200);
    const json hidden = Call("GET", "/api/import-jobs/" + id, "", other_, 404);
    EXPECT_EQ(hidden["error"]["code"], "NOT_FOUND");
    Call("GET", "/api/import-jobs/" + id, "", bdr_, 403);  // no import capability at all
    Call("GET", "/api/import-jobs/" + id, "", "", 401);
    Call("GET", "/api/import-jobs/0123456789abcdef0123456789abcdef", "", manager_, 404);
    Call("GET", "/api/import-jobs/nonsense", "", manager_, 404);
    Call("POST", "/api/imports?type=users&async=true", kBadUsers, bdr_, 403);
}

}  // namespace
}  // namespace kyoso::api
