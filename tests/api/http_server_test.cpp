#include "kyoso/api/http_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "api_test_world.hpp"

namespace kyoso::api {
namespace {

// One server for the whole suite: loading the master takes a moment.
class HttpServerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        world_ = new testing::ApiTestWorld("api", {}, [](HttpConfig& c) { c.max_body_bytes = 1024; });
        port_ = world_->port();
    }
    static void TearDownTestSuite() {
        delete world_;
        world_ = nullptr;
    }

    httplib::Result Get(const std::string& path) { return world_->Get(path); }
    nlohmann::json GetJson(const std::string& path, int expect_status) { return world_->GetJson(path, expect_status); }

    static testing::ApiTestWorld* world_;
    static int port_;
};

testing::ApiTestWorld* HttpServerTest::world_ = nullptr;
int HttpServerTest::port_ = 0;

TEST_F(HttpServerTest, HealthReportsDatabaseAndMasterData) {
    auto body = GetJson("/api/health", 200);
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["governments"], 1969);
    EXPECT_GE(body["database"]["schema_version"].get<int>(), 2);
}

TEST_F(HttpServerTest, ListsAll1788BodiesAcrossPages) {
    std::string path = "/api/governments?limit=500";
    int seen = 0;
    for (int guard = 0; guard < 10; ++guard) {
        auto body = GetJson(path, 200);
        EXPECT_EQ(body["total"], 1788);
        seen += static_cast<int>(body["items"].size());
        if (body["next_cursor"].is_null()) break;
        path = "/api/governments?limit=500&cursor=" + body["next_cursor"].get<std::string>();
    }
    EXPECT_EQ(seen, 1788);
}

TEST_F(HttpServerTest, FindsChiyodaByHiraganaAndHalfWidthKatakana) {
    for (const char* q : {"%E3%81%A1%E3%82%88%E3%81%A0",              // ちよだ
                          "%EF%BE%81%EF%BE%96%EF%BE%80%EF%BE%9E"}) {  // ﾁﾖﾀﾞ
        auto body = GetJson(std::string("/api/governments?q=") + q, 200);
        bool found = false;
        for (const auto& item : body["items"]) found |= item["name"] == "千代田区";
        EXPECT_TRUE(found) << body.dump();
    }
}

TEST_F(HttpServerTest, FiltersCombine) {
    auto body = GetJson("/api/governments?prefecture=13&kind=special_ward&limit=100", 200);
    EXPECT_EQ(body["total"], 23);
    for (const auto& item : body["items"]) EXPECT_EQ(item["kind"], "special_ward");
    auto wards = GetJson("/api/governments?kind=ward&prefecture=14", 200);
    EXPECT_EQ(wards["total"], 18 + 7 + 3);  // 横浜市, 川崎市, 相模原市
}

TEST_F(HttpServerTest, DetailHasTheFiscalCalendar) {
    auto body = GetJson("/api/governments/131016", 200);
    EXPECT_EQ(body["name"], "千代田区");
    EXPECT_EQ(body["fiscal_calendar"]["label"], "令和8年度");
    EXPECT_EQ(body["fiscal_calendar"]["milestones"].size(), 13u);
    EXPECT_EQ(body["fiscal_calendar"]["next"]["kind"], "finance_hearing");  // under way on 2026-11-27
    EXPECT_EQ(body["fiscal_calendar"]["business_days_to_next"], 0);
    auto five = GetJson("/api/governments/13101", 200);
    EXPECT_EQ(five["code"], "131016");
}

TEST_F(HttpServerTest, ErrorsAreJsonWithCodeMessageAndDetails) {
    auto bad_digit = GetJson("/api/governments/131017", 400);
    EXPECT_EQ(bad_digit["error"]["code"], "INVALID_ARGUMENT");
    EXPECT_NE(bad_digit["error"]["message"].get<std::string>().find("expected 6"), std::string::npos);
    auto missing = GetJson("/api/governments/131997", 404);
    EXPECT_EQ(missing["error"]["code"], "NOT_FOUND");
    auto cursor = GetJson("/api/governments?cursor=nonsense", 400);
    EXPECT_EQ(cursor["error"]["details"][0]["field"], "cursor");
    auto pref = GetJson("/api/governments?prefecture=99", 400);
    EXPECT_EQ(pref["error"]["details"][0]["field"], "prefecture");
    auto repeated = GetJson("/api/governments?limit=1&limit=2", 400);
    EXPECT_EQ(repeated["error"]["details"][0]["field"], "limit");
    auto unknown = GetJson("/api/nothing-here", 404);
    EXPECT_EQ(unknown["error"]["code"], "NOT_FOUND");
}

TEST_F(HttpServerTest, SecurityHeadersOnEveryResponse) {
    for (const char* path : {"/api/health", "/", "/api/nothing-here"}) {
        auto res = Get(path);
        ASSERT_TRUE(res) << path;
        EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << path;
        EXPECT_EQ(res->get_header_value("X-Frame-Options"), "DENY") << path;
        EXPECT_NE(res->get_header_value("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
    }
}

TEST_F(HttpServerTest, ServesTheWebAppAndFallsBackToIndexForClientRoutes) {
    auto index = Get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_NE(index->body.find("<html"), std::string::npos);
    auto route = Get("/governments/131016");
    ASSERT_TRUE(route);
    EXPECT_EQ(route->status, 200);
    EXPECT_EQ(route->body, index->body);
}

TEST_F(HttpServerTest, OversizedBodiesAreRefused) {
    httplib::Client client("127.0.0.1", port_);
    auto res = client.Post("/api/governments", std::string(4096, 'x'), "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
}

TEST_F(HttpServerTest, MetricsCountRequestsInPrometheusFormat) {
    (void)Get("/api/health");
    auto res = Get("/metrics");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_NE(res->body.find("kyoso_http_requests_total{"), std::string::npos) << res->body;
    EXPECT_NE(res->body.find("route=\"/api/health\""), std::string::npos);
    EXPECT_NE(res->body.find("kyoso_http_request_duration_seconds_bucket"), std::string::npos);
    EXPECT_NE(res->body.find("kyoso_governments 1969"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::api

namespace kyoso::api {
namespace {

// A browser accepts "gzip, deflate, br, zstd"; the server answers with gzip, never with
// cpp-httplib's maximum-quality Brotli (~0.9 s of CPU for the dashboards script).
TEST_F(HttpServerTest, CompressesWithGzipEvenWhenTheClientAlsoAcceptsBrotli) {
    httplib::Client client("127.0.0.1", world_->port());
    client.set_decompress(false);
    for (const char* accept : {"gzip, deflate, br, zstd", "br;q=1.0, gzip;q=0.8", "gzip;q=0.5, br"}) {
        auto res = client.Get("/", {{"Accept-Encoding", accept}});
        ASSERT_TRUE(res) << accept;
        EXPECT_EQ(res->status, 200) << accept;
        EXPECT_EQ(res->get_header_value("Content-Encoding"), "gzip") << accept;
    }
    auto only_br = client.Get("/", {{"Accept-Encoding", "br"}});
    ASSERT_TRUE(only_br);
    EXPECT_EQ(only_br->get_header_value("Content-Encoding"), "") << "identity when Brotli is all the client takes";
}

}  // namespace
}  // namespace kyoso::api
