#pragma once

#include <memory>

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

namespace kyoso::sql {

class SqlStore;

// Internal: the repositories shared by both backends, created by SqlStore.
std::unique_ptr<ports::GovernmentRepository> MakeGovernmentRepository(SqlStore* store);
std::unique_ptr<ports::SalesRepository> MakeSalesRepository(SqlStore* store);
std::unique_ptr<ports::DealRepository> MakeDealRepository(SqlStore* store);
std::unique_ptr<ports::AuditRepository> MakeAuditRepository(SqlStore* store);
std::unique_ptr<ports::DepartmentRepository> MakeDepartmentRepository(SqlStore* store);
std::unique_ptr<ports::OfficialRepository> MakeOfficialRepository(SqlStore* store);
std::unique_ptr<ports::ProductRepository> MakeProductRepository(SqlStore* store);
std::unique_ptr<ports::LeadRepository> MakeLeadRepository(SqlStore* store);
std::unique_ptr<ports::CustomFieldRepository> MakeCustomFieldRepository(SqlStore* store);
std::unique_ptr<ports::WebhookRepository> MakeWebhookRepository(SqlStore* store);
std::unique_ptr<ports::ContactLogRepository> MakeContactLogRepository(SqlStore* store);
std::unique_ptr<ports::AccountRepository> MakeAccountRepository(SqlStore* store);
std::unique_ptr<ports::SavedViewRepository> MakeSavedViewRepository(SqlStore* store);
std::unique_ptr<ports::CalendarFeedRepository> MakeCalendarFeedRepository(SqlStore* store);
std::unique_ptr<ports::DashboardRepository> MakeDashboardRepository(SqlStore* store);
std::unique_ptr<ports::NoticeRepository> MakeNoticeRepository(SqlStore* store);
std::unique_ptr<ports::SignalRepository> MakeSignalRepository(SqlStore* store);
std::unique_ptr<ports::RoutingRepository> MakeRoutingRepository(SqlStore* store);
std::unique_ptr<ports::HandoffRepository> MakeHandoffRepository(SqlStore* store);
std::unique_ptr<ports::CadenceRepository> MakeCadenceRepository(SqlStore* store);
std::unique_ptr<ports::KpiRepository> MakeKpiRepository(SqlStore* store);
std::unique_ptr<ports::ForecastRepository> MakeForecastRepository(SqlStore* store);
std::unique_ptr<ports::NbaRepository> MakeNbaRepository(SqlStore* store);

}  // namespace kyoso::sql
