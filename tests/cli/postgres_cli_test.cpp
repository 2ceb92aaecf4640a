// Every command takes a postgresql:// URL as --db: the demo is built into a fresh
// PostgreSQL database and read back by other commands. Runs when
// KYOSO_TEST_POSTGRES_URL names a database whose user may CREATE DATABASE (e.g. the
// URL tests/support/pg_cluster.sh prints); skipped otherwise. Backup and restore
// refuse a URL without needing a server.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "pg_url.hpp"
#include "test_support.hpp"

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

Run Kyoso(const std::string& args) { return Shell(std::string(KYOSO_BINARY) + " " + args + " 2>&1"); }

// `url` with its database name replaced by `name` (query parameters kept).
std::string WithDatabase(const std::string& url, const std::string& name) {
    const size_t scheme = url.find("://");
    const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    const size_t query = url.find('?');
    const std::string rest = query == std::string::npos ? "" : url.substr(query);
    if (slash == std::string::npos) return url.substr(0, query) + "/" + name + rest;
    return url.substr(0, slash) + "/" + name + rest;
}

TEST(PostgresCliTest, BackupAndRestoreRefuseAPostgresUrl) {
    const std::string url = "postgresql://kyoso@127.0.0.1:1/kyoso";
    const fs::path dir = fs::temp_directory_path() / ("kyoso-pg-backup-" + std::to_string(getpid()));
    fs::create_directories(dir);
    auto backup = Kyoso("backup --db " + url + " --to " + (dir / "copy.db").string());
    EXPECT_EQ(backup.exit_code, 1) << backup.output;
    EXPECT_NE(
        backup.output.find("PostgreSQL databases are backed up with pg_dump / pg_basebackup; see docs/scaling.md"),
        std::string::npos)
        << backup.output;
    auto restore = Kyoso("restore --from " + (dir / "copy.db").string() + " --db " + url);
    EXPECT_EQ(restore.exit_code, 1) << restore.output;
    EXPECT_NE(restore.output.find("pg_dump / pg_basebackup"), std::string::npos) << restore.output;
    EXPECT_FALSE(fs::exists(dir / "copy.db"));
    fs::remove_all(dir);
}

TEST(PgCliTest, DemoBuildsIntoPostgresAndCommandsReadIt) {
    const std::string server_url = testing::PostgresTestUrl();
    const char* base = server_url.empty() ? nullptr : server_url.c_str();
    if (!base || !*base)
        GTEST_SKIP() << "set KYOSO_TEST_POSTGRES_URL (a PostgreSQL URL whose user may CREATE DATABASE)";
    const std::string name = "kyoso_cli_" + std::to_string(getpid());
    const std::string psql = "psql -q -v ON_ERROR_STOP=1 '" + std::string(base) + "' -c ";
    auto created = Shell(psql + "'DROP DATABASE IF EXISTS " + name + "' -c 'CREATE DATABASE " + name + "' 2>&1");
    ASSERT_EQ(created.exit_code, 0) << created.output;
    const std::string url = WithDatabase(base, name);
    const fs::path dir = fs::temp_directory_path() / ("kyoso-pg-cli-" + std::to_string(getpid()));
    fs::create_directories(dir);

    auto demo = Kyoso("demo --db '" + url + "' -q");
    EXPECT_EQ(demo.exit_code, 0) << demo.output;
    EXPECT_NE(demo.output.find("demo built in"), std::string::npos) << demo.output;
    EXPECT_NE(demo.output.find("demo sign-in"), std::string::npos) << demo.output;
    // A second demo into the same database is refused: it is not empty any more.
    auto again = Kyoso("demo --db '" + url + "' -q");
    EXPECT_EQ(again.exit_code, 1) << again.output;
    EXPECT_NE(again.output.find("not empty"), std::string::npos) << again.output;

    auto list = Kyoso("governments list --db '" + url + "' --query 札幌");
    EXPECT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("011002"), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("札幌市"), std::string::npos) << list.output;

    auto verify = Kyoso("audit verify --db '" + url + "'");
    EXPECT_EQ(verify.exit_code, 0) << verify.output;

    // The generic CSV import over PostgreSQL: an exported master imported back changes
    // nothing; products imported again collide on their unique names, every row is
    // reported (not only the first: PostgreSQL aborts a failed statement's
    // transaction) in the same words as on SQLite, and nothing is written.
    const std::string governments = (dir / "governments.csv").string();
    auto exported = Kyoso("export csv --type governments --db '" + url + "' --out " + governments);
    EXPECT_EQ(exported.exit_code, 0) << exported.output;
    auto imported = Kyoso("import csv --type governments " + governments + " --db '" + url + "' -q");
    EXPECT_EQ(imported.exit_code, 0) << imported.output;
    EXPECT_NE(imported.output.find("rows, 0 inserted, 0 updated"), std::string::npos) << imported.output;
    const std::string products = (dir / "products.csv").string();
    auto exported_products = Kyoso("export csv --type products --db '" + url + "' --out " + products);
    EXPECT_EQ(exported_products.exit_code, 0) << exported_products.output;
    auto again_products = Kyoso("import csv --type products " + products + " --db '" + url + "' -q");
    EXPECT_EQ(again_products.exit_code, 1) << again_products.output;
    EXPECT_NE(again_products.output.find("UNIQUE constraint failed: products.name"), std::string::npos)
        << again_products.output;
    EXPECT_NE(again_products.output.find("7 rows, 0 inserted, 0 updated, 0 unchanged, 7 errors"), std::string::npos)
        << again_products.output;

    fs::remove_all(dir);
    (void)Shell(psql + "'DROP DATABASE IF EXISTS " + name + " WITH (FORCE)' 2>&1");
}

}  // namespace
}  // namespace kyoso::testing
