#include "kyoso/domain/fiscal/business_calendar.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

// A few real 2026–2027 holidays, injected: the domain takes its list from outside.
BusinessCalendar Calendar() {
    return BusinessCalendar({
        {MakeDate(2027, 1, 1), "元日"},
        {MakeDate(2027, 1, 11), "成人の日"},
        {MakeDate(2026, 11, 3), "文化の日"},
        {MakeDate(2026, 11, 23), "勤労感謝の日"},
        {MakeDate(2027, 4, 29), "昭和の日"},
        {MakeDate(2027, 5, 3), "憲法記念日"},
        {MakeDate(2027, 5, 4), "みどりの日"},
        {MakeDate(2027, 5, 5), "こどもの日"},
    });
}

TEST(BusinessCalendar, WeekendsHolidaysAndYearEndAreClosed) {
    const auto cal = Calendar();
    EXPECT_TRUE(cal.IsBusinessDay(MakeDate(2026, 11, 27)));   // Friday
    EXPECT_FALSE(cal.IsBusinessDay(MakeDate(2026, 11, 28)));  // Saturday
    EXPECT_FALSE(cal.IsBusinessDay(MakeDate(2026, 11, 29)));  // Sunday
    EXPECT_FALSE(cal.IsBusinessDay(MakeDate(2026, 11, 23)));  // 勤労感謝の日 (Monday)
    EXPECT_TRUE(cal.IsBusinessDay(MakeDate(2026, 12, 28)));   // 御用納め (Monday)
    for (int d : {29, 30, 31}) EXPECT_FALSE(cal.IsBusinessDay(MakeDate(2026, 12, static_cast<unsigned>(d)))) << d;
    for (int d : {1, 2, 3}) EXPECT_FALSE(cal.IsBusinessDay(MakeDate(2027, 1, static_cast<unsigned>(d)))) << d;
    EXPECT_TRUE(cal.IsBusinessDay(MakeDate(2027, 1, 4)));  // 御用始め (Monday)
}

TEST(BusinessCalendar, YearEndClosureAppliesEvenOnWeekdaysWithoutHolidays) {
    const BusinessCalendar empty({});
    EXPECT_FALSE(empty.IsBusinessDay(MakeDate(2025, 12, 29)));  // Monday
    EXPECT_FALSE(empty.IsBusinessDay(MakeDate(2026, 1, 2)));    // Friday
    EXPECT_TRUE(empty.IsBusinessDay(MakeDate(2025, 12, 26)));
}

TEST(BusinessCalendar, AddingBusinessDaysSkipsTheYearEnd) {
    const auto cal = Calendar();
    // Friday 2026-12-25 + 1 = Monday 12-28; + 2 = Monday 2027-01-04 (29 Dec–3 Jan closed).
    EXPECT_EQ(cal.AddBusinessDays(MakeDate(2026, 12, 25), 1), MakeDate(2026, 12, 28));
    EXPECT_EQ(cal.AddBusinessDays(MakeDate(2026, 12, 25), 2), MakeDate(2027, 1, 4));
    EXPECT_EQ(cal.AddBusinessDays(MakeDate(2027, 1, 4), -1), MakeDate(2026, 12, 28));
    // Golden Week 2027: Friday 4-30 + 1 = Thursday 5-6.
    EXPECT_EQ(cal.AddBusinessDays(MakeDate(2027, 4, 30), 1), MakeDate(2027, 5, 6));
    EXPECT_EQ(cal.AddBusinessDays(MakeDate(2026, 11, 28), 0), MakeDate(2026, 11, 30));
}

TEST(BusinessCalendar, CountsBusinessDaysBetweenDates) {
    const auto cal = Calendar();
    EXPECT_EQ(cal.BusinessDaysBetween(MakeDate(2026, 12, 25), MakeDate(2027, 1, 4)), 2);
    EXPECT_EQ(cal.BusinessDaysBetween(MakeDate(2027, 1, 4), MakeDate(2026, 12, 25)), -2);
    EXPECT_EQ(cal.BusinessDaysBetween(MakeDate(2026, 11, 27), MakeDate(2026, 11, 27)), 0);
    // November 2026 after the 2nd: 3 (文化の日) and 23 (勤労感謝の日) are closed.
    EXPECT_EQ(cal.BusinessDaysBetween(MakeDate(2026, 11, 1), MakeDate(2026, 11, 30)), 19);
}

TEST(BusinessCalendar, NamesItsHolidays) {
    const auto cal = Calendar();
    ASSERT_NE(cal.FindHoliday(MakeDate(2027, 1, 11)), nullptr);
    EXPECT_EQ(cal.FindHoliday(MakeDate(2027, 1, 11))->name, "成人の日");
    EXPECT_EQ(cal.FindHoliday(MakeDate(2027, 1, 12)), nullptr);
}

}  // namespace
}  // namespace kyoso::domain
