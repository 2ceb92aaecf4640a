#include "kyoso/cli/webhooks_commands.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kyoso/app/common/query_params.hpp"
#include "kyoso/app/webhook/webhook_dispatcher.hpp"
#include "kyoso/app/webhook/webhook_worker.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/http/httplib_poster.hpp"

namespace kyoso::cli {

namespace {

std::string Join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
    return out;
}

struct WebhookOptions {
    std::string db = "kyoso.db";
    std::string url;
    std::string events;
    std::string secret;
    std::string description;
    long long id = 0;
    std::string status;
    int limit = 20;
    bool force = false;
};

}  // namespace

std::function<std::optional<int>()> RegisterWebhookCommands(CLI::App& app) {
    auto o = std::make_shared<WebhookOptions>();
    auto* group = app.add_subcommand("webhooks", "Outbound webhooks for record changes (docs/webhooks.md)");
    group->require_subcommand(1);
    auto db_option = [&o](CLI::App* cmd) {
        cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
            ->envname("KYOSO_DB")
            ->capture_default_str();
    };
    auto* list = group->add_subcommand("list", "The webhooks (secrets are never shown)");
    db_option(list);
    auto* add = group->add_subcommand("add", "Subscribe a URL to events; prints the signing secret once");
    db_option(add);
    add->add_option("--url", o->url, "http:// or https:// URL that receives the POSTs")->required();
    add->add_option("--events", o->events, "Comma-separated patterns: '*', 'deal.*', 'activity.log'")->required();
    add->add_option("--secret", o->secret, "Signing secret (16-256 characters; generated when absent)");
    add->add_option("--description", o->description, "What the receiver is");
    auto* deliveries = group->add_subcommand("deliveries", "A webhook's delivery log, newest first");
    db_option(deliveries);
    deliveries->add_option("--id", o->id, "Webhook id")->required();
    deliveries->add_option("--status", o->status, "pending, succeeded, failed or dead");
    deliveries->add_option("--limit", o->limit, "How many (1-200)")->capture_default_str();
    auto* replay = group->add_subcommand("replay", "Queue a failed or dead delivery for another attempt");
    db_option(replay);
    replay->add_option("--delivery", o->id, "Delivery id")->required();
    replay->add_flag("--force", o->force, "Send a delivery that already succeeded again");
    auto* dispatch = group->add_subcommand(
        "dispatch",
        "Run the dispatcher once: queue new events and POST what is due (kyoso serve does this every second)");
    db_option(dispatch);

    return [=]() -> std::optional<int> {
        if (!*group) return std::nullopt;
        if (!DatabaseExists(o->db)) return Fail(NotFound("no database at " + o->db));
        Runtime rt;
        if (Status st = rt.Open(o->db, true); !st.ok()) return Fail(st);
        if (*list) {
            auto subs = rt.webhooks->List();
            if (!subs.ok()) return Fail(subs.status());
            for (const auto& s : *subs) {
                std::printf("%lld  %s  %s  [%s]  %s\n", s.id, s.active ? "active  " : "inactive", s.url.c_str(),
                            Join(s.events).c_str(), s.description.c_str());
            }
            std::printf("%zu webhook(s)\n", subs->size());
            return 0;
        }
        if (*add) {
            app::WebhookChange change;
            change.url = o->url;
            std::vector<std::string> events;
            for (const auto& e : app::Split(o->events, ',')) {
                const std::string t = app::Trim(e);
                if (!t.empty()) events.push_back(t);
            }
            change.events = events;
            if (!o->secret.empty()) change.secret = o->secret;
            if (!o->description.empty()) change.description = o->description;
            auto created = rt.webhooks->Create(change);
            if (!created.ok()) return Fail(created.status());
            std::printf("webhook %lld: %s [%s]\n", created->id, created->url.c_str(), Join(created->events).c_str());
            std::printf("secret: %s\n(shown only now; store it with the receiver)\n", created->secret.c_str());
            return 0;
        }
        if (*deliveries) {
            app::ListParams params;
            params["limit"] = std::to_string(o->limit);
            if (!o->status.empty()) params["status"] = o->status;
            auto page = rt.webhooks->Deliveries(o->id, params);
            if (!page.ok()) return Fail(page.status());
            for (const auto& item : page->items) {
                const auto& d = item.delivery;
                std::printf("%lld  %-9s  %-24s  seq %lld  attempts %d  %s%s\n", d.id,
                            std::string(domain::DeliveryStatusSlug(d.status)).c_str(), d.event.c_str(), d.audit_seq,
                            d.attempts,
                            d.last_status_code ? ("HTTP " + std::to_string(*d.last_status_code)).c_str() : "",
                            d.last_error.empty() || d.last_status_code ? "" : d.last_error.c_str());
            }
            std::printf("%zu deliveries%s\n", page->items.size(), page->next_cursor ? " (more)" : "");
            return 0;
        }
        if (*replay) {
            auto d = rt.webhooks->Replay(o->id, o->force);
            if (!d.ok()) return Fail(d.status());
            std::printf("delivery %lld queued for %s\n", d->id, d->next_attempt_at.c_str());
            return 0;
        }
        if (*dispatch) {
            http::HttplibPoster poster;
            app::WebhookDispatcher dispatcher(*rt.store, rt.clock, rt.mac, poster);
            auto r = dispatcher.RunOnce();
            if (!r.ok()) return Fail(r.status());
            std::printf("attempted %d: %d succeeded, %d failed (will retry), %d dead\n", r->attempted, r->succeeded,
                        r->failed, r->dead);
            return 0;
        }
        return 1;
    };
}

struct ServeWebhookWorker::Impl {
    http::HttplibPoster poster;
    app::WebhookDispatcher dispatcher;
    app::WebhookWorker worker;

    explicit Impl(Runtime& rt)
        : dispatcher(*rt.store, rt.clock, rt.mac, poster),
          worker(dispatcher, std::chrono::seconds(1), [](const Status& st) {
              spdlog::error(
                  R"({{"event":"webhook_dispatch_failed","reason":{}}})",
                  nlohmann::json(st.message()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
          }) {}
};

ServeWebhookWorker::ServeWebhookWorker(Runtime& rt) : impl_(std::make_unique<Impl>(rt)) { impl_->worker.Start(); }
ServeWebhookWorker::~ServeWebhookWorker() { Stop(); }
void ServeWebhookWorker::Stop() {
    if (impl_) impl_->worker.Stop();
}

}  // namespace kyoso::cli
