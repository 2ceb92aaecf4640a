// `kyoso db migrate --from sqlite:FILE --to postgresql://...` (and its top-level form `kyoso migrate`) copies a demo
// database into a new PostgreSQL database and verifies every table; a second copy into the now non-empty target is
// refused. Needs a server: KYOSO_TEST_POSTGRES_URL (tests/support/pg_cluster.sh).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "pg_url.hpp"

namespace kyoso::testing {
namespace {

namespace fs = std::filesystem;

struct Run {
    int exit_code;
    std::string output;
};

// Runs a shell command; `output` is its stdout (and stderr when the command says 2>&1).
Run Shell(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// `url` with its database name replaced by `db` (query parameters kept).
std::string WithDatabase(const std::string& url, const std::string& db) {
    const size_t scheme = url.find("://");
    const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    const size_t query = url.find('?');
    const std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
    return base + "/" + db + (query == std::string::npos ? "" : url.substr(query));
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// A new database on the test server, dropped on destruction.
class ScratchDatabase {
public:
    explicit ScratchDatabase(std::string server_url) : server_url_(std::move(server_url)) {
        name_ = "kyoso_migrate_" + std::to_string(::getpid());
        Shell("psql " + Quoted(server_url_) + " -qc 'DROP DATABASE IF EXISTS " + name_ + "' 2>&1");
        created_ = Shell("psql " + Quoted(server_url_) + " -qc 'CREATE DATABASE " + name_ + "' 2>&1");
    }
    ~ScratchDatabase() {
        Shell("psql " + Quoted(server_url_) + " -qc 'DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)' 2>&1");
    }
    const Run& created() const { return created_; }
    std::string url() const { return WithDatabase(server_url_, name_); }

private:
    std::string server_url_;
    std::string name_;
    Run created_;
};

TEST(PgMigrateCli, CopiesADemoDatabaseVerifiesEveryTableAndRefusesANonEmptyTarget) {
    const std::string server_url = testing::PostgresTestUrl();
    const char* server = server_url.c_str();
    if (server_url.empty()) {
        GTEST_SKIP() << "KYOSO_TEST_POSTGRES_URL is not set: start a server with tests/support/pg_cluster.sh start DIR "
                        "and export the URL it prints to run the SQLite-to-PostgreSQL copy test";
    }
    const fs::path dir = fs::path(::testing::TempDir()) / ("kyoso-pgmigrate-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string source = (dir / "demo.db").string();
    const std::string kyoso = KYOSO_BINARY;

    auto demo = Shell(kyoso + " --quiet demo --scale small --db " + Quoted(source) + " 2>&1");
    ASSERT_EQ(demo.exit_code, 0) << demo.output;

    ScratchDatabase target(server);
    ASSERT_EQ(target.created().exit_code, 0) << target.created().output;
    const std::string url = target.url();

    auto copy = Shell(kyoso + " --quiet db migrate --from sqlite:" + Quoted(source) + " --to " + Quoted(url) + " 2>&1");
    ASSERT_EQ(copy.exit_code, 0) << copy.output;

    // Every table of the target schema has a report line ending in "ok".
    auto tables = Shell("psql " + Quoted(url) +
                        " -Atc \"SELECT table_name FROM information_schema.tables WHERE table_schema = "
                        "current_schema() AND table_name <> 'schema_migrations' ORDER BY 1\" 2>&1");
    ASSERT_EQ(tables.exit_code, 0) << tables.output;
    const auto names = Lines(tables.output);
    ASSERT_GE(names.size(), 20u) << tables.output;
    const auto report = Lines(copy.output);
    for (const auto& name : names) {
        bool listed = false;
        for (const auto& line : report) {
            if (line.rfind(name + " ", 0) == 0) {
                listed = true;
                EXPECT_EQ(line.substr(line.size() - 3), " ok") << line;
            }
        }
        EXPECT_TRUE(listed) << "table " << name << " missing from the report:\n" << copy.output;
    }
    EXPECT_NE(copy.output.find("search index not copied"), std::string::npos) << copy.output;

    // The copied rows are really there and the ids continue after the largest copied one.
    auto deals = Shell("psql " + Quoted(url) + " -Atc 'SELECT COUNT(*) FROM deals' 2>&1");
    ASSERT_EQ(deals.exit_code, 0) << deals.output;
    EXPECT_GT(std::stoll(deals.output), 0) << deals.output;
    auto next_id =
        Shell("psql " + Quoted(url) +
              " -Atc \"SELECT nextval(pg_get_serial_sequence('deals', 'id')) > (SELECT MAX(id) FROM deals)\" 2>&1");
    EXPECT_EQ(next_id.output, "t\n") << next_id.output;
    // Planner statistics were gathered right after the copy (not left to autovacuum).
    auto analyzed = Shell("psql " + Quoted(url) +
                          " -Atc \"SELECT COUNT(*) FROM pg_stat_user_tables WHERE relname IN ('deals', 'activities')"
                          " AND last_analyze IS NOT NULL\" 2>&1");
    EXPECT_EQ(analyzed.output, "2\n") << analyzed.output;

    auto check = Shell(kyoso + " db check --db " + Quoted(url) + " 2>&1");
    EXPECT_EQ(check.exit_code, 0) << check.output;
    EXPECT_NE(check.output.find("consistency ok"), std::string::npos) << check.output;
    auto version = Shell(kyoso + " db migrate --db " + Quoted(url) + " 2>&1");
    EXPECT_EQ(version.exit_code, 0) << version.output;
    EXPECT_NE(version.output.find("schema version"), std::string::npos) << version.output;

    // A second copy into the same, now non-empty, database is refused naming a table.
    auto again = Shell(kyoso + " --quiet migrate --from " + Quoted(source) + " --to " + Quoted(url) + " 2>&1");
    EXPECT_NE(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("is not empty: table "), std::string::npos) << again.output;
    EXPECT_NE(again.output.find("already holds"), std::string::npos) << again.output;

    fs::remove_all(dir);
}

}  // namespace
}  // namespace kyoso::testing
