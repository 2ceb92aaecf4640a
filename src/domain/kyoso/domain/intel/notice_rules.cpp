#include "kyoso/domain/intel/notice_rules.hpp"

#include <array>
#include <cctype>
#include <chrono>
#include <map>
#include <set>

#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::domain {

std::string_view NoticeReviewStateSlug(NoticeReviewState state) {
    switch (state) {
        case NoticeReviewState::kLinked:
            return "linked";
        case NoticeReviewState::kNeedsReview:
            return "needs_review";
        case NoticeReviewState::kDismissed:
            return "dismissed";
    }
    return "";
}

std::optional<NoticeReviewState> NoticeReviewStateFromSlug(std::string_view slug) {
    for (auto s : {NoticeReviewState::kLinked, NoticeReviewState::kNeedsReview, NoticeReviewState::kDismissed}) {
        if (NoticeReviewStateSlug(s) == slug) return s;
    }
    return std::nullopt;
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads an unsigned decimal of 1..max_digits digits at `pos`; advances `pos`.
std::optional<int> ReadNumber(std::string_view s, size_t& pos, size_t max_digits) {
    size_t start = pos;
    int value = 0;
    while (pos < s.size() && IsDigit(s[pos]) && pos - start < max_digits) value = value * 10 + (s[pos++] - '0');
    if (pos == start) return std::nullopt;
    return value;
}

std::optional<Date> ValidDate(int y, int m, int d) {
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    Date date = MakeDate(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    if (!date.ok()) return std::nullopt;
    return date;
}

// Decodes one UTF-8 code point at `pos` (invalid bytes come back as themselves).
char32_t NextCodePoint(std::string_view s, size_t& pos) {
    auto b = static_cast<unsigned char>(s[pos]);
    int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra <= 0 || pos + static_cast<size_t>(extra) >= s.size()) {
        ++pos;
        return b;
    }
    char32_t cp = b & (0x3F >> extra);
    for (int i = 1; i <= extra; ++i) {
        auto c = static_cast<unsigned char>(s[pos + static_cast<size_t>(i)]);
        if ((c & 0xC0) != 0x80) {
            ++pos;
            return b;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    pos += static_cast<size_t>(extra) + 1;
    return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Central-government bodies: a ministry, an agency, the Cabinet Office, courts.
bool LooksNational(std::string_view org) {
    for (std::string_view marker : {"省", "庁", "内閣", "国立", "裁判所", "会計検査院", "人事院", "独立行政法人"}) {
        if (org.find(marker) != std::string_view::npos) return true;
    }
    return false;
}

}  // namespace

std::optional<Date> ParseNoticeDate(std::string_view text) {
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    size_t pos = 0;
    auto y = ReadNumber(text, pos, 4);
    if (!y || pos != 4 || pos >= text.size()) return std::nullopt;
    const char sep = text[pos];
    if (sep != '-' && sep != '/') return std::nullopt;
    ++pos;
    auto m = ReadNumber(text, pos, 2);
    if (!m || pos >= text.size() || text[pos] != sep) return std::nullopt;
    ++pos;
    auto d = ReadNumber(text, pos, 2);
    if (!d) return std::nullopt;
    if (pos != text.size()) {
        // A time of day may follow ("T00:00:00+09:00", " 10:00"); the date is what counts.
        if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
        for (size_t i = pos + 1; i < text.size(); ++i) {
            char c = text[i];
            if (!IsDigit(c) && c != ':' && c != '+' && c != '-' && c != '.' && c != 'Z') return std::nullopt;
        }
    }
    return ValidDate(*y, *m, *d);
}

std::optional<Date> ParseRfc822Date(std::string_view text) {
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    size_t pos = 0;
    auto skip_spaces = [&] {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
            ++pos;
    };
    skip_spaces();
    // Optional day of week: "Wed,".
    if (pos + 4 <= text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) {
        size_t comma = text.find(',', pos);
        if (comma == std::string_view::npos || comma - pos != 3) return std::nullopt;
        pos = comma + 1;
        skip_spaces();
    }
    auto day = ReadNumber(text, pos, 2);
    if (!day) return std::nullopt;
    skip_spaces();
    if (pos + 3 > text.size()) return std::nullopt;
    int month = 0;
    for (size_t i = 0; i < kMonths.size(); ++i) {
        if (text.substr(pos, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
    }
    if (month == 0) return std::nullopt;
    pos += 3;
    skip_spaces();
    size_t year_start = pos;
    auto year = ReadNumber(text, pos, 4);
    if (!year) return std::nullopt;
    if (pos - year_start == 2) {
        *year += *year < 50 ? 2000 : 1900;
    } else if (pos - year_start != 4) {
        return std::nullopt;
    }
    skip_spaces();
    auto hour = ReadNumber(text, pos, 2);
    if (!hour || pos >= text.size() || text[pos] != ':') return std::nullopt;
    ++pos;
    auto minute = ReadNumber(text, pos, 2);
    if (!minute) return std::nullopt;
    int second = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        auto s = ReadNumber(text, pos, 2);
        if (!s) return std::nullopt;
        second = *s;
    }
    if (*hour > 23 || *minute > 59 || second > 60) return std::nullopt;
    skip_spaces();
    std::string_view zone = text.substr(pos);
    while (!zone.empty() && (zone.back() == ' ' || zone.back() == '\n' || zone.back() == '\r')) zone.remove_suffix(1);
    int offset_minutes = 0;
    static const std::map<std::string_view, int> kZones = {
        {"GMT", 0},       {"UT", 0},        {"UTC", 0},       {"Z", 0},         {"EST", -5 * 60},
        {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60}, {"MST", -7 * 60}, {"MDT", -6 * 60},
        {"PST", -8 * 60}, {"PDT", -7 * 60}, {"JST", 9 * 60}};
    if (auto it = kZones.find(zone); it != kZones.end()) {
        offset_minutes = it->second;
    } else if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
        for (size_t i = 1; i < 5; ++i) {
            if (!IsDigit(zone[i])) return std::nullopt;
        }
        int hh = (zone[1] - '0') * 10 + (zone[2] - '0');
        int mm = (zone[3] - '0') * 10 + (zone[4] - '0');
        if (hh > 23 || mm > 59) return std::nullopt;
        offset_minutes = (zone[0] == '-' ? -1 : 1) * (hh * 60 + mm);
    } else {
        return std::nullopt;
    }
    auto date = ValidDate(*year, month, *day);
    if (!date) return std::nullopt;
    // Local time → UTC → Japan (UTC+9).
    using namespace std::chrono;
    sys_seconds local = sys_days{*date} + hours{*hour} + minutes{*minute} + seconds{second};
    sys_seconds jst = local - minutes{offset_minutes} + hours{9};
    return Date{floor<days>(jst)};
}

std::string FoldNoticeText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        char32_t cp = NextCodePoint(text, pos);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000) continue;
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        if (cp == 0x30F6) cp = 0x30B1;  // ヶ → ケ
        if (cp == 0x30F5) cp = 0x30AB;  // ヵ → カ
        AppendUtf8(out, cp);
    }
    return out;
}

std::string NoticeDedupeKey(const TenderNotice& notice) {
    return FoldNoticeText(notice.title) + "|" + FoldNoticeText(notice.organization_name) + "|" +
           (notice.issued_on ? FormatIsoDate(*notice.issued_on) : "");
}

NoticeLink LinkNoticeToGovernment(const TenderNotice& notice, const std::vector<GovernmentName>& governments) {
    std::map<std::string, const GovernmentName*> by_code;
    for (const auto& g : governments) by_code.emplace(g.code, &g);
    for (const auto& [field, value] :
         {std::pair<const char*, const std::string*>{"CityCode", &notice.city_code}, {"LgCode", &notice.lg_code}}) {
        if (value->size() != 5 && value->size() != 6) continue;
        auto code = GovernmentCode::Parse(*value);
        if (!code.ok()) continue;
        if (by_code.count(code->str())) return {code->str(), std::string(field) + " " + code->str(), false};
    }
    // The prefecture the notice names, to tell 府中市 (東京都) from 府中市 (広島県).
    std::string prefecture_code;
    if (notice.lg_code.size() == 2 && IsDigit(notice.lg_code[0]) && IsDigit(notice.lg_code[1])) {
        auto code = GovernmentCode::Parse(notice.lg_code + "000");
        if (code.ok()) prefecture_code = code->str();
    }
    const std::string prefecture_name = FoldNoticeText(notice.prefecture_name);

    // The organisation's first word ("○○町役場 総務課" → "○○町役場"), then without 役場/役所/庁.
    std::string_view raw = notice.organization_name;
    std::string first;
    {
        std::string trimmed;
        size_t pos = 0;
        bool started = false;
        while (pos < raw.size()) {
            size_t before = pos;
            char32_t cp = NextCodePoint(raw, pos);
            bool space = cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\n' || cp == '\r';
            if (space && started) break;
            if (!space) {
                started = true;
                trimmed.append(raw.substr(before, pos - before));
            }
        }
        first = FoldNoticeText(trimmed);
    }
    if (first.empty()) return {"", "no organisation name or code", false};
    for (auto [suffix, keep] : std::initializer_list<std::pair<std::string_view, std::string_view>>{{"市役所", "市"},
                                                                                                    {"区役所", "区"},
                                                                                                    {"町役場", "町"},
                                                                                                    {"村役場", "村"},
                                                                                                    {"県庁", "県"},
                                                                                                    {"都庁", "都"},
                                                                                                    {"道庁", "道"},
                                                                                                    {"府庁", "府"}}) {
        if (EndsWith(first, suffix)) {
            first = first.substr(0, first.size() - suffix.size()) + std::string(keep);
            break;
        }
    }

    size_t best_len = 0;
    std::vector<const GovernmentName*> best;
    for (const auto& g : governments) {
        if (!prefecture_code.empty() && g.prefecture_code != prefecture_code) continue;
        const std::string name = FoldNoticeText(g.name);
        const std::string pref = FoldNoticeText(g.prefecture_name);
        if (!prefecture_name.empty() && pref != prefecture_name) continue;
        size_t len = 0;
        if (!g.is_prefecture && StartsWith(first, pref + name)) {
            len = pref.size() + name.size();
        } else if (StartsWith(first, name)) {
            len = name.size();
        }
        if (len == 0) continue;
        if (len > best_len) {
            best_len = len;
            best.clear();
        }
        if (len == best_len) best.push_back(&g);
    }
    if (best.size() == 1) return {best[0]->code, "name " + best[0]->name, false};
    if (best.empty()) {
        if (LooksNational(first)) return {"", "国の機関 (national government): " + notice.organization_name, true};
        return {"", "unknown organisation: " + notice.organization_name, false};
    }
    std::string reason = "ambiguous: " + best[0]->name + " (";
    std::set<std::string> seen;
    bool comma = false;
    for (const auto* g : best) {
        if (!seen.insert(g->code).second) continue;
        reason += (comma ? ", " : "") + g->prefecture_name;
        comma = true;
    }
    reason += ")";
    return {"", reason, false};
}

AwardText ExtractAwardText(std::string_view text) {
    AwardText out;
    // Folded so full-width digits and colons read as ASCII; spaces are dropped too.
    const std::string folded = FoldNoticeText(text);
    auto value_after = [&](std::string_view label) -> std::string {
        size_t at = folded.find(label);
        if (at == std::string::npos) return "";
        size_t pos = at + label.size();
        if (pos >= folded.size() || folded[pos] != ':') return "";  // "落札金額:" (folded colon)
        return folded.substr(pos + 1);
    };
    auto original_after = [&](std::string_view label) -> std::string {
        size_t at = text.find(label);
        if (at == std::string_view::npos) return "";
        size_t pos = at + label.size();
        // A label is only a label when a colon follows ("落札者：", not "落札者の決定方法");
        // skip it and spaces (ASCII, U+3000) around it.
        bool colon = false;
        while (pos < text.size()) {
            if (text[pos] == ' ' || text[pos] == '\t') {
                ++pos;
            } else if (text[pos] == ':' || text.compare(pos, 3, "：") == 0) {
                pos += text[pos] == ':' ? 1 : 3;
                colon = true;
            } else if (text.compare(pos, 3, "\u3000") == 0) {
                pos += 3;
            } else {
                break;
            }
        }
        if (!colon) return "";
        size_t end = pos;
        while (end < text.size()) {
            if (text[end] == '\n' || text[end] == '\r' || text[end] == ' ' || text[end] == ',' || text[end] == '/')
                break;
            if (text.compare(end, 3, "\u3000") == 0 || text.compare(end, 3, "、") == 0 ||
                text.compare(end, 3, "。") == 0 || text.compare(end, 3, "，") == 0 || text.compare(end, 3, "（") == 0) {
                break;
            }
            ++end;
        }
        return std::string(text.substr(pos, end - pos));
    };
    for (std::string_view label : {"落札者", "落札業者", "契約相手方", "契約者"}) {
        std::string w = original_after(label);
        if (!w.empty() && w.size() <= 200) {
            out.winner = w;
            break;
        }
    }
    for (std::string_view label : {"落札金額", "落札価格", "契約金額"}) {
        std::string rest = value_after(label);
        if (rest.empty()) continue;
        long long amount = 0;
        int digits = 0;
        for (char c : rest) {
            if (IsDigit(c)) {
                if (digits >= 15) break;
                amount = amount * 10 + (c - '0');
                ++digits;
            } else if (c != ',' || digits == 0) {
                break;
            }
        }
        if (digits > 0) {
            out.amount = amount;
            break;
        }
    }
    return out;
}

}  // namespace kyoso::domain
