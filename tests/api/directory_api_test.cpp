// GET /api/people: the directory behind the web app's owner pickers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class DirectoryApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("directory-api", [](sql::SqlStore& store) {
            // Sales users without a login own deals too: they are in the directory.
            ASSERT_TRUE(store.sales()
                            .InsertUsers({{101, "山田 太郎", domain::SalesRole::kFieldSales, "西チーム"},
                                          {102, "青木 花子", domain::SalesRole::kBdr, "東チーム"}})
                            .ok());
        });
        field_token_ = world_->CreateUserToken("dir-field", "field_sales", "東チーム", {"13"}, &field_id_);
        (void)world_->CreateUserToken("dir-gone", "manager", "東チーム", {}, &disabled_id_);
        app::AccountRequest off;
        off.disabled = true;
        ASSERT_TRUE(world_->auth().UpdateAccount(disabled_id_, off, "test").ok());
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static testing::ApiTestWorld* world_;
    static std::string field_token_;
    static long long field_id_, disabled_id_;
};

testing::ApiTestWorld* DirectoryApiTest::world_ = nullptr;
std::string DirectoryApiTest::field_token_;
long long DirectoryApiTest::field_id_ = 0;
long long DirectoryApiTest::disabled_id_ = 0;

TEST_F(DirectoryApiTest, ListsEveryEnabledUserByTeamThenNameWithoutAccountData) {
    auto res = world_->Send("GET", "/api/people", "", field_token_);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const json body = json::parse(res->body);
    ASSERT_TRUE(body["items"].is_array());
    std::vector<std::pair<std::string, std::string>> order;
    std::set<long long> ids;
    for (const auto& p : body["items"]) {
        // Only these four fields: no login, territory, lock or disabled flag.
        EXPECT_EQ(p.size(), 4u) << p.dump();
        EXPECT_TRUE(p.contains("id") && p.contains("name") && p.contains("role") && p.contains("team")) << p.dump();
        order.emplace_back(p["team"], p["name"]);
        ids.insert(p["id"].get<long long>());
    }
    EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << body.dump();
    EXPECT_TRUE(ids.count(101) && ids.count(102)) << "users without a login are listed";
    EXPECT_TRUE(ids.count(field_id_));
    EXPECT_FALSE(ids.count(disabled_id_)) << "a disabled user is not offered as an owner";
    // The administrator of the test world has no team: first, with role admin.
    EXPECT_EQ(body["items"][0]["team"], "");
    EXPECT_EQ(body["items"][0]["role"], "admin");
    for (const auto& p : body["items"]) {
        if (p["id"] == 101) {
            EXPECT_EQ(p["name"], "山田 太郎");
            EXPECT_EQ(p["role"], "field_sales");
            EXPECT_EQ(p["team"], "西チーム");
        }
    }
}

TEST_F(DirectoryApiTest, NeedsSignInAndTakesNoParameters) {
    auto anon = world_->Send("GET", "/api/people", "", "");
    ASSERT_TRUE(anon);
    EXPECT_EQ(anon->status, 401);
    auto bad = world_->GetJson("/api/people?team=x", 400);
    EXPECT_EQ(bad["error"]["details"][0]["field"], "team");
}

}  // namespace
}  // namespace kyoso::api
