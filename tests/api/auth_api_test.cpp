// Sign-in over HTTP: the cookie's attributes, CSRF on writes, the access policy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "kyoso/api/auth_handlers.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class AuthApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("auth-api");
        (void)world_->CreateUserToken("kato", "inside_sales", "インサイドセールス部");
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    static httplib::Result Raw(const std::string& method, const std::string& path, const std::string& body,
                               const httplib::Headers& headers) {
        httplib::Client client("127.0.0.1", world_->port());
        if (method == "POST") return client.Post(path.c_str(), headers, body, "application/json");
        if (method == "DELETE") return client.Delete(path.c_str(), headers);
        return client.Get(path.c_str(), headers);
    }
    static testing::ApiTestWorld* world_;
};
testing::ApiTestWorld* AuthApiTest::world_ = nullptr;

TEST_F(AuthApiTest, CookieSessionsNeedTheCsrfTokenOnWrites) {
    auto in = Raw("POST", "/api/session",
                  json{{"login", "kato"}, {"password", testing::ApiTestWorld::kTestPassword}}.dump(), {});
    ASSERT_TRUE(in);
    ASSERT_EQ(in->status, 201) << in->body;
    const std::string set_cookie = in->get_header_value("Set-Cookie");
    EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos) << set_cookie;
    EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos) << set_cookie;
    EXPECT_NE(set_cookie.find("Path=/"), std::string::npos) << set_cookie;
    EXPECT_EQ(in->get_header_value("Cache-Control"), "no-store");
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const std::string csrf = json::parse(in->body)["csrf_token"];

    // Reads work with the cookie alone.
    auto me = Raw("GET", "/api/session", "", {{"Cookie", cookie}});
    ASSERT_EQ(me->status, 200) << me->body;
    EXPECT_EQ(json::parse(me->body)["user"]["role"], "inside_sales");
    EXPECT_EQ(json::parse(me->body)["csrf_token"], csrf);
    // A write without (or with a wrong) CSRF token is refused before it runs.
    const std::string lead = R"({"source":"seminar","government_code":"131016","title":"CSRF"})";
    EXPECT_EQ(Raw("POST", "/api/leads", lead, {{"Cookie", cookie}})->status, 403);
    EXPECT_EQ(Raw("POST", "/api/leads", lead, {{"Cookie", cookie}, {"X-CSRF-Token", csrf + "0"}})->status, 403);
    auto ok = Raw("POST", "/api/leads", lead, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    EXPECT_EQ(ok->status, 201) << ok->body;
    // The lead is the signed-in user's, and audited as theirs.
    auto created = json::parse(ok->body);
    EXPECT_EQ(created["owner_id"], json::parse(me->body)["user"]["user_id"]);
    // Sign-out ends the session and clears the cookie.
    auto out = Raw("DELETE", "/api/session", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    EXPECT_EQ(out->status, 200);
    EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(Raw("GET", "/api/session", "", {{"Cookie", cookie}})->status, 401);
}

TEST_F(AuthApiTest, AnswersWithoutCredentialsAre401WithAChallenge) {
    auto res = Raw("GET", "/api/deals", "", {});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(res->get_header_value("WWW-Authenticate"), R"(Bearer realm="kyoso")");
    EXPECT_EQ(json::parse(res->body)["error"]["code"], "UNAUTHENTICATED");
    EXPECT_EQ(Raw("GET", "/api/deals", "", {{"Authorization", "Bearer kyo_nope"}})->status, 401);
    EXPECT_EQ(Raw("GET", "/api/deals", "", {{"Cookie", "kyoso_session=abc"}})->status, 401);
    // Health and the API description stay public, with the security headers.
    auto health = Raw("GET", "/api/health", "", {});
    EXPECT_EQ(health->status, 200);
    EXPECT_EQ(health->get_header_value("X-Frame-Options"), "DENY");
    EXPECT_EQ(health->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_NE(health->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(health->get_header_value("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
}

TEST_F(AuthApiTest, AChangedAccessPolicyTakesEffectAndIsStored) {
    // Inside sales normally read their team's leads only; widen to all, then back.
    const std::string widen = R"({"roles":{"inside_sales":{"records":{"lead":{"read":"all","write":"own"}}}}})";
    auto put = world_->Send("PUT", "/api/access-policy", widen, world_->admin_token());
    ASSERT_EQ(put->status, 200) << put->body;
    EXPECT_EQ(json::parse(put->body)["roles"]["inside_sales"]["records"]["lead"]["read"], "all");
    EXPECT_EQ(world_->authorizer().policy().Rule(domain::AccessRole::kInsideSales, domain::RecordKind::kLead).read,
              domain::Scope::kAll);
    auto stored = world_->store().accounts().LoadAccessPolicy();
    ASSERT_TRUE(stored.ok());
    auto reparsed = ParseAccessPolicy(json::parse(*stored));
    ASSERT_TRUE(reparsed.ok());
    EXPECT_EQ(reparsed->Rule(domain::AccessRole::kInsideSales, domain::RecordKind::kLead).read, domain::Scope::kAll);
    auto restore = world_->Send("PUT", "/api/access-policy", R"({"roles":{}})", world_->admin_token());
    ASSERT_EQ(restore->status, 200);
    EXPECT_EQ(world_->authorizer().policy().Rule(domain::AccessRole::kInsideSales, domain::RecordKind::kLead).read,
              domain::Scope::kTeam);
}

TEST(AccessPolicyJson, BadPoliciesNameEveryMember) {
    auto bad = ParseAccessPolicy(json::parse(R"({"roles":{
        "admin":{},
        "wizard":{},
        "bdr":{"records":{"deal":{"read":"galaxy","colour":1},"ship":{}},"capabilities":["fly"]},
        "manager":{"records":{"lead":{"read":"own","write":"all"}}}}})"));
    ASSERT_FALSE(bad.ok());
    std::vector<std::string> fields;
    for (const auto& d : bad.status().details()) fields.push_back(d.field);
    EXPECT_EQ(fields,
              (std::vector<std::string>{"roles.admin", "roles.bdr.capabilities", "roles.bdr.records.deal.colour",
                                        "roles.bdr.records.deal.read", "roles.bdr.records.ship",
                                        "roles.manager.records.lead", "roles.wizard"}));
    EXPECT_FALSE(ParseAccessPolicy(json::array()).ok());
    EXPECT_FALSE(ParseAccessPolicy(json::parse(R"({"roles":{},"extra":1})")).ok());
    auto round = ParseAccessPolicy(AccessPolicyJson(domain::AccessPolicy::Defaults()));
    ASSERT_TRUE(round.ok()) << round.status().ToString();
    EXPECT_EQ(AccessPolicyJson(*round), AccessPolicyJson(domain::AccessPolicy::Defaults()));
}

TEST(CookieValue, FindsTheNamedCookie) {
    EXPECT_EQ(CookieValue("a=1; kyoso_session=abc; b=2", "kyoso_session"), "abc");
    EXPECT_EQ(CookieValue("kyoso_session=", "kyoso_session"), "");
    EXPECT_EQ(CookieValue("xkyoso_session=1", "kyoso_session"), "");
    EXPECT_EQ(CookieValue("", "kyoso_session"), "");
}

}  // namespace
}  // namespace kyoso::api
