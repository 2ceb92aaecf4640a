#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/webhook/webhook.hpp"

namespace kyoso::ports {

// Keyset page request over a subscription's deliveries, newest first: id < before_id.
struct WebhookDeliveryQuery {
    long long subscription_id = 0;
    std::optional<domain::DeliveryStatus> status;
    std::optional<long long> before_id;
    int limit = 50;
};

struct WebhookDeliveryPage {
    std::vector<domain::WebhookDelivery> items;
    bool has_more = false;
};

// Outbound webhooks: subscriptions, the deliveries made from audit entries, their
// attempts, and the dispatcher's cursor over the audit log. Safe for concurrent
// use; calls made inside Store::InTransaction join that transaction.
class WebhookRepository {
public:
    virtual ~WebhookRepository() = default;

    // Inserts a subscription (its id is ignored) and returns the assigned id.
    virtual Result<long long> InsertSubscription(const domain::WebhookSubscription& subscription) = 0;
    // NotFound when no subscription has this id.
    virtual Result<domain::WebhookSubscription> GetSubscription(long long id) = 0;
    // Every subscription, by id.
    virtual Result<std::vector<domain::WebhookSubscription>> ListSubscriptions() = 0;
    // Overwrites url, secret, events, active, description and after_seq; NotFound when gone.
    virtual Status UpdateSubscription(const domain::WebhookSubscription& subscription) = 0;
    // Deletes the subscription with its deliveries and attempts; NotFound when gone.
    virtual Status DeleteSubscription(long long id) = 0;

    // Inserts a delivery (its id is ignored) and returns the assigned id.
    virtual Result<long long> InsertDelivery(const domain::WebhookDelivery& delivery) = 0;
    // NotFound when no delivery has this id.
    virtual Result<domain::WebhookDelivery> GetDelivery(long long id) = 0;
    // Overwrites payload, status, attempts, next_attempt_at, last_status_code,
    // last_error and delivered_at; NotFound when gone.
    virtual Status UpdateDelivery(const domain::WebhookDelivery& delivery) = 0;
    // Up to `limit` pending or failed deliveries of active subscriptions whose
    // next_attempt_at <= now (UTC text), oldest due first.
    virtual Result<std::vector<domain::WebhookDelivery>> DueDeliveries(const std::string& now, int limit) = 0;
    // One page of a subscription's deliveries, newest first.
    virtual Result<WebhookDeliveryPage> ListDeliveries(const WebhookDeliveryQuery& query) = 0;
    // Deliveries per status over all subscriptions (statuses with none are absent).
    virtual Result<std::map<domain::DeliveryStatus, long long>> CountByStatus() = 0;

    // Appends one attempt to the log.
    virtual Status InsertAttempt(const domain::WebhookAttempt& attempt) = 0;
    // The attempts of a delivery, oldest first.
    virtual Result<std::vector<domain::WebhookAttempt>> Attempts(long long delivery_id) = 0;

    // The highest audit seq the dispatcher has turned into deliveries.
    virtual Result<long long> Cursor() = 0;
    virtual Status SetCursor(long long seq) = 0;
};

}  // namespace kyoso::ports
