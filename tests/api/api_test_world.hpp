#pragma once

// One in-process Kyoso server for an API test suite: a temporary store (SQLite, or
// PostgreSQL under KYOSO_TEST_BACKEND=postgres: test_store.hpp) with
// the bundled government master, the use cases, and the HTTP server on an
// ephemeral loopback port. Suites create it in SetUpTestSuite and delete it in
// TearDownTestSuite.

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/api/http_server.hpp"
#include "kyoso/app/catalog/catalog_services.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/app/department/department_service.hpp"
#include "kyoso/app/ml/ml_service.hpp"
#include "kyoso/app/official/rotation_import.hpp"
#include "kyoso/app/transformation/cases_service.hpp"
#include "kyoso/app/transformation/diagnosis_service.hpp"
#include "kyoso/app/transformation/scorecard_service.hpp"
#include "kyoso/crypto/argon2_hasher.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/feeds/council_reader.hpp"
#include "kyoso/feeds/notice_readers.hpp"
#include "kyoso/ical/libical_writer.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/mecab/mecab_tokenizer.hpp"
#include "kyoso/office/xlsx_writer.hpp"
#include "kyoso/sql/case_repository.hpp"
#include "kyoso/sql/diagnosis_repository.hpp"
#include "kyoso/sql/experiment_repository.hpp"
#include "kyoso/sql/import_repository.hpp"
#include "kyoso/sql/ml_repository.hpp"
#include "kyoso/sql/plan_repository.hpp"
#include "kyoso/sql/scorecard_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "kyoso/xgboost/xgboost_booster.hpp"
#include "test_store.hpp"
#include "test_support.hpp"

namespace kyoso::testing {

class ApiTestWorld {
public:
    // Opens the store and loads the master. `seed` may insert rows before the
    // server starts; `configure` may adjust the HTTP configuration.
    explicit ApiTestWorld(const std::string& tag, const std::function<void(sql::SqlStore&)>& seed = {},
                          const std::function<void(api::HttpConfig&)>& configure = {})
        : db_(tag), clock_(MakeDate(2026, 11, 27)), calendar_(masterdata::BundledHolidays()) {
        auto opened = OpenTestStore(tag);
        if (!opened.ok()) throw std::runtime_error(opened.status().ToString());
        store_ = std::move(*opened);
        governments_ = std::make_unique<app::GovernmentService>(*store_, normalizer_, clock_, digest_, calendar_);
        auto loaded = governments_->LoadMasterData(masterdata::JpLocalGovSource::Bundled());
        if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
        if (seed) seed(*store_);
        deals_ = std::make_unique<app::DealService>(*store_, clock_, digest_, calendar_);
        products_ = std::make_unique<app::ProductService>(*store_, clock_, digest_);
        leads_ = std::make_unique<app::LeadService>(*store_, clock_, digest_);
        custom_fields_ = std::make_unique<app::CustomFieldService>(*store_, clock_, digest_);
        catalog_ = std::make_unique<app::CatalogServices>(app::CatalogServices{*products_, *leads_, *custom_fields_});
        api::HttpConfig config;
        // A stand-in for the built web app (web/dist is built by npm, not by CMake).
        web_dir_ = db_.path() + ".web";
        std::filesystem::create_directories(web_dir_);
        std::ofstream(web_dir_ + "/index.html")
            << "<!doctype html>\n<html lang=\"ja\"><head><title>Kyoso</title></head><body><div "
               "id=\"app\"></div></body></html>\n";
        config.web_dir = web_dir_;
        if (configure) configure(config);
        departments_ = std::make_unique<app::DepartmentService>(*store_, clock_, digest_);
        officials_ = std::make_unique<app::OfficialService>(*store_, normalizer_, clock_, digest_);
        rotations_ = std::make_unique<app::RotationImportService>(*store_, normalizer_, clock_, digest_, table_reader_,
                                                                  *officials_, *departments_);
        webhooks_ = std::make_unique<app::WebhookService>(*store_, clock_, digest_, secrets_);
        contact_log_ = std::make_unique<app::ContactLogService>(*store_, clock_, digest_, &xlsx_);
        search_ = std::make_unique<app::SearchService>(*store_, normalizer_);
        import_repo_ = sql::MakeImportRepository(store_.get());
        imports_ =
            std::make_unique<app::ImportService>(*store_, *import_repo_, csv_stream_, normalizer_, clock_, digest_);
        guard_ = std::make_unique<app::AccessGuard>(*store_, authorizer_);
        auth_ = std::make_unique<app::AuthService>(*store_, clock_, digest_, hasher_, secrets_);
        pipeline_ = std::make_unique<app::PipelineService>(*store_, clock_, deals_->policy());
        activities_ = std::make_unique<app::ActivityService>(*store_);
        saved_views_ = std::make_unique<app::SavedViewService>(*store_, clock_);
        dashboards_ = std::make_unique<app::DashboardService>(*store_, clock_);
        deadlines_ =
            std::make_unique<app::DeadlineService>(*store_, clock_, digest_, secrets_, calendar_, &calendar_writer_);
        // Notices match through a stand-in for the MeCab matcher: a product matches when one
        // of its keywords occurs in the text (the real matcher is wired by the CLI runtime).
        notices_ = std::make_unique<app::NoticeService>(*store_, notice_reader_, clock_, digest_,
                                                        KeywordMatcherProvider(*store_));
        signals_ = std::make_unique<app::SignalService>(
            *store_, clock_, digest_, *leads_, *search_, feeds::ReadCouncilDocument,
            [this]() -> Result<std::shared_ptr<const ports::ProductMatcher>> { return signal_matcher_; });
        routing_ = std::make_unique<app::RoutingService>(*store_, clock_, digest_, calendar_);
        cadences_ = std::make_unique<app::CadenceService>(*store_, clock_, digest_, calendar_, authorizer_, *deals_);
        // Every request of a suite is made as an administrator unless it says otherwise.
        token_ = CreateUserToken("test-admin", "admin");
        api::Services services{*store_, *governments_, *deals_, "test"};
        services.departments = departments_.get();
        services.officials = officials_.get();
        services.rotations = rotations_.get();
        services.catalog = catalog_.get();
        services.webhooks = webhooks_.get();
        services.contact_log = contact_log_.get();
        services.search = search_.get();
        services.imports = imports_.get();
        import_jobs_ = std::make_unique<app::ImportJobs>(*imports_, clock_, secrets_);
        services.import_jobs = import_jobs_.get();
        services.auth = auth_.get();
        services.authorizer = &authorizer_;
        services.guard = guard_.get();
        services.pipeline = pipeline_.get();
        services.activities = activities_.get();
        services.saved_views = saved_views_.get();
        services.dashboards = dashboards_.get();
        services.deadlines = deadlines_.get();
        services.notices = notices_.get();
        services.signals = signals_.get();
        services.routing = routing_.get();
        handoffs_ = std::make_unique<app::HandoffService>(*store_, clock_, digest_, calendar_);
        services.handoffs = handoffs_.get();
        services.cadences = cadences_.get();
        kpis_ = std::make_unique<app::KpiService>(*store_, clock_, digest_, calendar_);
        services.kpis = kpis_.get();
        forecast_ = std::make_unique<app::ForecastService>(*store_, clock_, digest_);
        services.forecast = forecast_.get();
        nba_ = std::make_unique<app::NbaService>(*store_, clock_, digest_, calendar_, authorizer_);
        services.nba = nba_.get();
        lead_scoring_ = std::make_unique<app::LeadScoring>(boosting_, csv_stream_);
        services.lead_scoring = lead_scoring_.get();
        notes_ = std::make_unique<app::NoteAnalyzer>(
            store_.get(), clock_, app::NoteAnalyzer::TokenizerSource([this]() -> const ports::Tokenizer* {
                auto dictionary = mecab::MecabTokenizer::Open();  // null without a dictionary: no keywords
                if (dictionary.ok()) note_tokenizer_ = *dictionary;
                return note_tokenizer_.get();
            }));
        services.notes = notes_.get();
        ml_repo_ = sql::MakeMlRepository(store_.get());
        ml_ = std::make_unique<app::MlService>(*ml_repo_, boosting_, calendar_, clock_);
        ml_->set_history_ttl(std::chrono::seconds(0));
        ml_->EnableAudit(*store_, digest_);
        services.ml = ml_.get();
        diagnosis_repo_ = sql::MakeDiagnosisRepository(store_.get());
        diagnosis_ = std::make_unique<app::DiagnosisService>(*diagnosis_repo_, *store_, clock_, digest_);
        services.diagnosis = diagnosis_.get();
        cases_repo_ = sql::MakeCaseRepository(store_.get());
        cases_ = std::make_unique<app::CaseService>(*store_, *cases_repo_, normalizer_, clock_, digest_, authorizer_,
                                                    nba_.get());
        services.cases = cases_.get();
        experiment_repo_ = sql::MakeExperimentRepository(store_.get());
        experiment_service_ =
            std::make_unique<app::ExperimentService>(*store_, *experiment_repo_, clock_, digest_, authorizer_);
        services.experiments = experiment_service_.get();
        plan_repo_ = sql::MakePlanRepository(store_.get());
        plan_ = std::make_unique<app::PlanService>(*store_, *plan_repo_, plan_diagnoses_, clock_, digest_, calendar_,
                                                   &xlsx_);
        services.plan = plan_.get();
        scorecard_repo_ = sql::MakeScorecardRepository(store_.get());
        scorecard_ =
            std::make_unique<app::ScorecardService>(*scorecard_repo_, scorecard_signals_, scorecard_cases_, clock_);
        services.scorecard = scorecard_.get();
        server_ = std::make_unique<api::HttpServer>(config, services);
        auto port = server_->BindToAnyPort();
        if (!port.ok()) throw std::runtime_error(port.status().ToString());
        port_ = *port;
        thread_ = std::thread([this] { (void)server_->ListenAfterBind(); });
        while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~ApiTestWorld() {
        server_->Stop();
        thread_.join();
        import_jobs_->Shutdown();
        std::error_code ec;
        std::filesystem::remove_all(web_dir_, ec);
    }

    int port() const { return port_; }
    sql::SqlStore& store() { return *store_; }
    app::AuthService& auth() { return *auth_; }
    app::Authorizer& authorizer() { return authorizer_; }
    app::HandoffService& handoffs() { return *handoffs_; }
    app::NbaService& nba() { return *nba_; }
    app::NoteAnalyzer& notes() { return *notes_; }
    app::CaseService& cases() { return *cases_; }
    // The action plan reads its diagnosis from this fake (none until a test sets one).
    class PlanFakeDiagnoses final : public app::DiagnosisSource {
    public:
        Result<std::optional<domain::Diagnosis>> LatestDiagnosis() override { return diagnosis; }
        std::optional<domain::Diagnosis> diagnosis;
    };
    PlanFakeDiagnoses& plan_diagnoses() { return plan_diagnoses_; }
    // The scorecard's sources: measure nothing until a suite sets `measure` / `count`.
    struct ScorecardFakeSignals final : app::SignalSource {
        std::function<domain::MeasuredSignals(Date, Date)> measure;
        Result<domain::MeasuredSignals> Measure(Date from, Date to) override {
            if (measure) return measure(from, to);
            domain::MeasuredSignals s;
            s.from = from;
            s.to = to;
            return s;
        }
    };
    struct ScorecardFakeCases final : app::CaseLibraryStats {
        std::function<long long(Date, Date)> count;
        Result<long long> CasesCreatedBetween(Date from, Date to) override {
            if (!count) return FailedPrecondition("no case library in this test");
            return count(from, to);
        }
    };
    ScorecardFakeSignals& scorecard_signals() { return scorecard_signals_; }
    ScorecardFakeCases& scorecard_cases() { return scorecard_cases_; }
    // The administrator's API token every request carries by default.
    const std::string& admin_token() const { return token_; }

    // Creates an account (role slug; team; prefecture codes) with a fixed test
    // password and returns an API token for it; `user_id` receives its id.
    std::string CreateUserToken(const std::string& login, const std::string& role, const std::string& team = "",
                                const std::vector<std::string>& territory = {}, long long* user_id = nullptr) {
        app::AccountRequest r;
        r.login = login;
        r.name = login;
        r.role = role;
        r.team = team;
        r.territory = territory;
        r.password = kTestPassword;
        auto account = auth_->CreateAccount(r, "test");
        if (!account.ok()) throw std::runtime_error(account.status().ToString());
        if (user_id) *user_id = account->user_id;
        auto principal = auth_->PrincipalOf(*account);
        if (!principal.ok()) throw std::runtime_error(principal.status().ToString());
        auto token = auth_->CreateToken(*principal, "test", 0);
        if (!token.ok()) throw std::runtime_error(token.status().ToString());
        return token->token;
    }
    static constexpr const char* kTestPassword = "correct horse battery";

    // A fake ports::ProductMatcher for tests: every product whose keyword occurs in the
    // text matches with score = number of keywords found; the terms are those keywords.
    class KeywordMatcher final : public ports::ProductMatcher {
    public:
        explicit KeywordMatcher(std::vector<domain::Product> products) : products_(std::move(products)) {}
        std::vector<ports::ProductMatch> Match(std::string_view text) const override {
            std::vector<ports::ProductMatch> out;
            for (const auto& p : products_) {
                ports::ProductMatch m{p.id, 0, {}};
                for (const auto& k : p.keywords) {
                    if (!k.empty() && text.find(k) != std::string_view::npos) m.terms.push_back(k);
                }
                m.score = static_cast<double>(m.terms.size());
                if (!m.terms.empty()) out.push_back(std::move(m));
            }
            return out;
        }

    private:
        std::vector<domain::Product> products_;
    };
    static ports::ProductMatcherProvider KeywordMatcherProvider(ports::Store& store) {
        return [&store]() -> Result<std::shared_ptr<const ports::ProductMatcher>> {
            ports::ProductQuery q;
            q.limit = 200;
            auto page = store.products().List(q);
            if (!page.ok()) return page.status();
            return std::shared_ptr<const ports::ProductMatcher>(std::make_shared<KeywordMatcher>(page->items));
        };
    }

    // A request with `token` ("" = none) as Bearer credentials.
    httplib::Result Send(const std::string& method, const std::string& path, const std::string& body,
                         const std::string& token) {
        httplib::Client client("127.0.0.1", port_);
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        if (method == "GET") return client.Get(path.c_str(), headers);
        if (method == "DELETE") return client.Delete(path.c_str(), headers);
        if (method == "POST") return client.Post(path.c_str(), headers, body, "application/json");
        if (method == "PATCH") return client.Patch(path.c_str(), headers, body, "application/json");
        if (method == "PUT") return client.Put(path.c_str(), headers, body, "application/json");
        throw std::invalid_argument("unsupported method " + method);
    }

    httplib::Result Get(const std::string& path) { return Send("GET", path, "", token_); }
    httplib::Result Post(const std::string& path, const std::string& body) { return Send("POST", path, body, token_); }
    httplib::Result Patch(const std::string& path, const std::string& body) {
        return Send("PATCH", path, body, token_);
    }
    httplib::Result Delete(const std::string& path) { return Send("DELETE", path, "", token_); }
    nlohmann::json PatchJson(const std::string& path, const std::string& body, int expect_status) {
        return Check(Patch(path, body), path + " " + body, expect_status);
    }
    nlohmann::json DeleteJson(const std::string& path, int expect_status) {
        return Check(Delete(path), path, expect_status);
    }
    // Parses a JSON answer, checking its status and content type.
    nlohmann::json GetJson(const std::string& path, int expect_status) { return Check(Get(path), path, expect_status); }
    nlohmann::json PostJson(const std::string& path, const std::string& body, int expect_status) {
        return Check(Post(path, body), path + " " + body, expect_status);
    }

    // The product matcher signal imports use from now on (nullptr: cue-only signals).
    void SetSignalMatcher(std::shared_ptr<const ports::ProductMatcher> matcher) {
        signal_matcher_ = std::move(matcher);
    }

private:
    static nlohmann::json Check(const httplib::Result& res, const std::string& what, int expect_status) {
        EXPECT_TRUE(res) << what;
        if (!res) return {};
        EXPECT_EQ(res->status, expect_status) << what << " -> " << res->body;
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << what;
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    TempDb db_;
    std::string web_dir_;
    std::unique_ptr<sql::SqlStore> store_;
    text::IcuTextNormalizer normalizer_;
    FixedClock clock_;
    crypto::OpenSslDigest digest_;
    domain::BusinessCalendar calendar_;
    std::unique_ptr<app::GovernmentService> governments_;
    std::unique_ptr<app::DealService> deals_;
    text::CsvTableReader table_reader_;
    std::unique_ptr<app::DepartmentService> departments_;
    std::unique_ptr<app::OfficialService> officials_;
    std::unique_ptr<app::RotationImportService> rotations_;
    std::unique_ptr<app::ProductService> products_;
    std::unique_ptr<app::LeadService> leads_;
    std::unique_ptr<app::CustomFieldService> custom_fields_;
    std::unique_ptr<app::CatalogServices> catalog_;
    crypto::OpenSslSecretSource secrets_;
    std::unique_ptr<app::WebhookService> webhooks_;
    office::XlsxWriter xlsx_;
    std::unique_ptr<app::ContactLogService> contact_log_;
    std::unique_ptr<app::SearchService> search_;
    std::shared_ptr<const ports::ProductMatcher> signal_matcher_;
    std::unique_ptr<app::SignalService> signals_;
    std::unique_ptr<app::RoutingService> routing_;
    std::unique_ptr<app::CadenceService> cadences_;
    std::unique_ptr<app::KpiService> kpis_;
    std::unique_ptr<app::ForecastService> forecast_;
    std::unique_ptr<app::NbaService> nba_;
    xgboost::XgboostBoosting boosting_;
    std::unique_ptr<app::LeadScoring> lead_scoring_;
    std::shared_ptr<const ports::Tokenizer> note_tokenizer_;
    std::unique_ptr<app::NoteAnalyzer> notes_;
    std::unique_ptr<ports::MlRepository> ml_repo_;
    std::unique_ptr<app::MlService> ml_;
    std::unique_ptr<ports::DiagnosisRepository> diagnosis_repo_;
    std::unique_ptr<app::DiagnosisService> diagnosis_;
    std::unique_ptr<ports::CaseRepository> cases_repo_;
    std::unique_ptr<app::CaseService> cases_;
    std::unique_ptr<ports::ExperimentRepository> experiment_repo_;
    std::unique_ptr<app::ExperimentService> experiment_service_;
    PlanFakeDiagnoses plan_diagnoses_;
    std::unique_ptr<ports::PlanRepository> plan_repo_;
    std::unique_ptr<app::PlanService> plan_;
    ScorecardFakeSignals scorecard_signals_;
    ScorecardFakeCases scorecard_cases_;
    std::unique_ptr<ports::ScorecardRepository> scorecard_repo_;
    std::unique_ptr<app::ScorecardService> scorecard_;
    text::CsvStreamReader csv_stream_;
    std::unique_ptr<ports::ImportRepository> import_repo_;
    std::unique_ptr<app::ImportService> imports_;
    std::unique_ptr<app::ImportJobs> import_jobs_;
    crypto::Argon2Hasher hasher_{crypto::Argon2Params{1024, 1, 1}};  // cheap for tests
    app::Authorizer authorizer_;
    std::unique_ptr<app::AccessGuard> guard_;
    std::unique_ptr<app::AuthService> auth_;
    std::unique_ptr<app::PipelineService> pipeline_;
    std::unique_ptr<app::ActivityService> activities_;
    std::unique_ptr<app::SavedViewService> saved_views_;
    std::unique_ptr<app::DashboardService> dashboards_;
    ical::LibicalWriter calendar_writer_;
    std::unique_ptr<app::DeadlineService> deadlines_;
    feeds::FeedNoticeReader notice_reader_;
    std::unique_ptr<app::NoticeService> notices_;
    std::unique_ptr<app::HandoffService> handoffs_;
    std::string token_;
    std::unique_ptr<api::HttpServer> server_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace kyoso::testing
