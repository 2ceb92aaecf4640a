#include "kyoso/feeds/council_reader.hpp"

#include <nlohmann/json.hpp>

namespace kyoso::feeds {

namespace {

using nlohmann::json;

// Bounds that keep a hostile file from exhausting memory; real files are far below.
constexpr size_t kMaxSchedules = 1000;
constexpr size_t kMaxSpeeches = 100000;

Status Bad(const std::string& where, const std::string& field, const std::string& problem) {
    return InvalidArgument(where + ": " + field + " " + problem, {{field, problem}});
}

// A required string member.
Status GetString(const json& obj, const char* key, const std::string& where, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return Bad(where, key, "is missing");
    if (!it->is_string()) return Bad(where, key, "must be a string");
    *out = it->get<std::string>();
    return Status::Ok();
}

// An optional string member: null or absent gives "".
Status GetNullableString(const json& obj, const char* key, const std::string& where, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
        out->clear();
        return Status::Ok();
    }
    if (!it->is_string()) return Bad(where, key, "must be a string or null");
    *out = it->get<std::string>();
    return Status::Ok();
}

Status GetInt(const json& obj, const char* key, const std::string& where, long long* out) {
    auto it = obj.find(key);
    if (it == obj.end()) return Bad(where, key, "is missing");
    if (!it->is_number_integer()) return Bad(where, key, "must be an integer");
    *out = it->get<long long>();
    return Status::Ok();
}

Result<json> Parse(std::string_view text, const std::string& file_name) {
    json doc = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return InvalidArgument(file_name + ": not valid JSON");
    if (!doc.is_object()) return InvalidArgument(file_name + ": the top level must be an object");
    return doc;
}

}  // namespace

namespace {

Result<domain::CouncilMinutes> MinutesFrom(const json& doc, const std::string& file_name) {
    domain::CouncilMinutes m;
    KYOSO_RETURN_IF_ERROR(GetString(doc, "session", file_name, &m.session));
    if (!domain::SessionYear(m.session)) {
        return Bad(file_name, "session", "must start with a 和暦 year (令和7年…), got '" + m.session + "'");
    }
    KYOSO_RETURN_IF_ERROR(GetInt(doc, "councilId", file_name, &m.council_id));
    KYOSO_RETURN_IF_ERROR(GetString(doc, "sourceUrl", file_name, &m.source_url));
    auto schedules = doc.find("schedules");
    if (schedules == doc.end() || !schedules->is_array()) return Bad(file_name, "schedules", "must be an array");
    if (schedules->size() > kMaxSchedules) return Bad(file_name, "schedules", "has too many entries");
    size_t speech_total = 0;
    for (size_t i = 0; i < schedules->size(); ++i) {
        const json& s = (*schedules)[i];
        const std::string where = file_name + ": schedules[" + std::to_string(i) + "]";
        if (!s.is_object()) return Bad(where, "schedule", "must be an object");
        domain::CouncilSchedule schedule;
        KYOSO_RETURN_IF_ERROR(GetInt(s, "scheduleId", where, &schedule.schedule_id));
        KYOSO_RETURN_IF_ERROR(GetString(s, "name", where, &schedule.name));
        schedule.date = domain::ScheduleDate(m.session, schedule.name);
        if (!schedule.date) {
            return Bad(where, "name", "must start with a date MM月DD日, got '" + schedule.name + "'");
        }
        auto speeches = s.find("speeches");
        if (speeches == s.end() || !speeches->is_array()) return Bad(where, "speeches", "must be an array");
        speech_total += speeches->size();
        if (speech_total > kMaxSpeeches) return Bad(where, "speeches", "too many speeches in one file");
        schedule.speeches.reserve(speeches->size());
        for (size_t j = 0; j < speeches->size(); ++j) {
            const json& x = (*speeches)[j];
            const std::string at = where + ".speeches[" + std::to_string(j) + "]";
            if (!x.is_object()) return Bad(at, "speech", "must be an object");
            domain::CouncilSpeech speech;
            long long type_code = 0;
            KYOSO_RETURN_IF_ERROR(GetInt(x, "id", at, &speech.speech_id));
            KYOSO_RETURN_IF_ERROR(GetString(x, "type", at, &speech.type));
            KYOSO_RETURN_IF_ERROR(GetInt(x, "typeCode", at, &type_code));
            speech.type_code = static_cast<int>(type_code);
            KYOSO_RETURN_IF_ERROR(GetNullableString(x, "speaker", at, &speech.speaker));
            KYOSO_RETURN_IF_ERROR(GetNullableString(x, "role", at, &speech.role));
            KYOSO_RETURN_IF_ERROR(GetString(x, "body", at, &speech.body));
            schedule.speeches.push_back(std::move(speech));
        }
        m.schedules.push_back(std::move(schedule));
    }
    return m;
}

}  // namespace

Result<domain::CouncilMinutes> ReadCouncilMinutes(std::string_view text, const std::string& file_name) {
    auto parsed = Parse(text, file_name);
    if (!parsed.ok()) return parsed.status();
    return MinutesFrom(*parsed, file_name);
}

namespace {

Result<domain::CouncilQuestionNotices> QuestionsFrom(const json& doc, const std::string& file_name) {
    domain::CouncilQuestionNotices n;
    KYOSO_RETURN_IF_ERROR(GetString(doc, "session", file_name, &n.session));
    if (!domain::SessionYear(n.session)) {
        return Bad(file_name, "session", "must start with a 和暦 year (令和7年…), got '" + n.session + "'");
    }
    KYOSO_RETURN_IF_ERROR(GetNullableString(doc, "sourceUrl", file_name, &n.source_url));
    auto questions = doc.find("questions");
    if (questions == doc.end() || !questions->is_array()) return Bad(file_name, "questions", "must be an array");
    if (questions->size() > kMaxSpeeches) return Bad(file_name, "questions", "has too many entries");
    for (size_t i = 0; i < questions->size(); ++i) {
        const json& q = (*questions)[i];
        const std::string where = file_name + ": questions[" + std::to_string(i) + "]";
        if (!q.is_object()) return Bad(where, "question", "must be an object");
        domain::CouncilQuestion question;
        KYOSO_RETURN_IF_ERROR(GetString(q, "memberName", where, &question.member_name));
        long long order = 0;
        KYOSO_RETURN_IF_ERROR(GetInt(q, "order", where, &order));
        question.order = static_cast<int>(order);
        auto items = q.find("items");
        if (items == q.end() || !items->is_array()) return Bad(where, "items", "must be an array");
        for (size_t j = 0; j < items->size() && j < kMaxSpeeches; ++j) {
            const json& it = (*items)[j];
            const std::string at = where + ".items[" + std::to_string(j) + "]";
            if (!it.is_object()) return Bad(at, "item", "must be an object");
            domain::CouncilQuestionItem item;
            KYOSO_RETURN_IF_ERROR(GetString(it, "title", at, &item.title));
            auto details = it.find("details");
            if (details != it.end() && !details->is_null()) {
                if (!details->is_array()) return Bad(at, "details", "must be an array of strings");
                for (size_t k = 0; k < details->size() && k < kMaxSpeeches; ++k) {
                    if (!(*details)[k].is_string()) {
                        return Bad(at + ".details[" + std::to_string(k) + "]", "details", "must be a string");
                    }
                    item.details.push_back((*details)[k].get<std::string>());
                }
            }
            question.items.push_back(std::move(item));
        }
        n.questions.push_back(std::move(question));
    }
    return n;
}

}  // namespace

Result<domain::CouncilQuestionNotices> ReadCouncilQuestions(std::string_view text, const std::string& file_name) {
    auto parsed = Parse(text, file_name);
    if (!parsed.ok()) return parsed.status();
    return QuestionsFrom(*parsed, file_name);
}

Result<domain::CouncilDocument> ReadCouncilDocument(std::string_view text, const std::string& file_name) {
    auto parsed = Parse(text, file_name);
    if (!parsed.ok()) return parsed.status();
    domain::CouncilDocument doc;
    if (parsed->contains("schedules")) {
        auto m = MinutesFrom(*parsed, file_name);
        if (!m.ok()) return m.status();
        doc.minutes = std::move(*m);
    } else if (parsed->contains("questions")) {
        auto q = QuestionsFrom(*parsed, file_name);
        if (!q.ok()) return q.status();
        doc.questions = std::move(*q);
    } else {
        return InvalidArgument(
            file_name + ": neither council minutes (\"schedules\") nor 一般質問 notices (\"questions\")",
            {{"file", "unknown council file format"}});
    }
    return doc;
}

}  // namespace kyoso::feeds
