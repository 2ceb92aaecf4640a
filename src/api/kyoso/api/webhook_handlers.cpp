#include "kyoso/api/webhook_handlers.hpp"

#include <charconv>
#include <nlohmann/json.hpp>
#include <set>

#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/webhook/webhook_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json TextOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// A subscription as the API shows it: never its secret.
json WebhookJson(const domain::WebhookSubscription& s) {
    return {
        {"id", s.id},
        {"url", s.url},
        {"events", s.events},
        {"active", s.active},
        {"description", s.description},
        {"created_at", s.created_at},
    };
}

json DeliveryJson(const app::WebhookDeliveryDetail& detail) {
    const auto& d = detail.delivery;
    json attempts = json::array();
    for (const auto& a : detail.attempts) {
        attempts.push_back({{"attempted_at", a.attempted_at},
                            {"status_code", OrNull(a.status_code)},
                            {"error", a.error},
                            {"duration_ms", a.duration_ms}});
    }
    json payload = json::parse(d.payload, nullptr, false);
    return {
        {"id", d.id},
        {"webhook_id", d.subscription_id},
        {"audit_seq", d.audit_seq},
        {"event", d.event},
        {"status", domain::DeliveryStatusSlug(d.status)},
        {"attempts", d.attempts},
        {"next_attempt_at", TextOrNull(d.next_attempt_at)},
        {"last_status_code", OrNull(d.last_status_code)},
        {"last_error", d.last_error},
        {"created_at", d.created_at},
        {"delivered_at", TextOrNull(d.delivered_at)},
        {"payload", payload.is_discarded() ? json(nullptr) : payload},
        {"attempt_log", attempts},
    };
}

// Reads a JSON object body field by field, collecting one error per bad field
// (malformed JSON, unknown fields, wrong types), so a client sees every problem
// of its request at once. The same contract as the deal handlers' reader.
class WebhookBody {
public:
    WebhookBody(const std::string& body, std::set<std::string> known, bool allow_empty = false)
        : known_(std::move(known)) {
        if (body.empty()) {
            if (!allow_empty) errors_.push_back({"body", "a JSON object is required"});
            object_ = json::object();
            return;
        }
        object_ = json::parse(body, nullptr, false);
        if (object_.is_discarded()) {
            errors_.push_back({"body", "malformed JSON"});
            return;
        }
        if (!object_.is_object()) {
            errors_.push_back({"body", "must be a JSON object"});
            return;
        }
        for (const auto& [key, value] : object_.items()) {
            if (!known_.count(key)) errors_.push_back({key, "unknown field"});
        }
    }

    std::optional<std::string> String(const std::string& field) {
        const json* v = Find(field);
        if (!v) return std::nullopt;
        if (!v->is_string()) {
            Bad(field, "must be a string");
            return std::nullopt;
        }
        return v->get<std::string>();
    }

    std::optional<bool> Bool(const std::string& field) {
        const json* v = Find(field);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) {
            Bad(field, "must be true or false");
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<std::vector<std::string>> Strings(const std::string& field) {
        const json* v = Find(field);
        if (!v) return std::nullopt;
        if (!v->is_array()) {
            Bad(field, "must be an array of strings");
            return std::nullopt;
        }
        std::vector<std::string> out;
        for (size_t i = 0; i < v->size(); ++i) {
            if (!(*v)[i].is_string()) {
                Bad(field + "[" + std::to_string(i) + "]", "must be a string");
                return std::nullopt;
            }
            out.push_back((*v)[i].get<std::string>());
        }
        return out;
    }

    // OK when no field was bad; otherwise InvalidArgument listing each one.
    Status Finish() const {
        if (errors_.empty()) return Status::Ok();
        std::string message = "invalid request body: " + errors_.front().field + ": " + errors_.front().message;
        if (errors_.size() > 1) message += " (and " + std::to_string(errors_.size() - 1) + " more)";
        return InvalidArgument(message, errors_);
    }

private:
    // nullptr when absent or null; a null is refused (it would be ambiguous in a PATCH).
    const json* Find(const std::string& field) {
        if (!object_.is_object()) return nullptr;
        auto it = object_.find(field);
        if (it == object_.end()) return nullptr;
        if (it->is_null()) {
            Bad(field, "must not be null; leave the field out instead");
            return nullptr;
        }
        return &*it;
    }
    void Bad(const std::string& field, const std::string& message) { errors_.push_back({field, message}); }

    std::set<std::string> known_;
    json object_;
    std::vector<ErrorDetail> errors_;
};

Result<app::WebhookChange> ReadChange(const std::string& body) {
    WebhookBody reader(body, {"url", "secret", "events", "active", "description"});
    app::WebhookChange change;
    change.url = reader.String("url");
    change.secret = reader.String("secret");
    change.events = reader.Strings("events");
    change.active = reader.Bool("active");
    change.description = reader.String("description");
    if (Status st = reader.Finish(); !st.ok()) return st;
    return change;
}

}  // namespace

void RegisterWebhookRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.webhooks) return;
    app::WebhookService& webhooks = *services.webhooks;

    server.Get("/api/webhooks", wrap("/api/webhooks", [&webhooks](const httplib::Request&, httplib::Response& res) {
                   auto list = webhooks.List();
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& s : *list) items.push_back(WebhookJson(s));
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Post("/api/webhooks",
                wrap("/api/webhooks", [&webhooks](const httplib::Request& req, httplib::Response& res) {
                    auto change = ReadChange(req.body);
                    if (!change.ok()) return SendError(res, change.status());
                    auto created = webhooks.Create(*change);
                    if (!created.ok()) return SendError(res, created.status());
                    json body = WebhookJson(*created);
                    body["secret"] = created->secret;  // shown this once
                    SendJson(res, 201, body);
                }));

    server.Get(R"(/api/webhooks/([^/]+))",
               wrap("/api/webhooks/{id}", [&webhooks](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "webhook");
                   if (!id.ok()) return SendError(res, id.status());
                   auto s = webhooks.Get(*id);
                   if (!s.ok()) return SendError(res, s.status());
                   SendJson(res, 200, WebhookJson(*s));
               }));

    server.Patch(R"(/api/webhooks/([^/]+))",
                 wrap("/api/webhooks/{id}", [&webhooks](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "webhook");
                     if (!id.ok()) return SendError(res, id.status());
                     auto change = ReadChange(req.body);
                     if (!change.ok()) return SendError(res, change.status());
                     auto updated = webhooks.Update(*id, *change);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, WebhookJson(*updated));
                 }));

    server.Delete(R"(/api/webhooks/([^/]+))",
                  wrap("/api/webhooks/{id}", [&webhooks](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "webhook");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = webhooks.Delete(*id); !st.ok()) return SendError(res, st);
                      res.status = 204;
                  }));

    server.Get(R"(/api/webhooks/([^/]+)/deliveries)",
               wrap("/api/webhooks/{id}/deliveries", [&webhooks](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "webhook");
                   if (!id.ok()) return SendError(res, id.status());
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   auto list = webhooks.Deliveries(*id, *params);
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& d : list->items) items.push_back(DeliveryJson(d));
                   SendJson(res, 200, {{"items", items}, {"next_cursor", OrNull(list->next_cursor)}});
               }));

    server.Post(
        R"(/api/webhook-deliveries/([^/]+)/replay)",
        wrap("/api/webhook-deliveries/{id}/replay", [&webhooks](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "delivery");
            if (!id.ok()) return SendError(res, id.status());
            WebhookBody body(req.body, {"force"}, /*allow_empty=*/true);
            const bool force = body.Bool("force").value_or(false);
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto replayed = webhooks.Replay(*id, force);
            if (!replayed.ok()) return SendError(res, replayed.status());
            auto detail = webhooks.GetDelivery(*id);
            if (!detail.ok()) return SendError(res, detail.status());
            SendJson(res, 200, DeliveryJson(*detail));
        }));
}

}  // namespace kyoso::api
