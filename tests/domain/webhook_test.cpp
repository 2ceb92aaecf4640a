#include "kyoso/domain/webhook/webhook.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kyoso::domain {
namespace {

TEST(WebhookEvents, PatternsMatchActionsAndStarSkipsWebhookEvents) {
    struct Case {
        const char* pattern;
        const char* action;
        bool matches;
    };
    const Case cases[] = {
        {"*", "deal.move_stage", true},         {"*", "activity.log", true},
        {"*", "webhook.create", false},  // no loops: webhook changes only when named
        {"webhook.*", "webhook.create", true},  {"webhook.replay", "webhook.replay", true},
        {"deal.*", "deal.move_stage", true},    {"deal.*", "deal.carry_over", true},
        {"deal.*", "dealer.create", false},     {"deal.*", "activity.log", false},
        {"activity.log", "activity.log", true}, {"activity.log", "activity.log_more", false},
        {"lead.create", "lead.update", false},
    };
    for (const auto& c : cases) EXPECT_EQ(EventMatches(c.pattern, c.action), c.matches) << c.pattern << " " << c.action;
    WebhookSubscription s;
    s.events = {"lead.create", "deal.*"};
    EXPECT_TRUE(SubscriptionWants(s, "deal.carry_over"));
    EXPECT_TRUE(SubscriptionWants(s, "lead.create"));
    EXPECT_FALSE(SubscriptionWants(s, "activity.log"));
}

TEST(WebhookEvents, OnlyWellFormedPatternsAreAccepted) {
    for (const char* ok : {"*", "deal.*", "activity.log", "official.update", "custom_field.set", "webhook.*"}) {
        EXPECT_TRUE(CheckEventPattern(ok).ok()) << ok;
    }
    for (const char* bad : {"", "deal", "deal.", ".log", "Deal.*", "deal.*.x", "*.log", "deal.**", "deal move",
                            "deal.move-stage", "**"}) {
        EXPECT_FALSE(CheckEventPattern(bad).ok()) << bad;
    }
    EXPECT_FALSE(CheckEventPattern(std::string(60, 'a') + "." + std::string(60, 'b')).ok());
}

TEST(WebhookUrl, ParsesHttpAndHttpsWithPortsAndPaths) {
    auto a = ParseWebhookUrl("https://hooks.example.jp/kyoso?team=1");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->scheme, "https");
    EXPECT_EQ(a->host, "hooks.example.jp");
    EXPECT_EQ(a->port, 443);
    EXPECT_EQ(a->path, "/kyoso?team=1");
    auto b = ParseWebhookUrl("http://127.0.0.1:8081");
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->port, 8081);
    EXPECT_EQ(b->path, "/");
    auto c = ParseWebhookUrl("http://[::1]:9000/x");
    ASSERT_TRUE(c.ok()) << c.status().message();
    EXPECT_EQ(c->host, "::1");
    EXPECT_EQ(c->port, 9000);
}

TEST(WebhookUrl, RefusesWhatIsNotAnAbsoluteHttpUrl) {
    for (const char* bad :
         {"", "ftp://example.jp/", "example.jp/hook", "http://", "http:///path", "http://ex ample.jp",
          "http://user:pw@example.jp/", "http://example.jp:0/", "http://example.jp:70000/", "http://example.jp:/",
          "http://example.jp:80x/", "http://example.jp/#frag", "http://exa_mple.jp/", "http://example..jp/",
          "http://[::1/", "https://例え.jp/", "javascript:alert(1)"}) {
        EXPECT_FALSE(ParseWebhookUrl(bad).ok()) << bad;
    }
    EXPECT_FALSE(ParseWebhookUrl("http://example.jp/" + std::string(2000, 'a')).ok());
}

TEST(WebhookRetry, DelaysFollowTheScheduleWithAtMostTenPercentJitter) {
    const long long base[] = {30, 120, 600, 3600, 21600};
    for (long long id : {1LL, 2LL, 77LL, 123456LL}) {
        for (int attempt = 1; attempt < kWebhookMaxAttempts; ++attempt) {
            const long long d = WebhookRetryDelay(attempt, id).count();
            EXPECT_GE(d, base[attempt - 1]) << id << " " << attempt;
            EXPECT_LE(d, base[attempt - 1] + base[attempt - 1] / 10) << id << " " << attempt;
            EXPECT_EQ(d, WebhookRetryDelay(attempt, id).count()) << "reproducible";
        }
    }
    // Different deliveries do not all retry at the same second.
    std::set<long long> spread;
    for (long long id = 1; id <= 20; ++id) spread.insert(WebhookRetryDelay(4, id).count());
    EXPECT_GT(spread.size(), 5u);
}

TEST(WebhookDelivery, StatusSlugsRoundTrip) {
    for (auto s :
         {DeliveryStatus::kPending, DeliveryStatus::kSucceeded, DeliveryStatus::kFailed, DeliveryStatus::kDead}) {
        EXPECT_EQ(DeliveryStatusFromSlug(DeliveryStatusSlug(s)), s);
    }
    EXPECT_FALSE(DeliveryStatusFromSlug("delivered").has_value());
}

}  // namespace
}  // namespace kyoso::domain
