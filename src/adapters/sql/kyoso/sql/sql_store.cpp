#include "kyoso/sql/sql_store.hpp"

#include "kyoso/sql/repositories.hpp"

namespace kyoso::sql {

struct SqlStore::Repositories {
    std::unique_ptr<ports::GovernmentRepository> governments;
    std::unique_ptr<ports::SalesRepository> sales;
    std::unique_ptr<ports::DealRepository> deals;
    std::unique_ptr<ports::AuditRepository> audit;
    std::unique_ptr<ports::DepartmentRepository> departments;
    std::unique_ptr<ports::OfficialRepository> officials;
    std::unique_ptr<ports::ProductRepository> products;
    std::unique_ptr<ports::LeadRepository> leads;
    std::unique_ptr<ports::CustomFieldRepository> custom_fields;
    std::unique_ptr<ports::WebhookRepository> webhooks;
    std::unique_ptr<ports::ContactLogRepository> contact_log;
    std::unique_ptr<ports::SearchIndex> search;
    std::unique_ptr<ports::AccountRepository> accounts;
    std::unique_ptr<ports::SavedViewRepository> saved_views;
    std::unique_ptr<ports::DashboardRepository> dashboards;
    std::unique_ptr<ports::CalendarFeedRepository> calendar_feeds;
    std::unique_ptr<ports::NoticeRepository> notices;
    std::unique_ptr<ports::SignalRepository> signals;
    std::unique_ptr<ports::RoutingRepository> routing;
    std::unique_ptr<ports::HandoffRepository> handoffs;
    std::unique_ptr<ports::CadenceRepository> cadences;
    std::unique_ptr<ports::KpiRepository> kpis;
    std::unique_ptr<ports::ForecastRepository> forecasts;
    std::unique_ptr<ports::NbaRepository> nba;
};

SqlStore::SqlStore() : repos_(std::make_unique<Repositories>()) {}
SqlStore::~SqlStore() = default;

void SqlStore::InitRepositories(std::unique_ptr<ports::SearchIndex> search) {
    repos_->governments = MakeGovernmentRepository(this);
    repos_->sales = MakeSalesRepository(this);
    repos_->deals = MakeDealRepository(this);
    repos_->audit = MakeAuditRepository(this);
    repos_->departments = MakeDepartmentRepository(this);
    repos_->officials = MakeOfficialRepository(this);
    repos_->products = MakeProductRepository(this);
    repos_->leads = MakeLeadRepository(this);
    repos_->custom_fields = MakeCustomFieldRepository(this);
    repos_->webhooks = MakeWebhookRepository(this);
    repos_->contact_log = MakeContactLogRepository(this);
    repos_->search = std::move(search);
    repos_->accounts = MakeAccountRepository(this);
    repos_->saved_views = MakeSavedViewRepository(this);
    repos_->dashboards = MakeDashboardRepository(this);
    repos_->calendar_feeds = MakeCalendarFeedRepository(this);
    repos_->notices = MakeNoticeRepository(this);
    repos_->signals = MakeSignalRepository(this);
    repos_->routing = MakeRoutingRepository(this);
    repos_->handoffs = MakeHandoffRepository(this);
    repos_->cadences = MakeCadenceRepository(this);
    repos_->kpis = MakeKpiRepository(this);
    repos_->forecasts = MakeForecastRepository(this);
    repos_->nba = MakeNbaRepository(this);
}

ports::GovernmentRepository& SqlStore::governments() { return *repos_->governments; }
ports::SalesRepository& SqlStore::sales() { return *repos_->sales; }
ports::DealRepository& SqlStore::deals() { return *repos_->deals; }
ports::AuditRepository& SqlStore::audit() { return *repos_->audit; }
ports::DepartmentRepository& SqlStore::departments() { return *repos_->departments; }
ports::OfficialRepository& SqlStore::officials() { return *repos_->officials; }
ports::ProductRepository& SqlStore::products() { return *repos_->products; }
ports::LeadRepository& SqlStore::leads() { return *repos_->leads; }
ports::CustomFieldRepository& SqlStore::custom_fields() { return *repos_->custom_fields; }
ports::WebhookRepository& SqlStore::webhooks() { return *repos_->webhooks; }
ports::ContactLogRepository& SqlStore::contact_log() { return *repos_->contact_log; }
ports::SearchIndex& SqlStore::search() { return *repos_->search; }
ports::AccountRepository& SqlStore::accounts() { return *repos_->accounts; }
ports::SavedViewRepository& SqlStore::saved_views() { return *repos_->saved_views; }
ports::CalendarFeedRepository& SqlStore::calendar_feeds() { return *repos_->calendar_feeds; }
ports::DashboardRepository& SqlStore::dashboards() { return *repos_->dashboards; }
ports::NoticeRepository& SqlStore::notices() { return *repos_->notices; }
ports::SignalRepository& SqlStore::signals() { return *repos_->signals; }
ports::RoutingRepository& SqlStore::routing() { return *repos_->routing; }
ports::HandoffRepository& SqlStore::handoffs() { return *repos_->handoffs; }
ports::CadenceRepository& SqlStore::cadences() { return *repos_->cadences; }
ports::KpiRepository& SqlStore::kpis() { return *repos_->kpis; }
ports::ForecastRepository& SqlStore::forecasts() { return *repos_->forecasts; }
ports::NbaRepository& SqlStore::nba() { return *repos_->nba; }

}  // namespace kyoso::sql
