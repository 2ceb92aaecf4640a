#include <gtest/gtest.h>

#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/mapping_file.hpp"

namespace kyoso::text {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view bytes, ports::TextEncoding enc, std::string* encoding,
                                              Status* status) {
    std::vector<std::vector<std::string>> out;
    CsvStreamReader reader;
    *status = reader.Read(
        bytes, enc, "t.csv",
        [&](long long, std::span<const std::string> cells) {
            out.emplace_back(cells.begin(), cells.end());
            return Status::Ok();
        },
        encoding);
    return out;
}

TEST(CsvStreamReader, StreamsRecordsWithReusedCellsAndReportsTheEncoding) {
    std::string enc;
    Status st;
    auto rows = ReadAll("a,b,c\n1,\"x,y\",3\n4\n", ports::TextEncoding::kAuto, &enc, &st);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(enc, "UTF-8");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x,y", "3"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"4"}));  // short rows are passed as they are
}

TEST(CsvStreamReader, DetectsShiftJisAndNamesUnsupportedEncodings) {
    std::string enc;
    Status st;
    // "氏名\n佐藤\n" in Shift_JIS.
    auto rows = ReadAll("\x8e\x81\x96\xbc\n\x8d\xb2\x93\xa1\n", ports::TextEncoding::kAuto, &enc, &st);
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(enc, "Shift_JIS");
    EXPECT_EQ(rows[1][0], "佐藤");
    // A BOM with Shift_JIS requested is a contradiction.
    (void)ReadAll(
        "\xEF\xBB\xBF"
        "a\n",
        ports::TextEncoding::kShiftJis, &enc, &st);
    EXPECT_FALSE(st.ok());
}

TEST(CsvStreamReader, MalformedQuotingNamesTheRecord) {
    std::string enc;
    Status st;
    (void)ReadAll("a,b\n1,2\n3,\"oops\n", ports::TextEncoding::kAuto, &enc, &st);
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.message().find("line 3"), std::string::npos) << st.message();
}

TEST(MappingFileParser, ReadsTheTomlSubset) {
    auto m = MappingFileParser().Parse(R"(# Maven
type = "deals"
[columns]
opportunity_id = "external_id"
"sales agent" = ["owner_external_id", "title"]
[constants]
government_code = "131016"  # 千代田区
[templates]
title = "{account|(none)}: {product}"
[values.stage]
Won = "won"
"Lost \"hard\"" = "lost"
)",
                                       "m.toml");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(m->type, "deals");
    ASSERT_EQ(m->columns.size(), 2u);
    EXPECT_EQ(m->columns[1].first, "sales agent");
    EXPECT_EQ(m->columns[1].second, (std::vector<std::string>{"owner_external_id", "title"}));
    EXPECT_EQ(m->constants[0].second, "131016");
    EXPECT_EQ(m->templates[0].second, "{account|(none)}: {product}");
    ASSERT_EQ(m->values.size(), 1u);
    EXPECT_EQ(m->values[0].first, "stage");
    EXPECT_EQ(m->values[0].second[1].first, "Lost \"hard\"");
}

TEST(MappingFileParser, ReadsJsonWithTheSameShape) {
    auto m = MappingFileParser().Parse(
        R"({"type":"users","columns":{"agent":["external_id","name"]},"constants":{"role":"field_sales"},
            "values":{"role":{"Mgr":"manager"}}})",
        "m.json");
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(m->columns[0].second.size(), 2u);
    EXPECT_EQ(m->values[0].second[0].second, "manager");
}

TEST(MappingFileParser, ErrorsNameTheLineOrKey) {
    struct Case {
        const char* text;
        const char* where;
    } cases[] = {
        {"[columns]\na = \"open\n", "line 2"},
        {"[nope]\n", "line 1"},
        {"type = \"x\" extra\n", "line 1"},
        {"[constants]\na = [\"list\"]\n", "line 2"},
        {R"({"columns": {"a": 1}})", "columns.a"},
        {R"({"colums": {}})", "colums"},
        {"{broken", "json"},
    };
    for (const auto& c : cases) {
        auto m = MappingFileParser().Parse(c.text, "m");
        ASSERT_FALSE(m.ok()) << c.text;
        ASSERT_FALSE(m.status().details().empty());
        EXPECT_EQ(m.status().details()[0].field, c.where) << c.text;
    }
}

}  // namespace
}  // namespace kyoso::text
