#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kyoso {

// A calendar date in Japan Standard Time (no time of day). All municipal rules
// (fiscal years, deadlines, business days) are defined on dates, not instants.
using Date = std::chrono::year_month_day;

// Parses "YYYY-MM-DD"; nullopt for anything else, including impossible dates.
std::optional<Date> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(Date date);

// Construction helper: MakeDate(2027, 4, 1).
inline Date MakeDate(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}
inline Date AddDays(Date date, int days) { return Date{std::chrono::sys_days{date} + std::chrono::days{days}}; }
inline int DaysBetween(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}
// 0 = Sunday ... 6 = Saturday.
inline unsigned Weekday(Date date) { return std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding(); }

}  // namespace kyoso
