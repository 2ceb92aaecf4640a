#pragma once

#include <functional>
#include <string>

#include "kyoso/core/result.hpp"
#include "kyoso/ports/account_repository.hpp"
#include "kyoso/ports/audit_repository.hpp"
#include "kyoso/ports/cadence_repository.hpp"
#include "kyoso/ports/calendar_feed_repository.hpp"
#include "kyoso/ports/contact_log_repository.hpp"
#include "kyoso/ports/custom_field_repository.hpp"
#include "kyoso/ports/dashboard_repository.hpp"
#include "kyoso/ports/deal_repository.hpp"
#include "kyoso/ports/forecast_repository.hpp"
#include "kyoso/ports/government_repository.hpp"
#include "kyoso/ports/handoff_repository.hpp"
#include "kyoso/ports/kpi_repository.hpp"
#include "kyoso/ports/lead_repository.hpp"
#include "kyoso/ports/nba_repository.hpp"
#include "kyoso/ports/notice_repository.hpp"
#include "kyoso/ports/people_repository.hpp"
#include "kyoso/ports/product_repository.hpp"
#include "kyoso/ports/routing_repository.hpp"
#include "kyoso/ports/sales_repository.hpp"
#include "kyoso/ports/saved_view_repository.hpp"
#include "kyoso/ports/search_index.hpp"
#include "kyoso/ports/signal_repository.hpp"
#include "kyoso/ports/webhook_repository.hpp"

namespace kyoso::ports {

// One database: the repositories over it and a unit of work. Implementations:
// storage/sqlite (default), storage/postgres (later). Safe for concurrent use.
class Store {
public:
    virtual ~Store() = default;

    virtual GovernmentRepository& governments() = 0;
    virtual SalesRepository& sales() = 0;
    virtual DealRepository& deals() = 0;
    // The append-only audit log (docs/audit.md).
    virtual AuditRepository& audit() = 0;
    // The department tree and officials with posting history (docs/crm-people.md).
    virtual DepartmentRepository& departments() = 0;
    virtual OfficialRepository& officials() = 0;
    // The vendor's product catalogue.
    virtual ProductRepository& products() = 0;
    // BDR leads.
    virtual LeadRepository& leads() = 0;
    // Custom field definitions and values (leads, deals, governments).
    virtual CustomFieldRepository& custom_fields() = 0;
    // Outbound webhooks: subscriptions, deliveries, attempts (docs/webhooks.md).
    virtual WebhookRepository& webhooks() = 0;
    // The append-only compliance contact log (docs/compliance.md).
    virtual ContactLogRepository& contact_log() = 0;
    // The full-text search index (docs/search.md).
    virtual SearchIndex& search() = 0;
    // Accounts, sessions, API tokens and the access policy (docs/security.md).
    virtual AccountRepository& accounts() = 0;
    // Each user's saved list views for the web app (docs/api.md).
    virtual SavedViewRepository& saved_views() = 0;
    // Aggregates behind the web app's dashboards.
    virtual DashboardRepository& dashboards() = 0;
    // Private iCalendar feed tokens (docs/api.md, "Deadlines").
    virtual CalendarFeedRepository& calendar_feeds() = 0;
    // Tender notices, their product matches, alerts and award results (docs/intel.md).
    virtual NoticeRepository& notices() = 0;
    // Signals before the tender from council minutes (docs/intel.md).
    virtual SignalRepository& signals() = 0;
    // Teams, territories, absences, lead routing (docs/division-of-labour.md).
    virtual RoutingRepository& routing() = 0;
    // Hand-off types and hand-offs with their SLA (docs/division-of-labour.md).
    virtual HandoffRepository& handoffs() = 0;
    // Cadences, enrolments and tasks (docs/division-of-labour.md, "Cadences and tasks").
    virtual CadenceRepository& cadences() = 0;
    // Outcome metrics, quotas, deal phase overrides and KPI rows (docs/division-of-labour.md).
    virtual KpiRepository& kpis() = 0;
    // Revenue forecast reads and manager adjustments (docs/ml.md, "Forecast").
    virtual ForecastRepository& forecasts() = 0;
    // Next best actions and similar governments (docs/ml.md).
    virtual NbaRepository& nba() = 0;

    // Runs `work` in one transaction on this thread: committed when it returns OK,
    // rolled back otherwise (and on exception). Repository calls made inside join it.
    virtual Status InTransaction(const std::function<Status()>& work) = 0;

    // Schema version after migrations, and a backend description for /api/health.
    virtual Result<int> SchemaVersion() = 0;
    virtual std::string Describe() const = 0;
    // Cheap liveness probe for health checks.
    virtual Status Ping() = 0;
};

}  // namespace kyoso::ports
