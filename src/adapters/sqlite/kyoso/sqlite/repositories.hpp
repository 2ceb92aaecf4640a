#pragma once

#include <memory>

#include "kyoso/ports/account_repository.hpp"
#include "kyoso/ports/audit_repository.hpp"
#include "kyoso/ports/contact_log_repository.hpp"
#include "kyoso/ports/custom_field_repository.hpp"
#include "kyoso/ports/dashboard_repository.hpp"
#include "kyoso/ports/deal_repository.hpp"
#include "kyoso/ports/government_repository.hpp"
#include "kyoso/ports/lead_repository.hpp"
#include "kyoso/ports/people_repository.hpp"
#include "kyoso/ports/product_repository.hpp"
#include "kyoso/ports/sales_repository.hpp"
#include "kyoso/ports/saved_view_repository.hpp"
#include "kyoso/ports/search_index.hpp"
#include "kyoso/ports/webhook_repository.hpp"

namespace kyoso::sqlite {

class SqliteStore;

// Internal: the SQLite repositories, created by SqliteStore.
std::unique_ptr<ports::GovernmentRepository> MakeGovernmentRepository(SqliteStore* store);
std::unique_ptr<ports::SalesRepository> MakeSalesRepository(SqliteStore* store);
std::unique_ptr<ports::DealRepository> MakeDealRepository(SqliteStore* store);
std::unique_ptr<ports::AuditRepository> MakeAuditRepository(SqliteStore* store);
std::unique_ptr<ports::DepartmentRepository> MakeDepartmentRepository(SqliteStore* store);
std::unique_ptr<ports::OfficialRepository> MakeOfficialRepository(SqliteStore* store);
std::unique_ptr<ports::ProductRepository> MakeProductRepository(SqliteStore* store);
std::unique_ptr<ports::LeadRepository> MakeLeadRepository(SqliteStore* store);
std::unique_ptr<ports::CustomFieldRepository> MakeCustomFieldRepository(SqliteStore* store);
std::unique_ptr<ports::WebhookRepository> MakeWebhookRepository(SqliteStore* store);
std::unique_ptr<ports::ContactLogRepository> MakeContactLogRepository(SqliteStore* store);
std::unique_ptr<ports::SearchIndex> MakeSearchIndex(SqliteStore* store);
std::unique_ptr<ports::AccountRepository> MakeAccountRepository(SqliteStore* store);
std::unique_ptr<ports::SavedViewRepository> MakeSavedViewRepository(SqliteStore* store);
std::unique_ptr<ports::DashboardRepository> MakeDashboardRepository(SqliteStore* store);

}  // namespace kyoso::sqlite
