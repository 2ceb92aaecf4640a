#pragma once

#include <string>
#include <string_view>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/intel/council.hpp"

namespace kyoso::feeds {

// Reads one council minutes file in the kiryu-public-log format (docs/intel.md):
// {"session", "councilId", "sourceUrl", "schedules": [{"scheduleId", "name",
// "speeches": [{"id", "type", "typeCode", "speaker", "role", "body"}]}]}. speaker and
// role may be null (agenda lines, the roll). Each schedule's date comes from the
// session's 和暦 year and the name's MM月DD日. Anything malformed refuses the whole file:
// InvalidArgument naming `file_name`, the schedule and speech index and the field.
Result<domain::CouncilMinutes> ReadCouncilMinutes(std::string_view json, const std::string& file_name);

// Reads one 一般質問 通告 file: {"session", "sourceUrl", "questions": [{"memberName",
// "order", "items": [{"title", "details": [..]}]}]}. Refused whole like the minutes.
Result<domain::CouncilQuestionNotices> ReadCouncilQuestions(std::string_view json, const std::string& file_name);

// Reads either kind, told apart by the top-level member: "schedules" (minutes) or
// "questions" (通告). InvalidArgument naming `file_name` when it has neither.
Result<domain::CouncilDocument> ReadCouncilDocument(std::string_view json, const std::string& file_name);

}  // namespace kyoso::feeds
