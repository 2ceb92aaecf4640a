#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "kyoso/app/access/access_guard.hpp"
#include "kyoso/app/access/auth_service.hpp"
#include "kyoso/app/activity/activity_service.hpp"
#include "kyoso/app/cadence/cadence_service.hpp"
#include "kyoso/app/catalog/catalog_services.hpp"
#include "kyoso/app/compliance/contact_log_service.hpp"
#include "kyoso/app/dashboard/dashboard_service.hpp"
#include "kyoso/app/deadline/deadline_service.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/department/department_service.hpp"
#include "kyoso/app/forecast/forecast_service.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/app/handoff/handoff_service.hpp"
#include "kyoso/app/import/import_jobs.hpp"
#include "kyoso/app/import/import_service.hpp"
#include "kyoso/app/kpi/kpi_service.hpp"
#include "kyoso/app/leadscore/lead_scoring.hpp"
#include "kyoso/app/ml/ml_service.hpp"
#include "kyoso/app/nba/nba_service.hpp"
#include "kyoso/app/notes/note_analyzer.hpp"
#include "kyoso/app/notice/notice_service.hpp"
#include "kyoso/app/official/rotation_import.hpp"
#include "kyoso/app/pipeline/pipeline_service.hpp"
#include "kyoso/app/routing/routing_service.hpp"
#include "kyoso/app/saved_view/saved_view_service.hpp"
#include "kyoso/app/search/search_service.hpp"
#include "kyoso/app/signal/signal_service.hpp"
#include "kyoso/app/transformation/experiment_service.hpp"
#include "kyoso/app/transformation/plan_service.hpp"
#include "kyoso/app/transformation/scorecard_service.hpp"
#include "kyoso/app/webhook/webhook_service.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {
class DiagnosisService;  // kyoso/app/transformation/diagnosis_service.hpp
}  // namespace kyoso::app

namespace kyoso::app {
class CaseService;  // kyoso/app/transformation/cases_service.hpp
}  // namespace kyoso::app

namespace kyoso::api {

struct HttpConfig {
    std::string bind = "127.0.0.1";  // loopback unless the administrator opens it
    int port = 8080;
    std::string web_dir;  // built front end; served at /
    size_t max_body_bytes = 1u << 20;
    int read_timeout_seconds = 10;
    int write_timeout_seconds = 10;
    int threads = 8;
    bool secure_cookie = false;  // add Secure to the session cookie (serve behind HTTPS)
};

// What the handlers call. The handlers translate HTTP ⇄ these use cases only.
struct Services {
    ports::Store& store;
    app::GovernmentService& governments;
    app::DealService& deals;
    std::string version;
    // Departments, officials and 人事異動 import (docs/crm-people.md); routes are
    // registered only when all three are set.
    app::DepartmentService* departments = nullptr;
    app::OfficialService* officials = nullptr;
    app::RotationImportService* rotations = nullptr;
    app::CatalogServices* catalog = nullptr;  // products, leads, custom fields; routes absent when null
    // Outbound webhooks (docs/webhooks.md); its routes are absent when null.
    app::WebhookService* webhooks = nullptr;
    // Optional: the contact log / 情報公開 routes and the search route are served when set.
    app::ContactLogService* contact_log = nullptr;
    app::SearchService* search = nullptr;
    app::ImportService* imports = nullptr;  // POST /api/imports when set
    // The pipeline's stages and board (docs/api.md, "Pipeline"); routes absent when null.
    app::PipelineService* pipeline = nullptr;
    // Background imports (POST /api/imports?async=true, GET /api/import-jobs/{id})
    // when set with `imports`; the owner shuts it down after the server stops.
    app::ImportJobs* import_jobs = nullptr;
    // The activity list (GET /api/activities); absent when null.
    app::ActivityService* activities = nullptr;
    // Each user's saved list views (/api/saved-views); absent when null.
    app::SavedViewService* saved_views = nullptr;
    // The dashboards (/api/dashboards/...); absent when null.
    app::DashboardService* dashboards = nullptr;
    // Deadlines, milestone overrides and calendar feeds (docs/api.md, "Deadlines"); absent when null.
    app::DeadlineService* deadlines = nullptr;
    // Tender notices, the review queue, alerts and competitors (docs/intel.md); absent when null.
    app::NoticeService* notices = nullptr;
    // Signals before the tender (/api/signals, docs/intel.md); absent when null.
    app::SignalService* signals = nullptr;
    // Teams, territories, absences and lead routing (docs/division-of-labour.md); absent when null.
    app::RoutingService* routing = nullptr;
    // Hand-offs with SLAs (/api/handoffs, /api/handoff-types, docs/division-of-labour.md); absent when null.
    app::HandoffService* handoffs = nullptr;
    // Cadences, enrolments and tasks (docs/division-of-labour.md); absent when null.
    app::CadenceService* cadences = nullptr;
    // Phases, outcome metrics, quotas and KPIs (docs/division-of-labour.md); absent when null.
    app::KpiService* kpis = nullptr;
    // Revenue forecast and manager adjustments (docs/ml.md, "Forecast"); absent when null.
    app::ForecastService* forecast = nullptr;
    // Next best actions and similar governments (docs/ml.md); absent when null.
    app::NbaService* nba = nullptr;
    // Lead scoring on an uploaded CSV (POST /api/leads/evaluate, docs/ml.md); absent when null.
    const app::LeadScoring* lead_scoring = nullptr;
    // Note analysis and the optional LLM (docs/ml.md); absent when null.
    app::NoteAnalyzer* notes = nullptr;
    // The models: registry, training and scores (docs/ml.md); absent when null.
    app::MlService* ml = nullptr;
    // The organisation diagnosis (/api/transformation/*, docs/transformation.md); absent when null.
    app::DiagnosisService* diagnosis = nullptr;
    // The case library and public value (docs/transformation.md); absent when null.
    app::CaseService* cases = nullptr;
    // Experiments of the transformation programme (docs/transformation.md); absent when null.
    app::ExperimentService* experiments = nullptr;
    // The transformation programme's staged action plan (docs/transformation.md); absent when null.
    app::PlanService* plan = nullptr;
    // The two-axis transformation scorecard (docs/transformation.md); absent when null.
    app::ScorecardService* scorecard = nullptr;
    // Accounts and authorisation (docs/security.md). Required: the server refuses
    // to start without them, and every /api route but health, openapi.json and
    // sign-in needs a session cookie or an API token.
    app::AuthService* auth = nullptr;
    app::Authorizer* authorizer = nullptr;
    app::AccessGuard* guard = nullptr;
};

// The HTTP JSON API plus static files. Stop() may be called from another thread
// (a signal handler's watcher); in-flight requests finish before Listen returns.
class HttpServer {
public:
    HttpServer(HttpConfig config, Services services);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and serves until Stop(). Returns an error if the port cannot be bound.
    Status Listen();
    // Binds to an ephemeral port on the configured address and returns it (tests).
    Result<int> BindToAnyPort();
    Status ListenAfterBind();
    void Stop();
    bool is_running() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kyoso::api
