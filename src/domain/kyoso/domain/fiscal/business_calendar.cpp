#include "kyoso/domain/fiscal/business_calendar.hpp"

#include <algorithm>

namespace kyoso::domain {

BusinessCalendar::BusinessCalendar(std::vector<Holiday> holidays) : holidays_(std::move(holidays)) {
    std::sort(holidays_.begin(), holidays_.end(), [](const Holiday& a, const Holiday& b) {
        return std::chrono::sys_days{a.date} < std::chrono::sys_days{b.date};
    });
}

const Holiday* BusinessCalendar::FindHoliday(Date date) const {
    auto it = std::lower_bound(holidays_.begin(), holidays_.end(), date, [](const Holiday& h, Date d) {
        return std::chrono::sys_days{h.date} < std::chrono::sys_days{d};
    });
    if (it != holidays_.end() && it->date == date) return &*it;
    return nullptr;
}

bool BusinessCalendar::IsHoliday(Date date) const { return FindHoliday(date) != nullptr; }

bool BusinessCalendar::IsYearEndClosure(Date date) {
    const unsigned m = static_cast<unsigned>(date.month());
    const unsigned d = static_cast<unsigned>(date.day());
    return (m == 12 && d >= 29) || (m == 1 && d <= 3);
}

bool BusinessCalendar::IsBusinessDay(Date date) const {
    const unsigned wd = Weekday(date);
    if (wd == 0 || wd == 6) return false;
    return !IsYearEndClosure(date) && !IsHoliday(date);
}

Date BusinessCalendar::NextBusinessDayOnOrAfter(Date date) const {
    while (!IsBusinessDay(date)) date = AddDays(date, 1);
    return date;
}

Date BusinessCalendar::PreviousBusinessDayOnOrBefore(Date date) const {
    while (!IsBusinessDay(date)) date = AddDays(date, -1);
    return date;
}

Date BusinessCalendar::AddBusinessDays(Date from, int n) const {
    if (n == 0) return NextBusinessDayOnOrAfter(from);
    const int step = n > 0 ? 1 : -1;
    int remaining = n > 0 ? n : -n;
    Date d = from;
    while (remaining > 0) {
        d = AddDays(d, step);
        if (IsBusinessDay(d)) --remaining;
    }
    return d;
}

int BusinessCalendar::BusinessDaysBetween(Date from, Date to) const {
    if (to == from) return 0;
    const bool forward = std::chrono::sys_days{from} < std::chrono::sys_days{to};
    Date lo = forward ? from : to;
    Date hi = forward ? to : from;
    int count = 0;
    for (Date d = AddDays(lo, 1); std::chrono::sys_days{d} <= std::chrono::sys_days{hi}; d = AddDays(d, 1)) {
        if (IsBusinessDay(d)) ++count;
    }
    return forward ? count : -count;
}

}  // namespace kyoso::domain
