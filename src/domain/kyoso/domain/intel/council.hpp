#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// One speech of a council sitting (会議録の発言) as published: the chair, a member's
// question (質問), an executive's answer (答弁), an agenda line (議題) or the roll (名簿).
struct CouncilSpeech {
    long long speech_id = 0;  // the record's own id within its schedule
    std::string type;         // 議長, 質問, 答弁, 議題, 名簿
    int type_code = 0;        // the source's numeric type (4, 5, 6, 3, 2)
    std::string speaker;      // "" for agenda lines and the roll
    std::string role;         // 19番 (a member's seat), 市長, 総務部長, 議長, ""
    std::string body;
};

// One sitting day of a session (日程): "09月25日　一般質問" and its speeches.
struct CouncilSchedule {
    long long schedule_id = 0;
    std::string name;
    std::optional<Date> date;  // from the session's year and the MM月DD日 in the name
    std::vector<CouncilSpeech> speeches;
};

// The minutes (会議録) of one council session: "令和7年第3回定例会".
struct CouncilMinutes {
    std::string session;
    long long council_id = 0;
    std::string source_url;
    std::vector<CouncilSchedule> schedules;
};

// One 一般質問 通告 (notice of a general question): the member and the topics.
struct CouncilQuestionItem {
    std::string title;
    std::vector<std::string> details;
};
struct CouncilQuestion {
    std::string member_name;
    int order = 0;
    std::vector<CouncilQuestionItem> items;
};
struct CouncilQuestionNotices {
    std::string session;
    std::string source_url;
    std::vector<CouncilQuestion> questions;
};

// One council file as read: minutes or 一般質問 notices (exactly one is set).
struct CouncilDocument {
    std::optional<CouncilMinutes> minutes;
    std::optional<CouncilQuestionNotices> questions;
};

// The Gregorian year of a session name's 和暦 year: "令和7年第3回定例会" → 2025,
// "平成31年第1回定例会" → 2019, "令和元年…" → 2019. ASCII or 全角 digits; nullopt when the
// name does not start with 令和/平成 and a year.
std::optional<int> SessionYear(std::string_view session);

// The date of a sitting: the session's year with the "MM月DD日" at the start of the
// schedule name ("09月25日　一般質問" in 令和7年 → 2025-09-25); nullopt when either part is
// missing or the date is impossible.
std::optional<Date> ScheduleDate(std::string_view session, std::string_view schedule_name);

}  // namespace kyoso::domain
