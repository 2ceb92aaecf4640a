#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "kyoso/app/access/access_guard.hpp"
#include "kyoso/app/access/auth_service.hpp"
#include "kyoso/app/activity/activity_service.hpp"
#include "kyoso/app/audit/audit_service.hpp"
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
#include "kyoso/app/import/import_service.hpp"
#include "kyoso/app/intel/product_matcher.hpp"
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
#include "kyoso/app/transformation/cases_service.hpp"
#include "kyoso/app/transformation/diagnosis_service.hpp"
#include "kyoso/app/transformation/experiment_service.hpp"
#include "kyoso/app/transformation/plan_service.hpp"
#include "kyoso/app/transformation/scorecard_service.hpp"
#include "kyoso/app/webhook/webhook_service.hpp"
#include "kyoso/crypto/argon2_hasher.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/feeds/notice_readers.hpp"
#include "kyoso/http/openai_language_model.hpp"
#include "kyoso/ical/libical_writer.hpp"
#include "kyoso/office/xlsx_writer.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/sql/case_repository.hpp"
#include "kyoso/sql/diagnosis_repository.hpp"
#include "kyoso/sql/experiment_repository.hpp"
#include "kyoso/sql/ml_repository.hpp"
#include "kyoso/sql/plan_repository.hpp"
#include "kyoso/sql/scorecard_repository.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "kyoso/xgboost/xgboost_booster.hpp"

namespace kyoso::cli {

// Today in Japan (UTC+9, no daylight saving). KYOSO_TODAY=YYYY-MM-DD pins it, for
// demos and reproducible tests.
class SystemClock final : public ports::Clock {
public:
    Date Today() const override;
};

// Progress lines on stderr ("demo: deals 12,000/200,000 (6%)"), throttled.
class StderrProgress final : public ports::ProgressSink {
public:
    explicit StderrProgress(bool enabled) : enabled_(enabled) {}
    void Report(std::string_view phase, long long done, long long total) override;

private:
    bool enabled_;
    std::string last_phase_;
    int last_percent_ = -1;
    long long last_done_ = -1;
};

// Prints "error: <message>" and one line per detail on stderr; returns exit code 1.
int Fail(const Status& status);

// Opens the store a --db value names: a PostgreSQL database for a postgresql:// (or
// postgres://) URL, otherwise a SQLite file (an optional "sqlite:" prefix is dropped).
// Migrates it; a failed migration leaves it as it was.
Result<std::unique_ptr<sql::SqlStore>> OpenStore(const std::string& db);

// The SQLite file a --db value names ("sqlite:" prefix dropped); empty for a
// PostgreSQL URL.
std::string SqlitePath(const std::string& db);

// Whether the database a --db value names is there: a SQLite file exists; a
// PostgreSQL URL counts as there (connecting tells).
bool DatabaseExists(const std::string& db);

// Everything a command needs, built once from --db.
struct Runtime {
    std::unique_ptr<sql::SqlStore> store;
    text::IcuTextNormalizer normalizer;
    SystemClock clock;
    crypto::OpenSslDigest digest;
    domain::BusinessCalendar business_days;
    std::unique_ptr<app::GovernmentService> governments;
    std::unique_ptr<app::DealService> deals;
    std::unique_ptr<app::AuditService> audit;
    text::CsvTableReader table_reader;
    std::unique_ptr<app::DepartmentService> departments;
    std::unique_ptr<app::OfficialService> officials;
    std::unique_ptr<app::RotationImportService> rotations;
    std::unique_ptr<app::ProductService> products;
    std::unique_ptr<app::LeadService> leads;
    std::unique_ptr<app::CustomFieldService> custom_fields;
    std::unique_ptr<app::CatalogServices> catalog;
    crypto::OpenSslMac mac;
    crypto::OpenSslSecretSource secrets;
    std::unique_ptr<app::WebhookService> webhooks;
    office::XlsxWriter xlsx;
    std::unique_ptr<app::ContactLogService> contact_log;
    std::unique_ptr<app::SearchService> search;
    text::CsvStreamReader csv_stream;
    std::unique_ptr<ports::ImportRepository> import_repo;
    std::unique_ptr<app::ImportService> imports;
    crypto::Argon2Hasher hasher;
    app::Authorizer authorizer;
    std::unique_ptr<app::AccessGuard> guard;
    std::unique_ptr<app::AuthService> auth;
    std::unique_ptr<app::PipelineService> pipeline;
    std::unique_ptr<app::ActivityService> activities;
    std::unique_ptr<app::SavedViewService> saved_views;
    std::unique_ptr<app::DashboardService> dashboards;
    ical::LibicalWriter calendar_writer;
    std::unique_ptr<app::DeadlineService> deadlines;
    feeds::FeedNoticeReader notice_reader;
    // Gradient boosting for the models (docs/ml.md): XGBoost's C API.
    xgboost::XgboostBoosting boosting;
    // The catalogue's product matcher (docs/intel.md): MeCab + BM25, built on first use
    // (so commands that match nothing never load the dictionary) and rebuilt when the
    // products or won deals change. Tender notices and council signals both use it.
    std::mutex matcher_mu;
    std::shared_ptr<app::ProductMatcherCache> matcher_cache;
    ports::ProductMatcherProvider product_matcher;
    std::unique_ptr<app::NoticeService> notices;
    std::unique_ptr<app::SignalService> signals;
    // Teams, territories, absences and lead routing (docs/division-of-labour.md).
    std::unique_ptr<app::RoutingService> routing;
    std::unique_ptr<app::HandoffService> handoffs;
    std::unique_ptr<app::CadenceService> cadences;
    std::unique_ptr<app::KpiService> kpis;
    // Revenue forecast (docs/ml.md, "Forecast"); the models' DealScorer is wired with
    // forecast->SetDealScorer(...) (null: the stage-only baseline).
    std::unique_ptr<app::ForecastService> forecast;
    // Next best actions and similar governments (docs/ml.md); the DealScorer is set at merge.
    std::unique_ptr<app::NbaService> nba;
    // Lead scoring on an uploaded CSV (docs/ml.md); needs no database.
    std::unique_ptr<app::LeadScoring> lead_scoring;
    // Note analysis (docs/ml.md): MeCab loaded on the first analysed note (none when no
    // dictionary is installed: no keywords); the optional LLM, null = off.
    std::mutex note_tokenizer_mu;
    std::shared_ptr<const ports::Tokenizer> note_tokenizer;
    std::unique_ptr<ports::LanguageModel> llm;
    std::unique_ptr<app::NoteAnalyzer> notes;
    // The models (docs/ml.md): bulk reads + registry, and the service that trains and
    // scores; `ml` is the app::DealScorer for the forecast and next best actions.
    std::unique_ptr<ports::MlRepository> ml_repo;
    std::unique_ptr<app::MlService> ml;
    // The organisation diagnosis (docs/transformation.md): app::SignalSource and app::DiagnosisSource.
    std::unique_ptr<ports::DiagnosisRepository> diagnosis_repo;
    std::unique_ptr<app::DiagnosisService> diagnosis;
    // The case library and public value (docs/transformation.md); also the CaseLibraryStats.
    std::unique_ptr<ports::CaseRepository> case_repo;
    std::unique_ptr<app::CaseService> cases;
    // Experiments of the transformation programme (docs/transformation.md).
    std::unique_ptr<ports::ExperimentRepository> experiment_repo;
    std::unique_ptr<app::ExperimentService> experiments;
    // The staged action plan (docs/transformation.md); reads the latest diagnosis.
    std::unique_ptr<ports::PlanRepository> plan_repo;
    std::unique_ptr<app::PlanService> plan;
    // The two-axis scorecard (docs/transformation.md): deals, the diagnosis' signals and
    // the case library's growth.
    std::unique_ptr<ports::ScorecardRepository> scorecard_repo;
    std::unique_ptr<app::ScorecardService> scorecard;

    Runtime();
    // Switches the optional LLM on (a non-empty url) for `notes`; InvalidArgument naming
    // the setting for a bad configuration. The API key is read from the environment
    // variable the configuration names and is never printed.
    Status ConfigureLlm(const http::LlmConfig& config);
    // Opens and migrates the database (OpenStore: SQLite file or PostgreSQL URL); loads
    // the bundled government master when the database has none.
    // The stored access policy is loaded into `authorizer`; `auth_config` sets
    // session lifetimes and lock-out.
    Status Open(const std::string& db_path, bool quiet, const app::AuthConfig& auth_config = {});
};

// The product matcher (docs/intel.md "Matching notices to products"): MeCab with the
// dictionary mecab::FindDictionary finds + BM25 over the store's products and won
// deals; it rebuilds when they change. Services take cache->Provider(); `store` must
// outlive the cache. Fails when no MeCab dictionary is installed.
Result<std::shared_ptr<app::ProductMatcherCache>> MakeProductMatcherCache(ports::Store& store);

}  // namespace kyoso::cli
