// Tender notices over HTTP: import of the committed 官公需 sample, linking by code and
// name, the review queue, manual linking (audited), alerts to the territory's field
// sales, competitors, and a malformed file that stores nothing. Runs on both backends.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api_test_world.hpp"

namespace kyoso::testing {
namespace {

using nlohmann::json;

std::string Sample(const std::string& name) {
    std::ifstream in(std::string(KYOSO_SOURCE_DIR) + "/tests/data/intel/" + name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class NoticeApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new ApiTestWorld("notice_api");
        json p = world_->PostJson("/api/products",
                                  R"({"name":"防災情報配信システム","policy_domains":["防災"],"price_min":1500000,)"
                                  R"("price_max":15000000,"keywords":["防災アプリ","緊急速報メール","Lアラート"]})",
                                  201);
        product_id_ = p["id"].get<long long>();
        json gis = world_->PostJson("/api/products",
                                    R"({"name":"統合型GIS","policy_domains":["DX"],"price_min":2000000,)"
                                    R"("price_max":20000000,"keywords":["統合型GIS","ハザードマップ"]})",
                                    201);
        gis_id_ = gis["id"].get<long long>();
        // Field sales for 福島県 (07) and 広島県 (34); a manager for 福島県 too.
        field_token_ = world_->CreateUserToken("fs-tohoku", "field_sales", "東北チーム", {"07", "34"});
        manager_token_ = world_->CreateUserToken("mgr-tohoku", "manager", "東北チーム", {"07"});
        bdr_token_ = world_->CreateUserToken("bdr-notice", "bdr", "東北チーム");
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }
    static httplib::Result Import(const std::string& format, const std::string& body, const std::string& token) {
        httplib::Client client("127.0.0.1", world_->port());
        httplib::Headers headers{{"Authorization", "Bearer " + token}};
        return client.Post(("/api/notices/import?format=" + format).c_str(), headers, body, "application/xml");
    }
    static ApiTestWorld* world_;
    static long long product_id_;
    static long long gis_id_;
    static std::string field_token_;
    static std::string manager_token_;
    static std::string bdr_token_;
};
ApiTestWorld* NoticeApiTest::world_ = nullptr;
long long NoticeApiTest::product_id_ = 0;
long long NoticeApiTest::gis_id_ = 0;
std::string NoticeApiTest::field_token_;
std::string NoticeApiTest::manager_token_;
std::string NoticeApiTest::bdr_token_;

TEST_F(NoticeApiTest, ImportLinksMatchesAlertsAndQueuesTheRest) {
    // A malformed file first: one bad item refuses the whole file, nothing is stored.
    std::string bad = Sample("kkj_sample.xml");
    bad.replace(bad.find("<CftIssueDate>2026-11-18</CftIssueDate>"), 39, "<CftIssueDate>2026-11-31</CftIssueDate>");
    auto refused = Import("kkj", bad, world_->admin_token());
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400) << refused->body;
    EXPECT_NE(refused->body.find("SearchResult 4 <CftIssueDate>: '2026-11-31' is not a date"), std::string::npos)
        << refused->body;
    EXPECT_EQ(world_->GetJson("/api/notices", 200)["total"], 0);

    // BDRs may not import.
    auto denied = Import("kkj", Sample("kkj_sample.xml"), bdr_token_);
    ASSERT_TRUE(denied);
    EXPECT_EQ(denied->status, 403);

    auto imported = Import("kkj", Sample("kkj_sample.xml"), manager_token_);
    ASSERT_TRUE(imported);
    ASSERT_EQ(imported->status, 200) << imported->body;
    json counts = json::parse(imported->body);
    EXPECT_EQ(counts["read"], 5);
    EXPECT_EQ(counts["new"], 5);
    EXPECT_EQ(counts["linked"], 4);  // 三春町 (CityCode), 桐生市 (5-digit), 府中市 (広島: LgCode 34), 倶知安町 (name)
    EXPECT_EQ(counts["queued"], 1);  // 府中市役所 without a prefecture: ambiguous
    EXPECT_EQ(counts["matched"], 2);  // 三春町 → 防災情報配信システム; 府中市 (広島) → 統合型GIS
    EXPECT_EQ(counts["alerts"], 2);  // both to the field sales of 福島県 / 広島県

    json miharu = world_->GetJson("/api/notices?government=075213", 200);
    ASSERT_EQ(miharu["total"], 1);
    EXPECT_EQ(miharu["items"][0]["government_name"], "三春町");
    EXPECT_EQ(miharu["items"][0]["review_state"], "linked");
    EXPECT_EQ(miharu["items"][0]["link_reason"], "CityCode 075213");
    const long long miharu_id = miharu["items"][0]["id"].get<long long>();
    json detail = world_->GetJson("/api/notices/" + std::to_string(miharu_id), 200);
    ASSERT_EQ(detail["matches"].size(), 1u);
    EXPECT_EQ(detail["matches"][0]["product_name"], "防災情報配信システム");
    EXPECT_EQ(detail["matches"][0]["terms"], json({"防災アプリ", "緊急速報メール", "Lアラート"}));

    // The territory's field sales user got the alert; the manager (same territory) did not.
    auto alerts = world_->Send("GET", "/api/alerts", "", field_token_);
    ASSERT_TRUE(alerts);
    json mine = json::parse(alerts->body);
    ASSERT_GE(mine["items"].size(), 1u);
    bool saw_miharu = false;
    for (const auto& a : mine["items"]) saw_miharu |= a["notice_id"] == miharu_id && a["government_name"] == "三春町";
    EXPECT_TRUE(saw_miharu) << mine.dump();
    json theirs = json::parse(world_->Send("GET", "/api/alerts", "", manager_token_)->body);
    EXPECT_EQ(theirs["items"].size(), 0u);
    const long long alert_id = mine["items"][0]["id"].get<long long>();
    auto read = world_->Send("POST", "/api/alerts/" + std::to_string(alert_id) + "/read", "{}", field_token_);
    EXPECT_EQ(read->status, 200);
    EXPECT_EQ(world_->Send("POST", "/api/alerts/" + std::to_string(alert_id) + "/read", "{}", manager_token_)->status,
              404);  // not theirs
    json after = json::parse(world_->Send("GET", "/api/alerts?unread=true", "", field_token_)->body);
    for (const auto& a : after["items"]) EXPECT_NE(a["id"], alert_id);

    // Award result → competitor data for 桐生市.
    json competitors = world_->GetJson("/api/competitors?government=102032", 200);
    ASSERT_EQ(competitors["items"].size(), 1u);
    EXPECT_EQ(competitors["items"][0]["winner"], "上毛通信工業株式会社");
    EXPECT_EQ(competitors["items"][0]["awards"], 1);
    EXPECT_EQ(competitors["items"][0]["total_amount"], 123450000);
    EXPECT_EQ(competitors["items"][0]["last_awarded_on"], "2026-11-10");
    world_->GetJson("/api/competitors?government=102033", 400);  // wrong check digit

    // The review queue holds the ambiguous 府中市; link it by hand to 東京都府中市.
    json queue = world_->GetJson("/api/notices/review", 200);
    ASSERT_EQ(queue["total"], 1);
    EXPECT_NE(queue["items"][0]["link_reason"].get<std::string>().find("ambiguous: 府中市"), std::string::npos);
    const std::string queued = std::to_string(queue["items"][0]["id"].get<long long>());
    auto by_bdr =
        world_->Send("POST", "/api/notices/" + queued + "/link", R"({"government_code":"132063"})", bdr_token_);
    EXPECT_EQ(by_bdr->status, 403);
    world_->PostJson("/api/notices/" + queued + "/link", R"({"government_code":"13206"})", 200);
    json linked = world_->GetJson("/api/notices/" + queued, 200);
    EXPECT_EQ(linked["government_code"], "132063");
    EXPECT_EQ(linked["review_state"], "linked");
    EXPECT_EQ(world_->GetJson("/api/notices/review", 200)["total"], 0);
    world_->PostJson("/api/notices/" + queued + "/link", R"({"government_code":"132064"})", 400);
    world_->PostJson("/api/notices/" + queued + "/link", "{}", 400);

    // Re-importing the same file updates in place; a manual link stays.
    auto again = Import("kkj", Sample("kkj_sample.xml"), manager_token_);
    json again_counts = json::parse(again->body);
    EXPECT_EQ(again_counts["new"], 0);
    EXPECT_EQ(again_counts["updated"], 5);
    EXPECT_EQ(again_counts["alerts"], 0);
    EXPECT_EQ(world_->GetJson("/api/notices/" + queued, 200)["government_code"], "132063");

    // Dismiss; filters; paging.
    world_->PostJson("/api/notices/" + queued + "/dismiss", "{}", 200);
    EXPECT_EQ(world_->GetJson("/api/notices?state=dismissed", 200)["total"], 1);
    EXPECT_EQ(world_->GetJson("/api/notices?q=GIS", 200)["total"], 1);
    EXPECT_EQ(world_->GetJson("/api/notices?product=" + std::to_string(product_id_), 200)["total"], 1);
    EXPECT_EQ(world_->GetJson("/api/notices?from=2026-11-15&to=2026-11-20", 200)["total"], 3);
    json page = world_->GetJson("/api/notices?limit=2", 200);
    EXPECT_EQ(page["items"].size(), 2u);
    EXPECT_EQ(page["next_cursor"], "2");
    EXPECT_EQ(world_->GetJson("/api/notices?limit=2&cursor=4", 200)["next_cursor"], nullptr);
    world_->GetJson("/api/notices?state=maybe", 400);
    world_->GetJson("/api/notices?from=yesterday", 400);
    world_->GetJson("/api/notices?colour=red", 400);
    world_->GetJson("/api/notices/99999", 404);
}

TEST_F(NoticeApiTest, TheSameNoticeFromAnotherSourceIsStoredOnce) {
    const std::string rss =
        "<rss><channel><title>三春町</title><item><title>三春町防災情報配信システム構築業務委託（公募型プロポーザル）"
        "</title><guid>miharu-1</guid><author>福島県三春町</author><pubDate>Fri, 20 Nov 2026 09:00:00 +0900"
        "</pubDate></item></channel></rss>";
    ASSERT_EQ(Import("kkj", Sample("kkj_sample.xml"), world_->admin_token())->status, 200);
    auto first = Import("rss", rss, world_->admin_token());
    ASSERT_EQ(first->status, 200) << first->body;
    json counts = json::parse(first->body);
    EXPECT_EQ(counts["new"], 0);
    EXPECT_EQ(counts["duplicates"], 1);
    auto bad_format = Import("pdf", rss, world_->admin_token());
    EXPECT_EQ(bad_format->status, 400);
    EXPECT_NE(bad_format->body.find("kkj, csv or rss"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::testing
