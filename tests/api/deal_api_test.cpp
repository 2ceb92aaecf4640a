#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "api_test_world.hpp"
#include "kyoso/api/http_server.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

// One server for the suite. Each test works on its own deals: 千代田区 deals 1-6
// (owner 1, FY2027), 八王子市 deal 7 (owner 2); users 1-2; official 1 of 千代田区.
class DealApiTest : public ::testing::Test {
protected:
    static void Seed(sql::SqlStore& store) {
        auto& sales = store.sales();
        testing::SeedProductAndTeam(sales);
        ASSERT_TRUE(sales.InsertOfficials({testing::ChiyodaOfficial()}).ok());
        std::vector<domain::Deal> deals;
        for (int i = 1; i <= 7; ++i) {
            deals.push_back(i <= 6 ? testing::TestDeal(i, "131016", 1) : testing::TestDeal(i, "132012", 2));
        }
        ASSERT_TRUE(sales.InsertDeals(deals).ok());
    }
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld(
            "deal-api", [](sql::SqlStore& store) { Seed(store); }, [](HttpConfig& c) { c.max_body_bytes = 4096; });
        store_ = &world_->store();
        port_ = world_->port();
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    json Get(const std::string& path, int expect_status) { return world_->GetJson(path, expect_status); }
    json Post(const std::string& path, const std::string& body, int expect_status) {
        return world_->PostJson(path, body, expect_status);
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }
    // Rows of every table this API writes, to prove a failed request wrote nothing.
    static std::vector<long long> Snapshot(long long deal_id) {
        auto counts = store_->sales().Counts();
        auto history = store_->deals().History(deal_id);
        auto deal = store_->deals().Get(deal_id);
        return {counts->deals, counts->activities, static_cast<long long>(history->size()),
                static_cast<long long>(deal->stage)};
    }

    static testing::ApiTestWorld* world_;
    static sql::SqlStore* store_;
    static int port_;
};

testing::ApiTestWorld* DealApiTest::world_ = nullptr;
sql::SqlStore* DealApiTest::store_ = nullptr;
int DealApiTest::port_ = 0;

TEST_F(DealApiTest, ListsDealsWithFiltersAndPaging) {
    auto body = Get("/api/deals?government=132012", 200);
    ASSERT_EQ(body["items"].size(), 1u);
    EXPECT_EQ(body["items"][0]["id"], 7);
    EXPECT_EQ(body["items"][0]["fiscal_year_label"], "令和9年度");
    EXPECT_TRUE(body["next_cursor"].is_null());
    std::string path = "/api/deals?owner=1&limit=4";
    std::vector<long long> seen;
    for (int guard = 0; guard < 5; ++guard) {
        auto page = Get(path, 200);
        EXPECT_EQ(page["total"], 6);
        for (const auto& d : page["items"]) seen.push_back(d["id"].get<long long>());
        if (page["next_cursor"].is_null()) break;
        path = "/api/deals?owner=1&limit=4&cursor=" + page["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(seen.size(), 6u);
    EXPECT_EQ(Fields(Get("/api/deals?stage=closing", 400)), std::vector<std::string>{"stage"});
    EXPECT_EQ(Fields(Get("/api/deals?cursor=abc", 400)), std::vector<std::string>{"cursor"});
    EXPECT_EQ(Fields(Get("/api/deals?limit=1&limit=2", 400)), std::vector<std::string>{"limit"});
}

TEST_F(DealApiTest, UnknownDealIs404AndABadIdIs400) {
    auto missing = Get("/api/deals/9999", 404);
    EXPECT_EQ(missing["error"]["code"], "NOT_FOUND");
    EXPECT_EQ(Fields(Get("/api/deals/abc", 400)), std::vector<std::string>{"id"});
    auto move = Post("/api/deals/9999/stage", R"({"to":"lost","actor_id":1})", 404);
    EXPECT_EQ(move["error"]["code"], "NOT_FOUND");
}

TEST_F(DealApiTest, MovesAStageAndShowsTheHistory) {
    auto logged = Post("/api/activities",
                       R"({"type":"reference_quote","occurred_on":"2026-09-01","deal_id":1,"government_code":"131016",)"
                       R"("user_id":1,"official_id":1,"notes":"参考見積を提出","outcome":"予算要求に使うとのこと"})",
                       201);
    ASSERT_TRUE(logged["id"].is_number_integer());
    auto moved = Post("/api/deals/1/stage", R"({"to":"budget_proposal","actor_id":1,"note":"見積提出済み"})", 200);
    EXPECT_EQ(moved["deal"]["stage"], "budget_proposal");
    EXPECT_EQ(moved["deal"]["stage_label"], "予算化提案");
    EXPECT_TRUE(moved["carried_over"].is_null());
    auto detail = Get("/api/deals/1", 200);
    EXPECT_EQ(detail["stage"], "budget_proposal");
    ASSERT_EQ(detail["stage_history"].size(), 1u);
    EXPECT_EQ(detail["stage_history"][0]["from"], "discovery");
    EXPECT_EQ(detail["stage_history"][0]["to"], "budget_proposal");
    EXPECT_EQ(detail["stage_history"][0]["moved_by"], 1);
    EXPECT_EQ(detail["stage_history"][0]["moved_on"], "2026-11-27");
    ASSERT_EQ(detail["activities"].size(), 1u);
    EXPECT_EQ(detail["activities"][0]["id"], logged["id"]);
    EXPECT_EQ(detail["activities"][0]["type"], "reference_quote");
}

TEST_F(DealApiTest, DisallowedTransitionIs422AndWritesNothing) {
    Post("/api/deals/2/stage", R"({"to":"budgeted","actor_id":1,"budget_amount":2800000})", 200);
    const auto before = Snapshot(2);
    auto back = Post("/api/deals/2/stage", R"({"to":"qualified","actor_id":1})", 422);
    EXPECT_EQ(back["error"]["code"], "FAILED_PRECONDITION");
    EXPECT_EQ(Fields(back), std::vector<std::string>{"to"});
    EXPECT_EQ(Snapshot(2), before);
}

TEST_F(DealApiTest, MissingEvidenceIs422NamingEachItemAndWritesNothing) {
    const auto before = Snapshot(3);
    auto lost = Post("/api/deals/3/stage", R"({"to":"lost","actor_id":1,"competitor":"競合A社"})", 422);
    EXPECT_EQ(Fields(lost), (std::vector<std::string>{"lost_reason", "award_amount"}));
    auto quote = Post("/api/deals/3/stage", R"({"to":"budget_proposal","actor_id":1})", 422);
    EXPECT_EQ(Fields(quote), std::vector<std::string>{"reference_quote"});
    EXPECT_EQ(Snapshot(3), before);
    auto ok =
        Post("/api/deals/3/stage",
             R"({"to":"lost","actor_id":1,"competitor":"競合A社","lost_reason":"価格","award_amount":2480000})", 200);
    EXPECT_EQ(ok["deal"]["award_amount"], 2480000);
    EXPECT_EQ(ok["deal"]["closed_on"], "2026-11-27");
}

TEST_F(DealApiTest, DeferringReturnsTheCarriedOverDeal) {
    auto body = Post("/api/deals/4/stage", R"({"to":"deferred","actor_id":1,"note":"査定で見送り"})", 200);
    ASSERT_TRUE(body["carried_over"].is_object());
    EXPECT_EQ(body["carried_over"]["fiscal_year"], 2028);
    EXPECT_EQ(body["carried_over"]["stage"], "discovery");
    EXPECT_EQ(body["carried_over"]["carried_from_deal_id"], 4);
    EXPECT_EQ(body["deal"]["carried_to_deal_id"], body["carried_over"]["id"]);
}

TEST_F(DealApiTest, MalformedBodiesAre400WithFieldDetailsAndWriteNothing) {
    const auto before = Snapshot(5);
    struct Case {
        const char* path;
        const char* body;
        std::vector<std::string> fields;
    };
    const Case cases[] = {
        {"/api/deals/5/stage", R"({"to":"lost",)", {"body"}},
        {"/api/deals/5/stage", "", {"body"}},
        {"/api/deals/5/stage", R"(["lost"])", {"body"}},
        {"/api/deals/5/stage", R"({"to":"lost","actor_id":1,"colour":"red"})", {"colour"}},
        {"/api/deals/5/stage", R"({"to":3,"actor_id":"1"})", {"to", "actor_id"}},
        {"/api/deals/5/stage", R"({"actor_id":1.5})", {"to", "actor_id"}},
        {"/api/deals/5/stage", R"({"to":"closing","actor_id":1})", {"to"}},
        {"/api/deals/5/stage", R"({"to":"lost","actor_id":42})", {"actor_id"}},
        {"/api/activities", R"({"type":"visit")", {"body"}},
        {"/api/activities",
         R"({"type":"visit","occurred_on":"2026-11-01","government_code":"131016","user_id":1,)"
         R"("deal_id":"5","extra":true})",
         {"extra", "deal_id"}},
        {"/api/activities",
         R"({"occurred_on":20261101,"government_code":"131016","user_id":1})",
         {"type", "occurred_on"}},
        {"/api/activities",
         R"({"type":"visit","occurred_on":"2026-11-01","government_code":"131016","user_id":1,)"
         R"("deal_id":7})",
         {"deal_id"}},
    };
    for (const auto& c : cases) {
        auto body = Post(c.path, c.body, 400);
        EXPECT_EQ(body["error"]["code"], "INVALID_ARGUMENT") << c.body;
        EXPECT_EQ(Fields(body), c.fields) << c.body;
    }
    EXPECT_EQ(Snapshot(5), before);
}

TEST_F(DealApiTest, OversizedBodiesAreRefused) {
    httplib::Client client("127.0.0.1", port_);
    auto res = client.Post("/api/activities", R"({"notes":")" + std::string(8192, 'x') + R"("})", "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
}

TEST_F(DealApiTest, ContactDuringATenderWarnsOfBlackout) {
    Post("/api/activities",
         R"({"type":"proposal","occurred_on":"2026-11-20","deal_id":6,"government_code":"131016","user_id":1})", 201);
    Post("/api/deals/6/stage", R"({"to":"bidding","actor_id":1})", 200);
    // Another user's call to 千代田区 is logged, with the warning.
    auto body = Post("/api/activities",
                     R"({"type":"call","occurred_on":"2026-11-27","government_code":"131016","user_id":2,)"
                     R"("official_id":1,"notes":"仕様の問い合わせ"})",
                     201);
    ASSERT_TRUE(body["id"].is_number_integer());
    ASSERT_EQ(body["warnings"].size(), 1u);
    EXPECT_EQ(body["warnings"][0]["code"], "blackout");
    EXPECT_FALSE(body["warnings"][0]["message"].get<std::string>().empty());
    // 八王子市 has no tender under way.
    auto quiet = Post("/api/activities",
                      R"({"type":"email","occurred_on":"2026-11-27","government_code":"132012","user_id":2})", 201);
    EXPECT_TRUE(quiet["warnings"].empty());
}

}  // namespace
}  // namespace kyoso::api
