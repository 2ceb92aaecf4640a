// Saved views: every role keeps its own named list views; nobody sees or deletes
// another user's.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class SavedViewApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { world_ = new testing::ApiTestWorld("saved-view-api"); }
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
    static std::vector<std::string> Names(const json& page) {
        std::vector<std::string> out;
        for (const auto& v : page["items"])
            out.push_back(v["list"].get<std::string>() + "/" + v["name"].get<std::string>());
        return out;
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }

    static testing::ApiTestWorld* world_;
};

testing::ApiTestWorld* SavedViewApiTest::world_ = nullptr;

TEST_F(SavedViewApiTest, EveryRoleSavesListsAndDeletesItsOwnViews) {
    for (const char* role : {"admin", "manager", "bdr", "inside_sales", "field_sales", "customer_success"}) {
        const std::string token = world_->CreateUserToken(std::string("views-") + role, role, "東チーム", {"13"});
        const json state = {{"filters", {{"stage", "qualified"}, {"prefecture", "13"}}},
                            {"sort", "amount"},
                            {"columns", {"title", "government_name", "amount"}},
                            {"label", "東京の課題把握"}};
        auto saved = Call("POST", "/api/saved-views",
                          json({{"list", "deals"}, {"name", "東京 課題把握"}, {"state", state}}).dump(), token, 201);
        EXPECT_EQ(saved["list"], "deals") << role;
        EXPECT_EQ(saved["name"], "東京 課題把握") << role;
        EXPECT_EQ(saved["state"], state) << role;
        EXPECT_FALSE(saved["created_at"].get<std::string>().empty());
        Call("POST", "/api/saved-views", R"({"list":"activities","name":"今週","state":{}})", token, 201);
        EXPECT_EQ(Names(Call("GET", "/api/saved-views", "", token, 200)),
                  (std::vector<std::string>{"activities/今週", "deals/東京 課題把握"}))
            << role;
        EXPECT_EQ(Names(Call("GET", "/api/saved-views?list=deals", "", token, 200)),
                  std::vector<std::string>{"deals/東京 課題把握"});
        auto deleted =
            Call("DELETE", "/api/saved-views/" + std::to_string(saved["id"].get<long long>()), "", token, 200);
        EXPECT_EQ(deleted, json({{"id", saved["id"]}, {"deleted", true}}));
        EXPECT_EQ(Names(Call("GET", "/api/saved-views", "", token, 200)), std::vector<std::string>{"activities/今週"});
    }
}

TEST_F(SavedViewApiTest, ViewsArePrivateToTheirOwner) {
    const std::string alice = world_->CreateUserToken("alice", "manager", "東チーム");
    const std::string bob = world_->CreateUserToken("bob", "manager", "東チーム");
    auto mine =
        Call("POST", "/api/saved-views", R"({"list":"leads","name":"新規","state":{"status":"new"}})", alice, 201);
    const std::string path = "/api/saved-views/" + std::to_string(mine["id"].get<long long>());
    EXPECT_EQ(Names(Call("GET", "/api/saved-views", "", bob, 200)), std::vector<std::string>{});
    // Deleting another's view is answered like a missing one and deletes nothing;
    // administrators are no exception.
    EXPECT_EQ(Call("DELETE", path, "", bob, 404)["error"]["code"], "NOT_FOUND");
    Call("DELETE", path, "", world_->admin_token(), 404);
    EXPECT_EQ(Names(Call("GET", "/api/saved-views", "", alice, 200)), std::vector<std::string>{"leads/新規"});
    // Bob may use the same name; so may Alice in another list.
    Call("POST", "/api/saved-views", R"({"list":"leads","name":"新規","state":{}})", bob, 201);
    Call("POST", "/api/saved-views", R"({"list":"officials","name":"新規","state":{}})", alice, 201);
    auto taken = Call("POST", "/api/saved-views", R"({"list":"leads","name":" 新規 ","state":{}})", alice, 409);
    EXPECT_EQ(taken["error"]["code"], "ALREADY_EXISTS");
    Call("DELETE", path, "", alice, 200);
    Call("DELETE", path, "", alice, 404);
    Call("GET", "/api/saved-views", "", "", 401);
}

TEST_F(SavedViewApiTest, BadRequestsNameTheField) {
    const std::string token = world_->CreateUserToken("views-bad", "field_sales");
    struct Case {
        const char* body;
        std::vector<std::string> fields;
    };
    const Case cases[] = {
        {R"({"list":"notices","name":"a","state":{}})", {"list"}},
        {R"({"list":"deals","name":"  ","state":{}})", {"name"}},
        {R"({"list":"deals","name":"a","state":[1,2]})", {"state"}},
        {R"({"list":"deals","name":"a","state":"x"})", {"state"}},
        {R"({"list":"deals","name":"a"})", {"state"}},
        {R"({"list":"deals","state":{}})", {"name"}},
        {R"({"list":"deals","name":"a","state":{},"shared":true})", {"shared"}},
        {R"({"list":"deals",)", {"body"}},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Fields(Call("POST", "/api/saved-views", c.body, token, 400)), c.fields) << c.body;
    }
    const std::string big = R"({"list":"deals","name":"big","state":{"x":")" + std::string(16 * 1024, 'x') + R"("}})";
    EXPECT_EQ(Fields(Call("POST", "/api/saved-views", big, token, 400)), std::vector<std::string>{"state"});
    const std::string name = R"({"list":"deals","name":")" + std::string(201, 'n') + R"(","state":{}})";
    EXPECT_EQ(Fields(Call("POST", "/api/saved-views", name, token, 400)), std::vector<std::string>{"name"});
    EXPECT_EQ(Fields(Call("GET", "/api/saved-views?list=notices", "", token, 400)), std::vector<std::string>{"list"});
    EXPECT_EQ(Fields(Call("GET", "/api/saved-views?mine=1", "", token, 400)), std::vector<std::string>{"mine"});
    EXPECT_EQ(Fields(Call("DELETE", "/api/saved-views/abc", "", token, 400)), std::vector<std::string>{"id"});
    EXPECT_EQ(Names(Call("GET", "/api/saved-views", "", token, 200)), std::vector<std::string>{});
}

}  // namespace
}  // namespace kyoso::api
