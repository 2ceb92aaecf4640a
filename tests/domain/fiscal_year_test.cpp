#include "kyoso/domain/fiscal/fiscal_year.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

TEST(FiscalYear, RunsFromAprilToMarch) {
    const FiscalYear fy(2027);
    EXPECT_EQ(fy.first_day(), MakeDate(2027, 4, 1));
    EXPECT_EQ(fy.last_day(), MakeDate(2028, 3, 31));
    EXPECT_EQ(FiscalYear::Containing(MakeDate(2027, 4, 1)).year(), 2027);
    EXPECT_EQ(FiscalYear::Containing(MakeDate(2027, 3, 31)).year(), 2026);
    EXPECT_EQ(FiscalYear::Containing(MakeDate(2028, 3, 31)).year(), 2027);
    EXPECT_EQ(FiscalYear::Containing(MakeDate(2027, 12, 31)).year(), 2027);
    EXPECT_EQ(FiscalYear::Containing(MakeDate(2028, 1, 1)).year(), 2027);
}

TEST(FiscalYear, WarekiLabelsAcrossEraBoundaries) {
    struct Case {
        int year;
        const char* label;
    };
    const Case cases[] = {
        {2027, "令和9年度"},  {2026, "令和8年度"},  {2020, "令和2年度"},  {2019, "令和元年度"},
        {2018, "平成30年度"}, {1989, "平成元年度"}, {1988, "昭和63年度"}, {1926, "昭和元年度"},
    };
    for (const auto& c : cases) EXPECT_EQ(FiscalYear(c.year).WarekiLabel(), c.label) << c.year;
    EXPECT_EQ(FiscalYear(2027).Label(), "FY2027");
}

TEST(WarekiDate, SwitchesEraOnTheFirstDay) {
    EXPECT_EQ(WarekiDate(MakeDate(2019, 4, 30)), "平成31年4月30日");
    EXPECT_EQ(WarekiDate(MakeDate(2019, 5, 1)), "令和元年5月1日");
    EXPECT_EQ(WarekiDate(MakeDate(1989, 1, 7)), "昭和64年1月7日");
    EXPECT_EQ(WarekiDate(MakeDate(1989, 1, 8)), "平成元年1月8日");
    EXPECT_EQ(WarekiDate(MakeDate(2026, 11, 27)), "令和8年11月27日");
}

}  // namespace
}  // namespace kyoso::domain
