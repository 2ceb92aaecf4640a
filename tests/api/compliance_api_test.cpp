#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api_test_world.hpp"
#include "kyoso/api/http_server.hpp"
#include "sales_seed.hpp"

namespace kyoso::api {
namespace {

using nlohmann::json;

std::vector<std::string> Fields(const json& body) {
    std::vector<std::string> out;
    for (const auto& d : body["error"]["details"]) out.push_back(d["field"].get<std::string>());
    return out;
}

// 千代田区: users 1-2, official 1, deals 1-2; a separate server for the suite.
class ComplianceApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("compliance-api", [](sql::SqlStore& store) {
            auto& sales = store.sales();
            testing::SeedProductAndTeam(sales);
            ASSERT_TRUE(sales.InsertOfficials({testing::ChiyodaOfficial()}).ok());
            ASSERT_TRUE(sales.InsertDeals({testing::TestDeal(1, "131016", 1), testing::TestDeal(2, "131016", 1)}).ok());
        });
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    static json Gift() {
        return {{"government_code", "131016"},
                {"official_id", 1},
                {"user_id", 1},
                {"occurred_on", "2026-11-20"},
                {"channel", "gift"},
                {"summary", "お歳暮を持参したが辞退された"},
                {"value_given", {{"description", "菓子折り"}, {"estimated_yen", 3000}}}};
    }
    static testing::ApiTestWorld* world_;
};
testing::ApiTestWorld* ComplianceApiTest::world_ = nullptr;

TEST_F(ComplianceApiTest, RecordsListsAndCorrects) {
    json first = world_->PostJson("/api/contact-log", Gift().dump(), 201);
    EXPECT_EQ(first["official_name"], "山田 太郎");
    EXPECT_EQ(first["value_given"]["estimated_yen"], 3000);
    EXPECT_TRUE(first["value_received"].is_null());
    json fix = Gift();
    fix["corrects_id"] = first["id"];
    fix["summary"] = "訂正";
    json second = world_->PostJson("/api/contact-log", fix.dump(), 201);
    EXPECT_EQ(second["corrects_id"], first["id"]);
    json list = world_->GetJson("/api/contact-log?government=131016&limit=1", 200);
    ASSERT_EQ(list["items"].size(), 1u);
    ASSERT_TRUE(list["next_cursor"].is_string());
    json next = world_->GetJson(
        "/api/contact-log?government=131016&limit=1&cursor=" + list["next_cursor"].get<std::string>(), 200);
    EXPECT_NE(next["items"][0]["id"], list["items"][0]["id"]);
}

TEST_F(ComplianceApiTest, BadInputNamesEachField) {
    json bad = Gift();
    bad["channel"] = "bribe";
    bad["colour"] = "red";
    bad["user_id"] = "one";
    bad["value_given"] = {{"description", 5}, {"estimated_yen", "lots"}, {"what", 1}};
    json body = world_->PostJson("/api/contact-log", bad.dump(), 400);
    auto fields = Fields(body);
    for (const char* f :
         {"colour", "user_id", "value_given.description", "value_given.estimated_yen", "value_given.what"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " in " << body.dump();
    }
    EXPECT_EQ(Fields(world_->PostJson("/api/contact-log", "{\"x\":", 400)), std::vector<std::string>{"body"});
    json unknown_channel = Gift();
    unknown_channel["channel"] = "bribe";
    EXPECT_EQ(Fields(world_->PostJson("/api/contact-log", unknown_channel.dump(), 400)),
              std::vector<std::string>{"channel"});
    json wrong_gov = Gift();
    wrong_gov["government_code"] = "132012";
    wrong_gov.erase("official_id");
    wrong_gov["corrects_id"] = world_->PostJson("/api/contact-log", Gift().dump(), 201)["id"];
    EXPECT_EQ(world_->PostJson("/api/contact-log", wrong_gov.dump(), 422)["error"]["code"], "FAILED_PRECONDITION");
    EXPECT_EQ(Fields(world_->GetJson("/api/contact-log?to=2026-02-30", 400)), std::vector<std::string>{"to"});
}

TEST_F(ComplianceApiTest, DisclosureDownloads) {
    world_->PostJson("/api/contact-log", Gift().dump(), 201);
    auto csv = world_->Get("/api/governments/13101/disclosure.csv");
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv->get_header_value("Content-Disposition").find("disclosure-131016.csv"), std::string::npos);
    EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF\"日時\",\"職員\",\"所属\"", 0), 0u);
    EXPECT_NE(csv->body.find("お歳暮を持参したが辞退された"), std::string::npos);
    auto xlsx = world_->Get("/api/governments/131016/disclosure.xlsx?from=2026-01-01");
    ASSERT_TRUE(xlsx);
    EXPECT_EQ(xlsx->status, 200);
    EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
    world_->GetJson("/api/governments/139998/disclosure.csv", 404);
    world_->GetJson("/api/governments/abc/disclosure.xlsx", 400);
    EXPECT_EQ(Fields(world_->GetJson("/api/governments/131016/disclosure.csv?from=x", 400)),
              std::vector<std::string>{"from"});
    EXPECT_EQ(Fields(world_->GetJson("/api/governments/131016/disclosure.csv?format=pdf", 400)),
              std::vector<std::string>{"format"});
}

TEST_F(ComplianceApiTest, SearchAnswersTypedHitsWithSnippets) {
    json hits = world_->GetJson("/api/search?q=%E3%82%84%E3%81%BE%E3%81%A0&types=official", 200);  // やまだ
    ASSERT_EQ(hits["items"].size(), 1u);
    EXPECT_EQ(hits["items"][0]["type"], "official");
    EXPECT_EQ(hits["items"][0]["id"], "1");
    EXPECT_NE(hits["items"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
    EXPECT_EQ(Fields(world_->GetJson("/api/search?types=deal", 400)), std::vector<std::string>{"q"});
    EXPECT_EQ(Fields(world_->GetJson("/api/search?q=a&limit=0", 400)), std::vector<std::string>{"limit"});
    EXPECT_EQ(Fields(world_->GetJson("/api/search?q=a&types=x", 400)), std::vector<std::string>{"types"});
}

}  // namespace
}  // namespace kyoso::api
