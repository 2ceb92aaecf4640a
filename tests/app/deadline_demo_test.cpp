// The deadline list of the small demo (seed 1, as of 2026-11-01) against values
// computed by hand, across the request deadline, the year-end closure, the change
// of fiscal year and Golden Week (docs/fiscal-calendar.md, "Deadlines per deal").
//
// Business days left = business days in (today, due]: today excluded, the due day
// included; Saturdays, Sundays, national holidays and 12/29–1/3 do not count.

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "kyoso/app/deadline/deadline_service.hpp"
#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/ical/libical_writer.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using kyoso::testing::FixedClock;
using kyoso::testing::TempDb;

const domain::BusinessCalendar& Calendar() {
    static const domain::BusinessCalendar cal(masterdata::BundledHolidays());
    return cal;
}

class DeadlineDemoTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = new TempDb("deadline-demo");
        auto opened = sqlite::SqliteStore::Open(db_->path());
        ASSERT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(opened).value().release();
        const FixedClock clock(MakeDate(2026, 11, 1));
        text::IcuTextNormalizer norm;
        crypto::OpenSslDigest digest;
        GovernmentService govs(*store_, norm, clock, digest, Calendar());
        ASSERT_TRUE(govs.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        DemoBuilder builder(*store_, clock, digest, Calendar());
        ports::NullProgress progress;
        DemoOptions options;
        options.seed = 1;
        options.scale = DemoScale::kSmall;
        auto built = builder.Build(options, progress);
        ASSERT_TRUE(built.ok()) << built.status().ToString();
    }
    static void TearDownTestSuite() {
        delete store_;
        delete db_;
    }

    // Every open deal's row on `today` (a horizon wide enough for all of them).
    static std::vector<DeadlineRow> Rows(Date today) {
        static const FixedClock clock(MakeDate(2026, 11, 1));
        static const crypto::OpenSslDigest digest;
        static const crypto::OpenSslSecretSource random;
        static const ical::LibicalWriter writer;
        DeadlineService service(*store_, clock, digest, random, Calendar(), &writer);
        DeadlineQuery q;
        q.today = today;
        q.horizon_days = 730;
        auto rows = service.List(q);
        EXPECT_TRUE(rows.ok()) << rows.status().ToString();
        return rows.ok() ? *rows : std::vector<DeadlineRow>{};
    }

    static std::optional<DeadlineRow> Row(const std::vector<DeadlineRow>& rows, long long deal_id) {
        for (const auto& r : rows) {
            if (r.deal_id == deal_id) return r;
        }
        return std::nullopt;
    }

    // The lowest-id open deal matching `pred` on 2026-11-01.
    template <typename Pred>
    static long long FirstDeal(Pred pred) {
        for (const auto& r : Rows(MakeDate(2026, 11, 1))) {
            auto deal = store_->deals().Get(r.deal_id);
            if (deal.ok() && pred(*deal)) return r.deal_id;
        }
        return 0;
    }

    static TempDb* db_;
    static sqlite::SqliteStore* store_;
};

TempDb* DeadlineDemoTest::db_ = nullptr;
sqlite::SqliteStore* DeadlineDemoTest::store_ = nullptr;

using domain::BudgetStatus;
using domain::Stage;

bool BeforeRequest(const domain::Deal& d) {
    return d.fiscal_year == 2027 && d.budget_status == BudgetStatus::kNone &&
           (d.stage == Stage::kDiscovery || d.stage == Stage::kQualified || d.stage == Stage::kBudgetProposal);
}

bool BudgetedFor2026(const domain::Deal& d) {
    return d.fiscal_year == 2026 &&
           (d.stage == Stage::kBudgeted || d.stage == Stage::kTenderPrep || d.stage == Stage::kBidding);
}

struct Expect {
    Date today;
    const char* slug;
    const char* due;
    int days_left;
    bool missed;
    const char* next_slug;
    const char* next_date;
    int next_target;
    const char* text;
};

void Check(const std::optional<DeadlineRow>& row, const Expect& e) {
    SCOPED_TRACE(FormatIsoDate(e.today));
    ASSERT_TRUE(row.has_value());
    const auto& d = row->deadline;
    EXPECT_EQ(d.milestone.slug, e.slug);
    EXPECT_EQ(FormatIsoDate(d.milestone.due), e.due);
    EXPECT_EQ(d.business_days_left, e.days_left);
    EXPECT_EQ(d.missed, e.missed);
    if (e.missed) {
        ASSERT_TRUE(d.next_chance.has_value());
        EXPECT_EQ(d.next_chance->slug, e.next_slug);
        EXPECT_EQ(FormatIsoDate(d.next_chance->date), e.next_date);
        EXPECT_EQ(d.next_chance->target_fiscal_year, e.next_target);
    }
    EXPECT_EQ(d.TextJa(), e.text);
}

TEST_F(DeadlineDemoTest, ADealBeforeItsRequestAcrossTheDeadlineTheYearEndAndGoldenWeek) {
    const long long id = FirstDeal(BeforeRequest);
    ASSERT_GT(id, 0) << "the small demo has an open FY2027 deal before its budget request";
    const Expect cases[] = {
        // 令和8年度 予算要求締切: 11-15 is a Sunday → Fri 11-13. (11-10, 11-13] = 11, 12, 13 → 3.
        {MakeDate(2026, 11, 10), "budget_request_deadline", "2026-11-13", 3, false, "", "", 0,
         "予算要求締切まで3営業日"},
        // Past it on 11-27: (11-13, 11-27] = 16–20 (5) + 24–27 (4; 11-23 勤労感謝の日) = 9 → -9.
        // Next chance: the December council opening Tue 12-01 (a FY2026 補正).
        {MakeDate(2026, 11, 27), "budget_request_deadline", "2026-11-13", -9, true, "december_council", "2026-12-01",
         2026, "見送り: 次の機会は 12月補正（令和8年12月定例会）"},
        // Mon 12-28: 9 + 11-30 + 12-1..12-25 (19) + 12-28 (1) = 30 back. The December council
        // has opened, so the next one is June 2027 (6-05), before the FY2027 request (11-15).
        {MakeDate(2026, 12, 28), "budget_request_deadline", "2026-11-13", -30, true, "june_council", "2027-06-05", 2027,
         "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
        // Mon 1-04 after the closure 12-29..1-03: one more business day (1-04) → -31.
        {MakeDate(2027, 1, 4), "budget_request_deadline", "2026-11-13", -31, true, "june_council", "2027-06-05", 2027,
         "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
        // Wed 4-28 2027: (11-13, 4-01] = 90; 4-02 (1), 4-05..4-23 (15), 4-26..4-28 (3) → -109.
        {MakeDate(2027, 4, 28), "budget_request_deadline", "2026-11-13", -109, true, "june_council", "2027-06-05", 2027,
         "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
        // Thu 5-06 after Golden Week: 4-29 昭和の日, 5-01/02 weekend, 5-03..05 holidays;
        // only 4-30 and 5-06 count → -111.
        {MakeDate(2027, 5, 6), "budget_request_deadline", "2026-11-13", -111, true, "june_council", "2027-06-05", 2027,
         "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
    };
    for (const auto& e : cases) Check(Row(Rows(e.today), id), e);
}

TEST_F(DeadlineDemoTest, ABudgetedDealAcrossTheYearEndClosureAndTheChangeOfFiscalYear) {
    const long long id = FirstDeal(BudgetedFor2026);
    ASSERT_GT(id, 0) << "the small demo has an open FY2026 deal with its budget passed";
    const Expect cases[] = {
        // 令和8年度 ends Wed 2027-03-31. From Mon 12-28: January 1-04..1-29 = 19 (1-11 成人の日),
        // February 20 weekdays − 2-11, 2-23 = 18, March 23 weekdays − 3-22 振替休日 = 22 → 59.
        {MakeDate(2026, 12, 28), "fiscal_year_end", "2027-03-31", 59, false, "", "", 0,
         "令和8年度 年度末（予算執行期限）まで59営業日"},
        // Mon 1-04: the closure days do not count, 1-04 itself is passed → 58.
        {MakeDate(2027, 1, 4), "fiscal_year_end", "2027-03-31", 58, false, "", "", 0,
         "令和8年度 年度末（予算執行期限）まで58営業日"},
        {MakeDate(2027, 3, 31), "fiscal_year_end", "2027-03-31", 0, false, "", "", 0,
         "令和8年度 年度末（予算執行期限）は本日"},
        // Thu 4-01: the budget lapsed yesterday (−1); the next chance is the June 2027 council.
        {MakeDate(2027, 4, 1), "fiscal_year_end", "2027-03-31", -1, true, "june_council", "2027-06-05", 2027,
         "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
    };
    for (const auto& e : cases) Check(Row(Rows(e.today), id), e);
}

TEST_F(DeadlineDemoTest, RowsAreSortedByActionDateAndClosedDealsAreLeftOut) {
    const auto rows = Rows(MakeDate(2026, 11, 10));
    ASSERT_FALSE(rows.empty());
    for (size_t i = 1; i < rows.size(); ++i) {
        EXPECT_FALSE(std::chrono::sys_days{rows[i].deadline.ActionDate()} <
                     std::chrono::sys_days{rows[i - 1].deadline.ActionDate()});
    }
    for (const auto& r : rows) EXPECT_FALSE(domain::IsClosed(r.stage)) << r.deal_id;
}

}  // namespace
}  // namespace kyoso::app
