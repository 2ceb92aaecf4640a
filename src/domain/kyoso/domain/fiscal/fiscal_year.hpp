#pragma once

#include <string>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// A Japanese public-sector fiscal year: 1 April of `year` to 31 March of year+1.
// FY2027 = 令和9年度 = 2027-04-01 .. 2028-03-31.
class FiscalYear {
public:
    explicit constexpr FiscalYear(int year) : year_(year) {}
    static FiscalYear Containing(Date date);

    constexpr int year() const { return year_; }
    Date first_day() const { return MakeDate(year_, 4, 1); }
    Date last_day() const { return MakeDate(year_ + 1, 3, 31); }
    bool Contains(Date date) const;
    FiscalYear next() const { return FiscalYear(year_ + 1); }

    // 和暦 label of the fiscal year: "令和9年度", "令和元年度" (FY2019), "平成30年度".
    // An era is named by the calendar year in which the fiscal year starts; FY2019
    // began under 平成 but is, by government usage, 令和元年度.
    std::string WarekiLabel() const;
    // "FY2027".
    std::string Label() const;

    friend constexpr auto operator<=>(FiscalYear, FiscalYear) = default;

private:
    int year_;
};

// 和暦 of a calendar date: "令和8年11月27日" (元年 for the first year of an era).
// Eras: 明治 1868-01-25 (dates before give ""), 大正 1912-07-30, 昭和 1926-12-25,
// 平成 1989-01-08, 令和 2019-05-01.
std::string WarekiDate(Date date);

}  // namespace kyoso::domain
