// The deal list's web-app filters and names, the pipeline's stage description and
// the kanban board (docs/api.md "Pipeline board").
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

struct SeedDeal {
    long long id;
    const char* government;
    long long product;
    long long owner;
    domain::Stage stage;
    long long amount;
    int fiscal_year;
};

// Products 1 (電子申請サービス) and 2 (防災情報配信); users 1 (佐藤 花子) and 2 (鈴木 一郎).
const SeedDeal kDeals[] = {
    {1, "131016", 1, 1, domain::Stage::kDiscovery, 3'000'000, 2027},       // 千代田区, special ward, Tokyo
    {2, "132012", 2, 2, domain::Stage::kQualified, 5'000'000, 2027},       // 八王子市, core city, Tokyo
    {3, "011002", 1, 2, domain::Stage::kWon, 8'000'000, 2027},             // 札幌市, designated city, Hokkaido
    {4, "271004", 2, 1, domain::Stage::kLost, 2'000'000, 2027},            // 大阪市, designated city, Osaka
    {5, "130001", 1, 1, domain::Stage::kDeferred, 1'000'000, 2027},        // 東京都, prefecture
    {6, "132080", 1, 1, domain::Stage::kDiscovery, 9'000'000, 2027},       // 調布市, city, Tokyo
    {7, "132080", 2, 2, domain::Stage::kDiscovery, 9'000'000, 2027},       // same amount as 6: ties by id
    {8, "272027", 1, 2, domain::Stage::kBudgetProposal, 4'000'000, 2028},  // 岸和田市, next year's pipeline
};

class PipelineApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("pipeline-api", [](sqlite::SqliteStore& store) {
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
        });
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Get(const std::string& path, int expect_status) { return world_->GetJson(path, expect_status); }
    static std::set<long long> Ids(const json& page) {
        std::set<long long> out;
        for (const auto& d : page["items"]) out.insert(d["id"].get<long long>());
        return out;
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"].get<std::string>());
        return out;
    }

    static testing::ApiTestWorld* world_;
};

testing::ApiTestWorld* PipelineApiTest::world_ = nullptr;

TEST_F(PipelineApiTest, DealListFiltersByProductKindPrefectureAndStatus) {
    struct Case {
        const char* query;
        std::set<long long> ids;
    };
    const Case cases[] = {
        {"product=2", {2, 4, 7}},
        {"kind=designated_city", {3, 4}},
        {"kind=special_ward,prefecture", {1, 5}},
        {"prefecture=13", {1, 2, 5, 6, 7}},
        {"prefecture=1", {3}},
        {"prefecture=270008", {4, 8}},  // 大阪府's own code
        {"status=open", {1, 2, 6, 7, 8}},
        {"status=won", {3}},
        {"status=lost", {4}},
        {"status=closed", {3, 4, 5}},
        {"status=open&prefecture=13&product=1", {1, 6}},
        {"status=open&stage=discovery&owner=2", {7}},
    };
    for (const auto& c : cases) {
        auto page = Get(std::string("/api/deals?") + c.query, 200);
        EXPECT_EQ(Ids(page), c.ids) << c.query;
        EXPECT_EQ(page["total"], c.ids.size()) << c.query;
    }
}

TEST_F(PipelineApiTest, DealItemsAndDetailCarryTheNamesOfTheirReferences) {
    auto page = Get("/api/deals?government=131016", 200);
    ASSERT_EQ(page["items"].size(), 1u);
    const json& item = page["items"][0];
    EXPECT_EQ(item["government_name"], "千代田区");
    EXPECT_EQ(item["prefecture_code"], "13");
    EXPECT_EQ(item["government_kind"], "special_ward");
    EXPECT_EQ(item["product_name"], "電子申請サービス");
    EXPECT_EQ(item["owner_name"], "佐藤 花子");
    auto detail = Get("/api/deals/4", 200);
    EXPECT_EQ(detail["government_name"], "大阪市");
    EXPECT_EQ(detail["prefecture_code"], "27");
    EXPECT_EQ(detail["government_kind"], "designated_city");
    EXPECT_EQ(detail["product_name"], "防災情報配信");
    EXPECT_EQ(detail["owner_name"], "佐藤 花子");
    // Selectable with fields like any other member.
    auto narrow = Get("/api/deals?government=011002&fields=government_name,owner_name", 200);
    EXPECT_EQ(narrow["items"][0], json({{"id", 3}, {"government_name", "札幌市"}, {"owner_name", "鈴木 一郎"}}));
}

TEST_F(PipelineApiTest, BadDealFiltersNameTheParameter) {
    struct Case {
        const char* query;
        const char* field;
    };
    const Case cases[] = {
        {"product=abc", "product"},          {"product=0", "product"},
        {"kind=metropolis", "kind"},         {"prefecture=48", "prefecture"},
        {"prefecture=131016", "prefecture"}, {"prefecture=東", "prefecture"},
        {"status=pending", "status"},        {"colour=red", "colour"},
    };
    for (const auto& c : cases) {
        auto error = Get(std::string("/api/deals?") + c.query, 400);
        EXPECT_EQ(Fields(error), std::vector<std::string>{c.field}) << c.query;
    }
}

}  // namespace
}  // namespace kyoso::api
