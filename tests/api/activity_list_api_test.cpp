// GET /api/activities: filters, newest-first keyset paging, names, and the
// record-level sharing of activities (with their deal, or by their own author).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

class ActivityListApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("activity-list-api", [](sql::SqlStore& store) {
            testing::SeedProductAndTeam(store.sales());  // users 1 and 2, 東日本チーム
        });
        west_ = world_->CreateUserToken("west-inside", "inside_sales", "西日本チーム", {}, &west_id_);
        osaka_ = world_->CreateUserToken("osaka-field", "field_sales", "北チーム", {"27"});
        auto& sales = world_->store().sales();
        ASSERT_TRUE(sales.InsertDeals({testing::TestDeal(1, "131016", 1), testing::TestDeal(2, "271004", 2)}).ok());
        // Deal 2's team includes the 西日本チーム inside-sales user.
        ASSERT_TRUE(sales.InsertTeamMembers({{2, west_id_, domain::SalesRole::kInsideSales}}).ok());
        auto activity = [](long long id, long long deal, const char* gov, long long user, domain::ActivityType type,
                           Date on) {
            domain::Activity a;
            a.id = id;
            a.deal_id = deal;
            a.government_code = gov;
            a.user_id = user;
            a.type = type;
            a.occurred_on = on;
            a.notes = "メモ " + std::to_string(id);
            return a;
        };
        using T = domain::ActivityType;
        ASSERT_TRUE(sales
                        .InsertActivities({
                            activity(10, 1, "131016", 1, T::kVisit, MakeDate(2026, 10, 1)),
                            activity(11, 1, "131016", 2, T::kCall, MakeDate(2026, 10, 5)),
                            activity(12, 0, "271004", 2, T::kEmail, MakeDate(2026, 10, 5)),
                            activity(13, 2, "271004", 2, T::kBid, MakeDate(2026, 11, 1)),
                            activity(14, 0, "131016", 1, T::kCall, MakeDate(2026, 9, 15)),
                            activity(15, 0, "131016", west_id_, T::kCall, MakeDate(2026, 8, 1)),
                            activity(16, 1, "131016", west_id_, T::kVisit, MakeDate(2026, 8, 2)),
                        })
                        .ok());
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Get(const std::string& path, int expect_status) { return world_->GetJson(path, expect_status); }
    static json GetAs(const std::string& token, const std::string& path) {
        auto res = world_->Send("GET", path, "", token);
        EXPECT_TRUE(res);
        if (!res) return {};
        EXPECT_EQ(res->status, 200) << res->body;
        return json::parse(res->body);
    }
    static std::vector<long long> Ids(const json& page) {
        std::vector<long long> out;
        for (const auto& a : page["items"]) out.push_back(a["id"].get<long long>());
        return out;
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }

    static testing::ApiTestWorld* world_;
    static std::string west_, osaka_;
    static long long west_id_;
};

testing::ApiTestWorld* ActivityListApiTest::world_ = nullptr;
std::string ActivityListApiTest::west_;
std::string ActivityListApiTest::osaka_;
long long ActivityListApiTest::west_id_ = 0;

TEST_F(ActivityListApiTest, NewestFirstByDefaultAndPagedByCursor) {
    auto all = Get("/api/activities", 200);
    EXPECT_EQ(Ids(all), (std::vector<long long>{13, 12, 11, 10, 14, 16, 15}));
    EXPECT_EQ(all["total"], 7);
    EXPECT_TRUE(all["next_cursor"].is_null());
    std::vector<long long> seen;
    std::string path = "/api/activities?limit=3";
    for (int guard = 0; guard < 5; ++guard) {
        auto page = Get(path, 200);
        EXPECT_EQ(page["total"], 7);
        for (long long id : Ids(page)) seen.push_back(id);
        if (page["next_cursor"].is_null()) break;
        path = "/api/activities?limit=3&cursor=" + page["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(seen, Ids(all));
    EXPECT_EQ(Ids(Get("/api/activities?sort=id&order=asc", 200)), (std::vector<long long>{10, 11, 12, 13, 14, 15, 16}));
    EXPECT_EQ(Ids(Get("/api/activities?order=asc", 200)), (std::vector<long long>{15, 16, 14, 10, 11, 12, 13}));
}

TEST_F(ActivityListApiTest, FiltersByGovernmentDealUserTypeAndDates) {
    struct Case {
        const char* query;
        std::vector<long long> ids;
    };
    const Case cases[] = {
        {"government=131016", {11, 10, 14, 16, 15}},
        {"government=27100", {13, 12}},  // 5-digit code
        {"deal=1", {11, 10, 16}},
        {"user=2", {13, 12, 11}},
        {"type=call", {11, 14, 15}},
        {"from=2026-10-01&to=2026-10-05", {12, 11, 10}},
        {"from=2026-10-06", {13}},
        {"to=2026-08-31", {16, 15}},
        {"type=call&user=1&government=131016", {14}},
    };
    for (const auto& c : cases) {
        auto page = Get(std::string("/api/activities?") + c.query, 200);
        EXPECT_EQ(Ids(page), c.ids) << c.query;
        EXPECT_EQ(page["total"], c.ids.size()) << c.query;
    }
}

TEST_F(ActivityListApiTest, ItemsCarryTheGovernmentUserAndDealNames) {
    auto page = Get("/api/activities?government=271004", 200);
    ASSERT_EQ(page["items"].size(), 2u);
    const json& bid = page["items"][0];
    EXPECT_EQ(bid["id"], 13);
    EXPECT_EQ(bid["type"], "bid");
    EXPECT_EQ(bid["occurred_on"], "2026-11-01");
    EXPECT_EQ(bid["deal_id"], 2);
    EXPECT_EQ(bid["government_code"], "271004");
    EXPECT_EQ(bid["government_name"], "大阪市");
    EXPECT_EQ(bid["user_id"], 2);
    EXPECT_EQ(bid["user_name"], "鈴木 一郎");
    EXPECT_EQ(bid["deal_title"], "電子申請 2");
    EXPECT_EQ(bid["notes"], "メモ 13");
    EXPECT_TRUE(page["items"][1]["deal_id"].is_null());
    EXPECT_TRUE(page["items"][1]["deal_title"].is_null());
}

TEST_F(ActivityListApiTest, ListsOnlyActivitiesTheCallerMayRead) {
    // Inside sales of another team: its own activities (also one on a deal it cannot
    // read) and the activities of the deal whose team it is on.
    auto west = GetAs(west_, "/api/activities");
    EXPECT_EQ(Ids(west), (std::vector<long long>{13, 16, 15}));
    EXPECT_EQ(west["total"], 3);
    // Field sales covering Osaka: what happened there, with or without a deal.
    auto osaka = GetAs(osaka_, "/api/activities");
    EXPECT_EQ(Ids(osaka), (std::vector<long long>{13, 12}));
    EXPECT_EQ(osaka["total"], 2);
    EXPECT_EQ(Ids(GetAs(osaka_, "/api/activities?government=131016")), std::vector<long long>{});
    EXPECT_EQ(GetAs(osaka_, "/api/activities?type=bid")["total"], 1);
    // A BDR of the owners' team reads their activities.
    const std::string bdr = world_->CreateUserToken("east-bdr", "bdr", "東日本チーム");
    EXPECT_EQ(Ids(GetAs(bdr, "/api/activities")), (std::vector<long long>{13, 12, 11, 10, 14, 16}));
}

TEST_F(ActivityListApiTest, BadParametersNameTheParameter) {
    struct Case {
        const char* query;
        const char* field;
    };
    const Case cases[] = {
        {"government=131017", "government"},
        {"deal=abc", "deal"},
        {"user=0", "user"},
        {"type=lunch", "type"},
        {"from=2026-13-01", "from"},
        {"to=yesterday", "to"},
        {"from=2026-10-02&to=2026-10-01", "to"},
        {"sort=amount", "sort"},
        {"order=up", "order"},
        {"limit=501", "limit"},
        {"cursor=zz", "cursor"},
        {"colour=red", "colour"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Fields(Get(std::string("/api/activities?") + c.query, 400)), std::vector<std::string>{c.field})
            << c.query;
    }
    // A cursor is bound to the order it was issued for.
    auto page = Get("/api/activities?limit=1", 200);
    EXPECT_EQ(Fields(Get("/api/activities?sort=id&cursor=" + page["next_cursor"].get<std::string>(), 400)),
              std::vector<std::string>{"cursor"});
}

}  // namespace
}  // namespace kyoso::api
