// Runs the real kyoso binary as a user would: help texts, exit codes, error
// messages, statistics import, and the server's start-up and graceful shutdown.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct Run {
    int exit_code;
    std::string output;  // stdout and stderr
};

Run Shell(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

Run Kyoso(const std::string& args, const std::string& env = "") {
    return Shell(env + " " + KYOSO_BINARY + " " + args + " 2>&1");
}

std::string WriteFile(const std::string& name, const std::string& content) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

TEST(Cli, EveryCommandHasHelp) {
    for (const char* cmd : {"", "serve", "demo", "governments", "governments load", "governments import-stats",
                            "governments list", "governments show", "governments set-milestone", "db", "db migrate",
                            "db check", "audit", "audit verify", "audit list", "calendar"}) {
        auto r = Kyoso(std::string(cmd) + " --help");
        EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.output;
        EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd << "\n" << r.output;
    }
    auto none = Kyoso("");
    EXPECT_NE(none.exit_code, 0);
    auto unknown = Kyoso("frobnicate");
    EXPECT_NE(unknown.exit_code, 0);
}

// A database with five audit entries: the master load, three milestone settings
// and a statistics import.
void BuildAuditedDb(const std::string& path) {
    for (const char* args : {"governments set-milestone 102032 --milestone june_council --start 06-03 --end 06-19",
                             "governments set-milestone 102032 --milestone june_council --start 06-04"}) {
        auto r = Kyoso(std::string(args) + " --db " + path);
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    const auto stats = WriteFile("audit-stats.csv", "団体コード,人口\n10203,106445\n");
    auto imported = Kyoso("governments import-stats " + stats + " --db " + path);
    ASSERT_EQ(imported.exit_code, 0) << imported.output;
    auto last =
        Kyoso("governments set-milestone 131016 --milestone budget_request_deadline --start 10-31 --db " + path);
    ASSERT_EQ(last.exit_code, 0) << last.output;
}

Run Sqlite(const std::string& path, const std::string& sql) {
    return Shell("sqlite3 " + path + " \"" + sql + "\" 2>&1");
}

constexpr const char* kDropAuditTriggers = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ";

TEST(Cli, AuditVerifyAndListOnAnIntactTrail) {
    TempDb db;
    BuildAuditedDb(db.path());
    auto verify = Kyoso("audit verify --db " + db.path());
    EXPECT_EQ(verify.exit_code, 0) << verify.output;
    EXPECT_NE(verify.output.find("audit trail intact: 5 entries"), std::string::npos) << verify.output;
    auto list = Kyoso("audit list --limit 2 --db " + db.path());
    ASSERT_EQ(list.exit_code, 0) << list.output;
    const auto five = list.output.find("     5  ");
    const auto four = list.output.find("     4  ");
    ASSERT_NE(five, std::string::npos) << list.output;
    EXPECT_LT(five, four) << "newest first:\n" << list.output;
    EXPECT_EQ(list.output.find("     3  "), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("government.milestone_override"), std::string::npos) << list.output;
    // The triggers refuse changes made with plain SQL.
    auto update = Sqlite(db.path(), "UPDATE audit_log SET actor = 'x' WHERE seq = 2");
    EXPECT_NE(update.exit_code, 0);
    EXPECT_NE(update.output.find("append-only"), std::string::npos) << update.output;
    auto missing = Kyoso("audit verify --db " + db.path() + ".nothing");
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.output.find("no database at"), std::string::npos) << missing.output;
}

TEST(Cli, AuditVerifyNamesTheEditedEntry) {
    TempDb db;
    BuildAuditedDb(db.path());
    auto tamper = Sqlite(db.path(), std::string(kDropAuditTriggers) +
                                        "UPDATE audit_log SET after_json = replace(after_json, '102032', '102033') "
                                        "WHERE seq = 4");
    ASSERT_EQ(tamper.exit_code, 0) << tamper.output;
    auto verify = Kyoso("audit verify --db " + db.path());
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE(verify.output.find("entry 4 was edited"), std::string::npos) << verify.output;
}

TEST(Cli, AuditVerifyNamesTheDeletedEntry) {
    TempDb db;
    BuildAuditedDb(db.path());
    auto tamper = Sqlite(db.path(), std::string(kDropAuditTriggers) + "DELETE FROM audit_log WHERE seq = 2");
    ASSERT_EQ(tamper.exit_code, 0) << tamper.output;
    auto verify = Kyoso("audit verify --db " + db.path());
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE(verify.output.find("entry 2 is missing or was deleted"), std::string::npos) << verify.output;
}

TEST(Cli, AuditVerifyNamesTheInsertedEntry) {
    TempDb db;
    BuildAuditedDb(db.path());
    // A forged entry appended after the last one, with a made-up link (no trigger blocks INSERT).
    auto tamper = Sqlite(db.path(),
                         "INSERT INTO audit_log SELECT 6, at, 'user:1', action, entity, entity_id, before_json, "
                         "after_json, hash, hash FROM audit_log WHERE seq = 4");
    ASSERT_EQ(tamper.exit_code, 0) << tamper.output;
    auto verify = Kyoso("audit verify --db " + db.path());
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE(verify.output.find("entry 6 was inserted or altered"), std::string::npos) << verify.output;
}

TEST(Cli, ShowsAGovernmentWithItsCalendar) {
    TempDb db;
    auto r = Kyoso("governments show 13101 --db " + db.path(), "KYOSO_TODAY=2027-05-01");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("千代田区"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("令和9年度"), std::string::npos) << r.output;
    auto bad = Kyoso("governments show 131017 --db " + db.path());
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.output.find("wrong check digit (expected 6"), std::string::npos) << bad.output;
}

TEST(Cli, AGovernmentsOwnMilestoneDatesShowInItsCalendar) {
    TempDb db;
    auto set =
        Kyoso("governments set-milestone 102032 --milestone june_council --start 06-03 --end 06-19 --db " + db.path());
    ASSERT_EQ(set.exit_code, 0) << set.output;
    auto show = Kyoso("governments show 102032 --db " + db.path(), "KYOSO_TODAY=2027-05-01");
    EXPECT_NE(show.output.find("2027-06-03 – 2027-06-19  6月定例会"), std::string::npos) << show.output;
    auto bad = Kyoso("governments set-milestone 102032 --milestone june_council --start 06-31 --db " + db.path());
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.output.find("--start must be MM-DD"), std::string::npos) << bad.output;
    auto unknown = Kyoso("governments set-milestone 102032 --milestone picnic --start 06-01 --db " + db.path());
    EXPECT_EQ(unknown.exit_code, 1);
}

TEST(Cli, ImportStatsReportsTheBadRowAndWritesNothing) {
    TempDb db;
    const auto bad = WriteFile("bad-stats.csv", "団体コード,人口\n10203,106445\n13101,66680\n13102,many\n");
    auto r = Kyoso("governments import-stats " + bad + " --db " + db.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("row 4, column 人口"), std::string::npos) << r.output;
    auto list = Kyoso("governments list --db " + db.path() + " -q 桐生");
    EXPECT_NE(list.output.find("桐生市"), std::string::npos);
    EXPECT_NE(list.output.find("  -"), std::string::npos) << "population must still be empty:\n" << list.output;

    const auto good = WriteFile("good-stats.csv", "団体コード,人口\n10203,106445\n");
    auto ok = Kyoso("governments import-stats " + good + " --db " + db.path());
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
    auto after = Kyoso("governments list --db " + db.path() + " -q 桐生");
    EXPECT_NE(after.output.find("106445"), std::string::npos) << after.output;
}

TEST(Cli, MalformedCsvNamesTheLine) {
    TempDb db;
    const auto bad = WriteFile("quote.csv", "code,population\n10203,1\n13101,\"2\n");
    auto r = Kyoso("governments import-stats " + bad + " --db " + db.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("line 3"), std::string::npos) << r.output;
}

TEST(Cli, ListRejectsAnUnknownPrefecture) {
    TempDb db;
    auto r = Kyoso("governments list --prefecture 火星 --db " + db.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("prefecture"), std::string::npos) << r.output;
}

TEST(Cli, CalendarPrintsTheFiscalYear) {
    auto r = Kyoso("calendar --fiscal-year 2027 --kind town");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("令和9年度 (FY2027, 2027-04-01 – 2028-03-31)"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("予算要求締切"), std::string::npos);
}

TEST(Cli, DemoWithTheSameSeedGivesAByteIdenticalDump) {
    TempDb a, b, c;
    for (const auto* db : {&a, &b}) {
        auto r = Kyoso("demo --db " + db->path() + " --seed 7");
        ASSERT_EQ(r.exit_code, 0) << r.output;
        EXPECT_NE(r.output.find("wrote " + db->path()), std::string::npos) << r.output;
        EXPECT_NE(r.output.find("deals"), std::string::npos) << r.output;
    }
    ASSERT_EQ(Kyoso("demo --db " + c.path() + " --seed 8").exit_code, 0);
    // Every table but schema_migrations, whose applied_at is a wall-clock time, and
    // the users' password hashes (a random salt each; the demo passwords are random).
    auto dump = [](const TempDb& db) {
        return Shell("(sqlite3 " + db.path() + " \".dump governments products officials leads deals activities\"; " +
                     "sqlite3 " + db.path() + " \"SELECT id, name, role, team, login, territory FROM users\")" +
                     " | sha256sum");
    };
    const auto da = dump(a), db = dump(b), dc = dump(c);
    EXPECT_EQ(da.output, db.output);
    EXPECT_NE(da.output, dc.output);
    EXPECT_EQ(da.output.size(), 68u) << da.output;  // "<64 hex>  -\n"
    // An existing file is never overwritten by accident, and no .building file is left behind.
    auto again = Kyoso("demo --db " + a.path() + " --seed 7");
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.output.find("--force"), std::string::npos) << again.output;
    EXPECT_FALSE(std::ifstream(a.path() + ".building").good());
}

// Starts `kyoso serve` in a child process with stderr to `stderr_path`; returns its pid.
pid_t StartServer(const std::vector<std::string>& args, const std::string& stderr_path,
                  const std::string& db_env = "") {
    const pid_t pid = fork();
    if (pid == 0) {
        if (!db_env.empty()) setenv("KYOSO_DB", db_env.c_str(), 1);
        FILE* f = freopen(stderr_path.c_str(), "w", stderr);
        (void)f;
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(KYOSO_BINARY));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(KYOSO_BINARY, argv.data());
        _exit(127);
    }
    return pid;
}

// SIGTERM, then the exit status.
int StopServer(pid_t pid) {
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

int FreePort() {
    static int next = 20000 + (::getpid() % 10000);
    return next++;
}

bool WaitForHealth(int port, std::string* body) {
    for (int i = 0; i < 200; ++i) {
        FILE* p =
            popen(("curl -fsS http://127.0.0.1:" + std::to_string(port) + "/api/health 2>/dev/null").c_str(), "r");
        std::string out;
        std::array<char, 4096> buf{};
        size_t n = 0;
        while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
        if (pclose(p) == 0 && !out.empty()) {
            *body = out;
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

TEST(Cli, ServeAnswersHealthAndStopsGracefullyOnSigterm) {
    TempDb db;
    const int port = FreePort();
    // Per process: parallel test runs (other build trees) must not share the log.
    const std::string log = ::testing::TempDir() + "serve-" + std::to_string(getpid()) + ".log";
    const pid_t pid = StartServer({"serve", "--db", db.path(), "--port", std::to_string(port)}, log);
    ASSERT_GT(pid, 0);
    std::string body;
    const bool up = WaitForHealth(port, &body);
    const int status = StopServer(pid);
    ASSERT_TRUE(up) << "server did not answer /api/health";
    EXPECT_NE(body.find("\"status\":\"ok\""), std::string::npos) << body;
    EXPECT_TRUE(WIFEXITED(status)) << "killed by a signal instead of shutting down";
    EXPECT_EQ(WEXITSTATUS(status), 0);
    std::ifstream in(log);
    std::string logs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(logs.find(R"("event":"listening")"), std::string::npos) << logs;
    EXPECT_NE(logs.find(R"("event":"shutdown")"), std::string::npos) << logs;
    EXPECT_NE(logs.find(R"("event":"stopped")"), std::string::npos) << logs;
    // Structured logs: every line the server wrote is one JSON document.
    std::istringstream lines(logs);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        EXPECT_TRUE(nlohmann::json::accept(line)) << "not JSON: " << line;
        ++n;
    }
    EXPECT_GE(n, 4);
}

TEST(Cli, ServeTakesItsSettingsFromAConfigFileAndTheEnvironment) {
    TempDb db;
    const int port = FreePort();
    const auto config =
        WriteFile("kyoso.toml", "[serve]\nport = " + std::to_string(port) + "\nlog-format = \"text\"\n");
    const pid_t pid = StartServer({"--config", config, "serve"}, "/dev/null", db.path());
    ASSERT_GT(pid, 0);
    std::string body;
    const bool up = WaitForHealth(port, &body);
    StopServer(pid);
    EXPECT_TRUE(up) << "server from config file did not answer on port " << port;
    EXPECT_NE(body.find(db.path()), std::string::npos) << "KYOSO_DB not used: " << body;
}

TEST(Cli, PortInUseIsAClearError) {
    TempDb db1, db2;
    const int port = FreePort();
    const pid_t pid = StartServer({"serve", "--db", db1.path(), "--port", std::to_string(port)}, "/dev/null");
    ASSERT_GT(pid, 0);
    std::string body;
    const bool up = WaitForHealth(port, &body);
    // A second server on the same port must fail at once (a hang here means it shared the port).
    auto second = Kyoso("serve --db " + db2.path() + " --port " + std::to_string(port), "timeout 10");
    StopServer(pid);
    ASSERT_TRUE(up);
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.output.find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
        << second.output;
}

}  // namespace
}  // namespace kyoso::testing
