#pragma once

#include <set>
#include <span>
#include <string>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

struct Holiday {
    Date date;
    std::string name;  // 元日
};

// Business days of a Japanese government office: Monday–Friday, not a national
// holiday, and not in the year-end closure 29 December – 3 January (行政機関の休日に
// 関する法律). The holiday list is injected (Kyoso builds it from the npm package
// @holiday-jp/holiday_jp); dates beyond the list's range are treated as having no
// national holidays. Immutable after construction; safe to share across threads.
class BusinessCalendar {
public:
    explicit BusinessCalendar(std::vector<Holiday> holidays);

    bool IsHoliday(Date date) const;
    static bool IsYearEndClosure(Date date);
    bool IsBusinessDay(Date date) const;

    // The date `n` business days after `from` (n > 0) or before it (n < 0); n == 0
    // returns `from` itself when it is a business day, else the next business day.
    Date AddBusinessDays(Date from, int n) const;
    // Business days in (from, to]: counts `to` but not `from`. Negative when to < from.
    int BusinessDaysBetween(Date from, Date to) const;
    Date NextBusinessDayOnOrAfter(Date date) const;
    Date PreviousBusinessDayOnOrBefore(Date date) const;
    const Holiday* FindHoliday(Date date) const;
    size_t holiday_count() const { return holidays_.size(); }

private:
    std::vector<Holiday> holidays_;  // sorted by date
};

}  // namespace kyoso::domain
