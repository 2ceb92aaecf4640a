// The demo's officials carry the people model: departments, postings, successions.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

long long Scalar(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

TEST(DemoPeople, OfficialsHaveDepartmentsPostingsAndSuccessions) {
    testing::TempDb file("demo-people");
    text::IcuTextNormalizer normalizer;
    testing::FixedClock clock(MakeDate(2026, 11, 27));
    crypto::OpenSslDigest digest;
    domain::BusinessCalendar calendar(masterdata::BundledHolidays());
    {
        auto store = sqlite::SqliteStore::Open(file.path());
        ASSERT_TRUE(store.ok());
        GovernmentService governments(**store, normalizer, clock, digest, calendar);
        ASSERT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        DemoBuilder builder(**store, clock, digest, calendar);
        ports::NullProgress progress;
        auto built = builder.Build({}, progress);
        ASSERT_TRUE(built.ok()) << built.status().ToString();
    }
    const std::string& p = file.path();
    EXPECT_GT(Scalar(p, "SELECT COUNT(*) FROM departments"), 100);
    EXPECT_EQ(Scalar(p, "SELECT COUNT(*) FROM officials WHERE department_id IS NULL"), 0);
    // The department text is the path of the linked department's tree.
    EXPECT_EQ(Scalar(p,
                     "SELECT COUNT(*) FROM officials o JOIN departments d ON d.id = o.department_id"
                     " LEFT JOIN departments up ON up.id = d.parent_id"
                     " WHERE o.department <> COALESCE(up.name || ' ', '') || d.name"),
              0);
    // Every official has exactly one posting at their current post, from posted_from.
    EXPECT_EQ(Scalar(p,
                     "SELECT COUNT(*) FROM officials o WHERE (SELECT COUNT(*) FROM official_postings p"
                     " WHERE p.official_id = o.id AND p.department_id = o.department_id AND p.title = o.title"
                     " AND p.from_date = o.posted_from) <> 1"),
              0);
    // A successor's posting starts the day after the predecessor's ends.
    EXPECT_GT(Scalar(p, "SELECT COUNT(*) FROM official_successions"), 10);
    EXPECT_EQ(Scalar(p,
                     "SELECT COUNT(*) FROM official_successions s JOIN official_postings a"
                     " ON a.official_id = s.predecessor_id AND a.department_id = s.department_id"
                     " WHERE a.to_date IS NOT NULL AND date(a.to_date, '+1 day') <> s.effective_on"
                     " AND a.from_date < s.effective_on AND a.to_date >= date(s.effective_on, '-1 day')"),
              0);
    // Some successors came from another department of the same government.
    EXPECT_GT(Scalar(p,
                     "SELECT COUNT(*) FROM official_postings p JOIN officials o ON o.id = p.official_id"
                     " WHERE p.department_id <> o.department_id AND p.government_code = o.government_code"),
              0);
}

}  // namespace
}  // namespace kyoso::app
