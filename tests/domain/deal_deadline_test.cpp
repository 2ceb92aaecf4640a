#include "kyoso/domain/fiscal/deal_deadline.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

// The national holidays of FY2026–FY2027 from @holiday-jp/holiday_jp that these
// cases cross (the real table is used by the app and demo tests).
const BusinessCalendar& Holidays() {
    static const BusinessCalendar cal({
        {MakeDate(2026, 9, 21), "敬老の日"},
        {MakeDate(2026, 9, 22), "休日"},
        {MakeDate(2026, 9, 23), "秋分の日"},
        {MakeDate(2026, 11, 3), "文化の日"},
        {MakeDate(2026, 11, 23), "勤労感謝の日"},
        {MakeDate(2027, 1, 1), "元日"},
        {MakeDate(2027, 1, 11), "成人の日"},
        {MakeDate(2027, 2, 11), "建国記念の日"},
        {MakeDate(2027, 2, 23), "天皇誕生日"},
        {MakeDate(2027, 3, 21), "春分の日"},
        {MakeDate(2027, 3, 22), "春分の日 振替休日"},
        {MakeDate(2027, 4, 29), "昭和の日"},
        {MakeDate(2027, 5, 3), "憲法記念日"},
        {MakeDate(2027, 5, 4), "みどりの日"},
        {MakeDate(2027, 5, 5), "こどもの日"},
    });
    return cal;
}

struct Case {
    const char* name;
    DealDeadlineInput deal;
    Date today;
    std::vector<MilestoneOverride> overrides;
    const char* slug;  // expected milestone
    Date due;
    int days_left;
    bool missed;
    const char* next_slug;  // "" when not missed
    int next_target_fy;
    const char* text_ja;
};

const MilestoneOverride kGoldenWeekSpecWindow{MilestoneKind::kSpecWindow, std::nullopt, {4, 1}, {5, 6}};
const MilestoneOverride kRequestOnSunday{MilestoneKind::kBudgetRequestDeadline, 2026, {11, 1}, {11, 1}};
const MilestoneOverride kRequestOnHoliday{MilestoneKind::kBudgetRequestDeadline, 2026, {11, 3}, {11, 3}};

// Business days count (today, due]: today excluded, the due day included.
const Case kCases[] = {
    // 2026-11-15 is a Sunday: the deadline is Friday 11-13. (11-10, 11-13] = 11, 12, 13.
    {"before the request deadline",
     {Stage::kDiscovery, BudgetStatus::kNone, 2027},
     MakeDate(2026, 11, 10),
     {},
     "budget_request_deadline",
     MakeDate(2026, 11, 13),
     3,
     false,
     "",
     0,
     "予算要求締切まで3営業日"},
    {"on the request deadline",
     {Stage::kBudgetProposal, BudgetStatus::kNone, 2027},
     MakeDate(2026, 11, 13),
     {},
     "budget_request_deadline",
     MakeDate(2026, 11, 13),
     0,
     false,
     "",
     0,
     "予算要求締切は本日"},
    // Missed on 11-27: the December council (12-01) is the first chance, for FY2026 itself.
    // (11-27, 11-13] runs backwards: 11-16..11-27 minus 11-23 勤労感謝の日 = 9 business days.
    {"after the request deadline",
     {Stage::kQualified, BudgetStatus::kNone, 2027},
     MakeDate(2026, 11, 27),
     {},
     "budget_request_deadline",
     MakeDate(2026, 11, 13),
     -9,
     true,
     "december_council",
     2026,
     "見送り: 次の機会は 12月補正（令和8年12月定例会）"},
    // Spec window ends Wed 9-30; 9-21/22/23 are 敬老の日, 国民の休日, 秋分の日:
    // (9-18, 9-30] = 24, 25, 28, 29, 30.
    {"spec window across Silver Week",
     {Stage::kDiscovery, BudgetStatus::kNone, 2027},
     MakeDate(2026, 9, 18),
     {},
     "spec_window",
     MakeDate(2026, 9, 30),
     5,
     false,
     "",
     0,
     "仕様・参考見積の提出時期まで5営業日"},
    // Requested: hearings end Mon 11-30. (11-27, 11-30] = 30.
    {"requested: finance hearings",
     {Stage::kRequested, BudgetStatus::kRequested, 2027},
     MakeDate(2026, 11, 27),
     {},
     "finance_hearing",
     MakeDate(2026, 11, 30),
     1,
     false,
     "",
     0,
     "財政課ヒアリングまで1営業日"},
    // 内示 1/10–1/31; 1/31/2027 is a Sunday → Fri 1/29. From Mon 12-28: 12-29..1-3 closed,
    // 1-4..1-8 (5), 1-11 成人の日, 1-12..1-15 (4), 1-18..1-22 (5), 1-25..1-29 (5) = 19.
    {"requested: before the year-end closure",
     {Stage::kRequested, BudgetStatus::kRequested, 2027},
     MakeDate(2026, 12, 28),
     {},
     "cabinet_assessment",
     MakeDate(2027, 1, 29),
     19,
     false,
     "",
     0,
     "内示・復活要求・首長査定まで19営業日"},
    // After the closure, from Mon 1-4: 1-5..1-8 (4) + 4 + 5 + 5 = 18.
    {"requested: after the year-end closure",
     {Stage::kRequested, BudgetStatus::kRequested, 2027},
     MakeDate(2027, 1, 4),
     {},
     "cabinet_assessment",
     MakeDate(2027, 1, 29),
     18,
     false,
     "",
     0,
     "内示・復活要求・首長査定まで18営業日"},
    // March council ends Thu 3-25; 3-22 is the 振替休日 of 春分の日: (3-19, 3-25] = 23, 24, 25.
    {"requested: March council across a substitute holiday",
     {Stage::kRequested, BudgetStatus::kRequested, 2027},
     MakeDate(2027, 3, 19),
     {},
     "march_council",
     MakeDate(2027, 3, 25),
     3,
     false,
     "",
     0,
     "3月定例会（当初予算議決）まで3営業日"},
    // Budgeted for FY2027: on 3-31 the year starts tomorrow (Thu 4-1): 1 business day.
    {"budgeted: the day before the fiscal year",
     {Stage::kBudgeted, BudgetStatus::kPassed, 2027},
     MakeDate(2027, 3, 31),
     {},
     "fiscal_year_start",
     MakeDate(2027, 4, 1),
     1,
     false,
     "",
     0,
     "令和9年度 予算執行開始まで1営業日"},
    {"budgeted: the first day of the fiscal year",
     {Stage::kTenderPrep, BudgetStatus::kPassed, 2027},
     MakeDate(2027, 4, 1),
     {},
     "fiscal_year_start",
     MakeDate(2027, 4, 1),
     0,
     false,
     "",
     0,
     "令和9年度 予算執行開始は本日"},
    // Missed FY2027 request: on 3-31 and 4-1 alike the next chance is the June 2027 council.
    {"missed: on the last day of the fiscal year",
     {Stage::kDiscovery, BudgetStatus::kNone, 2027},
     MakeDate(2027, 3, 31),
     {},
     "budget_request_deadline",
     MakeDate(2026, 11, 13),
     -89,
     true,
     "june_council",
     2027,
     "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
    {"missed: on the first day of the fiscal year",
     {Stage::kDiscovery, BudgetStatus::kNone, 2027},
     MakeDate(2027, 4, 1),
     {},
     "budget_request_deadline",
     MakeDate(2026, 11, 13),
     -90,
     true,
     "june_council",
     2027,
     "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
    // Budget cut at 査定 (due Fri 12-25): (12-25, 1-15] = 12-28, 1-4..1-8, 1-12..1-15 = 10 back.
    // Missed; after the December council the June council is next.
    {"cut at assessment",
     {Stage::kRequested, BudgetStatus::kCut, 2027},
     MakeDate(2027, 1, 15),
     {},
     "assessment",
     MakeDate(2026, 12, 25),
     -10,
     true,
     "june_council",
     2027,
     "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
    // An override puts the spec window's end on Thu 5-6 after Golden Week:
    // (4-28, 5-6] = 4-30, 5-6 (4-29 昭和の日, 5-3..5-5 holidays, 5-1/5-2 weekend).
    {"override across Golden Week",
     {Stage::kDiscovery, BudgetStatus::kNone, 2028},
     MakeDate(2027, 4, 28),
     {kGoldenWeekSpecWindow},
     "spec_window",
     MakeDate(2027, 5, 6),
     2,
     false,
     "",
     0,
     "仕様・参考見積の提出時期まで2営業日"},
    // An override on Sunday 11-1 moves back to Fri 10-30: (10-27, 10-30] = 3.
    {"override on a Sunday",
     {Stage::kDiscovery, BudgetStatus::kNone, 2027},
     MakeDate(2026, 10, 27),
     {kRequestOnSunday},
     "budget_request_deadline",
     MakeDate(2026, 10, 30),
     3,
     false,
     "",
     0,
     "予算要求締切まで3営業日"},
    // An override on 文化の日 (Tue 11-3) moves back to Mon 11-2: 28, 29, 30, 11-2 = 4.
    {"override on a holiday",
     {Stage::kDiscovery, BudgetStatus::kNone, 2027},
     MakeDate(2026, 10, 27),
     {kRequestOnHoliday},
     "budget_request_deadline",
     MakeDate(2026, 11, 2),
     4,
     false,
     "",
     0,
     "予算要求締切まで4営業日"},
    // Budgeted for FY2026 but still open after it: the budget lapsed on Wed 2027-03-31.
    {"budget lapsed",
     {Stage::kBidding, BudgetStatus::kPassed, 2026},
     MakeDate(2027, 4, 5),
     {},
     "fiscal_year_end",
     MakeDate(2027, 3, 31),
     -3,
     true,
     "june_council",
     2027,
     "見送り: 次の機会は 6月補正（令和9年6月定例会）"},
};

TEST(DealDeadline, TableOfHandComputedCases) {
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.name);
        auto d = ComputeDealDeadline(c.deal, c.today, GovernmentKind::kCity, c.overrides, Holidays());
        ASSERT_TRUE(d.has_value());
        EXPECT_EQ(d->milestone.slug, c.slug);
        EXPECT_EQ(FormatIsoDate(d->milestone.due), FormatIsoDate(c.due));
        EXPECT_EQ(d->business_days_left, c.days_left);
        EXPECT_EQ(d->missed, c.missed);
        if (c.missed) {
            ASSERT_TRUE(d->next_chance.has_value());
            EXPECT_EQ(d->next_chance->slug, c.next_slug);
            EXPECT_EQ(d->next_chance->target_fiscal_year, c.next_target_fy);
        } else {
            EXPECT_FALSE(d->next_chance.has_value());
        }
        EXPECT_EQ(d->TextJa(), c.text_ja);
    }
}

TEST(DealDeadline, ClosedDealsHaveNone) {
    for (Stage s : {Stage::kWon, Stage::kLost, Stage::kDeferred}) {
        EXPECT_FALSE(ComputeDealDeadline({s, BudgetStatus::kNone, 2027}, MakeDate(2026, 11, 10), GovernmentKind::kCity,
                                         {}, Holidays())
                         .has_value());
    }
}

TEST(DealDeadline, NextChancePrefersTheEarlierOfCouncilAndRequestDeadline) {
    // On 2027-10-01 the December council (12-01) comes after the FY2027 request deadline
    // (Mon 11-15), so the next chance is the FY2028 budget.
    auto c = NextBudgetChance(MakeDate(2027, 10, 1), GovernmentKind::kCity, {}, Holidays());
    EXPECT_EQ(c.slug, "budget_request_deadline");
    EXPECT_EQ(FormatIsoDate(c.date), "2027-11-15");
    EXPECT_EQ(c.target_fiscal_year, 2028);
    EXPECT_EQ(c.label_ja, "令和10年度当初予算（予算要求締切 令和9年11月15日）");
    EXPECT_EQ(c.label_en, "FY2028 budget (request deadline 2027-11-15)");
}

TEST(DealDeadline, EnglishText) {
    auto d = ComputeDealDeadline({Stage::kDiscovery, BudgetStatus::kNone, 2027}, MakeDate(2026, 11, 10),
                                 GovernmentKind::kCity, {}, Holidays());
    ASSERT_TRUE(d);
    EXPECT_EQ(d->TextEn(), "3 business days to Budget request deadline");
    auto m = ComputeDealDeadline({Stage::kDiscovery, BudgetStatus::kNone, 2027}, MakeDate(2027, 4, 1),
                                 GovernmentKind::kCity, {}, Holidays());
    ASSERT_TRUE(m);
    EXPECT_EQ(m->TextEn(), "Missed: next chance is the June supplementary budget (June 2027 council)");
}

}  // namespace
}  // namespace kyoso::domain
