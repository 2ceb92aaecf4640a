#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// Relative Japanese time expressions in sales notes (docs/ml.md, "Note analysis and the
// optional LLM"), resolved against the note's date into an inclusive date range.

// One time expression found in a note.
struct DateMention {
    std::string text;  // the expression as found in NormalizeNoteText(note) (ASCII digits)
    // "day", "week", "month", "period" (part of a month, 年明け, 年度末 ...), "year"
    // (calendar year), "fiscal_year", "until" (from the note date to a limit: 年度内,
    // 年内, 10月まで, 予算要求前), "after" (open end: 4月以降, 議会後).
    std::string kind;
    Date from{};
    Date to{};              // inclusive; for "after" the end of the fiscal year of `from`
    bool open_end = false;  // kind "after": the end is not stated
    size_t begin = 0;       // byte offsets of `text` in NormalizeNoteText(note)
    size_t end = 0;
};

// The note with full-width digits and ／ made ASCII, and kanji numerals before a
// counter (十月, 二十日, 三日後, 二週間後, 令和八年度) written in digits; 元年 after an era
// becomes 1年. Everything else is kept byte for byte.
std::string NormalizeNoteText(std::string_view text);

// Every time expression of `text` (normalised first) in text order, without overlaps
// (the longest expression at a position wins), resolved against `note_date`. The rules
// (docs/ml.md has the table):
// - 今週/来週/再来週/先週: Monday–Friday of that week (weeks start on Monday);
// - 今月/来月/再来月/先月 and M月: the whole month; an M月 without a year is the next
//   such month from the note date (this year when M ≥ the note's month, else next year);
//   a modifier narrows it: 上旬/初旬/初め 1–10, 中旬 11–20, 下旬 21–end, 末 25–end,
//   以降 open end, まで (from the note date);
// - M月D日 and M/D: that day, this year unless it is more than 30 days before the note
//   date (then next year); YYYY年M月D日 as written;
// - 年明け: 4–15 January of the next year (this year for a note written in January);
//   年内: to 31 December; 年末: 21–31 December; 来年/今年 (+ M月): the calendar year;
// - 今年度/本年度/来年度/次年度/翌年度/再来年度, YYYY年度, 令和N年度, 平成N年度 (元年 = 1):
//   the fiscal year 1 April – 31 March (令和8年度 = 2026-04-01..2027-03-31); 年度内: to
//   31 March of the note's fiscal year; 年度末: March of that fiscal year;
//   令和N年 / 平成N年 / YYYY年 without 度: the calendar year (with M月: that month);
// - 今日/本日, 明日, 明後日, N日後, N週間後, Nか月後 (ヶ月/カ月/ケ月/箇月): one day;
// - 予算要求前: from the note date to the day before the next 予算要求締切 (default
//   municipal calendar: 15 November, the Friday before when
//   it falls on a weekend); 議会前: to the day before the next 定例会 opens;
//   議会後: from the day after the next 定例会 closes (open end).
std::vector<DateMention> FindDateMentions(std::string_view text, Date note_date);

}  // namespace kyoso::domain
