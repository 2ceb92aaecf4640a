#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "kyoso/domain/audit/audit_entry.hpp"
#include "kyoso/domain/webhook/webhook.hpp"
#include "kyoso/ports/http_poster.hpp"
#include "kyoso/ports/mac.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

struct WebhookScanResult {
    long long entries = 0;     // audit entries read
    long long deliveries = 0;  // deliveries created
    long long cursor = 0;      // the last seq handled
};

struct WebhookDeliverResult {
    int attempted = 0;
    int succeeded = 0;
    int failed = 0;  // will be retried
    int dead = 0;    // gave up
};

// The JSON body POSTed for an audit entry (docs/webhooks.md): id, event,
// occurred_at, actor, entity, entity_id, before, after, audit_seq, audit_hash.
std::string WebhookPayload(long long delivery_id, const domain::AuditEntry& entry);
// The X-Kyoso-Signature value: "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body).
std::string WebhookSignature(const ports::Mac& mac, const std::string& secret, const std::string& timestamp,
                             const std::string& body);

// Turns audit entries into webhook deliveries and POSTs them (the audit log is
// the outbox: docs/webhooks.md). Run one dispatcher per database; its methods are
// not meant to run concurrently with each other.
class WebhookDispatcher {
public:
    WebhookDispatcher(ports::Store& store, const ports::Clock& clock, const ports::Mac& mac, ports::HttpPoster& poster)
        : store_(store), clock_(clock), mac_(mac), poster_(poster) {}

    // Reads up to `batch` audit entries after the cursor and creates one pending
    // delivery per entry and matching active subscription, advancing the cursor in
    // the same transaction: a crash never loses or duplicates an event.
    Result<WebhookScanResult> Scan(int batch = 500);
    // POSTs up to `limit` deliveries due at `now`, signed with their webhook's
    // secret, and records each attempt: 2xx → succeeded; otherwise failed with the
    // next attempt after domain::WebhookRetryDelay, or dead after
    // domain::kWebhookMaxAttempts attempts. The HTTP call runs outside any transaction.
    // Stops early, before the next POST, once `keep_going` (when given) returns false.
    Result<WebhookDeliverResult> DeliverDue(std::chrono::sys_seconds now, int limit = 50,
                                            const std::function<bool()>& keep_going = {});
    // Scans until caught up, then delivers what is due at clock.Now() (see DeliverDue).
    Result<WebhookDeliverResult> RunOnce(const std::function<bool()>& keep_going = {});

private:
    Status Attempt(const domain::WebhookDelivery& delivery, std::chrono::sys_seconds now, WebhookDeliverResult* result);

    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::Mac& mac_;
    ports::HttpPoster& poster_;
};

}  // namespace kyoso::app
