#include "kyoso/sqlite/migrations.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "kyoso/sqlite/sqlite_connection.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::sqlite {
namespace {

std::vector<Migration> Base() {
    return {{1, "one", "CREATE TABLE a(x INTEGER);"}, {2, "two", "CREATE TABLE b(y INTEGER);"}};
}

std::vector<std::string> Tables(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    std::vector<std::string> out;
    {
        Statement q(db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name");
        Status st;
        while (q.Step(&st)) out.push_back(q.Text(0));
    }
    sqlite3_close(db);
    return out;
}

TEST(Migrations, ApplyInOrderAndRecordTheVersion) {
    testing::TempDb file;
    auto store = SqliteStore::Open(file.path(), Base());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), 2);
    store->reset();
    EXPECT_EQ(Tables(file.path()), (std::vector<std::string>{"a", "b", "schema_migrations"}));
}

TEST(Migrations, FailingMigrationStopsStartupAndLeavesTheDatabaseAsItWas) {
    testing::TempDb file;
    { ASSERT_TRUE(SqliteStore::Open(file.path(), Base()).ok()); }
    auto broken = Base();
    broken.push_back({3, "adds c", "CREATE TABLE c(z INTEGER);"});
    broken.push_back({4, "broken", "CREATE TABLE d(w INTEGER); ALTER TABLE nope ADD COLUMN q;"});
    auto store = SqliteStore::Open(file.path(), broken);
    ASSERT_FALSE(store.ok());
    const std::string msg = store.status().message();
    EXPECT_NE(msg.find("migration 4 (broken) failed"), std::string::npos) << msg;
    EXPECT_NE(msg.find("nope"), std::string::npos) << msg;
    EXPECT_NE(msg.find("left unchanged at version 2"), std::string::npos) << msg;
    // Neither migration 3 nor the first half of 4 was applied.
    EXPECT_EQ(Tables(file.path()), (std::vector<std::string>{"a", "b", "schema_migrations"}));
    auto reopened = SqliteStore::Open(file.path(), Base());
    ASSERT_TRUE(reopened.ok());
    EXPECT_EQ(*(*reopened)->SchemaVersion(), 2);
}

TEST(Migrations, DatabaseFromANewerBuildIsRefused) {
    testing::TempDb file;
    auto newer = Base();
    newer.push_back({3, "future", "CREATE TABLE future(x);"});
    { ASSERT_TRUE(SqliteStore::Open(file.path(), newer).ok()); }
    auto store = SqliteStore::Open(file.path(), Base());
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.status().message().find("newer than this kyoso"), std::string::npos);
}

TEST(Migrations, ProductSchemaAppliesToAnEmptyFileAndPassesIntegrityCheck) {
    testing::TempDb file;
    auto store = SqliteStore::Open(file.path());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*(*store)->SchemaVersion(), SchemaMigrations().back().version);
    EXPECT_TRUE((*store)->IntegrityCheck().ok());
}

TEST(SqliteStore, NotADatabaseIsAClearError) {
    testing::TempDb file;
    { std::ofstream(file.path()) << "this is not an SQLite file, just text that is long enough to be read"; }
    auto store = SqliteStore::Open(file.path());
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.status().message().find(file.path()), std::string::npos) << store.status().message();
}

TEST(SqliteStore, UsesWalAndForeignKeys) {
    testing::TempDb file;
    auto store = SqliteStore::Open(file.path());
    ASSERT_TRUE(store.ok());
    sqlite3* db = nullptr;
    sqlite3_open(file.path().c_str(), &db);
    {
        Statement q(db, "PRAGMA journal_mode");
        Status st;
        ASSERT_TRUE(q.Step(&st));
        EXPECT_EQ(q.Text(0), "wal");
    }
    sqlite3_close(db);
    // Foreign keys: an official for an unknown government is refused.
    domain::Official o{1, "131016", "総務課", "山田 太郎", "やまだ たろう", "課長", "approver", std::nullopt};
    EXPECT_FALSE((*store)->sales().InsertOfficials({o}).ok());
}

}  // namespace
}  // namespace kyoso::sqlite
