#include "kyoso/app/webhook/webhook_dispatcher.hpp"

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/audit/audit_trail.hpp"

namespace kyoso::app {

namespace {

using domain::DeliveryStatus;

// Errors from receivers are stored and shown; keep them short.
std::string Clip(std::string text) {
    constexpr size_t kMax = 500;
    if (text.size() > kMax) text.resize(kMax);
    return text;
}

// Audit before/after are JSON objects written by AuditJson; anything else (a future
// writer's plain text) is sent as a JSON string so the body stays valid JSON.
std::string JsonOrNull(const std::string& text) {
    if (text.empty()) return "null";
    if (text.front() == '{' || text.front() == '[') return text;
    return JsonQuote(text);
}

}  // namespace

std::string WebhookPayload(long long delivery_id, const domain::AuditEntry& e) {
    AuditJson j;
    j.Int("id", delivery_id).Str("event", e.action).Str("occurred_at", e.at).Str("actor", e.actor);
    j.Str("entity", e.entity).Str("entity_id", e.entity_id);
    j.Raw("before", JsonOrNull(e.before_json));
    j.Raw("after", JsonOrNull(e.after_json));
    j.Int("audit_seq", e.seq).Str("audit_hash", e.hash);
    return j.str();
}

std::string WebhookSignature(const ports::Mac& mac, const std::string& secret, const std::string& timestamp,
                             const std::string& body) {
    return "sha256=" + mac.HmacSha256Hex(secret, timestamp + "." + body);
}

Result<WebhookScanResult> WebhookDispatcher::Scan(int batch) {
    WebhookScanResult result;
    Status st = store_.InTransaction([&]() -> Status {
        auto cursor = store_.webhooks().Cursor();
        if (!cursor.ok()) return cursor.status();
        result.cursor = *cursor;
        auto entries = store_.audit().ReadAfter(*cursor, batch);
        if (!entries.ok()) return entries.status();
        if (entries->empty()) return Status::Ok();
        auto subscriptions = store_.webhooks().ListSubscriptions();
        if (!subscriptions.ok()) return subscriptions.status();
        const std::string now = FormatUtc(clock_.Now());
        for (const auto& entry : *entries) {
            for (const auto& s : *subscriptions) {
                if (!s.active || entry.seq <= s.after_seq || !domain::SubscriptionWants(s, entry.action)) continue;
                domain::WebhookDelivery d;
                d.subscription_id = s.id;
                d.audit_seq = entry.seq;
                d.event = entry.action;
                d.status = DeliveryStatus::kPending;
                d.next_attempt_at = now;
                d.created_at = now;
                auto id = store_.webhooks().InsertDelivery(d);
                if (!id.ok()) return id.status();
                // The payload names its own delivery id, known only after the insert.
                d.id = *id;
                d.payload = WebhookPayload(d.id, entry);
                KYOSO_RETURN_IF_ERROR(store_.webhooks().UpdateDelivery(d));
                ++result.deliveries;
            }
        }
        result.entries = static_cast<long long>(entries->size());
        result.cursor = entries->back().seq;
        return store_.webhooks().SetCursor(result.cursor);
    });
    if (!st.ok()) return st;
    return result;
}

Result<WebhookDeliverResult> WebhookDispatcher::DeliverDue(std::chrono::sys_seconds now, int limit,
                                                           const std::function<bool()>& keep_going) {
    WebhookDeliverResult result;
    auto due = store_.webhooks().DueDeliveries(FormatUtc(now), limit);
    if (!due.ok()) return due.status();
    for (const auto& d : *due) {
        if (keep_going && !keep_going()) break;
        KYOSO_RETURN_IF_ERROR(Attempt(d, now, &result));
    }
    return result;
}

Status WebhookDispatcher::Attempt(const domain::WebhookDelivery& delivery, std::chrono::sys_seconds now,
                                  WebhookDeliverResult* result) {
    auto subscription = store_.webhooks().GetSubscription(delivery.subscription_id);
    if (!subscription.ok()) {
        // Deleted since it was listed: its deliveries went with it.
        return subscription.status().code() == ErrorCode::kNotFound ? Status::Ok() : subscription.status();
    }
    const std::string timestamp = std::to_string(now.time_since_epoch().count());
    ports::HttpPostRequest request;
    request.url = subscription->url;
    request.body = delivery.payload;
    request.headers = {
        {"X-Kyoso-Signature", WebhookSignature(mac_, subscription->secret, timestamp, delivery.payload)},
        {"X-Kyoso-Timestamp", timestamp},
        {"X-Kyoso-Event", delivery.event},
        {"X-Kyoso-Delivery", std::to_string(delivery.id)},
    };
    const ports::HttpPostResponse response = poster_.Post(request);

    domain::WebhookAttempt attempt;
    attempt.delivery_id = delivery.id;
    attempt.attempted_at = FormatUtc(now);
    attempt.duration_ms = response.duration_ms;
    if (response.status_code > 0) attempt.status_code = response.status_code;
    const bool ok = response.status_code >= 200 && response.status_code < 300;
    if (!ok) {
        attempt.error = response.status_code > 0 ? "HTTP " + std::to_string(response.status_code)
                                                 : Clip(response.error.empty() ? "no answer" : response.error);
    }

    domain::WebhookDelivery next = delivery;
    next.attempts = delivery.attempts + 1;
    next.last_status_code = attempt.status_code;
    next.last_error = attempt.error;
    ++result->attempted;
    if (ok) {
        next.status = DeliveryStatus::kSucceeded;
        next.next_attempt_at = "";
        next.delivered_at = attempt.attempted_at;
        ++result->succeeded;
    } else if (next.attempts >= domain::kWebhookMaxAttempts) {
        next.status = DeliveryStatus::kDead;
        next.next_attempt_at = "";
        ++result->dead;
    } else {
        next.status = DeliveryStatus::kFailed;
        next.next_attempt_at = FormatUtc(now + domain::WebhookRetryDelay(next.attempts, delivery.id));
        ++result->failed;
    }
    return store_.InTransaction([&]() -> Status {
        Status st = store_.webhooks().UpdateDelivery(next);
        // Deleted with its webhook while the POST was in flight: nothing left to record.
        if (!st.ok()) return st.code() == ErrorCode::kNotFound ? Status::Ok() : st;
        return store_.webhooks().InsertAttempt(attempt);
    });
}

Result<WebhookDeliverResult> WebhookDispatcher::RunOnce(const std::function<bool()>& keep_going) {
    while (!keep_going || keep_going()) {
        auto scanned = Scan();
        if (!scanned.ok()) return scanned.status();
        if (scanned->entries == 0) break;
    }
    return DeliverDue(clock_.Now(), 50, keep_going);
}

}  // namespace kyoso::app
