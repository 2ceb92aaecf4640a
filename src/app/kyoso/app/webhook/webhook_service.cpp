#include "kyoso/app/webhook/webhook_service.hpp"

#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::app {

namespace {

using domain::DeliveryStatus;

constexpr const char* kDeliveryCursorPrefix = "webhook-deliveries:v1:";
constexpr size_t kMaxDescriptionBytes = 2'000;
constexpr size_t kMaxEvents = 50;

// The subscription as recorded in the audit trail: never its secret.
std::string SubscriptionJson(const domain::WebhookSubscription& s) {
    AuditJson j;
    j.Int("id", s.id).Str("url", s.url).Raw("events", JsonStringArray(s.events)).Bool("active", s.active);
    j.Str("description", s.description).Str("created_at", s.created_at);
    return j.str();
}

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid webhook: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

}  // namespace

Status WebhookService::Validate(const domain::WebhookSubscription& s, const WebhookChange& change) const {
    std::vector<ErrorDetail> errors;
    if (change.url) {
        auto url = domain::ParseWebhookUrl(s.url);
        if (!url.ok()) errors.push_back({"url", url.status().message()});
    }
    if (change.events) {
        if (s.events.empty())
            errors.push_back({"events", "name at least one event pattern, e.g. [\"deal.*\"] or [\"*\"]"});
        if (s.events.size() > kMaxEvents) errors.push_back({"events", "at most 50 patterns"});
        for (size_t i = 0; i < s.events.size() && i < kMaxEvents; ++i) {
            Status st = domain::CheckEventPattern(s.events[i]);
            if (!st.ok()) errors.push_back({"events[" + std::to_string(i) + "]", st.message()});
        }
    }
    if (change.secret) {
        if (s.secret.size() < 16 || s.secret.size() > 256) {
            errors.push_back({"secret", "must have 16 to 256 characters"});
        } else {
            for (unsigned char c : s.secret) {
                if (c < 0x21 || c > 0x7e) {
                    errors.push_back({"secret", "printable ASCII characters only, no spaces"});
                    break;
                }
            }
        }
    }
    if (change.description && s.description.size() > kMaxDescriptionBytes) {
        errors.push_back({"description", "at most 2,000 bytes"});
    }
    if (!errors.empty()) return FieldErrors(std::move(errors));
    return Status::Ok();
}

Result<std::vector<domain::WebhookSubscription>> WebhookService::List() {
    return store_.webhooks().ListSubscriptions();
}

Result<domain::WebhookSubscription> WebhookService::Get(long long id) { return store_.webhooks().GetSubscription(id); }

Result<domain::WebhookSubscription> WebhookService::Create(const WebhookChange& change) {
    std::vector<ErrorDetail> missing;
    if (!change.url) missing.push_back({"url", "required"});
    if (!change.events) missing.push_back({"events", "required"});
    domain::WebhookSubscription s;
    s.url = change.url.value_or("");
    s.events = change.events.value_or(std::vector<std::string>{});
    s.active = change.active.value_or(true);
    s.description = change.description.value_or("");
    s.secret = change.secret ? *change.secret : "whsec_" + secrets_.RandomHex(32);
    Status valid = Validate(s, change);
    if (!missing.empty() || !valid.ok()) {
        for (const auto& d : valid.details()) missing.push_back(d);
        return FieldErrors(std::move(missing));
    }
    s.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.webhooks().InsertSubscription(s);
        if (!id.ok()) return id.status();
        s.id = *id;
        KYOSO_RETURN_IF_ERROR(audit_.Append(
            {std::string(kSystemActor), "webhook.create", "webhook", std::to_string(s.id), "", SubscriptionJson(s)}));
        // Its own creation is the last entry it does not receive.
        auto last = store_.audit().LastEntry();
        if (!last.ok()) return last.status();
        s.after_seq = *last ? (*last)->seq : 0;
        return store_.webhooks().UpdateSubscription(s);
    });
    if (!st.ok()) return st;
    return s;
}

Result<domain::WebhookSubscription> WebhookService::Update(long long id, const WebhookChange& change) {
    auto current = store_.webhooks().GetSubscription(id);
    if (!current.ok()) return current.status();
    domain::WebhookSubscription s = *current;
    if (change.url) s.url = *change.url;
    if (change.secret) s.secret = *change.secret;
    if (change.events) s.events = *change.events;
    if (change.active) s.active = *change.active;
    if (change.description) s.description = *change.description;
    KYOSO_RETURN_IF_ERROR(Validate(s, change));
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.webhooks().UpdateSubscription(s));
        AuditJson after;
        after.Raw("webhook", SubscriptionJson(s)).Bool("secret_changed", change.secret.has_value());
        return audit_.Append({std::string(kSystemActor), "webhook.update", "webhook", std::to_string(s.id),
                              SubscriptionJson(*current), after.str()});
    });
    if (!st.ok()) return st;
    return s;
}

Status WebhookService::Delete(long long id) {
    auto current = store_.webhooks().GetSubscription(id);
    if (!current.ok()) return current.status();
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.webhooks().DeleteSubscription(id));
        return audit_.Append({std::string(kSystemActor), "webhook.delete", "webhook", std::to_string(id),
                              SubscriptionJson(*current), ""});
    });
}

Result<WebhookDeliveryList> WebhookService::Deliveries(long long subscription_id, const ListParams& params) {
    static const std::set<std::string> kKnown = {"status", "limit", "cursor"};
    for (const auto& [key, value] : params) {
        if (!kKnown.count(key)) return ParamError(key, "unknown parameter (known: status, limit, cursor)");
    }
    ports::WebhookDeliveryQuery q;
    q.subscription_id = subscription_id;
    if (auto it = params.find("status"); it != params.end()) {
        q.status = domain::DeliveryStatusFromSlug(it->second);
        if (!q.status) {
            return ParamError("status", "unknown status '" + it->second + "' (pending, succeeded, failed, dead)");
        }
    }
    if (auto it = params.find("limit"); it != params.end()) {
        auto n = ParseInt(it->second);
        if (!n || *n < 1 || *n > 200) {
            return ParamError("limit", "must be an integer from 1 to 200, got '" + it->second + "'");
        }
        q.limit = static_cast<int>(*n);
    }
    if (auto it = params.find("cursor"); it != params.end()) {
        auto raw = FromHex(it->second, 128);
        const std::string prefix = kDeliveryCursorPrefix;
        std::optional<long long> before;
        if (raw && raw->rfind(prefix, 0) == 0) before = ParseInt(std::string_view(*raw).substr(prefix.size()));
        if (!before || *before < 1) {
            return ParamError("cursor", "not a cursor issued by this server; start again without it");
        }
        q.before_id = *before;
    }
    auto subscription = store_.webhooks().GetSubscription(subscription_id);
    if (!subscription.ok()) return subscription.status();
    auto page = store_.webhooks().ListDeliveries(q);
    if (!page.ok()) return page.status();
    WebhookDeliveryList out;
    for (auto& d : page->items) {
        auto attempts = store_.webhooks().Attempts(d.id);
        if (!attempts.ok()) return attempts.status();
        out.items.push_back({std::move(d), std::move(*attempts)});
    }
    if (page->has_more && !out.items.empty()) {
        out.next_cursor = ToHex(kDeliveryCursorPrefix + std::to_string(out.items.back().delivery.id));
    }
    return out;
}

Result<WebhookDeliveryDetail> WebhookService::GetDelivery(long long delivery_id) {
    auto d = store_.webhooks().GetDelivery(delivery_id);
    if (!d.ok()) return d.status();
    auto attempts = store_.webhooks().Attempts(delivery_id);
    if (!attempts.ok()) return attempts.status();
    return WebhookDeliveryDetail{std::move(*d), std::move(*attempts)};
}

Result<domain::WebhookDelivery> WebhookService::Replay(long long delivery_id, bool force) {
    domain::WebhookDelivery next;
    Status st = store_.InTransaction([&]() -> Status {
        auto d = store_.webhooks().GetDelivery(delivery_id);
        if (!d.ok()) return d.status();
        const std::string id_text = std::to_string(delivery_id);
        if (d->status == DeliveryStatus::kPending) {
            return Status(ErrorCode::kConflict, "webhook delivery " + id_text + " is already queued");
        }
        if (d->status == DeliveryStatus::kSucceeded && !force) {
            return FailedPrecondition("webhook delivery " + id_text +
                                      " already succeeded; replay it with force to send it again");
        }
        auto subscription = store_.webhooks().GetSubscription(d->subscription_id);
        if (!subscription.ok()) return subscription.status();
        if (!subscription->active) {
            return FailedPrecondition("webhook " + std::to_string(subscription->id) +
                                      " is inactive; activate it before replaying its deliveries");
        }
        next = *d;
        next.status = DeliveryStatus::kPending;
        next.next_attempt_at = FormatUtc(clock_.Now());
        KYOSO_RETURN_IF_ERROR(store_.webhooks().UpdateDelivery(next));
        AuditJson before;
        before.Str("status", domain::DeliveryStatusSlug(d->status)).Int("attempts", d->attempts);
        AuditJson after;
        after.Int("webhook_id", d->subscription_id).Int("audit_seq", d->audit_seq).Str("event", d->event);
        after.Str("status", "pending").Bool("force", force);
        return audit_.Append(
            {std::string(kSystemActor), "webhook.replay", "webhook_delivery", id_text, before.str(), after.str()});
    });
    if (!st.ok()) return st;
    return next;
}

}  // namespace kyoso::app
