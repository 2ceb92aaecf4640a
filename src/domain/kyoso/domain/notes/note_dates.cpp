#include "kyoso/domain/notes/note_dates.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <optional>

#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::domain {

namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr int kMinYear = 1989;
constexpr int kMaxYear = 2100;

bool At(std::string_view s, size_t i, std::string_view lit) { return s.substr(i, lit.size()) == lit; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The value of the kanji numeral at s[i] (〇一二三四五六七八九十, up to 99), with its
// length in bytes; nullopt when s[i] is not one.
std::optional<std::pair<int, size_t>> KanjiNumber(std::string_view s, size_t i) {
    static constexpr std::array<std::string_view, 10> kDigits = {"〇", "一", "二", "三", "四",
                                                                 "五", "六", "七", "八", "九"};
    int total = 0;
    int current = 0;
    size_t pos = i;
    bool any = false;
    while (pos < s.size()) {
        bool matched = false;
        for (int d = 0; d < 10; ++d) {
            if (At(s, pos, kDigits[d])) {
                current = current * 10 + d;
                pos += kDigits[d].size();
                matched = true;
                break;
            }
        }
        if (!matched && At(s, pos, "十")) {
            total += (current == 0 ? 1 : current) * 10;
            current = 0;
            pos += std::string_view("十").size();
            matched = true;
        }
        if (!matched) break;
        any = true;
        if (total + current > 9999) return std::nullopt;
    }
    if (!any) return std::nullopt;
    return std::make_pair(total + current, pos - i);
}

// Counters after which a kanji numeral is read as a number.
bool CounterAt(std::string_view s, size_t i) {
    for (std::string_view c : {"月", "日", "年", "週", "か月", "ヶ月", "カ月", "ケ月", "箇月", "ヵ月"}) {
        if (At(s, i, c)) return true;
    }
    return false;
}

Date LastOfMonth(int y, unsigned m) {
    const auto ymdl = std::chrono::year_month_day_last{year{y}, std::chrono::month_day_last{month{m}}};
    return Date{ymdl};
}

std::optional<Date> Valid(int y, unsigned m, unsigned d) {
    if (y < kMinYear || y > kMaxYear) return std::nullopt;
    Date date = MakeDate(y, m, d);
    if (!date.ok()) return std::nullopt;
    return date;
}

int YearOf(Date d) { return static_cast<int>(d.year()); }
unsigned MonthOf(Date d) { return static_cast<unsigned>(d.month()); }
unsigned DayOf(Date d) { return static_cast<unsigned>(d.day()); }

Date MondayOf(Date d) { return AddDays(d, -static_cast<int>((Weekday(d) + 6) % 7)); }

// y/m plus `months` (may be negative).
std::pair<int, unsigned> AddMonths(int y, unsigned m, int months) {
    int index = y * 12 + static_cast<int>(m) - 1 + months;
    return {index / 12, static_cast<unsigned>(index % 12) + 1};
}

// Reads ASCII digits at s[i] (at most `max_len`, not preceded by a digit); returns
// the value and advances i.
std::optional<int> ReadNumber(std::string_view s, size_t& i, size_t max_len = 4) {
    if (i >= s.size() || !IsDigit(s[i])) return std::nullopt;
    if (i > 0 && IsDigit(s[i - 1])) return std::nullopt;
    size_t j = i;
    int v = 0;
    while (j < s.size() && IsDigit(s[j])) {
        if (j - i >= max_len) return std::nullopt;
        v = v * 10 + (s[j] - '0');
        ++j;
    }
    i = j;
    return v;
}

struct Found {
    std::string kind;
    Date from{};
    Date to{};
    bool open_end = false;
    size_t end = 0;  // byte offset after the expression
};

Found Range(std::string kind, Date from, Date to, size_t end) { return {std::move(kind), from, to, false, end}; }

Found FiscalYearRange(int fy, size_t end) {
    FiscalYear y(fy);
    return Range("fiscal_year", y.first_day(), y.last_day(), end);
}

// The milestones of the default municipal calendar of the note's fiscal year and the next.
std::vector<Milestone> DefaultMilestones(Date note_date) {
    static const BusinessCalendar kNoHolidays({});
    std::vector<Milestone> out;
    const FiscalYear fy = FiscalYear::Containing(note_date);
    for (FiscalYear y : {fy, fy.next()}) {
        auto cal = FiscalCalendar::Build(y, GovernmentKind::kCity, {}, kNoHolidays);
        out.insert(out.end(), cal.milestones().begin(), cal.milestones().end());
    }
    return out;
}

bool IsCouncil(MilestoneKind k) {
    return k == MilestoneKind::kJuneCouncil || k == MilestoneKind::kSeptemberCouncil ||
           k == MilestoneKind::kDecemberCouncil || k == MilestoneKind::kMarchCouncil;
}

// A month (with an optional modifier or day) of year y, starting at s[i] just after "月".
// `implied_year`: the year was not written, so M月D日 more than 30 days before the note
// moves to the next year.
Found MonthExpression(std::string_view s, size_t i, int y, unsigned m, Date note_date, bool implied_year) {
    size_t j = i;
    if (auto d = ReadNumber(s, j, 2); d && At(s, j, "日")) {
        if (auto date = Valid(y, m, static_cast<unsigned>(*d))) {
            if (implied_year && DaysBetween(*date, note_date) > 30) {
                if (auto next = Valid(y + 1, m, static_cast<unsigned>(*d))) date = next;
            }
            return Range("day", *date, *date, j + std::string_view("日").size());
        }
    }
    const Date first = MakeDate(y, m, 1);
    const Date last = LastOfMonth(y, m);
    struct Modifier {
        std::string_view text;
        unsigned from;
        unsigned to;  // 0 = the month's last day
    };
    static constexpr std::array<Modifier, 7> kModifiers = {{{"上旬", 1, 10},
                                                            {"初旬", 1, 10},
                                                            {"初め", 1, 10},
                                                            {"はじめ", 1, 10},
                                                            {"中旬", 11, 20},
                                                            {"下旬", 21, 0},
                                                            {"末", 25, 0}}};
    for (const auto& mod : kModifiers) {
        if (At(s, i, mod.text)) {
            return Range("period", MakeDate(y, m, mod.from), mod.to == 0 ? last : MakeDate(y, m, mod.to),
                         i + mod.text.size());
        }
    }
    if (At(s, i, "以降")) {
        Found f = Range("after", first, FiscalYear::Containing(first).last_day(), i + std::string_view("以降").size());
        f.open_end = true;
        return f;
    }
    if (At(s, i, "まで") && first >= MakeDate(YearOf(note_date), MonthOf(note_date), 1)) {
        return Range("until", note_date < last ? note_date : last, last, i + std::string_view("まで").size());
    }
    return Range("month", first, last, i);
}

// A month-relative word (今月, 来月 ...) at s[i]; nullopt when none.
std::optional<Found> RelativeMonth(std::string_view s, size_t i, Date note_date) {
    struct Word {
        std::string_view text;
        int offset;
    };
    static constexpr std::array<Word, 5> kWords = {
        {{"再来月", 2}, {"来月", 1}, {"翌月", 1}, {"今月", 0}, {"先月", -1}}};
    for (const auto& w : kWords) {
        if (At(s, i, w.text)) {
            auto [y, m] = AddMonths(YearOf(note_date), MonthOf(note_date), w.offset);
            return MonthExpression(s, i + w.text.size(), y, m, note_date, false);
        }
    }
    return std::nullopt;
}

// An explicit year Y at s[i] just after "年": 年度 → the fiscal year, 年M月 → the month,
// else the calendar year.
Found YearExpression(std::string_view s, size_t i, int y, Date note_date) {
    if (At(s, i, "度")) return FiscalYearRange(y, i + std::string_view("度").size());
    size_t j = i;
    if (auto m = ReadNumber(s, j, 2); m && *m >= 1 && *m <= 12 && At(s, j, "月")) {
        return MonthExpression(s, j + std::string_view("月").size(), y, static_cast<unsigned>(*m), note_date, false);
    }
    return Range("year", MakeDate(y, 1, 1), MakeDate(y, 12, 31), i);
}

// The expression starting at s[i], if any.
std::optional<Found> MatchAt(std::string_view s, size_t i, Date note_date,
                             const std::function<const std::vector<Milestone>&()>& milestones) {
    const int ny = YearOf(note_date);
    const unsigned nm = MonthOf(note_date);
    const int nfy = FiscalYear::Containing(note_date).year();
    const std::string_view nen = "年";
    // Era years: 令和N年(度), 平成N年(度).
    for (auto [era, base] : {std::pair<std::string_view, int>{"令和", 2018}, {"平成", 1988}}) {
        if (!At(s, i, era)) continue;
        size_t j = i + era.size();
        auto n = ReadNumber(s, j, 2);
        if (!n || *n < 1 || !At(s, j, nen)) return std::nullopt;
        const int y = base + *n;
        if (y < kMinYear || y > kMaxYear) return std::nullopt;
        return YearExpression(s, j + nen.size(), y, note_date);
    }
    if (IsDigit(s[i])) {
        size_t j = i;
        auto n = ReadNumber(s, j, 4);
        if (!n) return std::nullopt;
        const size_t digits = j - i;
        if (digits == 4 && At(s, j, nen)) {
            if (*n < kMinYear || *n > kMaxYear) return std::nullopt;
            return YearExpression(s, j + nen.size(), *n, note_date);
        }
        if (digits <= 2 && At(s, j, "月") && *n >= 1 && *n <= 12) {
            const auto m = static_cast<unsigned>(*n);
            const int y = m >= nm ? ny : ny + 1;
            return MonthExpression(s, j + std::string_view("月").size(), y, m, note_date, true);
        }
        if (digits <= 2 && j < s.size() && s[j] == '/') {  // M/D
            size_t k = j + 1;
            auto d = ReadNumber(s, k, 2);
            if (d && (k >= s.size() || (s[k] != '/' && !IsDigit(s[k]))) && *n >= 1 && *n <= 12) {
                if (auto date = Valid(ny, static_cast<unsigned>(*n), static_cast<unsigned>(*d))) {
                    if (DaysBetween(*date, note_date) > 30) {
                        if (auto next = Valid(ny + 1, static_cast<unsigned>(*n), static_cast<unsigned>(*d))) {
                            date = next;
                        }
                    }
                    return Range("day", *date, *date, k);
                }
            }
            return std::nullopt;
        }
        if (digits <= 3 && *n > 0) {
            if (At(s, j, "日後")) {
                const Date d = AddDays(note_date, *n);
                return Range("day", d, d, j + std::string_view("日後").size());
            }
            if (At(s, j, "週間後")) {
                const Date d = AddDays(note_date, 7 * *n);
                return Range("day", d, d, j + std::string_view("週間後").size());
            }
            for (std::string_view unit : {"か月後", "ヶ月後", "カ月後", "ケ月後", "箇月後", "ヵ月後"}) {
                if (!At(s, j, unit) || *n > 120) continue;
                auto [y, m] = AddMonths(ny, nm, *n);
                Date last = LastOfMonth(y, m);
                Date d = MakeDate(y, m, DayOf(note_date));
                if (!d.ok()) d = last;
                return Range("day", d, d, j + unit.size());
            }
        }
        return std::nullopt;
    }
    // Weeks.
    struct Week {
        std::string_view text;
        int offset;
    };
    static constexpr std::array<Week, 4> kWeeks = {{{"再来週", 14}, {"来週", 7}, {"今週", 0}, {"先週", -7}}};
    for (const auto& w : kWeeks) {
        if (At(s, i, w.text)) {
            const Date monday = AddDays(MondayOf(note_date), w.offset);
            return Range("week", monday, AddDays(monday, 4), i + w.text.size());
        }
    }
    // Fiscal years (before the calendar-year words they start with).
    struct FiscalWord {
        std::string_view text;
        int offset;
    };
    static constexpr std::array<FiscalWord, 7> kFiscal = {
        {{"再来年度", 2}, {"来年度", 1}, {"次年度", 1}, {"翌年度", 1}, {"今年度", 0}, {"本年度", 0}, {"当年度", 0}}};
    for (const auto& w : kFiscal) {
        if (At(s, i, w.text)) return FiscalYearRange(nfy + w.offset, i + w.text.size());
    }
    if (At(s, i, "年度内")) {
        return Range("until", note_date, FiscalYear(nfy).last_day(), i + std::string_view("年度内").size());
    }
    if (At(s, i, "年度末")) {
        return Range("period", MakeDate(nfy + 1, 3, 1), MakeDate(nfy + 1, 3, 31),
                     i + std::string_view("年度末").size());
    }
    if (At(s, i, "年明け") || At(s, i, "年明")) {
        const int y = nm == 1 ? ny : ny + 1;
        const size_t len = At(s, i, "年明け") ? std::string_view("年明け").size() : std::string_view("年明").size();
        return Range("period", MakeDate(y, 1, 4), MakeDate(y, 1, 15), i + len);
    }
    if (At(s, i, "年内")) return Range("until", note_date, MakeDate(ny, 12, 31), i + std::string_view("年内").size());
    if (At(s, i, "年末")) {
        return Range("period", MakeDate(ny, 12, 21), MakeDate(ny, 12, 31), i + std::string_view("年末").size());
    }
    for (auto [word, offset] : {std::pair<std::string_view, int>{"再来年", 2}, {"来年", 1}, {"翌年", 1}, {"今年", 0}}) {
        if (At(s, i, word)) return YearExpression(s, i + word.size(), ny + offset, note_date);
    }
    if (auto f = RelativeMonth(s, i, note_date)) return f;
    // Days.
    struct DayWord {
        std::string_view text;
        int offset;
    };
    static constexpr std::array<DayWord, 5> kDays = {
        {{"明後日", 2}, {"あさって", 2}, {"明日", 1}, {"今日", 0}, {"本日", 0}}};
    for (const auto& w : kDays) {
        if (At(s, i, w.text)) {
            const Date d = AddDays(note_date, w.offset);
            return Range("day", d, d, i + w.text.size());
        }
    }
    // The budget cycle.
    for (std::string_view word : {"予算要求前", "要求前"}) {
        if (!At(s, i, word)) continue;
        for (const auto& m : milestones()) {
            if (m.kind == MilestoneKind::kBudgetRequestDeadline && m.start > note_date) {
                return Range("until", note_date, AddDays(m.start, -1), i + word.size());
            }
        }
    }
    for (std::string_view word : {"議会前", "定例会前"}) {
        if (!At(s, i, word)) continue;
        for (const auto& m : milestones()) {
            if (IsCouncil(m.kind) && m.start > note_date) {
                return Range("until", note_date, AddDays(m.start, -1), i + word.size());
            }
        }
    }
    for (std::string_view word : {"議会後", "議会の後", "定例会後"}) {
        if (!At(s, i, word)) continue;
        for (const auto& m : milestones()) {
            if (IsCouncil(m.kind) && m.end >= note_date) {
                const Date from = AddDays(m.end, 1);
                Found f = Range("after", from, FiscalYear::Containing(from).last_day(), i + word.size());
                f.open_end = true;
                return f;
            }
        }
    }
    return std::nullopt;
}

size_t Utf8Length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 1;
}

}  // namespace

std::string NormalizeNoteText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        // Full-width digits U+FF10..U+FF19 (EF BC 90..99) and ／ U+FF0F (EF BC 8F).
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
            const auto c3 = static_cast<unsigned char>(text[i + 2]);
            if (c3 >= 0x90 && c3 <= 0x99) {
                out.push_back(static_cast<char>('0' + (c3 - 0x90)));
                i += 3;
                continue;
            }
            if (c3 == 0x8F) {
                out.push_back('/');
                i += 3;
                continue;
            }
        }
        if (auto k = KanjiNumber(text, i)) {
            if (CounterAt(text, i + k->second)) {
                out += std::to_string(k->first);
                i += k->second;
                continue;
            }
        }
        if (At(text, i, "元年") && (out.ends_with("令和") || out.ends_with("平成"))) {
            out += "1年";
            i += std::string_view("元年").size();
            continue;
        }
        const size_t len = std::min(Utf8Length(c), text.size() - i);
        out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

std::vector<DateMention> FindDateMentions(std::string_view text, Date note_date) {
    std::vector<DateMention> out;
    if (!note_date.ok() || YearOf(note_date) < kMinYear || YearOf(note_date) > kMaxYear - 3) return out;
    const std::string s = NormalizeNoteText(text);
    std::optional<std::vector<Milestone>> milestones;
    auto get_milestones = [&]() -> const std::vector<Milestone>& {
        if (!milestones) milestones = DefaultMilestones(note_date);
        return *milestones;
    };
    size_t i = 0;
    while (i < s.size()) {
        if (auto f = MatchAt(s, i, note_date, get_milestones); f && f->end > i) {
            DateMention m;
            m.text = s.substr(i, f->end - i);
            m.kind = std::move(f->kind);
            m.from = f->from;
            m.to = f->to;
            m.open_end = f->open_end;
            m.begin = i;
            m.end = f->end;
            out.push_back(std::move(m));
            i = f->end;
            continue;
        }
        // Skip a whole number (so "2026" is not read again from its "026"), else one character.
        if (IsDigit(s[i])) {
            while (i < s.size() && IsDigit(s[i])) ++i;
        } else {
            i += std::min(Utf8Length(static_cast<unsigned char>(s[i])), s.size() - i);
        }
    }
    return out;
}

}  // namespace kyoso::domain
