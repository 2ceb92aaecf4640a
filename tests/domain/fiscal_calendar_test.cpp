#include "kyoso/domain/fiscal/fiscal_calendar.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

const BusinessCalendar& NoHolidays() {
    static const BusinessCalendar cal({});
    return cal;
}

TEST(FiscalCalendar, RequestDeadlineFallsInNovemberByDefault) {
    auto cal = FiscalCalendar::Build(FiscalYear(2026), GovernmentKind::kTown, {}, NoHolidays());
    const auto* m = cal.Find(MilestoneKind::kBudgetRequestDeadline);
    ASSERT_NE(m, nullptr);
    // 2026-11-15 is a Sunday: the deadline moves back to Friday the 13th.
    EXPECT_EQ(m->start, MakeDate(2026, 11, 13));
    EXPECT_EQ(m->end, MakeDate(2026, 11, 13));
}

TEST(FiscalCalendar, RotationOpensTheYearAndJanuaryToMarchBelongToTheNextCalendarYear) {
    auto cal = FiscalCalendar::Build(FiscalYear(2027), GovernmentKind::kCity, {}, NoHolidays());
    ASSERT_FALSE(cal.milestones().empty());
    EXPECT_EQ(cal.milestones().front().kind, MilestoneKind::kRotation);
    EXPECT_EQ(cal.milestones().front().start, MakeDate(2027, 4, 1));
    EXPECT_EQ(cal.Find(MilestoneKind::kMarchCouncil)->end, MakeDate(2028, 3, 25));
    for (const auto& m : cal.milestones()) EXPECT_TRUE(cal.fiscal_year().Contains(m.start));
}

TEST(FiscalCalendar, BudgetProposalLeadTimeDependsOnKind) {
    // 地方自治法 211条: ≥ 30 days before the year for 都道府県・指定都市, ≥ 20 for 市町村.
    auto pref = FiscalCalendar::Build(FiscalYear(2026), GovernmentKind::kPrefecture, {}, NoHolidays());
    auto town = FiscalCalendar::Build(FiscalYear(2026), GovernmentKind::kTown, {}, NoHolidays());
    const Date fy_start = MakeDate(2027, 4, 1);
    EXPECT_GE(DaysBetween(pref.Find(MilestoneKind::kBudgetProposal)->start, fy_start), 30);
    EXPECT_GE(DaysBetween(town.Find(MilestoneKind::kBudgetProposal)->start, fy_start), 20);
}

TEST(FiscalCalendar, GovernmentOverridesReplaceDefaults) {
    std::vector<MilestoneOverride> overrides = {
        {MilestoneKind::kJuneCouncil, std::nullopt, {6, 10}, {6, 20}},
        {MilestoneKind::kJuneCouncil, 2026, {6, 2}, {6, 18}},
        {MilestoneKind::kBudgetRequestDeadline, std::nullopt, {10, 31}, {10, 31}},
    };
    auto y2026 = FiscalCalendar::Build(FiscalYear(2026), GovernmentKind::kCity, overrides, NoHolidays());
    auto y2027 = FiscalCalendar::Build(FiscalYear(2027), GovernmentKind::kCity, overrides, NoHolidays());
    EXPECT_EQ(y2026.Find(MilestoneKind::kJuneCouncil)->start, MakeDate(2026, 6, 2));  // year-specific wins
    EXPECT_EQ(y2027.Find(MilestoneKind::kJuneCouncil)->start, MakeDate(2027, 6, 10));
    EXPECT_TRUE(y2027.Find(MilestoneKind::kJuneCouncil)->overridden);
    EXPECT_EQ(y2027.Find(MilestoneKind::kBudgetRequestDeadline)->end, MakeDate(2027, 10, 31));
}

TEST(FiscalCalendar, NextMilestoneIsTheFirstNotYetOver) {
    auto cal = FiscalCalendar::Build(FiscalYear(2026), GovernmentKind::kCity, {}, NoHolidays());
    const auto* next = cal.Next(MakeDate(2026, 11, 1));
    ASSERT_NE(next, nullptr);
    EXPECT_EQ(next->kind, MilestoneKind::kBudgetRequestDeadline);
    EXPECT_EQ(cal.Next(MakeDate(2027, 3, 30)), nullptr);
}

TEST(FiscalCalendar, SlugsRoundTrip) {
    for (auto k : {MilestoneKind::kRotation, MilestoneKind::kSpecWindow, MilestoneKind::kMarchCouncil}) {
        EXPECT_EQ(MilestoneFromSlug(MilestoneSlug(k)), k);
    }
    EXPECT_FALSE(MilestoneFromSlug("nope").has_value());
}

}  // namespace
}  // namespace kyoso::domain
