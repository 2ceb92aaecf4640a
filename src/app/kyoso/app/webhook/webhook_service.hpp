#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/domain/webhook/webhook.hpp"
#include "kyoso/ports/mac.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Fields of a subscription as a client sends them; absent ones are kept (update)
// or defaulted (create: active, no description, a generated secret).
struct WebhookChange {
    std::optional<std::string> url;
    std::optional<std::string> secret;
    std::optional<std::vector<std::string>> events;
    std::optional<bool> active;
    std::optional<std::string> description;
};

// A delivery with its attempts, for the delivery log.
struct WebhookDeliveryDetail {
    domain::WebhookDelivery delivery;
    std::vector<domain::WebhookAttempt> attempts;  // oldest first
};

struct WebhookDeliveryList {
    std::vector<WebhookDeliveryDetail> items;  // newest first
    std::optional<std::string> next_cursor;
};

// Use cases over webhook subscriptions and their delivery log (docs/webhooks.md).
// Every write runs in one transaction with its audit entry ("webhook.create",
// "webhook.update", "webhook.delete", "webhook.replay"; secrets never enter the
// audit log). Thread-safe when its dependencies are.
class WebhookService {
public:
    WebhookService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                   const ports::SecretSource& secrets)
        : store_(store), clock_(clock), secrets_(secrets), audit_(store, clock, digest) {}

    // Every subscription, by id (secrets included: callers showing them must blank them).
    Result<std::vector<domain::WebhookSubscription>> List();
    // NotFound for an unknown id.
    Result<domain::WebhookSubscription> Get(long long id);

    // Validates url (required), events (required, non-empty), secret (16-256
    // printable ASCII characters; generated as "whsec_" + 64 hex digits when absent)
    // and description (at most 2,000 bytes); InvalidArgument names each bad field.
    // The subscription receives the changes made after it was created. Returns it
    // with its secret, the only time the secret is shown.
    Result<domain::WebhookSubscription> Create(const WebhookChange& change);
    // Applies the present fields with the same rules. NotFound for an unknown id.
    Result<domain::WebhookSubscription> Update(long long id, const WebhookChange& change);
    // Deletes the subscription and its delivery log. NotFound for an unknown id.
    Status Delete(long long id);

    // A subscription's deliveries, newest first, with their attempts. Parameters:
    // status (pending, succeeded, failed, dead), limit (1-200, default 50), cursor.
    Result<WebhookDeliveryList> Deliveries(long long subscription_id, const ListParams& params);
    // NotFound for an unknown id.
    Result<WebhookDeliveryDetail> GetDelivery(long long delivery_id);

    // Queues a failed or dead delivery (a succeeded one only with `force`) for one
    // more attempt now. A replay does not restart the retry schedule: a dead
    // delivery whose replay fails is dead again. Conflict while it is pending;
    // FailedPrecondition for a succeeded one without force, or when its webhook is
    // inactive; NotFound for an unknown id.
    Result<domain::WebhookDelivery> Replay(long long delivery_id, bool force);

private:
    Status Validate(const domain::WebhookSubscription& s, const WebhookChange& change) const;

    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::SecretSource& secrets_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
