// The dashboards: funnel, pipeline by fiscal year, win rates, activity volume and the
// prefecture map, each over what the caller may read, with amounts hidden from BDRs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

struct SeedDeal {
    long long id;
    const char* government;
    long long product;
    long long owner;
    S stage;
    long long amount;
    int fiscal_year;
};

// Products 1 and 2; users 1 (佐藤 花子) and 2 (鈴木 一郎) of 東日本チーム.
const SeedDeal kDeals[] = {
    {1, "131016", 1, 1, S::kQualified, 3'000'000, 2027},  // 千代田区 (special ward)
    {2, "132012", 2, 2, S::kBudgeted, 5'000'000, 2027},   // 八王子市 (core city)
    {3, "011002", 1, 2, S::kWon, 8'000'000, 2027},        // 札幌市 (designated city)
    {4, "271004", 2, 1, S::kLost, 2'000'000, 2027},       // 大阪市 (designated city), imported: no history
    {5, "130001", 1, 1, S::kDiscovery, 1'000'000, 2027},  // 東京都
    {6, "132080", 1, 1, S::kWon, 4'000'000, 2026},        // 調布市 (city)
    {7, "272027", 2, 2, S::kLost, 6'000'000, 2026},       // 岸和田市 (city)
    {8, "131016", 1, 2, S::kDeferred, 7'000'000, 2026},  {9, "011002", 2, 1, S::kWon, 9'000'000, 2023},
};

class DashboardApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("dashboard-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            ASSERT_TRUE(sales.InsertProducts({{2, "防災情報配信", {"防災"}, 500'000, 2'000'000, {}}}).ok());
            std::vector<domain::Deal> deals;
            for (const auto& s : kDeals) {
                domain::Deal d = testing::TestDeal(s.id, s.government, s.owner);
                d.product_id = s.product;
                d.stage = s.stage;
                d.amount = s.amount;
                d.fiscal_year = s.fiscal_year;
                deals.push_back(d);
            }
            ASSERT_TRUE(sales.InsertDeals(deals).ok());
            const Date on = MakeDate(2026, 7, 1);
            ASSERT_TRUE(sales
                            .InsertStageHistory({{1, S::kDiscovery, S::kQualified, 1, on, ""},
                                                 {2, S::kDiscovery, S::kBudgetProposal, 2, on, ""},
                                                 {2, S::kBudgetProposal, S::kBudgeted, 2, on, ""},
                                                 {3, S::kDiscovery, S::kBidding, 2, on, ""},
                                                 {3, S::kBidding, S::kWon, 2, on, ""}})
                            .ok());
            auto activity = [](long long id, long long deal, const char* gov, long long user, domain::ActivityType type,
                               Date date) {
                domain::Activity a;
                a.id = id;
                a.deal_id = deal;
                a.government_code = gov;
                a.user_id = user;
                a.type = type;
                a.occurred_on = date;
                return a;
            };
            using T = domain::ActivityType;
            // Today is Friday 2026-11-27: this week began on Monday the 23rd.
            ASSERT_TRUE(sales
                            .InsertActivities({
                                activity(1, 1, "131016", 1, T::kVisit, MakeDate(2026, 11, 24)),
                                activity(2, 0, "271004", 2, T::kCall, MakeDate(2026, 11, 27)),
                                activity(3, 2, "132012", 2, T::kCall, MakeDate(2026, 11, 20)),
                                activity(4, 1, "131016", 1, T::kEmail, MakeDate(2026, 11, 15)),  // the week before
                                activity(5, 1, "131016", 1, T::kEmail, MakeDate(2026, 11, 28)),  // after today
                            })
                            .ok());
        });
        bdr_ = world_->CreateUserToken("dash-bdr", "bdr", "東日本チーム");
        osaka_ = world_->CreateUserToken("dash-osaka", "field_sales", "西日本チーム", {"27"});
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Get(const std::string& path, const std::string& token = "") {
        auto res = world_->Send("GET", path, "", token.empty() ? world_->admin_token() : token);
        EXPECT_TRUE(res) << path;
        if (!res) return {};
        EXPECT_EQ(res->status, 200) << path << " -> " << res->body;
        return json::parse(res->body);
    }
    static std::vector<std::string> Fields(const std::string& path) {
        auto res = world_->Get(path);
        EXPECT_TRUE(res);
        if (!res) return {};
        EXPECT_EQ(res->status, 400) << path << " -> " << res->body;
        std::vector<std::string> out;
        const json error = json::parse(res->body);
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"]);
        return out;
    }
    // "stage:reached:amount" per funnel stage.
    static std::vector<std::string> Funnel(const json& body) {
        std::vector<std::string> out;
        for (const auto& s : body["stages"]) {
            out.push_back(s["stage"].get<std::string>() + ":" + s["reached"].dump() + ":" + s["amount"].dump());
        }
        return out;
    }
    static json Prefecture(const json& body, const std::string& code) {
        for (const auto& p : body["prefectures"]) {
            if (p["prefecture_code"] == code) return p;
        }
        return nullptr;
    }

    static testing::ApiTestWorld* world_;
    static std::string bdr_, osaka_;
};

testing::ApiTestWorld* DashboardApiTest::world_ = nullptr;
std::string DashboardApiTest::bdr_;
std::string DashboardApiTest::osaka_;

TEST_F(DashboardApiTest, FunnelCountsEveryStageADealOfTheYearReached) {
    auto body = Get("/api/dashboards/funnel");
    EXPECT_EQ(body["fiscal_year"], 2027);  // the year after today's
    EXPECT_EQ(body["fiscal_year_label"], "令和9年度");
    EXPECT_EQ(body["stages"][0]["label_ja"], "情報収集");
    // Deal 2 skipped 課題把握 and 予算要求中; 3 went from 情報収集 to 入札・提案; 4 and 5 have no history.
    EXPECT_EQ(Funnel(body),
              (std::vector<std::string>{"discovery:4:17000000", "qualified:1:3000000", "budget_proposal:1:5000000",
                                        "requested:0:0", "budgeted:1:5000000", "tender_prep:0:0", "bidding:1:8000000",
                                        "won:1:8000000"}));
    EXPECT_EQ(Funnel(Get("/api/dashboards/funnel?owner=2&product=1")),
              (std::vector<std::string>{"discovery:1:8000000", "qualified:0:0", "budget_proposal:0:0", "requested:0:0",
                                        "budgeted:0:0", "tender_prep:0:0", "bidding:1:8000000", "won:1:8000000"}));
    EXPECT_EQ(Funnel(Get("/api/dashboards/funnel?fiscal_year=2026"))[7], "won:1:4000000");
}

TEST_F(DashboardApiTest, PipelineByYearSplitsOpenWonAndLost) {
    auto body = Get("/api/dashboards/pipeline-by-year");
    EXPECT_EQ(body["years"], json::parse(R"([
        {"fiscal_year":2023,"label":"令和5年度","open_count":0,"open_amount":0,"won_count":1,"won_amount":9000000,
         "lost_count":0,"lost_amount":0},
        {"fiscal_year":2026,"label":"令和8年度","open_count":0,"open_amount":0,"won_count":1,"won_amount":4000000,
         "lost_count":1,"lost_amount":6000000},
        {"fiscal_year":2027,"label":"令和9年度","open_count":3,"open_amount":9000000,"won_count":1,
         "won_amount":8000000,"lost_count":1,"lost_amount":2000000}])"));
    auto product = Get("/api/dashboards/pipeline-by-year?product=2");
    ASSERT_EQ(product["years"].size(), 3u);
    EXPECT_EQ(product["years"][2]["open_count"], 1);  // deal 2
    EXPECT_EQ(product["years"][2]["lost_count"], 1);  // deal 4
}

TEST_F(DashboardApiTest, WinRatesByKindAndProductOverTheLastThreeYearsWithOutcomes) {
    auto body = Get("/api/dashboards/win-rates");
    EXPECT_EQ(body["from_fy"], 2023);  // 2023, 2026 and 2027 have outcomes
    EXPECT_EQ(body["to_fy"], 2027);
    ASSERT_EQ(body["by_kind"].size(), 2u);
    EXPECT_EQ(body["by_kind"][0]["kind"], "designated_city");
    EXPECT_EQ(body["by_kind"][0]["kind_label"], "政令指定都市");
    EXPECT_EQ(body["by_kind"][0]["won"], 2);
    EXPECT_EQ(body["by_kind"][0]["lost"], 1);
    EXPECT_DOUBLE_EQ(body["by_kind"][0]["rate"].get<double>(), 2.0 / 3.0);
    EXPECT_EQ(body["by_kind"][1]["kind"], "city");
    EXPECT_DOUBLE_EQ(body["by_kind"][1]["rate"].get<double>(), 0.5);
    EXPECT_EQ(body["by_product"], json::parse(R"([
        {"product_id":1,"product_name":"電子申請サービス","won":2,"lost":0,"rate":1.0},
        {"product_id":2,"product_name":"防災情報配信","won":1,"lost":2,"rate":0.3333333333333333}])"));
    auto one_year = Get("/api/dashboards/win-rates?from_fy=2026&to_fy=2026");
    ASSERT_EQ(one_year["by_kind"].size(), 1u);
    EXPECT_EQ(one_year["by_kind"][0]["kind"], "city");
    EXPECT_EQ(one_year["by_product"].size(), 2u);
    auto none = Get("/api/dashboards/win-rates?from_fy=2019&to_fy=2020");
    EXPECT_EQ(none["by_kind"], json::array());
    EXPECT_EQ(none["by_product"], json::array());
    EXPECT_EQ(Fields("/api/dashboards/win-rates?from_fy=2027&to_fy=2026"), std::vector<std::string>{"to_fy"});
}

TEST_F(DashboardApiTest, ActivityVolumeCountsEachTypePerWeekUpToToday) {
    auto body = Get("/api/dashboards/activity-volume?weeks=2");
    EXPECT_EQ(body["weeks"], json({"2026-11-16", "2026-11-23"}));
    ASSERT_EQ(body["types"].size(), 9u);
    auto counts = [](const json& b, const std::string& type) {
        for (const auto& t : b["types"]) {
            if (t["type"] == type) return t["counts"];
        }
        return json();
    };
    EXPECT_EQ(body["types"][0]["type"], "visit");
    EXPECT_EQ(body["types"][0]["label_ja"], "訪問");
    EXPECT_EQ(counts(body, "visit"), json({0, 1}));
    EXPECT_EQ(counts(body, "call"), json({1, 1}));
    EXPECT_EQ(counts(body, "email"), json({0, 0}));  // one the week before, one after today
    EXPECT_EQ(counts(Get("/api/dashboards/activity-volume?weeks=3"), "email"), json({1, 0, 0}));
    EXPECT_EQ(counts(Get("/api/dashboards/activity-volume?weeks=2&owner=2"), "visit"), json({0, 0}));
    EXPECT_EQ(counts(Get("/api/dashboards/activity-volume?weeks=2&owner=2"), "call"), json({1, 1}));
    // By product: the activities on deals of the product.
    EXPECT_EQ(counts(Get("/api/dashboards/activity-volume?weeks=2&product=2"), "call"), json({1, 0}));
    EXPECT_EQ(Get("/api/dashboards/activity-volume")["weeks"].size(), 26u);
    EXPECT_EQ(Get("/api/dashboards/activity-volume")["weeks"][25], "2026-11-23");
    EXPECT_EQ(Fields("/api/dashboards/activity-volume?weeks=0"), std::vector<std::string>{"weeks"});
    EXPECT_EQ(Fields("/api/dashboards/activity-volume?weeks=105"), std::vector<std::string>{"weeks"});
}

TEST_F(DashboardApiTest, PrefecturesShowAdoptionAndOpenPipeline) {
    auto body = Get("/api/dashboards/prefectures");
    EXPECT_EQ(body["fiscal_year"], 2027);
    ASSERT_EQ(body["prefectures"].size(), 47u);
    EXPECT_EQ(body["prefectures"][0]["prefecture_code"], "01");
    EXPECT_EQ(body["prefectures"][0]["prefecture_name"], "北海道");
    const json tokyo = Prefecture(body, "13");
    EXPECT_EQ(tokyo["prefecture_name"], "東京都");
    // The bodies the government list shows by default: the prefecture and its municipalities.
    EXPECT_EQ(tokyo["governments"], Get("/api/governments?prefecture=13&limit=1")["total"]);
    EXPECT_EQ(tokyo["adopting"], 1);  // 調布市 won in FY2026
    EXPECT_DOUBLE_EQ(tokyo["adoption_rate"].get<double>(), 1.0 / tokyo["governments"].get<double>());
    EXPECT_EQ(tokyo["open_count"], 3);
    EXPECT_EQ(tokyo["open_amount"], 9'000'000);
    EXPECT_EQ(Prefecture(body, "01")["adopting"], 1);  // 札幌市, twice
    EXPECT_EQ(Prefecture(body, "27")["adopting"], 0);
    EXPECT_EQ(Prefecture(Get("/api/dashboards/prefectures?fiscal_year=2026"), "13")["open_count"], 0);
    EXPECT_EQ(Prefecture(Get("/api/dashboards/prefectures?owner=2"), "13")["open_count"], 1);
}

TEST_F(DashboardApiTest, DashboardsCountOnlyWhatTheCallerReadsAndHideMoneyFromBdrs) {
    // A BDR of the owners' team: the same counts, no amounts.
    EXPECT_EQ(Funnel(Get("/api/dashboards/funnel", bdr_))[0], "discovery:4:null");
    auto years = Get("/api/dashboards/pipeline-by-year", bdr_)["years"];
    ASSERT_EQ(years.size(), 3u);
    EXPECT_EQ(years[2]["open_count"], 3);
    for (const char* f : {"open_amount", "won_amount", "lost_amount"}) EXPECT_TRUE(years[2][f].is_null()) << f;
    const json tokyo = Prefecture(Get("/api/dashboards/prefectures", bdr_), "13");
    EXPECT_EQ(tokyo["open_count"], 3);
    EXPECT_TRUE(tokyo["open_amount"].is_null());
    EXPECT_EQ(Get("/api/dashboards/win-rates", bdr_)["by_product"].size(), 2u);
    // Field sales of another team covering Osaka: only the Osaka deals and activities.
    auto osaka_years = Get("/api/dashboards/pipeline-by-year", osaka_)["years"];
    ASSERT_EQ(osaka_years.size(), 2u);
    EXPECT_EQ(osaka_years[0]["lost_count"], 1);  // 岸和田市, FY2026
    EXPECT_EQ(osaka_years[1]["lost_count"], 1);  // 大阪市, FY2027
    EXPECT_EQ(osaka_years[1]["lost_amount"], 2'000'000);
    EXPECT_EQ(Funnel(Get("/api/dashboards/funnel", osaka_))[0], "discovery:0:0");
    auto rates = Get("/api/dashboards/win-rates", osaka_);
    ASSERT_EQ(rates["by_kind"].size(), 2u);
    EXPECT_EQ(rates["by_kind"][0]["won"], 0);
    auto volume = Get("/api/dashboards/activity-volume?weeks=1", osaka_);
    EXPECT_EQ(volume["types"][1]["counts"], json({1}));  // the call in Osaka, without a deal
    EXPECT_EQ(volume["types"][0]["counts"], json({0}));
    EXPECT_EQ(Prefecture(Get("/api/dashboards/prefectures", osaka_), "13")["adopting"], 0);
}

TEST_F(DashboardApiTest, BadParametersNameTheParameter) {
    struct Case {
        const char* path;
        const char* field;
    };
    const Case cases[] = {
        {"/api/dashboards/funnel?fiscal_year=next", "fiscal_year"},
        {"/api/dashboards/funnel?owner=me", "owner"},
        {"/api/dashboards/pipeline-by-year?product=0", "product"},
        {"/api/dashboards/pipeline-by-year?fiscal_year=2027", "fiscal_year"},
        {"/api/dashboards/win-rates?from_fy=1800", "from_fy"},
        {"/api/dashboards/activity-volume?weeks=many", "weeks"},
        {"/api/dashboards/prefectures?kind=city", "kind"},
    };
    for (const auto& c : cases) EXPECT_EQ(Fields(c.path), std::vector<std::string>{c.field}) << c.path;
}

}  // namespace
}  // namespace kyoso::api
