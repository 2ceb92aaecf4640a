// The case library and public value over a small seeded store (runs on SQLite and
// PostgreSQL). Today is 2026-11-27.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;
using S = domain::Stage;

std::string Enc(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

class CasesApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("cases-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);  // product 1 電子申請サービス, users 1 and 2
            ASSERT_TRUE(sales.InsertProducts({{2, "図書館システム", {"教育"}, 1'000'000, 5'000'000, {}}}).ok());
            auto deal = [](long long id, const char* gov, long long product, S stage, Date closed) {
                domain::Deal d = testing::TestDeal(id, gov, 1);
                d.product_id = product;
                d.stage = stage;
                d.fiscal_year = 2026;
                d.closed_on = closed;
                return d;
            };
            ASSERT_TRUE(sales
                            .InsertDeals({
                                deal(1, "131016", 1, S::kWon, MakeDate(2026, 4, 15)),   // 千代田区
                                deal(2, "132012", 1, S::kLost, MakeDate(2026, 5, 10)),  // 八王子市
                                deal(3, "011002", 1, S::kWon, MakeDate(2026, 4, 20)),   // 札幌市
                                deal(4, "132012", 2, S::kWon, MakeDate(2026, 6, 1)),    // 八王子市
                            })
                            .ok());
        });
        bdr_ = world_->CreateUserToken("cases-bdr", "bdr", "東日本チーム", {}, &bdr_id_);
        field_ = world_->CreateUserToken("cases-field", "field_sales", "東日本チーム", {"13"});
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    static json Call(const std::string& method, const std::string& path, const std::string& body, int want,
                     const std::string& token = "") {
        auto res = world_->Send(method, path, body, token.empty() ? world_->admin_token() : token);
        EXPECT_TRUE(res) << path;
        if (!res) return {};
        EXPECT_EQ(res->status, want) << method << " " << path << " " << body << " -> " << res->body;
        return json::parse(res->body, nullptr, false);
    }
    static std::vector<std::string> Fields(const json& error) {
        std::vector<std::string> out;
        for (const auto& d : error["error"]["details"]) out.push_back(d["field"]);
        return out;
    }
    static std::vector<std::string> Titles(const json& list) {
        std::vector<std::string> out;
        for (const auto& c : list["items"]) out.push_back(c["title"]);
        return out;
    }
    static long long CreateCase(const json& body, const std::string& token = "") {
        const json c = Call("POST", "/api/cases", body.dump(), 201, token);
        return c.value("id", 0LL);
    }

    static testing::ApiTestWorld* world_;
    static std::string bdr_, field_;
    static long long bdr_id_;
};

testing::ApiTestWorld* CasesApiTest::world_ = nullptr;
std::string CasesApiTest::bdr_;
std::string CasesApiTest::field_;
long long CasesApiTest::bdr_id_ = 0;

TEST_F(CasesApiTest, JapaneseSearchFindsWordsInsideTextsAcrossKanaAndWidth) {
    const long long madoguchi = CreateCase({{"kind", "success"},
                                            {"title", "窓口業務のオンライン化"},
                                            {"government_code", "131016"},
                                            {"product_id", 1},
                                            {"deal_id", 1},
                                            {"summary", "電子申請サービスで住民の来庁を減らした"},
                                            {"approach", "予算要求前（7月）に参考見積を提出"},
                                            {"lessons", "担当課と効果指標を先に合意する"},
                                            {"tags", {"窓口DX", "参考見積"}},
                                            {"created_on", "2026-08-01"}});
    ASSERT_GT(madoguchi, 0);
    CreateCase({{"kind", "failure"},
                {"title", "担当課長の人事異動で白紙に"},
                {"government_code", "132012"},
                {"product_id", 1},
                {"deal_id", 2},
                {"lessons", "キーパーソンを複数持つ"},
                {"created_on", "2026-08-02"}});
    CreateCase({{"kind", "success"},
                {"title", "図書館の蔵書検索を刷新"},
                {"government_code", "132012"},
                {"product_id", 2},
                {"created_on", "2026-08-03"}});

    EXPECT_EQ(Titles(Call("GET", "/api/cases?q=" + Enc("窓口"), "", 200)),
              std::vector<std::string>{"窓口業務のオンライン化"});
    // One kanji, hiragana for katakana, half-width katakana and a phrase inside the lessons.
    EXPECT_EQ(Titles(Call("GET", "/api/cases?q=" + Enc("窓"), "", 200)).size(), 1u);
    EXPECT_EQ(Titles(Call("GET", "/api/cases?q=" + Enc("おんらいん"), "", 200)),
              std::vector<std::string>{"窓口業務のオンライン化"});
    EXPECT_EQ(Titles(Call("GET", "/api/cases?q=" + Enc("ｵﾝﾗｲﾝ"), "", 200)).size(), 1u);
    EXPECT_EQ(Titles(Call("GET", "/api/cases?q=" + Enc("キーパーソン"), "", 200)),
              std::vector<std::string>{"担当課長の人事異動で白紙に"});
    EXPECT_EQ(Titles(Call("GET", "/api/cases?q=" + Enc("参考見積 窓口DX"), "", 200)).size(), 1u);
    EXPECT_TRUE(Titles(Call("GET", "/api/cases?q=" + Enc("窓口 図書館"), "", 200)).empty());
    EXPECT_TRUE(Titles(Call("GET", "/api/cases?q=" + Enc("口窓"), "", 200)).empty());
    // Filters: kind, product, government, prefecture (東京都 13), newest first.
    EXPECT_EQ(Titles(Call("GET", "/api/cases?kind=failure", "", 200)),
              std::vector<std::string>{"担当課長の人事異動で白紙に"});
    EXPECT_EQ(Titles(Call("GET", "/api/cases?product_id=2", "", 200)),
              std::vector<std::string>{"図書館の蔵書検索を刷新"});
    EXPECT_EQ(Titles(Call("GET", "/api/cases?government_code=132012&prefecture_code=13", "", 200)),
              (std::vector<std::string>{"図書館の蔵書検索を刷新", "担当課長の人事異動で白紙に"}));
    EXPECT_EQ(Titles(Call("GET", "/api/cases?prefecture_code=01", "", 200)).size(), 0u);
    const json one = Call("GET", "/api/cases/" + std::to_string(madoguchi), "", 200);
    EXPECT_EQ(one["government_name"], "千代田区");
    EXPECT_EQ(one["product_name"], "電子申請サービス");
    EXPECT_EQ(one["tags"], json({"窓口DX", "参考見積"}));
    EXPECT_EQ(one["deal"]["amount"], 3'000'000);
    EXPECT_EQ(Fields(Call("GET", "/api/cases?kind=maybe", "", 400)), std::vector<std::string>{"kind"});
    EXPECT_EQ(Fields(Call("GET", "/api/cases?q=" + Enc("a b c d e f g h i j k"), "", 400)),
              std::vector<std::string>{"q"});
}

TEST_F(CasesApiTest, InvalidCasesNameTheField) {
    auto fields = [](const json& body) { return Fields(Call("POST", "/api/cases", body.dump(), 400)); };
    EXPECT_EQ(fields({{"kind", "success"}, {"title", ""}, {"government_code", "131016"}, {"product_id", 1}}),
              std::vector<std::string>{"title"});
    EXPECT_EQ(fields({{"kind", "draw"}, {"title", "x"}, {"government_code", "131016"}, {"product_id", 1}}),
              std::vector<std::string>{"kind"});
    EXPECT_EQ(fields({{"kind", "success"}, {"title", "x"}, {"government_code", "999999"}, {"product_id", 1}}),
              std::vector<std::string>{"government_code"});
    EXPECT_EQ(fields({{"kind", "success"}, {"title", "x"}, {"government_code", "131016"}, {"product_id", 99}}),
              std::vector<std::string>{"product_id"});
    EXPECT_EQ(
        fields(
            {{"kind", "success"}, {"title", "x"}, {"government_code", "131016"}, {"product_id", 1}, {"deal_id", 999}}),
        std::vector<std::string>{"deal_id"});
    // Deal 2 belongs to 八王子市, not 千代田区.
    EXPECT_EQ(
        fields({{"kind", "success"}, {"title", "x"}, {"government_code", "131016"}, {"product_id", 1}, {"deal_id", 2}}),
        std::vector<std::string>{"deal_id"});
    EXPECT_EQ(fields({{"kind", "success"},
                      {"title", "x"},
                      {"government_code", "131016"},
                      {"product_id", 1},
                      {"created_on", "2027-01-01"}}),
              std::vector<std::string>{"created_on"});
    EXPECT_EQ(fields({{"title", "x"}}), (std::vector<std::string>{"kind", "government_code", "product_id"}));
    Call("GET", "/api/cases/999999", "", 404);
}

TEST_F(CasesApiTest, AuthorOrManagerEditsAndBdrsDoNotSeeAmounts) {
    const long long id = CreateCase({{"kind", "success"},
                                     {"title", "BDRの記録した事例"},
                                     {"government_code", "131016"},
                                     {"product_id", 1},
                                     {"deal_id", 1}},
                                    bdr_);
    const json seen = Call("GET", "/api/cases/" + std::to_string(id), "", 200, bdr_);
    EXPECT_EQ(seen["created_by"], bdr_id_);
    EXPECT_TRUE(seen["can_edit"]);
    EXPECT_TRUE(seen["deal"].is_null() || seen["deal"]["amount"].is_null()) << seen.dump();
    // Another sales user may read but not edit.
    const json other = Call("GET", "/api/cases/" + std::to_string(id), "", 200, field_);
    EXPECT_FALSE(other["can_edit"]);
    Call("PATCH", "/api/cases/" + std::to_string(id), R"({"title":"書き換え"})", 403, field_);
    Call("DELETE", "/api/cases/" + std::to_string(id), "", 403, field_);
    const json patched =
        Call("PATCH", "/api/cases/" + std::to_string(id), R"({"lessons":"予算要求前に参考見積を出す"})", 200, bdr_);
    EXPECT_EQ(patched["lessons"], "予算要求前に参考見積を出す");
    EXPECT_EQ(Fields(Call("PATCH", "/api/cases/" + std::to_string(id), R"({"title":"  "})", 400, bdr_)),
              std::vector<std::string>{"title"});
    // The administrator (manage_sales_ops) deletes it.
    Call("DELETE", "/api/cases/" + std::to_string(id), "", 200);
    Call("GET", "/api/cases/" + std::to_string(id), "", 404);
}

TEST_F(CasesApiTest, CasesCreatedBetweenCountsBothEndsInclusive) {
    for (const char* day : {"2025-04-01", "2025-06-30", "2025-07-01"}) {
        CreateCase({{"kind", "success"},
                    {"title", std::string("成長の記録 ") + day},
                    {"government_code", "011002"},
                    {"product_id", 1},
                    {"created_on", day}});
    }
    auto count = [](Date from, Date to) {
        auto n = world_->cases().CasesCreatedBetween(from, to);
        EXPECT_TRUE(n.ok());
        return n.ok() ? *n : -1;
    };
    EXPECT_EQ(count(MakeDate(2025, 4, 1), MakeDate(2025, 6, 30)), 2);
    EXPECT_EQ(count(MakeDate(2025, 6, 30), MakeDate(2025, 7, 1)), 2);
    EXPECT_EQ(count(MakeDate(2025, 4, 2), MakeDate(2025, 6, 29)), 0);
    EXPECT_EQ(count(MakeDate(2025, 7, 2), MakeDate(2025, 7, 1)), 0);
    EXPECT_EQ(count(MakeDate(2025, 1, 1), MakeDate(2025, 12, 31)), 3);
}

TEST_F(CasesApiTest, RelatedCasesComeFromTheGovernmentAndItsSimilarGovernments) {
    const json similar = Call("GET", "/api/governments/132012/similar?limit=10", "", 200);
    ASSERT_FALSE(similar["neighbours"].empty());
    const std::string neighbour = similar["neighbours"][0]["code"];
    CreateCase({{"kind", "success"},
                {"title", "類似団体での横展開事例"},
                {"government_code", neighbour},
                {"product_id", 1},
                {"created_on", "2026-09-01"}});
    CreateCase({{"kind", "success"},
                {"title", "別製品の類似団体事例"},
                {"government_code", neighbour},
                {"product_id", 2},
                {"created_on", "2026-09-02"}});
    const json related = Call("GET", "/api/cases/related?government_code=132012&product_id=1", "", 200);
    EXPECT_EQ(related["government_name"], "八王子市");
    std::vector<std::string> similar_titles;
    for (const auto& c : related["similar"]) similar_titles.push_back(c["title"]);
    EXPECT_NE(std::find(similar_titles.begin(), similar_titles.end(), "類似団体での横展開事例"), similar_titles.end());
    EXPECT_EQ(std::find(similar_titles.begin(), similar_titles.end(), "別製品の類似団体事例"), similar_titles.end());
    for (const auto& c : related["own"]) EXPECT_EQ(c["government_code"], "132012");
    EXPECT_FALSE(related["similar_governments"].empty());
    Call("GET", "/api/cases/related?government_code=999999", "", 404);
    EXPECT_EQ(Fields(Call("GET", "/api/cases/related", "", 400)), std::vector<std::string>{"government_code"});
}

TEST_F(CasesApiTest, PublicValueAggregatesOutcomesAndCitesThem) {
    auto outcome = [](long long deal, double baseline, double target, const char* measured_on, double value) {
        const json m = Call("POST", "/api/deals/" + std::to_string(deal) + "/outcomes",
                            json({{"name", "オンライン申請率"},
                                  {"unit", "%"},
                                  {"direction", "increase"},
                                  {"baseline", baseline},
                                  {"baseline_on", "2026-04-01"},
                                  {"target", target},
                                  {"target_on", "2027-03-31"}})
                                .dump(),
                            201);
        Call("POST", "/api/outcomes/" + std::to_string(m["id"].get<long long>()) + "/measurements",
             json({{"measured_on", measured_on}, {"value", value}}).dump(), 201);
    };
    outcome(1, 12, 40, "2026-09-30", 34);  // 千代田区: (34−12)/(40−12) = 22/28
    outcome(3, 10, 30, "2026-10-31", 20);  // 札幌市: (20−10)/(30−10) = 0.5
    const json pv = Call("GET", "/api/public-value?product_id=1", "", 200);
    EXPECT_EQ(pv["product_name"], "電子申請サービス");
    ASSERT_EQ(pv["deployments"].size(), 2u);
    ASSERT_EQ(pv["metrics"].size(), 1u);
    EXPECT_EQ(pv["metrics"][0]["deployments"], 2);
    EXPECT_EQ(pv["metrics"][0]["governments"], 2);
    EXPECT_NEAR(pv["metrics"][0]["median_progress"].get<double>(), (22.0 / 28.0 + 0.5) / 2, 1e-9);
    EXPECT_NEAR(pv["metrics"][0]["median_change"].get<double>(), 16.0, 1e-9);
    const json gov = Call("GET", "/api/public-value?government_code=131016", "", 200);
    ASSERT_EQ(gov["deployments"].size(), 1u);
    EXPECT_EQ(gov["deployments"][0]["citation"], "千代田区では オンライン申請率 12% → 34%（2026年9月測定）");
    const json ev = Call("GET", "/api/public-value/evidence?product_id=1&government_code=132012", "", 200);
    ASSERT_EQ(ev["items"].size(), 2u);
    EXPECT_NE(ev["citation_text"].get<std::string>().find("千代田区では オンライン申請率 12% → 34%（2026年9月測定）"),
              std::string::npos);
    EXPECT_EQ(Fields(Call("GET", "/api/public-value", "", 400)), std::vector<std::string>{"product_id"});
    Call("GET", "/api/public-value?product_id=99", "", 404);
    Call("GET", "/api/public-value/evidence?product_id=1", "", 400);
    // Every role may read public value.
    Call("GET", "/api/public-value?product_id=1", "", 200, bdr_);
}

}  // namespace
}  // namespace kyoso::api
