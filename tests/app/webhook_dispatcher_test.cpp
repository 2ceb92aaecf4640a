// The webhook outbox end to end: audit entries → deliveries → signed POSTs to a
// real receiver (httplib::Server on an ephemeral port), with a fake clock for the
// retry schedule.
#include "kyoso/app/webhook/webhook_dispatcher.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/webhook/webhook_service.hpp"
#include "kyoso/app/webhook/webhook_worker.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/http/httplib_poster.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using domain::DeliveryStatus;
using std::chrono::seconds;

// Now() is set by the test; thread-safe so a worker thread may read it.
class SteppingClock final : public ports::Clock {
public:
    Date Today() const override { return MakeDate(2026, 11, 27); }
    std::chrono::sys_seconds Now() const override { return std::chrono::sys_seconds(seconds(now_.load())); }
    void Set(std::chrono::sys_seconds t) { now_ = t.time_since_epoch().count(); }
    void Advance(seconds d) { now_ += d.count(); }

private:
    std::atomic<long long> now_{std::chrono::sys_days{MakeDate(2026, 11, 27)}.time_since_epoch().count() * 86400 +
                                4 * 3600};
};

struct Received {
    std::string body;
    std::string signature;
    std::string timestamp;
    std::string event;
    std::string delivery;
    std::string content_type;
};

// A webhook receiver answering with scripted status codes (then `fallback`).
class Receiver {
public:
    Receiver() {
        server_.Post("/hook", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex_);
            received_.push_back({req.body, req.get_header_value("X-Kyoso-Signature"),
                                 req.get_header_value("X-Kyoso-Timestamp"), req.get_header_value("X-Kyoso-Event"),
                                 req.get_header_value("X-Kyoso-Delivery"), req.get_header_value("Content-Type")});
            if (delay_ms_ > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms_.load()));
            int status = fallback_;
            if (!script_.empty()) {
                status = script_.front();
                script_.pop_front();
            }
            res.status = status;
            res.set_content("ok", "text/plain");
        });
        server_.Post("/redirect", [](const httplib::Request&, httplib::Response& res) {
            res.status = 302;
            res.set_header("Location", "/hook");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ~Receiver() {
        server_.stop();
        thread_.join();
    }
    std::string url(const char* path = "/hook") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    void Script(std::initializer_list<int> statuses, int fallback) {
        std::lock_guard lock(mutex_);
        script_.assign(statuses.begin(), statuses.end());
        fallback_ = fallback;
    }
    void SlowDown(int ms) { delay_ms_ = ms; }
    std::vector<Received> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<Received> received_;
    std::deque<int> script_;
    int fallback_ = 200;
    std::atomic<int> delay_ms_{0};
};

class FixedSecrets final : public ports::SecretSource {
public:
    std::string RandomHex(int bytes) const override { return std::string(static_cast<size_t>(bytes) * 2, 'a'); }
};

constexpr const char* kSecret = "test-secret-0123456789";

class WebhookDispatcherTest : public ::testing::Test {
protected:
    void SetUp() override { Open(); }
    void Open() {
        dispatcher_.reset();
        service_.reset();
        store_.reset();
        auto opened = sqlite::SqliteStore::Open(db_.path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        service_ = std::make_unique<WebhookService>(*store_, clock_, digest_, secrets_);
        dispatcher_ = std::make_unique<WebhookDispatcher>(*store_, clock_, mac_, poster_);
    }
    long long Subscribe(const std::string& url, std::vector<std::string> events, bool active = true) {
        WebhookChange c;
        c.url = url;
        c.events = std::move(events);
        c.secret = kSecret;
        c.active = active;
        auto s = service_->Create(c);
        EXPECT_TRUE(s.ok()) << s.status().ToString();
        return s.ok() ? s->id : 0;
    }
    void Record(const std::string& action, const std::string& entity_id = "42", const std::string& before = "",
                const std::string& after = R"({"id":42,"stage":"won"})") {
        AuditTrail trail(*store_, clock_, digest_);
        ASSERT_TRUE(
            trail.Append({"user:7", action, action.substr(0, action.find('.')), entity_id, before, after}).ok());
    }
    std::vector<domain::WebhookDelivery> Deliveries(long long subscription_id) {
        ports::WebhookDeliveryQuery q;
        q.subscription_id = subscription_id;
        q.limit = 500;
        auto page = store_->webhooks().ListDeliveries(q);
        EXPECT_TRUE(page.ok());
        return page.ok() ? page->items : std::vector<domain::WebhookDelivery>{};
    }
    domain::WebhookDelivery Only(long long subscription_id) {
        auto all = Deliveries(subscription_id);
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? domain::WebhookDelivery{} : all.front();
    }
    WebhookDeliverResult Run() {
        auto r = dispatcher_->RunOnce();
        EXPECT_TRUE(r.ok()) << r.status().ToString();
        return r.ok() ? *r : WebhookDeliverResult{};
    }

    testing::TempDb db_{"webhooks"};
    SteppingClock clock_;
    crypto::OpenSslDigest digest_;
    crypto::OpenSslMac mac_;
    FixedSecrets secrets_;
    http::HttplibPoster poster_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    std::unique_ptr<WebhookService> service_;
    std::unique_ptr<WebhookDispatcher> dispatcher_;
};

TEST_F(WebhookDispatcherTest, PostsASignedPayloadThatTheReceiverVerifies) {
    Receiver receiver;
    const long long sub = Subscribe(receiver.url(), {"deal.*"});
    Record("deal.move_stage", "42", R"({"id":42,"stage":"bidding"})", R"({"id":42,"stage":"won"})");
    auto r = Run();
    EXPECT_EQ(r.attempted, 1);
    EXPECT_EQ(r.succeeded, 1);

    auto got = receiver.received();
    ASSERT_EQ(got.size(), 1u);
    const Received& req = got[0];
    // What a receiver does (docs/webhooks.md): recompute the HMAC over timestamp "." body.
    EXPECT_EQ(req.signature, "sha256=" + mac_.HmacSha256Hex(kSecret, req.timestamp + "." + req.body));
    EXPECT_EQ(req.timestamp, std::to_string(clock_.Now().time_since_epoch().count()));
    EXPECT_NE(req.signature, "sha256=" + mac_.HmacSha256Hex("wrong-secret-0123456", req.timestamp + "." + req.body));
    EXPECT_EQ(req.event, "deal.move_stage");
    EXPECT_EQ(req.content_type, "application/json");

    const auto body = nlohmann::json::parse(req.body);
    const auto delivery = Only(sub);
    EXPECT_EQ(req.delivery, std::to_string(delivery.id));
    EXPECT_EQ(body["id"], delivery.id);
    EXPECT_EQ(body["event"], "deal.move_stage");
    EXPECT_EQ(body["occurred_at"], "2026-11-27T04:00:00Z");
    EXPECT_EQ(body["actor"], "user:7");
    EXPECT_EQ(body["entity"], "deal");
    EXPECT_EQ(body["entity_id"], "42");
    EXPECT_EQ(body["before"]["stage"], "bidding");
    EXPECT_EQ(body["after"]["stage"], "won");
    auto last = store_->audit().LastEntry();
    EXPECT_EQ(body["audit_seq"], (*last)->seq);
    EXPECT_EQ(body["audit_hash"], (*last)->hash);

    EXPECT_EQ(delivery.status, DeliveryStatus::kSucceeded);
    EXPECT_EQ(delivery.attempts, 1);
    EXPECT_EQ(delivery.last_status_code, 200);
    EXPECT_EQ(delivery.delivered_at, "2026-11-27T04:00:00Z");
    auto attempts = store_->webhooks().Attempts(delivery.id);
    ASSERT_EQ(attempts->size(), 1u);
    EXPECT_EQ((*attempts)[0].status_code, 200);
    EXPECT_EQ((*attempts)[0].error, "");
}

TEST_F(WebhookDispatcherTest, ACreatedRecordHasANullBefore) {
    Receiver receiver;
    Subscribe(receiver.url(), {"activity.log"});
    Record("activity.log", "9", "", R"({"id":9,"type":"visit"})");
    Run();
    auto got = receiver.received();
    ASSERT_EQ(got.size(), 1u);
    const auto body = nlohmann::json::parse(got[0].body);
    EXPECT_TRUE(body["before"].is_null());
    EXPECT_EQ(body["after"]["type"], "visit");
}

TEST(WebhookPayload, IsValidJsonEvenWhenAnAuditFieldIsNotAnObject) {
    domain::AuditEntry e;
    e.seq = 3;
    e.action = "note.add";
    e.before_json = "";
    e.after_json = "plain \"text\"";
    const auto body = nlohmann::json::parse(WebhookPayload(9, e), nullptr, false);
    ASSERT_FALSE(body.is_discarded());
    EXPECT_TRUE(body["before"].is_null());
    EXPECT_EQ(body["after"], "plain \"text\"");
    EXPECT_EQ(body["id"], 9);
}

TEST_F(WebhookDispatcherTest, RetriesOnTheBackoffScheduleUntilTheReceiverRecovers) {
    Receiver receiver;
    receiver.Script({500, 503}, 204);
    const long long sub = Subscribe(receiver.url(), {"*"});
    Record("activity.log");
    const auto t0 = clock_.Now();

    auto r = Run();
    EXPECT_EQ(r.failed, 1);
    auto d = Only(sub);
    EXPECT_EQ(d.status, DeliveryStatus::kFailed);
    EXPECT_EQ(d.attempts, 1);
    EXPECT_EQ(d.last_status_code, 500);
    EXPECT_EQ(d.last_error, "HTTP 500");
    const auto first_wait = domain::WebhookRetryDelay(1, d.id);
    EXPECT_EQ(d.next_attempt_at, FormatUtc(t0 + first_wait));

    clock_.Set(t0 + first_wait - seconds(1));
    EXPECT_EQ(Run().attempted, 0) << "not due yet";
    clock_.Set(t0 + first_wait);
    EXPECT_EQ(Run().failed, 1);
    d = Only(sub);
    EXPECT_EQ(d.attempts, 2);
    EXPECT_EQ(d.last_status_code, 503);
    const auto second_wait = domain::WebhookRetryDelay(2, d.id);
    EXPECT_GE(second_wait, seconds(120));
    EXPECT_EQ(d.next_attempt_at, FormatUtc(t0 + first_wait + second_wait));

    clock_.Advance(second_wait);
    EXPECT_EQ(Run().succeeded, 1);
    d = Only(sub);
    EXPECT_EQ(d.status, DeliveryStatus::kSucceeded);
    EXPECT_EQ(d.attempts, 3);
    EXPECT_EQ(d.last_status_code, 204);
    EXPECT_EQ(d.last_error, "");
    EXPECT_EQ(d.next_attempt_at, "");
    EXPECT_EQ(receiver.received().size(), 3u);
    EXPECT_EQ(store_->webhooks().Attempts(d.id)->size(), 3u);
    clock_.Advance(std::chrono::hours(24));
    EXPECT_EQ(Run().attempted, 0) << "a succeeded delivery is not sent again";
}

TEST_F(WebhookDispatcherTest, IsDeadAfterSixFailedAttemptsAndReplayQueuesOneMore) {
    Receiver receiver;
    receiver.Script({}, 500);
    const long long sub = Subscribe(receiver.url(), {"*"});
    Record("deal.carry_over");
    seconds waited{0};
    for (int attempt = 1; attempt <= domain::kWebhookMaxAttempts; ++attempt) {
        auto r = Run();
        ASSERT_EQ(r.attempted, 1) << attempt;
        const auto d = Only(sub);
        EXPECT_EQ(d.attempts, attempt);
        if (attempt < domain::kWebhookMaxAttempts) {
            EXPECT_EQ(d.status, DeliveryStatus::kFailed);
            const auto wait = domain::WebhookRetryDelay(attempt, d.id);
            waited += wait;
            clock_.Advance(wait);
        } else {
            EXPECT_EQ(d.status, DeliveryStatus::kDead);
            EXPECT_EQ(d.next_attempt_at, "");
        }
    }
    // 30 s + 2 min + 10 min + 1 h + 6 h, each with at most 10 % jitter.
    EXPECT_GE(waited, seconds(30 + 120 + 600 + 3600 + 21600));
    EXPECT_LE(waited, seconds((30 + 120 + 600 + 3600 + 21600) * 11 / 10));
    clock_.Advance(std::chrono::hours(48));
    EXPECT_EQ(Run().attempted, 0) << "a dead delivery is not retried";

    const long long id = Only(sub).id;
    auto replayed = service_->Replay(id, false);
    ASSERT_TRUE(replayed.ok()) << replayed.status().ToString();
    EXPECT_EQ(replayed->status, DeliveryStatus::kPending);
    EXPECT_EQ(replayed->next_attempt_at, FormatUtc(clock_.Now()));
    auto twice = service_->Replay(id, false);
    EXPECT_EQ(twice.status().code(), ErrorCode::kConflict) << "already queued";

    auto r = Run();
    EXPECT_EQ(r.dead, 1) << "a failed replay of a dead delivery is dead again";
    EXPECT_EQ(Only(sub).attempts, 7);

    receiver.Script({}, 200);
    ASSERT_TRUE(service_->Replay(id, false).ok());
    EXPECT_EQ(Run().succeeded, 1);
    EXPECT_EQ(Only(sub).status, DeliveryStatus::kSucceeded);
    EXPECT_EQ(service_->Replay(id, false).status().code(), ErrorCode::kFailedPrecondition);
    ASSERT_TRUE(service_->Replay(id, true).ok());
    EXPECT_EQ(Run().succeeded, 1);
    EXPECT_EQ(receiver.received().size(), 9u);
    EXPECT_EQ(service_->Replay(999999, false).status().code(), ErrorCode::kNotFound);

    // Each replay is itself audited.
    auto newest = store_->audit().Newest(1);
    EXPECT_EQ((*newest)[0].action, "webhook.replay");
    EXPECT_EQ((*newest)[0].entity_id, std::to_string(id));
}

TEST_F(WebhookDispatcherTest, ReplayOfAnInactiveWebhooksDeliveryIsRefused) {
    Receiver receiver;
    receiver.Script({}, 500);
    const long long sub = Subscribe(receiver.url(), {"*"});
    Record("deal.move_stage");
    Run();
    WebhookChange off;
    off.active = false;
    ASSERT_TRUE(service_->Update(sub, off).ok());
    EXPECT_EQ(service_->Replay(Only(sub).id, false).status().code(), ErrorCode::kFailedPrecondition);
    clock_.Advance(std::chrono::hours(1));
    EXPECT_EQ(Run().attempted, 0) << "an inactive webhook's retries wait";
}

TEST_F(WebhookDispatcherTest, UnreachableReceiversAndRedirectsAreFailures) {
    std::string closed_url;
    {
        Receiver gone;
        closed_url = gone.url();
    }
    Receiver receiver;
    const long long refused = Subscribe(closed_url, {"*"});
    const long long redirected = Subscribe(receiver.url("/redirect"), {"*"});
    Record("activity.log");
    auto r = Run();
    EXPECT_EQ(r.failed, 2);
    const auto a = Only(refused);
    EXPECT_EQ(a.status, DeliveryStatus::kFailed);
    EXPECT_FALSE(a.last_status_code.has_value());
    EXPECT_FALSE(a.last_error.empty());
    const auto b = Only(redirected);
    EXPECT_EQ(b.last_status_code, 302);
    EXPECT_TRUE(receiver.received().empty()) << "the redirect was not followed";
}

TEST_F(WebhookDispatcherTest, SubscriptionsReceiveOnlyTheEventsTheyNameAfterTheyWereCreated) {
    Receiver receiver;
    Record("deal.move_stage");  // before any subscription
    const long long deals = Subscribe(receiver.url(), {"deal.*"});
    const long long activities = Subscribe(receiver.url(), {"activity.log"});
    const long long everything = Subscribe(receiver.url(), {"*"});
    const long long meta = Subscribe(receiver.url(), {"webhook.*"});
    const long long inactive = Subscribe(receiver.url(), {"*"}, false);
    Record("deal.move_stage");
    Record("deal.carry_over");
    Record("activity.log");
    Record("lead.create");
    auto r = Run();
    EXPECT_EQ(Deliveries(deals).size(), 2u);
    EXPECT_EQ(Deliveries(activities).size(), 1u);
    EXPECT_EQ(Deliveries(everything).size(), 4u) << "every record change, but no webhook.* events";
    // "webhook.*" hears the creation of the webhooks made after it (everything else: none).
    ASSERT_EQ(Deliveries(meta).size(), 1u);
    EXPECT_EQ(Deliveries(meta)[0].event, "webhook.create");
    EXPECT_TRUE(Deliveries(inactive).empty());
    EXPECT_EQ(r.succeeded, 2 + 1 + 4 + 1);
    EXPECT_EQ(receiver.received().size(), 8u);
}

TEST_F(WebhookDispatcherTest, TheCursorSurvivesARestartSoNothingIsDeliveredTwice) {
    Receiver receiver;
    const long long sub = Subscribe(receiver.url(), {"*"});
    Record("deal.move_stage");
    Record("activity.log");
    auto scanned = dispatcher_->Scan();
    ASSERT_TRUE(scanned.ok());
    EXPECT_EQ(scanned->deliveries, 2);
    const long long cursor = scanned->cursor;
    EXPECT_EQ(cursor, (*store_->audit().LastEntry())->seq);

    Open();  // a restart: new store, service and dispatcher on the same file
    EXPECT_EQ(*store_->webhooks().Cursor(), cursor);
    auto again = dispatcher_->Scan();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->entries, 0);
    EXPECT_EQ(again->deliveries, 0);
    Run();
    EXPECT_EQ(Deliveries(sub).size(), 2u);
    EXPECT_EQ(receiver.received().size(), 2u);

    Record("lead.create");
    Open();
    Run();
    EXPECT_EQ(Deliveries(sub).size(), 3u);
    EXPECT_EQ(receiver.received().size(), 3u);
}

TEST_F(WebhookDispatcherTest, ScanWorksThroughALongBacklogInBatches) {
    Receiver receiver;
    const long long sub = Subscribe(receiver.url(), {"activity.log"});
    for (int i = 0; i < 30; ++i) Record("activity.log", std::to_string(i));
    auto first = dispatcher_->Scan(7);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->entries, 7);
    EXPECT_EQ(first->deliveries, 6) << "the first entry is the webhook's own creation";
    auto r = Run();
    EXPECT_EQ(r.succeeded, 30);
    EXPECT_EQ(Deliveries(sub).size(), 30u);
    // Every audit seq once.
    std::set<long long> seqs;
    for (const auto& d : Deliveries(sub)) seqs.insert(d.audit_seq);
    EXPECT_EQ(seqs.size(), 30u);
}

TEST_F(WebhookDispatcherTest, DeletingAWebhookDropsItsDeliveries) {
    Receiver receiver;
    receiver.Script({}, 500);
    const long long sub = Subscribe(receiver.url(), {"*"});
    Record("deal.move_stage");
    Run();
    ASSERT_TRUE(service_->Delete(sub).ok());
    clock_.Advance(std::chrono::hours(1));
    EXPECT_EQ(Run().attempted, 0);
    EXPECT_EQ(service_->Delete(sub).code(), ErrorCode::kNotFound);
    auto counts = store_->webhooks().CountByStatus();
    EXPECT_TRUE(counts->empty());
}

TEST_F(WebhookDispatcherTest, TheWorkerDeliversInTheBackgroundAndStopsPromptly) {
    Receiver receiver;
    Subscribe(receiver.url(), {"*"});
    std::atomic<int> errors{0};
    WebhookWorker worker(*dispatcher_, std::chrono::milliseconds(20), [&](const Status&) { ++errors; });
    worker.Start();
    Record("activity.log");
    for (int i = 0; i < 250 && receiver.received().empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const auto start = std::chrono::steady_clock::now();
    worker.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    EXPECT_EQ(receiver.received().size(), 1u);
    EXPECT_EQ(errors.load(), 0);
    worker.Stop();  // idempotent
}

TEST_F(WebhookDispatcherTest, StoppingTheWorkerSkipsTheRestOfASlowRound) {
    Receiver receiver;
    receiver.SlowDown(800);
    const long long sub = Subscribe(receiver.url(), {"*"});
    for (int i = 0; i < 5; ++i) Record("activity.log", std::to_string(i));
    WebhookWorker worker(*dispatcher_, std::chrono::milliseconds(10), {});
    worker.Start();
    for (int i = 0; i < 250 && receiver.received().empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const auto start = std::chrono::steady_clock::now();
    worker.Stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500))
        << "waits for the POST in flight only, not the whole round of 5 x 0.8 s";
    EXPECT_LE(receiver.received().size(), 2u);
    // What was not sent stays queued for the next start.
    long long pending = 0;
    for (const auto& d : Deliveries(sub)) pending += d.status == DeliveryStatus::kPending;
    EXPECT_GE(pending, 3);
}

// Not a test: prints how fast one dispatcher delivers to a local receiver
// (docs/webhooks.md quotes it). Run with --gtest_also_run_disabled_tests.
TEST_F(WebhookDispatcherTest, DISABLED_MeasureThroughput) {
    Receiver receiver;
    Subscribe(receiver.url(), {"*"});
    constexpr int kEvents = 2000;
    for (int i = 0; i < kEvents; ++i) Record("activity.log", std::to_string(i));
    const auto t0 = std::chrono::steady_clock::now();
    auto scanned = dispatcher_->Scan(kEvents + 10);
    ASSERT_TRUE(scanned.ok());
    const auto t1 = std::chrono::steady_clock::now();
    int sent = 0;
    while (true) {
        auto r = dispatcher_->DeliverDue(clock_.Now(), 50);
        ASSERT_TRUE(r.ok());
        if (r->attempted == 0) break;
        sent += r->succeeded;
    }
    const auto t2 = std::chrono::steady_clock::now();
    const double scan_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    const double send_ms = std::chrono::duration<double, std::milli>(t2 - t1).count();
    std::printf("scan: %d entries -> %lld deliveries in %.0f ms; delivered %d in %.0f ms (%.0f/s)\n", kEvents,
                scanned->deliveries, scan_ms, sent, send_ms, sent / (send_ms / 1000.0));
    EXPECT_EQ(sent, kEvents);
}

// --- the subscription use cases ---

TEST_F(WebhookDispatcherTest, CreateValidatesEveryFieldAndWritesNothingOnError) {
    const auto audit_before = (*store_->audit().LastEntry());
    WebhookChange bad;
    bad.url = "ftp://example.jp/";
    bad.events = std::vector<std::string>{"deal.*", "Deal Moved"};
    bad.secret = "short";
    bad.description = std::string(2001, 'x');
    auto r = service_->Create(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
    std::set<std::string> fields;
    for (const auto& d : r.status().details()) fields.insert(d.field);
    EXPECT_EQ(fields, (std::set<std::string>{"url", "events[1]", "secret", "description"}));
    auto missing = service_->Create(WebhookChange{});
    ASSERT_FALSE(missing.ok());
    fields.clear();
    for (const auto& d : missing.status().details()) fields.insert(d.field);
    EXPECT_TRUE(fields.count("url") && fields.count("events"));
    WebhookChange empty_events;
    empty_events.url = "https://example.jp/";
    empty_events.events = std::vector<std::string>{};
    EXPECT_FALSE(service_->Create(empty_events).ok());
    EXPECT_TRUE(service_->List()->empty());
    const auto audit_after = (*store_->audit().LastEntry());
    EXPECT_EQ(audit_before.has_value(), audit_after.has_value());
    if (audit_before) {
        EXPECT_EQ(audit_before->seq, audit_after->seq);
    }
}

TEST_F(WebhookDispatcherTest, CreateGeneratesASecretAndTheAuditLogNeverHoldsIt) {
    WebhookChange c;
    c.url = "https://hooks.example.jp/kyoso";
    c.events = std::vector<std::string>{"deal.*"};
    auto created = service_->Create(c);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    EXPECT_EQ(created->secret, "whsec_" + std::string(64, 'a'));
    WebhookChange rotate;
    rotate.secret = "rotated-secret-0123456789";
    rotate.description = "営業管理システム";
    auto updated = service_->Update(created->id, rotate);
    ASSERT_TRUE(updated.ok());
    EXPECT_EQ(service_->Get(created->id)->secret, "rotated-secret-0123456789");
    EXPECT_EQ(service_->Get(created->id)->description, "営業管理システム");
    auto entries = store_->audit().Newest(10);
    ASSERT_GE(entries->size(), 2u);
    EXPECT_EQ((*entries)[0].action, "webhook.update");
    EXPECT_EQ((*entries)[1].action, "webhook.create");
    for (const auto& e : *entries) {
        EXPECT_EQ(e.before_json.find("aaaaaaaa"), std::string::npos);
        EXPECT_EQ(e.after_json.find("aaaaaaaa"), std::string::npos);
        EXPECT_EQ(e.after_json.find("rotated-secret"), std::string::npos);
    }
    EXPECT_NE((*entries)[0].after_json.find(R"("secret_changed":true)"), std::string::npos);
    EXPECT_EQ(service_->Update(999, rotate).status().code(), ErrorCode::kNotFound);
    WebhookChange bad_url;
    bad_url.url = "not a url";
    EXPECT_EQ(service_->Update(created->id, bad_url).status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(service_->Get(created->id)->url, "https://hooks.example.jp/kyoso");
}

TEST_F(WebhookDispatcherTest, DeliveryLogPagesByCursorAndFiltersByStatus) {
    Receiver receiver;
    receiver.Script({500, 500}, 200);
    const long long sub = Subscribe(receiver.url(), {"*"});
    for (int i = 0; i < 5; ++i) Record("activity.log", std::to_string(i));
    Run();  // two fail, three succeed
    auto page = service_->Deliveries(sub, {{"limit", "2"}});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ASSERT_EQ(page->items.size(), 2u);
    ASSERT_TRUE(page->next_cursor.has_value());
    EXPECT_EQ(page->items[0].attempts.size(), 1u);
    auto next = service_->Deliveries(sub, {{"limit", "2"}, {"cursor", *page->next_cursor}});
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->items.size(), 2u);
    EXPECT_LT(next->items[0].delivery.id, page->items[1].delivery.id);
    auto failed = service_->Deliveries(sub, {{"status", "failed"}});
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->items.size(), 2u);
    EXPECT_FALSE(failed->next_cursor.has_value());
    for (const auto& [params, field] :
         std::vector<std::pair<ListParams, std::string>>{{{{"status", "delivered"}}, "status"},
                                                         {{{"limit", "0"}}, "limit"},
                                                         {{{"limit", "201"}}, "limit"},
                                                         {{{"cursor", "zz"}}, "cursor"},
                                                         {{{"colour", "red"}}, "colour"}}) {
        auto r = service_->Deliveries(sub, params);
        ASSERT_FALSE(r.ok()) << field;
        EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
        EXPECT_EQ(r.status().details().at(0).field, field);
    }
    EXPECT_EQ(service_->Deliveries(999, {}).status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace kyoso::app
