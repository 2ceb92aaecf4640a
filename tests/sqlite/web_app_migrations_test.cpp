// Migrations 13 (web_app) and 14 (activity_type_counts): the per-type activity
// counts the list's total reads are backfilled from existing rows and stay equal to
// COUNT(*) through inserts, type changes and deletes by any writer.
#include <gtest/gtest.h>

#include "kyoso/sqlite/migrations.hpp"
#include "kyoso/sqlite/sqlite_connection.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::sqlite {
namespace {

long long Scalar(SqliteStore& store, const std::string& sql) {
    long long out = -1;
    Status st = store.Write([&](sqlite3* db) {
        Statement q(db, sql);
        Status step;
        if (q.Step(&step)) out = q.Int(0);
        return step;
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
}

long long ListedTotal(SqliteStore& store, std::optional<domain::ActivityType> type = std::nullopt) {
    ports::ActivityQuery q;
    q.sort.field = "id";
    q.type = type;
    auto page = store.deals().ListActivities(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->total : -1;
}

TEST(WebAppMigrations, ActivityCountsAreBackfilledAndFollowEveryWrite) {
    testing::TempDb file;
    std::vector<Migration> before;
    for (const auto& m : SchemaMigrations()) {
        if (m.version < 13) before.push_back(m);
    }
    {
        auto old = SqliteStore::Open(file.path(), before);
        ASSERT_TRUE(old.ok()) << old.status().ToString();
        Status st = (*old)->Write([](sqlite3* db) {
            return Exec(db,
                        "INSERT INTO governments(code, name, kana, prefecture_code, prefecture_name, kind, search_key)"
                        " VALUES ('131016', '千代田区', 'ちよだく', '130001', '東京都', 'special_ward', '');"
                        "INSERT INTO users(id, name, role) VALUES (1, '佐藤 花子', 'field_sales');"
                        "INSERT INTO activities(government_code, user_id, type, occurred_on)"
                        " VALUES ('131016', 1, 'visit', '2026-10-01'), ('131016', 1, 'call', '2026-10-02'),"
                        " ('131016', 1, 'call', '2026-10-03');");
        });
        ASSERT_TRUE(st.ok()) << st.ToString();
    }
    auto opened = SqliteStore::Open(file.path());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    SqliteStore& store = **opened;
    EXPECT_EQ(ListedTotal(store), 3);
    EXPECT_EQ(ListedTotal(store, domain::ActivityType::kCall), 2);
    EXPECT_EQ(ListedTotal(store, domain::ActivityType::kBid), 0);

    ASSERT_TRUE(store
                    .Write([](sqlite3* db) {
                        return Exec(db,
                                    "INSERT INTO activities(government_code, user_id, type, occurred_on)"
                                    " VALUES ('131016', 1, 'bid', '2026-10-04');"
                                    "UPDATE activities SET type = 'email' WHERE type = 'visit';"
                                    "DELETE FROM activities WHERE occurred_on = '2026-10-02';");
                    })
                    .ok());
    EXPECT_EQ(ListedTotal(store), Scalar(store, "SELECT COUNT(*) FROM activities"));
    EXPECT_EQ(ListedTotal(store), 3);
    EXPECT_EQ(ListedTotal(store, domain::ActivityType::kCall), 1);
    EXPECT_EQ(ListedTotal(store, domain::ActivityType::kBid), 1);
    EXPECT_EQ(ListedTotal(store, domain::ActivityType::kEmail), 1);
    EXPECT_EQ(ListedTotal(store, domain::ActivityType::kVisit), 0);
    // A filtered total is counted, not summarised.
    ports::ActivityQuery from;
    from.sort.field = "id";
    from.from = MakeDate(2026, 10, 3);
    EXPECT_EQ(store.deals().ListActivities(from)->total, 2);
}

}  // namespace
}  // namespace kyoso::sqlite
