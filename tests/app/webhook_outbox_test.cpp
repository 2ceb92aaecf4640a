// The outbox through real use cases: a deal stage move and an activity logged by
// DealService reach a receiver as webhooks without DealService knowing about them,
// and a refused request sends nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/webhook/webhook_dispatcher.hpp"
#include "kyoso/app/webhook/webhook_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/http/httplib_poster.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "sales_seed.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

TEST(WebhookOutbox, UseCaseWritesBecomeSignedWebhooksAndRefusedOnesDoNot) {
    testing::TempDb db("webhook-outbox");
    auto opened = sqlite::SqliteStore::Open(db.path());
    ASSERT_TRUE(opened.ok());
    auto& store = **opened;
    testing::FixedClock clock(MakeDate(2026, 11, 27));
    crypto::OpenSslDigest digest;
    crypto::OpenSslMac mac;
    crypto::OpenSslSecretSource secrets;
    text::IcuTextNormalizer normalizer;
    domain::BusinessCalendar calendar(masterdata::BundledHolidays());
    GovernmentService governments(store, normalizer, clock, digest, calendar);
    ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
    testing::SeedProductAndTeam(store.sales());
    ASSERT_TRUE(store.sales().InsertDeals({testing::TestDeal(1, "131016", 1)}).ok());
    DealService deals(store, clock, digest, calendar);

    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> received;  // signature check result, body
    std::string secret;
    httplib::Server receiver;
    receiver.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex);
        const std::string expected =
            "sha256=" + mac.HmacSha256Hex(secret, req.get_header_value("X-Kyoso-Timestamp") + "." + req.body);
        received.emplace_back(req.get_header_value("X-Kyoso-Signature") == expected ? "valid" : "INVALID", req.body);
        res.status = 200;
    });
    const int port = receiver.bind_to_any_port("127.0.0.1");
    std::thread thread([&] { receiver.listen_after_bind(); });
    while (!receiver.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));

    WebhookService webhooks(store, clock, digest, secrets);
    WebhookChange change;
    change.url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
    change.events = std::vector<std::string>{"deal.*", "activity.log"};
    auto sub = webhooks.Create(change);
    ASSERT_TRUE(sub.ok()) << sub.status().ToString();
    secret = sub->secret;

    StageMoveRequest refused;  // 予算化 without its evidence: 422, nothing written
    refused.to = "budgeted";
    refused.actor_id = 1;
    EXPECT_FALSE(deals.MoveStage(1, refused).ok());
    ActivityRequest activity;
    activity.type = "call";
    activity.occurred_on = "2026-10-01";
    activity.deal_id = 1;
    activity.government_code = "131016";
    activity.user_id = 1;
    activity.notes = "電話でヒアリング";
    ASSERT_TRUE(deals.LogActivity(activity).ok());
    StageMoveRequest lost;
    lost.to = "lost";
    lost.actor_id = 1;
    lost.lost_reason = "価格";
    lost.competitor = "競合A社";
    lost.award_amount = 1'000'000;
    auto moved = deals.MoveStage(1, lost);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();

    http::HttplibPoster poster;
    WebhookDispatcher dispatcher(store, clock, mac, poster);
    auto round = dispatcher.RunOnce();
    ASSERT_TRUE(round.ok()) << round.status().ToString();
    receiver.stop();
    thread.join();

    std::vector<std::string> events;
    for (const auto& [check, body] : received) {
        EXPECT_EQ(check, "valid");
        const auto j = nlohmann::json::parse(body);
        events.push_back(j["event"]);
        if (j["event"] == "activity.log") {
            EXPECT_EQ(j["actor"], "user:1");
            EXPECT_TRUE(j["before"].is_null());
            EXPECT_EQ(j["after"]["notes"], "電話でヒアリング");
        }
        if (j["event"] == "deal.move_stage") {
            EXPECT_EQ(j["entity_id"], "1");
            EXPECT_EQ(j["before"]["stage"], "discovery");
            EXPECT_EQ(j["after"]["to"], "lost");
        }
    }
    EXPECT_EQ(events, (std::vector<std::string>{"activity.log", "deal.move_stage"}))
        << "in audit order; the refused move sent nothing";
    EXPECT_EQ(round->succeeded, 2);
}

}  // namespace
}  // namespace kyoso::app
