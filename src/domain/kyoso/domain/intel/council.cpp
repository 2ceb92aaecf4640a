#include "kyoso/domain/intel/council.hpp"

namespace kyoso::domain {

namespace {

// Reads one ASCII or 全角 digit at `text[*pos]`, advancing; -1 when there is none.
int ReadDigit(std::string_view text, size_t* pos) {
    if (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') return text[(*pos)++] - '0';
    // 全角 ０-９ is U+FF10..U+FF19: EF BC 90..99.
    if (*pos + 3 <= text.size() && static_cast<unsigned char>(text[*pos]) == 0xEF &&
        static_cast<unsigned char>(text[*pos + 1]) == 0xBC) {
        const unsigned char c = static_cast<unsigned char>(text[*pos + 2]);
        if (c >= 0x90 && c <= 0x99) {
            *pos += 3;
            return c - 0x90;
        }
    }
    return -1;
}

// Reads a run of up to 4 digits; nullopt when none.
std::optional<int> ReadNumber(std::string_view text, size_t* pos) {
    int value = 0, digits = 0;
    for (;;) {
        size_t at = *pos;
        int d = ReadDigit(text, &at);
        if (d < 0 || digits == 4) break;
        value = value * 10 + d;
        ++digits;
        *pos = at;
    }
    if (digits == 0) return std::nullopt;
    return value;
}

bool Consume(std::string_view text, size_t* pos, std::string_view word) {
    if (text.substr(*pos, word.size()) != word) return false;
    *pos += word.size();
    return true;
}

}  // namespace

std::optional<int> SessionYear(std::string_view session) {
    size_t pos = 0;
    while (Consume(session, &pos, " ") || Consume(session, &pos, "　")) {
    }
    int base = 0;
    if (Consume(session, &pos, "令和")) {
        base = 2018;
    } else if (Consume(session, &pos, "平成")) {
        base = 1988;
    } else {
        return std::nullopt;
    }
    std::optional<int> year;
    if (Consume(session, &pos, "元")) {
        year = 1;
    } else {
        year = ReadNumber(session, &pos);
    }
    if (!year || *year < 1 || *year > 99 || !Consume(session, &pos, "年")) return std::nullopt;
    if (base == 1988 && *year > 31) return std::nullopt;
    return base + *year;
}

std::optional<Date> ScheduleDate(std::string_view session, std::string_view schedule_name) {
    auto year = SessionYear(session);
    if (!year) return std::nullopt;
    size_t pos = 0;
    auto month = ReadNumber(schedule_name, &pos);
    if (!month || !Consume(schedule_name, &pos, "月")) return std::nullopt;
    auto day = ReadNumber(schedule_name, &pos);
    if (!day || !Consume(schedule_name, &pos, "日")) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > 31) return std::nullopt;
    Date d = MakeDate(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    if (!d.ok()) return std::nullopt;
    return d;
}

}  // namespace kyoso::domain
