#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::domain {

// An outbound webhook: where record changes are POSTed and which ones (docs/webhooks.md).
struct WebhookSubscription {
    long long id = 0;
    std::string url;                  // http:// or https://
    std::string secret;               // HMAC key; write-only through the API
    std::vector<std::string> events;  // patterns: "*", "deal.*", "activity.log"
    bool active = true;
    std::string description;
    std::string created_at;   // UTC, "2026-11-27T04:01:05Z"
    long long after_seq = 0;  // receives only audit entries with seq > after_seq
};

// pending: waiting for its first attempt (or queued by a replay); failed: the last
// attempt failed and a retry is scheduled; succeeded: a 2xx answer; dead: gave up.
enum class DeliveryStatus { kPending, kSucceeded, kFailed, kDead };

std::string_view DeliveryStatusSlug(DeliveryStatus status);
std::optional<DeliveryStatus> DeliveryStatusFromSlug(std::string_view slug);

// One event for one subscription, with its retry state.
struct WebhookDelivery {
    long long id = 0;
    long long subscription_id = 0;
    long long audit_seq = 0;
    std::string event;    // the audit action, "deal.move_stage"
    std::string payload;  // the JSON body POSTed (docs/webhooks.md)
    DeliveryStatus status = DeliveryStatus::kPending;
    int attempts = 0;
    std::string next_attempt_at;  // UTC; "" once succeeded or dead
    std::optional<int> last_status_code;
    std::string last_error;
    std::string created_at;
    std::string delivered_at;  // "" until succeeded
};

// One POST of a delivery: the answer's status code (nullopt when none arrived).
struct WebhookAttempt {
    long long delivery_id = 0;
    std::string attempted_at;
    std::optional<int> status_code;
    std::string error;  // "" for a 2xx answer
    long long duration_ms = 0;
};

// Retries: after failed attempt n (1-based) the next one waits kRetryDelays[n-1]
// plus up to 10 % jitter; a delivery whose kMaxAttempts-th attempt fails is dead.
inline constexpr int kWebhookMaxAttempts = 6;
inline constexpr std::chrono::seconds kWebhookRetryDelays[kWebhookMaxAttempts - 1] = {
    std::chrono::seconds(30), std::chrono::minutes(2), std::chrono::minutes(10), std::chrono::hours(1),
    std::chrono::hours(6)};

// The wait before the attempt after failed attempt `attempts` (1..kWebhookMaxAttempts-1):
// the base delay plus a jitter of 0-10 % derived from `delivery_id`, so retries of
// many deliveries spread out while the schedule stays reproducible in tests.
std::chrono::seconds WebhookRetryDelay(int attempts, long long delivery_id);

// Whether an event pattern is well formed: "*", "<entity>.*" or "<entity>.<verb>",
// each part of [a-z0-9_] (at most 100 bytes). InvalidArgument with the reason otherwise.
Status CheckEventPattern(std::string_view pattern);

// Whether `action` ("deal.move_stage") matches `pattern`. "*" matches every action
// except webhook.* ones: changes to the webhooks themselves are delivered only to
// subscriptions that name them ("webhook.*", "webhook.create").
bool EventMatches(std::string_view pattern, std::string_view action);
// Whether any pattern of the subscription matches.
bool SubscriptionWants(const WebhookSubscription& subscription, std::string_view action);

// A webhook target URL taken apart.
struct WebhookUrl {
    std::string scheme;  // "http" or "https"
    std::string host;    // name, IPv4, or IPv6 without brackets
    int port = 0;        // explicit or the scheme's default
    std::string path;    // "/" when absent; includes the query
};

// Parses an absolute http(s) URL with a host, an optional port (1-65535) and path;
// no user info, fragment, spaces or control characters; at most 2,000 bytes.
// InvalidArgument with a reason a user can act on otherwise.
Result<WebhookUrl> ParseWebhookUrl(std::string_view url);

}  // namespace kyoso::domain
