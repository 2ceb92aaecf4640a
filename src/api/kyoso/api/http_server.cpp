#include "kyoso/api/http_server.hpp"

#include <httplib.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kyoso/api/activity_handlers.hpp"
#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/auth_handlers.hpp"
#include "kyoso/api/cadence_handlers.hpp"
#include "kyoso/api/cases_handlers.hpp"
#include "kyoso/api/catalog_handlers.hpp"
#include "kyoso/api/catalog_json.hpp"
#include "kyoso/api/compliance_handlers.hpp"
#include "kyoso/api/dashboard_handlers.hpp"
#include "kyoso/api/deadline_handlers.hpp"
#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/diagnosis_handlers.hpp"
#include "kyoso/api/error_mapping.hpp"
#include "kyoso/api/experiment_handlers.hpp"
#include "kyoso/api/forecast_handlers.hpp"
#include "kyoso/api/handoff_handlers.hpp"
#include "kyoso/api/import_handlers.hpp"
#include "kyoso/api/json_mapping.hpp"
#include "kyoso/api/kpi_handlers.hpp"
#include "kyoso/api/leadscore_handlers.hpp"
#include "kyoso/api/ml_handlers.hpp"
#include "kyoso/api/nba_handlers.hpp"
#include "kyoso/api/notes_handlers.hpp"
#include "kyoso/api/notice_handlers.hpp"
#include "kyoso/api/openapi_document.hpp"
#include "kyoso/api/people_handlers.hpp"
#include "kyoso/api/pipeline_handlers.hpp"
#include "kyoso/api/plan_handlers.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/api/routing_handlers.hpp"
#include "kyoso/api/saved_view_handlers.hpp"
#include "kyoso/api/scorecard_handlers.hpp"
#include "kyoso/api/signal_handlers.hpp"
#include "kyoso/api/webhook_handlers.hpp"

namespace kyoso::api {

namespace {

using Clock = std::chrono::steady_clock;

// The page may load scripts, styles, images and data only from this server: no
// inline script, no CDN (the product runs without network access).
// "gzip, deflate, br, zstd" -> "gzip, deflate, zstd": the codings a client accepts, less Brotli.
std::string WithoutBrotli(const std::string& accept_encoding) {
    std::string out;
    std::size_t start = 0;
    while (start <= accept_encoding.size()) {
        std::size_t comma = accept_encoding.find(',', start);
        if (comma == std::string::npos) comma = accept_encoding.size();
        std::string item = accept_encoding.substr(start, comma - start);
        const auto first = item.find_first_not_of(" \t");
        item = first == std::string::npos ? "" : item.substr(first);
        std::string coding = item.substr(0, item.find_first_of(" \t;"));
        for (char& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!item.empty() && coding != "br") out += (out.empty() ? "" : ", ") + item;
        start = comma + 1;
    }
    return out;
}

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

}  // namespace

struct HttpServer::Impl {
    HttpConfig config;
    Services services;
    httplib::Server server;
    std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
    prometheus::Family<prometheus::Counter>& requests = prometheus::BuildCounter()
                                                            .Name("kyoso_http_requests_total")
                                                            .Help("HTTP requests by route, method and status")
                                                            .Register(*registry);
    prometheus::Family<prometheus::Histogram>& latency = prometheus::BuildHistogram()
                                                             .Name("kyoso_http_request_duration_seconds")
                                                             .Help("Time spent handling API requests, by route")
                                                             .Register(*registry);
    prometheus::Family<prometheus::Gauge>& info =
        prometheus::BuildGauge().Name("kyoso_build_info").Help("Version of the running kyoso").Register(*registry);
    prometheus::Family<prometheus::Gauge>& governments_gauge =
        prometheus::BuildGauge().Name("kyoso_governments").Help("Governments in the master data").Register(*registry);
    prometheus::Family<prometheus::Gauge>& webhook_deliveries = prometheus::BuildGauge()
                                                                    .Name("kyoso_webhook_deliveries")
                                                                    .Help("Webhook deliveries by status")
                                                                    .Register(*registry);
    std::mutex metrics_mutex;

    prometheus::Family<prometheus::Counter>& auth_failures = prometheus::BuildCounter()
                                                                 .Name("kyoso_auth_failures_total")
                                                                 .Help("Refused API requests by reason")
                                                                 .Register(*registry);

    Impl(HttpConfig c, Services s) : config(std::move(c)), services(s) {
        if (!services.auth || !services.authorizer || !services.guard) {
            throw std::invalid_argument("HttpServer needs the auth service, the authorizer and the access guard");
        }
        info.Add({{"version", services.version}}).Set(1);
    }

    void CountRefusal(const std::string& reason) {
        std::lock_guard lock(metrics_mutex);
        auth_failures.Add({{"reason", reason}}).Increment();
    }

    // Authenticates the request for `route` and checks its route-level rule; on
    // success runs `fn` with the principal set. Refusals answer 401/403 in JSON.
    void Guarded(const std::string& route, const httplib::Request& req, httplib::Response& res,
                 const std::function<void(const httplib::Request&, httplib::Response&)>& fn) {
        auto rule = AccessFor(req.method, route);
        if (!rule) {
            spdlog::error(R"({{"event":"no_access_rule","method":"{}","route":"{}"}})", req.method, route);
            return SendError(res, Internal("no access rule for " + req.method + " " + route));
        }
        if (rule->kind == RouteAccess::Kind::kPublic) return fn(req, res);
        Result<app::Authenticated> who = Unauthenticated("sign in first: no valid session or API token");
        bool from_cookie = false;
        const std::string authorization = req.get_header_value("Authorization");
        if (authorization.rfind("Bearer ", 0) == 0) {
            who = services.auth->AuthenticateToken(authorization.substr(7));
        } else if (std::string token = CookieValue(req.get_header_value("Cookie"), kSessionCookie); !token.empty()) {
            who = services.auth->AuthenticateSession(token);
            from_cookie = true;
        }
        if (!who.ok()) {
            CountRefusal("unauthenticated");
            if (who.status().code() == ErrorCode::kUnauthenticated) {
                res.set_header("WWW-Authenticate", R"(Bearer realm="kyoso")");
            }
            return SendError(res, who.status());
        }
        // A browser sends the cookie on any request to this origin; a write must also
        // carry the CSRF token, which another site cannot read.
        if (from_cookie && req.method != "GET" && req.method != "HEAD") {
            const std::string sent = req.get_header_value(kCsrfHeader);
            const std::string& want = who->csrf_token;
            unsigned char diff = sent.size() == want.size() ? 0 : 1;
            for (size_t i = 0; i < sent.size() && i < want.size(); ++i) {
                diff |= static_cast<unsigned char>(sent[i] ^ want[i]);
            }
            if (diff != 0 || want.empty()) {
                CountRefusal("csrf");
                return SendError(res, PermissionDenied(std::string("missing or wrong ") + kCsrfHeader +
                                                       " header: send the csrf_token from POST /api/session"));
            }
        }
        if (rule->kind == RouteAccess::Kind::kCapability) {
            if (Status st = services.authorizer->Require(who->principal, rule->capability); !st.ok()) {
                CountRefusal("forbidden");
                return SendError(res, st);
            }
        }
        PrincipalScope scope(&*who);
        fn(req, res);
    }

    // Wraps an API handler: timing, metrics, exceptions turned into JSON 500s.
    httplib::Server::Handler Route(std::string route,
                                   std::function<void(const httplib::Request&, httplib::Response&)> fn) {
        return [this, route = std::move(route), fn = std::move(fn)](const httplib::Request& req,
                                                                    httplib::Response& res) {
            const auto start = Clock::now();
            try {
                Guarded(route, req, res, fn);
            } catch (const std::exception& e) {
                spdlog::error(R"({{"event":"handler_exception","route":"{}","what":{}}})", route,
                              nlohmann::json(e.what()).dump());
                SendError(res, Internal("unexpected error; see the server log"));
            }
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            res.set_header("Server-Timing", "app;dur=" + std::to_string(seconds * 1000.0));
            std::lock_guard lock(metrics_mutex);
            requests.Add({{"route", route}, {"method", req.method}, {"status", std::to_string(res.status)}})
                .Increment();
            latency
                .Add({{"route", route}}, prometheus::Histogram::BucketBoundaries{0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                                                 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5})
                .Observe(seconds);
        };
    }

    void Setup() {
        // cpp-httplib's default sets SO_REUSEPORT, which lets a second kyoso bind the
        // same port and silently share its traffic. SO_REUSEADDR alone allows a quick
        // restart while a second instance fails with "address in use".
        server.set_socket_options([](socket_t sock) {
            int yes = 1;
            setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        });
        server.set_tcp_nodelay(true);  // see DESIGN.md: Nagle + delayed ACK costs ~25 ms per keep-alive request
        server.set_read_timeout(config.read_timeout_seconds);
        server.set_write_timeout(config.write_timeout_seconds);
        server.set_payload_max_length(config.max_body_bytes);
        server.set_keep_alive_max_count(1000);
        const int threads = config.threads;
        server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
        server.set_default_headers({
            {"X-Content-Type-Options", "nosniff"},
            {"X-Frame-Options", "DENY"},
            {"Content-Security-Policy", kCsp},
            {"Referrer-Policy", "no-referrer"},
            {"Cross-Origin-Opener-Policy", "same-origin"},
        });
        // cpp-httplib compresses with Brotli at its maximum quality whenever a client
        // accepts "br": ~0.9 s of CPU for the 600 KB dashboards script, on every request.
        // gzip costs about a fiftieth of that for ~15% more bytes, so "br" is dropped from
        // Accept-Encoding before routing (the request object is the server's own, not const).
        server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
            auto& headers = const_cast<httplib::Request&>(req).headers;
            auto [first, last] = headers.equal_range("Accept-Encoding");  // names compare case-insensitively
            for (auto it = first; it != last; ++it) it->second = WithoutBrotli(it->second);
            return httplib::Server::HandlerResponse::Unhandled;
        });
        server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            std::string timing = res.get_header_value("Server-Timing");
            std::string ms = timing.rfind("app;dur=", 0) == 0 ? timing.substr(8) : "null";
            spdlog::info(
                R"({{"event":"http_request","method":"{}","path":{},"status":{},"duration_ms":{},"remote":"{}"}})",
                req.method, nlohmann::json(req.path).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                res.status, ms, req.remote_addr);
        });
        server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
            SendError(res, Internal("unexpected error; see the server log"));
        });

        server.Get("/api/health", Route("/api/health", [this](const httplib::Request&, httplib::Response& res) {
                       Status ping = services.store.Ping();
                       auto version = services.store.SchemaVersion();
                       auto count = services.store.governments().Count();
                       const bool ok = ping.ok() && version.ok() && count.ok();
                       nlohmann::json body = {
                           {"status", ok ? "ok" : "unavailable"},
                           {"version", services.version},
                           {"database",
                            {{"backend", services.store.Describe()},
                             {"schema_version", version.ok() ? nlohmann::json(*version) : nlohmann::json(nullptr)},
                             {"error", ping.ok() ? nlohmann::json(nullptr) : nlohmann::json(ping.message())}}},
                           {"governments", count.ok() ? nlohmann::json(*count) : nlohmann::json(nullptr)},
                       };
                       SendJson(res, ok ? 200 : 503, body);
                   }));

        server.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
            if (auto count = services.store.governments().Count(); count.ok()) {
                governments_gauge.Add({}).Set(static_cast<double>(*count));
            }
            if (auto counts = services.store.webhooks().CountByStatus(); counts.ok()) {
                std::lock_guard lock(metrics_mutex);
                for (auto status : {domain::DeliveryStatus::kPending, domain::DeliveryStatus::kSucceeded,
                                    domain::DeliveryStatus::kFailed, domain::DeliveryStatus::kDead}) {
                    auto it = counts->find(status);
                    webhook_deliveries.Add({{"status", std::string(domain::DeliveryStatusSlug(status))}})
                        .Set(it == counts->end() ? 0.0 : static_cast<double>(it->second));
                }
            }
            std::string text;
            {
                std::lock_guard lock(metrics_mutex);
                text = prometheus::TextSerializer().Serialize(registry->Collect());
            }
            res.set_content(text, "text/plain; version=0.0.4; charset=utf-8");
        });

        server.Get("/api/openapi.json", Route("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
                       res.set_content(OpenApiJson(), "application/json; charset=utf-8");
                   }));

        server.Get(
            "/api/governments", Route("/api/governments", [this](const httplib::Request& req, httplib::Response& res) {
                auto params = QueryParams(req);
                if (!params.ok()) return SendError(res, params.status());
                auto result = services.governments.List(*params);
                if (!result.ok()) return SendError(res, result.status());
                nlohmann::json items = nlohmann::json::array();
                for (const auto& g : result->items) items.push_back(GovernmentJson(g));
                SendJson(res, 200,
                         {{"items", items},
                          {"total", result->total},
                          {"next_cursor",
                           result->next_cursor ? nlohmann::json(*result->next_cursor) : nlohmann::json(nullptr)}});
            }));

        server.Get(R"(/api/governments/([^/]+))",
                   Route("/api/governments/{code}", [this](const httplib::Request& req, httplib::Response& res) {
                       auto detail = services.governments.Get(req.matches[1]);
                       if (!detail.ok()) return SendError(res, detail.status());
                       nlohmann::json body = GovernmentDetailJson(*detail);
                       if (services.catalog) {
                           auto fields = services.catalog->custom_fields.OfGovernment(detail->government.code.str());
                           if (!fields.ok()) return SendError(res, fields.status());
                           body["custom_fields"] = CustomFieldsJson(*fields);
                       }
                       SendJson(res, 200, body);
                   }));

        RegisterAuthRoutes(
            server, services,
            [this](std::string route, RouteHandler fn) { return Route(std::move(route), std::move(fn)); },
            config.secure_cookie);
        RegisterDealRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterPeopleRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        if (services.catalog) {
            RegisterCatalogRoutes(server, services, [this](std::string route, RouteHandler fn) {
                return Route(std::move(route), std::move(fn));
            });
        }
        RegisterWebhookRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterComplianceRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterImportRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterPipelineRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterActivityRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterSavedViewRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterDashboardRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterDeadlineRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterNoticeRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterSignalRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterRoutingRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterHandoffRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterCadenceRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterKpiRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterForecastRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterNbaRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterLeadScoreRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterNotesRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterMlRoutes(server, services,
                         [this](std::string route, RouteHandler fn) { return Route(std::move(route), std::move(fn)); });
        RegisterDiagnosisRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterCaseRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterExperimentRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterPlanRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });
        RegisterScorecardRoutes(server, services, [this](std::string route, RouteHandler fn) {
            return Route(std::move(route), std::move(fn));
        });

        if (!config.web_dir.empty() && std::filesystem::is_directory(config.web_dir)) {
            server.set_mount_point("/", config.web_dir);
        }
        // Unknown API paths answer in JSON; other unknown paths get the web app's
        // index.html so client-side routes survive a reload.
        server.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (res.status == 404 && req.path.rfind("/api/", 0) != 0 && req.method == "GET" &&
                !config.web_dir.empty()) {
                std::ifstream in(std::filesystem::path(config.web_dir) / "index.html", std::ios::binary);
                if (in) {
                    std::ostringstream ss;
                    ss << in.rdbuf();
                    res.status = 200;
                    res.set_content(ss.str(), "text/html; charset=utf-8");
                    return;
                }
            }
            if (res.body.empty()) {
                const ErrorCode code = res.status == 413   ? ErrorCode::kResourceExhausted
                                       : res.status == 404 ? ErrorCode::kNotFound
                                       : res.status >= 500 ? ErrorCode::kInternal
                                                           : ErrorCode::kInvalidArgument;
                const int status = res.status;
                SendJson(res, status, ErrorBody(Status(code, "HTTP " + std::to_string(status) + " for " + req.path)));
            }
        });
    }
};

HttpServer::HttpServer(HttpConfig config, Services services)
    : impl_(std::make_unique<Impl>(std::move(config), services)) {
    impl_->Setup();
}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen() {
    if (!impl_->server.bind_to_port(impl_->config.bind, impl_->config.port)) {
        return Unavailable("cannot listen on " + impl_->config.bind + ":" + std::to_string(impl_->config.port) +
                           " (in use, or not permitted)");
    }
    return ListenAfterBind();
}

Result<int> HttpServer::BindToAnyPort() {
    const int port = impl_->server.bind_to_any_port(impl_->config.bind);
    if (port < 0) return Unavailable("cannot bind to " + impl_->config.bind);
    return port;
}

Status HttpServer::ListenAfterBind() {
    if (!impl_->server.listen_after_bind()) return Unavailable("server stopped with an error");
    return Status::Ok();
}

void HttpServer::Stop() { impl_->server.stop(); }
bool HttpServer::is_running() const { return impl_->server.is_running(); }

}  // namespace kyoso::api
