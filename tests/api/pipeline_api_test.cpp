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
        world_ = new testing::ApiTestWorld("pipeline-api", [](sql::SqlStore& store) {
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

TEST_F(PipelineApiTest, StagesDescribeTheEvidenceAndMovesOfEachStage) {
    auto body = Get("/api/pipeline/stages", 200);
    const json& stages = body["stages"];
    ASSERT_EQ(stages.size(), 10u);
    std::vector<std::string> order;
    for (const auto& s : stages) {
        EXPECT_EQ(s["order"], order.size());
        order.push_back(s["stage"]);
    }
    EXPECT_EQ(order, (std::vector<std::string>{"discovery", "qualified", "budget_proposal", "requested", "budgeted",
                                               "tender_prep", "bidding", "won", "lost", "deferred"}));
    auto stage = [&](const std::string& slug) {
        return *std::find_if(stages.begin(), stages.end(), [&](const json& s) { return s["stage"] == slug; });
    };
    EXPECT_EQ(stage("discovery")["evidence"], json::array());
    EXPECT_EQ(stage("qualified")["label_ja"], "課題把握");
    EXPECT_EQ(stage("qualified")["label_en"], "Qualified");
    EXPECT_FALSE(stage("qualified")["closed"]);
    EXPECT_EQ(stage("qualified")["evidence"],
              json::array({{{"kind", "hearing"},
                            {"fields", {"hearing"}},
                            {"label_ja", "ヒアリング記録（訪問・電話・オンライン会議）"},
                            {"label_en", "A hearing logged (visit, call or online meeting)"},
                            {"input", "none"}}}));
    auto inputs = [&](const std::string& slug) {
        std::vector<std::string> out;
        const json evidence = stage(slug)["evidence"];
        for (const auto& e : evidence)
            out.push_back(e["kind"].get<std::string>() + ":" + e["input"].get<std::string>());
        return out;
    };
    EXPECT_EQ(inputs("budget_proposal"), std::vector<std::string>{"reference_quote:none"});
    EXPECT_EQ(inputs("requested"), std::vector<std::string>{"note:text"});
    EXPECT_EQ(inputs("budgeted"), std::vector<std::string>{"budget_amount:amount"});
    EXPECT_EQ(inputs("tender_prep"), std::vector<std::string>{"notice_url:url"});
    EXPECT_EQ(inputs("bidding"), std::vector<std::string>{"bid_or_proposal:none"});
    EXPECT_EQ(inputs("won"), std::vector<std::string>{"award_amount:amount"});
    EXPECT_EQ(inputs("lost"), (std::vector<std::string>{"lost_reason:text", "competitor:text", "award_amount:amount"}));
    EXPECT_EQ(inputs("deferred"), std::vector<std::string>{"note:text"});
    EXPECT_EQ(stage("bidding")["next"], json({"won", "lost", "deferred"}));
    EXPECT_EQ(stage("tender_prep")["next"], json({"bidding", "won", "lost", "deferred"}));
    for (const char* closed : {"won", "lost", "deferred"}) {
        EXPECT_TRUE(stage(closed)["closed"]) << closed;
        EXPECT_EQ(stage(closed)["next"], json::array()) << closed;
    }
}

TEST_F(PipelineApiTest, StageEvidenceFieldsAreWhatAMoveWithoutEvidenceReportsMissing) {
    auto stages = Get("/api/pipeline/stages", 200)["stages"];
    for (const char* to : {"lost", "budgeted", "tender_prep", "qualified"}) {
        std::vector<std::string> expected;
        for (const auto& s : stages) {
            if (s["stage"] != to) continue;
            for (const auto& e : s["evidence"]) {
                for (const auto& f : e["fields"]) expected.push_back(f);
            }
        }
        // Deal 7 is at 情報収集 with nothing logged: every item is missing.
        auto refused = world_->PostJson("/api/deals/7/stage", std::string(R"({"to":")") + to + R"("})", 422);
        EXPECT_EQ(Fields(refused), expected) << to;
    }
}

// "stage:count:amount_total:id,id,..." for each column with deals, in board order.
std::vector<std::string> Columns(const json& board) {
    std::vector<std::string> out;
    for (const auto& c : board["columns"]) {
        if (c["count"] == 0) {
            EXPECT_EQ(c["deals"], json::array()) << c.dump();
            continue;
        }
        std::string ids;
        for (const auto& d : c["deals"]) ids += (ids.empty() ? "" : ",") + std::to_string(d["id"].get<long long>());
        out.push_back(c["stage"].get<std::string>() + ":" + std::to_string(c["count"].get<long long>()) + ":" +
                      c["amount_total"].dump() + ":" + ids);
    }
    return out;
}

TEST_F(PipelineApiTest, BoardHasAColumnPerStageForNextFiscalYearByDefault) {
    auto board = Get("/api/pipeline/board", 200);
    EXPECT_EQ(board["fiscal_year"], 2027);  // today is 2026-11-27 (FY2026): next year's budget is being made
    EXPECT_EQ(board["fiscal_year_label"], "令和9年度");
    ASSERT_EQ(board["columns"].size(), 10u);
    EXPECT_EQ(board["columns"][0]["stage"], "discovery");
    EXPECT_EQ(board["columns"][0]["label_ja"], "情報収集");
    EXPECT_EQ(board["columns"][9]["stage"], "deferred");
    EXPECT_EQ(board["columns"][3]["amount_total"], 0);  // requested: no deals
    // Largest amount first; 6 and 7 tie at 9,000,000 and the newer comes first.
    EXPECT_EQ(Columns(board),
              (std::vector<std::string>{"discovery:3:21000000:7,6,1", "qualified:1:5000000:2", "won:1:8000000:3",
                                        "lost:1:2000000:4", "deferred:1:1000000:5"}));
    const json& first = board["columns"][0]["deals"][0];
    EXPECT_EQ(first["government_name"], "調布市");
    EXPECT_EQ(first["product_name"], "防災情報配信");
    EXPECT_EQ(first["owner_name"], "鈴木 一郎");
    EXPECT_EQ(first["amount"], 9'000'000);
    EXPECT_EQ(Columns(Get("/api/pipeline/board?fiscal_year=2028", 200)),
              std::vector<std::string>{"budget_proposal:1:4000000:8"});
}

TEST_F(PipelineApiTest, BoardFiltersAndLimitsLikeTheDealList) {
    EXPECT_EQ(Columns(Get("/api/pipeline/board?limit=1", 200))[0], "discovery:3:21000000:7");
    EXPECT_EQ(Columns(Get("/api/pipeline/board?product=2", 200)),
              (std::vector<std::string>{"discovery:1:9000000:7", "qualified:1:5000000:2", "lost:1:2000000:4"}));
    EXPECT_EQ(Columns(Get("/api/pipeline/board?owner=2", 200)),
              (std::vector<std::string>{"discovery:1:9000000:7", "qualified:1:5000000:2", "won:1:8000000:3"}));
    EXPECT_EQ(Columns(Get("/api/pipeline/board?prefecture=13&kind=city,core_city", 200)),
              (std::vector<std::string>{"discovery:2:18000000:7,6", "qualified:1:5000000:2"}));
    // The same order as the deal list sorted by amount, so a column continues there.
    auto list = Get("/api/deals?fiscal_year=2027&stage=discovery&sort=amount&order=desc&limit=1", 200);
    EXPECT_EQ(list["items"][0]["id"], 7);
    auto more = Get("/api/deals?fiscal_year=2027&stage=discovery&sort=amount&order=desc&limit=2&cursor=" +
                        list["next_cursor"].get<std::string>(),
                    200);
    EXPECT_EQ(Ids(more), (std::set<long long>{6, 1}));
}

TEST_F(PipelineApiTest, BoardShowsOnlyVisibleDealsAndHidesAmountsFromBdrs) {
    // A BDR of the owners' team reads their deals without amounts; the order reveals none.
    const std::string bdr = world_->CreateUserToken("board-bdr", "bdr", "東日本チーム");
    auto res = world_->Send("GET", "/api/pipeline/board", "", bdr);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    auto board = json::parse(res->body);
    EXPECT_EQ(Columns(board), (std::vector<std::string>{"discovery:3:null:7,6,1", "qualified:1:null:2", "won:1:null:3",
                                                        "lost:1:null:4", "deferred:1:null:5"}));
    for (const auto& c : board["columns"]) {
        EXPECT_TRUE(c["amount_total"].is_null()) << c.dump();
        for (const auto& d : c["deals"]) {
            EXPECT_TRUE(d["amount"].is_null()) << d.dump();
            EXPECT_TRUE(d["award_amount"].is_null()) << d.dump();
            EXPECT_EQ(d["hidden_fields"], json({"amount", "budget_amount", "award_amount", "line_items"})) << d.dump();
        }
    }
    // Field sales of another team covering Osaka see only the Osaka deals, with amounts.
    const std::string osaka = world_->CreateUserToken("board-osaka", "field_sales", "西日本チーム", {"27"});
    res = world_->Send("GET", "/api/pipeline/board", "", osaka);
    ASSERT_TRUE(res);
    EXPECT_EQ(Columns(json::parse(res->body)), std::vector<std::string>{"lost:1:2000000:4"});
}

TEST_F(PipelineApiTest, BadBoardParametersNameTheParameter) {
    struct Case {
        const char* query;
        const char* field;
    };
    const Case cases[] = {
        {"limit=0", "limit"},
        {"limit=201", "limit"},
        {"fiscal_year=next", "fiscal_year"},
        {"stage=won", "stage"},
        {"kind=metropolis", "kind"},
        {"owner=-1", "owner"},
        {"prefecture=99", "prefecture"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(Fields(Get(std::string("/api/pipeline/board?") + c.query, 400)), std::vector<std::string>{c.field})
            << c.query;
    }
}

}  // namespace
}  // namespace kyoso::api
