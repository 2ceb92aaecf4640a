// Migrations 8 (contact_log) and 9 (search) applied to a database that already has
// activities: the history gets its contact log entries and is queued for search.
#include <gtest/gtest.h>

#include "kyoso/sqlite/migrations.hpp"
#include "kyoso/sqlite/sqlite_connection.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::sqlite {
namespace {

TEST(ComplianceMigrations, BackfillTheContactLogAndQueueEverythingForSearch) {
    testing::TempDb file;
    std::vector<Migration> before;
    for (const auto& m : SchemaMigrations()) {
        if (m.version < 8) before.push_back(m);
    }
    {
        auto old = SqliteStore::Open(file.path(), before);
        ASSERT_TRUE(old.ok()) << old.status().ToString();
        Status st = (*old)->Write([](sqlite3* db) {
            return Exec(db,
                        "INSERT INTO governments(code, name, kana, prefecture_code, prefecture_name, kind, search_key)"
                        " VALUES ('131016', '千代田区', 'ちよだく', '130001', '東京都', 'special_ward', '');"
                        "INSERT INTO users(id, name, role) VALUES (1, '佐藤 花子', 'field_sales');"
                        "INSERT INTO officials(id, government_code, department, name, kana, title, decision_role)"
                        " VALUES (1, '131016', '情報政策課', '山田 太郎', 'やまだ たろう', '課長', 'approver');"
                        "INSERT INTO activities(government_code, user_id, official_id, type, occurred_on, notes)"
                        " VALUES ('131016', 1, 1, 'visit', '2026-10-01', '防災の相談'),"
                        " ('131016', 1, NULL, 'call', '2026-10-02', '不在');");
        });
        ASSERT_TRUE(st.ok()) << st.ToString();
    }
    auto store = SqliteStore::Open(file.path());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto rows = (*store)->contact_log().List({});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->items.size(), 1u) << "only the activity with an official";
    const auto& e = rows->items[0].entry;
    EXPECT_EQ(e.official_name, "山田 太郎");
    EXPECT_EQ(e.department, "情報政策課");
    EXPECT_EQ(e.summary, "防災の相談");
    EXPECT_EQ(e.channel, "visit");
    EXPECT_EQ(e.activity_id, 1);
    // 1 government, 1 official, 2 activities, 1 contact.
    EXPECT_EQ(*(*store)->search().PendingCount(), 5);
}

}  // namespace
}  // namespace kyoso::sqlite
