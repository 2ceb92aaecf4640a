// PostgreSQL migrations keep SQLite's guarantees (tests/sqlite/migrations_test.cpp):
// applied in order in one transaction, a failure leaves the database exactly as it
// was, a newer database is refused, and concurrent start-ups migrate once.
#include <gtest/gtest.h>

#include <thread>

#include "kyoso/postgres/pg_store.hpp"
#include "kyoso/sql/statement.hpp"
#include "test_store.hpp"

namespace kyoso::postgres {
namespace {

std::vector<sql::Migration> Base() {
    return {{1, "one", "CREATE TABLE a(x BIGINT);"}, {2, "two", "CREATE TABLE b(y BIGINT);"}};
}

// A fresh, empty database on the test server (skips the test without one).
#define KYOSO_FRESH_DATABASE(url)                                                        \
    if (testing::PostgresTestUrl().empty()) GTEST_SKIP() << "no PostgreSQL test server"; \
    auto url##_made = testing::PostgresTestDatabases::Instance().Create("mig");          \
    ASSERT_TRUE(url##_made.ok()) << url##_made.status().ToString();                      \
    const std::string url = *url##_made

std::vector<std::string> Tables(const std::string& url) {
    auto conn = PgConnection::Connect(url);
    EXPECT_TRUE(conn.ok());
    std::vector<std::string> out;
    if (!conn.ok()) return out;
    sql::Statement q(conn->get(),
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                     " ORDER BY table_name");
    Status st;
    while (q.Step(&st)) out.push_back(q.Text(0));
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
}

TEST(PostgresMigrations, ApplyInOrderAndRecordTheVersion) {
    KYOSO_FRESH_DATABASE(url);
    auto store = PgStore::Open(url, Base());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), 2);
    EXPECT_EQ(Tables(url), (std::vector<std::string>{"a", "b", "schema_migrations"}));
}

TEST(PostgresMigrations, FailingMigrationStopsStartupAndLeavesTheDatabaseAsItWas) {
    KYOSO_FRESH_DATABASE(url);
    { ASSERT_TRUE(PgStore::Open(url, Base()).ok()); }
    auto broken = Base();
    broken.push_back({3, "adds c", "CREATE TABLE c(z BIGINT);"});
    broken.push_back({4, "broken", "CREATE TABLE d(w BIGINT); ALTER TABLE nope ADD COLUMN q BIGINT;"});
    auto store = PgStore::Open(url, broken);
    ASSERT_FALSE(store.ok());
    const std::string msg = store.status().message();
    EXPECT_NE(msg.find("migration 4 (broken) failed"), std::string::npos) << msg;
    EXPECT_NE(msg.find("nope"), std::string::npos) << msg;
    EXPECT_NE(msg.find("left unchanged at version 2"), std::string::npos) << msg;
    // Neither migration 3 nor the first half of 4 was applied (PostgreSQL DDL is transactional).
    EXPECT_EQ(Tables(url), (std::vector<std::string>{"a", "b", "schema_migrations"}));
    auto reopened = PgStore::Open(url, Base());
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(*(*reopened)->SchemaVersion(), 2);
}

TEST(PostgresMigrations, DatabaseFromANewerBuildIsRefused) {
    KYOSO_FRESH_DATABASE(url);
    auto newer = Base();
    newer.push_back({3, "three", "CREATE TABLE c(z BIGINT);"});
    { ASSERT_TRUE(PgStore::Open(url, newer).ok()); }
    auto store = PgStore::Open(url, Base());
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.status().message().find("newer than this kyoso knows"), std::string::npos)
        << store.status().message();
}

TEST(PostgresMigrations, ConcurrentStartupsMigrateOnce) {
    KYOSO_FRESH_DATABASE(url);
    constexpr int kProcesses = 4;
    std::vector<std::thread> threads;
    std::vector<Status> results(kProcesses);
    for (int i = 0; i < kProcesses; ++i) {
        threads.emplace_back([&, i] {
            auto store = PgStore::Open(url);  // the real schema: each opener would create every table
            results[static_cast<size_t>(i)] = store.ok() ? Status::Ok() : store.status();
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.ToString();
    auto conn = PgConnection::Connect(url);
    ASSERT_TRUE(conn.ok());
    sql::Statement q(conn->get(), "SELECT COUNT(*), COUNT(DISTINCT version) FROM schema_migrations");
    Status st;
    ASSERT_TRUE(q.Step(&st)) << st.ToString();
    EXPECT_EQ(q.Int(0), q.Int(1));
    EXPECT_EQ(q.Int(0), static_cast<long long>(PostgresMigrations().size()));
}

TEST(PostgresMigrations, AnUnreachableServerIsAClearError) {
    auto store = PgStore::Open("postgresql://kyoso:secret@127.0.0.1:1/kyoso?connect_timeout=2");
    ASSERT_FALSE(store.ok());
    const std::string msg = store.status().message();
    EXPECT_NE(msg.find("cannot connect to PostgreSQL at postgresql://kyoso:***@127.0.0.1:1/kyoso"), std::string::npos)
        << msg;
    EXPECT_EQ(msg.find("secret"), std::string::npos) << msg;  // never the password
}

}  // namespace
}  // namespace kyoso::postgres
