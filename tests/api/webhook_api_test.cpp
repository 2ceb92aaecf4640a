#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

// One server for the suite; each test makes its own webhooks.
class WebhookApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new testing::ApiTestWorld("webhook-api"); }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static httplib::Result Send(const std::string& method, const std::string& path, const std::string& body = "") {
        httplib::Client client("127.0.0.1", world_->port());
        client.set_default_headers({{"Authorization", "Bearer " + world_->admin_token()}});
        if (method == "PATCH") return client.Patch(path.c_str(), body, "application/json");
        if (method == "DELETE") return client.Delete(path.c_str());
        if (method == "POST") return client.Post(path.c_str(), body, "application/json");
        return client.Get(path.c_str());
    }
    static json Call(const std::string& method, const std::string& path, const std::string& body, int expect) {
        auto res = Send(method, path, body);
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return {};
        EXPECT_EQ(res->status, expect) << method << " " << path << " " << body << " -> " << res->body;
        if (res->body.empty()) return {};
        return json::parse(res->body, nullptr, false);
    }
    static std::set<std::string> Fields(const json& error) {
        std::set<std::string> out;
        for (const auto& d : error["error"]["details"]) out.insert(d["field"].get<std::string>());
        return out;
    }
    static long long AuditHead() {
        auto last = world_->store().audit().LastEntry();
        return last.ok() && *last ? (*last)->seq : 0;
    }
    static long long Create(const std::string& url = "https://hooks.example.jp/kyoso") {
        auto body = Call("POST", "/api/webhooks", json{{"url", url}, {"events", {"deal.*"}}}.dump(), 201);
        return body.value("id", 0LL);
    }

    static testing::ApiTestWorld* world_;
};

testing::ApiTestWorld* WebhookApiTest::world_ = nullptr;

TEST_F(WebhookApiTest, CreateShowsTheSecretOnceAndNeverAgain) {
    auto created =
        Call("POST", "/api/webhooks",
             R"({"url":"https://hooks.example.jp/a","events":["deal.*","activity.log"],"description":"SFA連携"})", 201);
    ASSERT_TRUE(created.is_object());
    const std::string secret = created["secret"];
    EXPECT_EQ(secret.rfind("whsec_", 0), 0u);
    EXPECT_EQ(secret.size(), 6u + 64u);
    EXPECT_EQ(created["events"], json({"deal.*", "activity.log"}));
    EXPECT_EQ(created["active"], true);
    const long long id = created["id"];
    auto shown = Call("GET", "/api/webhooks/" + std::to_string(id), "", 200);
    EXPECT_FALSE(shown.contains("secret"));
    EXPECT_EQ(shown["description"], "SFA連携");
    auto list = Call("GET", "/api/webhooks", "", 200);
    bool found = false;
    for (const auto& w : list["items"]) {
        EXPECT_FALSE(w.contains("secret"));
        found = found || w["id"] == id;
    }
    EXPECT_TRUE(found);
    auto patched =
        Call("PATCH", "/api/webhooks/" + std::to_string(id), R"({"secret":"a-new-secret-of-sufficient-length"})", 200);
    EXPECT_FALSE(patched.contains("secret"));
}

TEST_F(WebhookApiTest, BadBodiesAre400WithFieldErrorsAndWriteNothing) {
    const long long head = AuditHead();
    const size_t before = world_->store().webhooks().ListSubscriptions()->size();
    struct Case {
        std::string body;
        std::set<std::string> fields;
    };
    const std::vector<Case> cases = {
        {R"({"url":)", {"body"}},
        {"[1,2]", {"body"}},
        {"", {"body"}},
        {R"({"url":"https://a.jp/","events":["*"],"colour":"red"})", {"colour"}},
        {R"({"url":42,"events":"deal.*","active":"yes"})", {"url", "events", "active"}},
        {R"({"url":"https://a.jp/","events":[1]})", {"events[0]"}},
        {R"({"url":null,"events":["*"]})", {"url"}},
        {R"({"url":"ftp://a.jp/","events":["deal.*","Deal!"],"secret":"short"})", {"url", "events[1]", "secret"}},
        {R"({"url":"http://user:pw@a.jp/","events":["*"]})", {"url"}},
        {R"({"events":[]})", {"url", "events"}},
    };
    for (const auto& c : cases) {
        auto error = Call("POST", "/api/webhooks", c.body, 400);
        EXPECT_EQ(error["error"]["code"], "INVALID_ARGUMENT") << c.body;
        EXPECT_EQ(Fields(error), c.fields) << c.body;
    }
    EXPECT_EQ(world_->store().webhooks().ListSubscriptions()->size(), before);
    EXPECT_EQ(AuditHead(), head);
}

TEST_F(WebhookApiTest, PatchValidatesAndUnknownIdsAre404) {
    const long long id = Create();
    const std::string path = "/api/webhooks/" + std::to_string(id);
    const long long head = AuditHead();
    EXPECT_EQ(Fields(Call("PATCH", path, R"j({"url":"javascript:alert(1)"})j", 400)), std::set<std::string>{"url"});
    EXPECT_EQ(Fields(Call("PATCH", path, R"({"active":1})", 400)), std::set<std::string>{"active"});
    EXPECT_EQ(Fields(Call("PATCH", path, R"({"events":[]})", 400)), std::set<std::string>{"events"});
    EXPECT_EQ(Fields(Call("PATCH", path, R"({"id":5})", 400)), std::set<std::string>{"id"});
    EXPECT_EQ(AuditHead(), head) << "a refused PATCH writes nothing";
    EXPECT_EQ(Call("GET", path, "", 200)["url"], "https://hooks.example.jp/kyoso");

    auto ok = Call("PATCH", path, R"({"active":false,"events":["*"],"url":"http://127.0.0.1:9/x"})", 200);
    EXPECT_EQ(ok["active"], false);
    EXPECT_EQ(ok["events"], json({"*"}));
    EXPECT_EQ(AuditHead(), head + 1);

    Call("GET", "/api/webhooks/999999", "", 404);
    Call("PATCH", "/api/webhooks/999999", R"({"active":true})", 404);
    Call("DELETE", "/api/webhooks/999999", "", 404);
    Call("GET", "/api/webhooks/abc", "", 400);
    Call("GET", "/api/webhooks/999999/deliveries", "", 404);
}

TEST_F(WebhookApiTest, DeleteRemovesTheWebhookAndIsAudited) {
    const long long id = Create();
    const std::string path = "/api/webhooks/" + std::to_string(id);
    auto res = Send("DELETE", path);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 204);
    Call("GET", path, "", 404);
    auto newest = world_->store().audit().Newest(1);
    EXPECT_EQ((*newest)[0].action, "webhook.delete");
    EXPECT_EQ((*newest)[0].entity_id, std::to_string(id));
}

TEST_F(WebhookApiTest, DeliveryLogAndReplay) {
    const long long id = Create("http://127.0.0.1:9/hook");
    auto& repo = world_->store().webhooks();
    auto add = [&](domain::DeliveryStatus status, long long seq) {
        domain::WebhookDelivery d;
        d.subscription_id = id;
        d.audit_seq = seq;
        d.event = "deal.move_stage";
        d.payload = R"({"event":"deal.move_stage"})";
        d.status = status;
        d.attempts = status == domain::DeliveryStatus::kPending ? 0 : 6;
        d.created_at = "2026-11-27T04:00:00Z";
        auto did = repo.InsertDelivery(d);
        EXPECT_TRUE(did.ok());
        if (status != domain::DeliveryStatus::kPending) {
            EXPECT_TRUE(repo.InsertAttempt({*did, "2026-11-27T04:00:00Z", 500, "HTTP 500", 8}).ok());
        }
        return did.ok() ? *did : 0;
    };
    const long long dead = add(domain::DeliveryStatus::kDead, 100001);
    const long long done = add(domain::DeliveryStatus::kSucceeded, 100002);
    const long long pending = add(domain::DeliveryStatus::kPending, 100003);

    const std::string log = "/api/webhooks/" + std::to_string(id) + "/deliveries";
    auto page = Call("GET", log + "?limit=2", "", 200);
    ASSERT_EQ(page["items"].size(), 2u);
    EXPECT_EQ(page["items"][0]["id"], pending);
    EXPECT_TRUE(page["next_cursor"].is_string());
    auto rest = Call("GET", log + "?limit=2&cursor=" + page["next_cursor"].get<std::string>(), "", 200);
    ASSERT_EQ(rest["items"].size(), 1u);
    EXPECT_EQ(rest["items"][0]["id"], dead);
    EXPECT_EQ(rest["items"][0]["attempt_log"][0]["status_code"], 500);
    EXPECT_EQ(rest["items"][0]["payload"]["event"], "deal.move_stage");
    EXPECT_TRUE(rest["next_cursor"].is_null());
    EXPECT_EQ(Call("GET", log + "?status=dead", "", 200)["items"].size(), 1u);
    EXPECT_EQ(Fields(Call("GET", log + "?status=lost", "", 400)), std::set<std::string>{"status"});
    EXPECT_EQ(Fields(Call("GET", log + "?cursor=nothex", "", 400)), std::set<std::string>{"cursor"});

    const auto replay = [](long long d) { return "/api/webhook-deliveries/" + std::to_string(d) + "/replay"; };
    Call("POST", replay(pending), "", 409);
    Call("POST", replay(done), "", 422);
    EXPECT_EQ(Fields(Call("POST", replay(done), R"({"force":"yes"})", 400)), std::set<std::string>{"force"});
    EXPECT_EQ(Fields(Call("POST", replay(done), R"({"force":true,"now":1})", 400)), std::set<std::string>{"now"});
    Call("POST", replay(done), "{", 400);
    Call("POST", replay(999999), "", 404);
    Call("POST", "/api/webhook-deliveries/x/replay", "", 400);
    auto queued = Call("POST", replay(dead), "", 200);
    EXPECT_EQ(queued["status"], "pending");
    EXPECT_TRUE(queued["next_attempt_at"].is_string());
    Call("POST", replay(dead), "", 409);
    EXPECT_EQ(Call("POST", replay(done), R"({"force":true})", 200)["status"], "pending");
}

TEST_F(WebhookApiTest, MetricsCountDeliveriesByStatus) {
    auto res = Send("GET", "/metrics");
    ASSERT_TRUE(res);
    EXPECT_NE(res->body.find("kyoso_webhook_deliveries{status=\"dead\"}"), std::string::npos) << res->body;
    EXPECT_NE(res->body.find("kyoso_webhook_deliveries{status=\"pending\"}"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::api
