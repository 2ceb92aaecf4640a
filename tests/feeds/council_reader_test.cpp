#include "kyoso/feeds/council_reader.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace kyoso::feeds {
namespace {

std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(CouncilReader, ReadsTheCommittedExcerpt) {
    auto m = ReadCouncilMinutes(ReadAll(std::string(KYOSO_SOURCE_DIR) + "/tests/data/intel/kiryu-r7-1-excerpt.json"),
                                "kiryu-r7-1-excerpt.json");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(m->session, "令和7年第1回定例会");
    EXPECT_EQ(m->council_id, 376);
    ASSERT_EQ(m->schedules.size(), 1u);
    ASSERT_TRUE(m->schedules[0].date);
    EXPECT_EQ(FormatIsoDate(*m->schedules[0].date), "2025-03-18");
    EXPECT_EQ(m->schedules[0].speeches.size(), 23u);
    const auto& answer = m->schedules[0].speeches[9];  // id 242
    EXPECT_EQ(answer.speech_id, 242);
    EXPECT_EQ(answer.type, "答弁");
    EXPECT_EQ(answer.role, "総務部長");
    EXPECT_EQ(answer.speaker, "青木紀夫");
}

TEST(CouncilReader, ReadsARealSessionFile) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-kiryu-council/minutes/r7-3-teireikai.json");
    auto m = ReadCouncilMinutes(ReadAll(path), "r7-3-teireikai.json");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(m->session, "令和7年第3回定例会");
    EXPECT_EQ(m->council_id, 385);
    ASSERT_EQ(m->schedules.size(), 4u);
    size_t speeches = 0;
    for (const auto& s : m->schedules) speeches += s.speeches.size();
    EXPECT_EQ(speeches, 1278u);
    EXPECT_EQ(FormatIsoDate(*m->schedules[0].date), "2025-09-01");
    EXPECT_EQ(FormatIsoDate(*m->schedules[3].date), "2025-09-26");
    EXPECT_EQ(m->schedules[0].speeches[0].speaker, "");  // the roll: speaker null
}

TEST(CouncilReader, ReadsRealQuestionNotices) {
    KYOSO_REQUIRE_SHARED_DATA(path, "jp-kiryu-council/questions/r7-3-teireikai.json");
    auto doc = ReadCouncilDocument(ReadAll(path), "r7-3-teireikai.json");
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ASSERT_TRUE(doc->questions);
    EXPECT_FALSE(doc->minutes);
    ASSERT_FALSE(doc->questions->questions.empty());
    EXPECT_EQ(doc->questions->questions[0].member_name, "福島賢一");
    EXPECT_EQ(doc->questions->questions[0].items[0].title, "「通学児童を交通事故から守る」措置について");
}

TEST(CouncilReader, MalformedInputIsRefusedNamingTheField) {
    struct Case {
        const char* json;
        const char* message_part;
    };
    const Case cases[] = {
        {"not json", "x.json: not valid JSON"},
        {"[]", "top level must be an object"},
        {R"({"councilId":1,"sourceUrl":"u","schedules":[]})", "session is missing"},
        {R"({"session":"第3回定例会","councilId":1,"sourceUrl":"u","schedules":[]})", "和暦"},
        {R"({"session":"令和7年第3回定例会","councilId":"1","sourceUrl":"u","schedules":[]})",
         "councilId must be an integer"},
        {R"({"session":"令和7年第3回定例会","councilId":1,"sourceUrl":"u","schedules":[{"scheduleId":2,"name":"一般質問","speeches":[]}]})",
         "schedules[0]: name must start with a date"},
        {R"({"session":"令和7年第3回定例会","councilId":1,"sourceUrl":"u","schedules":[{"scheduleId":2,"name":"09月01日","speeches":[{"id":1,"type":"答弁","typeCode":6,"speaker":null,"role":3,"body":"x"}]}]})",
         "schedules[0].speeches[0]: role must be a string or null"},
        {R"({"session":"令和7年第3回定例会","councilId":1,"sourceUrl":"u","schedules":[{"scheduleId":2,"name":"09月01日","speeches":[{"id":1,"type":"答弁","typeCode":6}]}]})",
         "speeches[0]: body is missing"},
    };
    for (const auto& c : cases) {
        auto m = ReadCouncilMinutes(c.json, "x.json");
        ASSERT_FALSE(m.ok()) << c.json;
        EXPECT_EQ(m.status().code(), ErrorCode::kInvalidArgument);
        EXPECT_NE(m.status().message().find(c.message_part), std::string::npos) << m.status().message();
    }
    auto neither = ReadCouncilDocument(R"({"session":"令和7年第3回定例会"})", "y.json");
    ASSERT_FALSE(neither.ok());
    EXPECT_NE(neither.status().message().find("y.json"), std::string::npos);
}

}  // namespace
}  // namespace kyoso::feeds
