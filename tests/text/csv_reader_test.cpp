#include "kyoso/text/csv_reader.hpp"

#include <gtest/gtest.h>

namespace kyoso::text {
namespace {

TEST(CsvTableReader, ReadsUtf8WithHeaderAndQuotedFields) {
    CsvTableReader r;
    auto t = r.ReadBytes("code,name,population\n13101,\"千代田区\",\"66,680\"\n\"01100\",\"札幌市\"\"A\"\"\",1975065\n",
                         "t.csv");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->encoding, "UTF-8");
    ASSERT_EQ(t->header.size(), 3u);
    ASSERT_EQ(t->rows.size(), 2u);
    EXPECT_EQ(t->rows[0].line, 2);
    EXPECT_EQ(t->rows[0].cells[2], "66,680");
    EXPECT_EQ(t->rows[1].cells[1], "札幌市\"A\"");
}

TEST(CsvTableReader, StripsTheUtf8Bom) {
    CsvTableReader r;
    auto t = r.ReadBytes(
        "\xEF\xBB\xBF"
        "area_code,population\r\n13101,66680\r\n",
        "bom.csv");
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->encoding, "UTF-8 (BOM)");
    EXPECT_EQ(t->header[0], "area_code");
    EXPECT_EQ(t->rows[0].cells[1], "66680");
}

TEST(CsvTableReader, DecodesShiftJis) {
    CsvTableReader r;
    // "団体コード,人口\n13101,66680\n" in Shift_JIS.
    const std::string sjis = "\x92\x63\x91\xcc\x83\x52\x81\x5b\x83\x68,\x90\x6c\x8c\xfb\n13101,66680\n";
    auto t = r.ReadBytes(sjis, "sjis.csv");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->encoding, "Shift_JIS");
    EXPECT_EQ(t->header[0], "団体コード");
    EXPECT_EQ(t->header[1], "人口");
}

TEST(CsvTableReader, MalformedRowsNameTheirLine) {
    CsvTableReader r;
    auto unterminated = r.ReadBytes("code,pop\n13101,1\n13102,\"2\n", "bad.csv");
    ASSERT_FALSE(unterminated.ok());
    EXPECT_NE(unterminated.status().message().find("line 3"), std::string::npos) << unterminated.status().message();
    auto too_many = r.ReadBytes("code,pop\n13101,1\n13102,2,3\n", "bad.csv");
    ASSERT_FALSE(too_many.ok());
    EXPECT_NE(too_many.status().message().find("line 3 has 3 fields but the header has 2"), std::string::npos)
        << too_many.status().message();
    auto stray_quote = r.ReadBytes("code,pop\n13\"101,1\n", "bad.csv");
    EXPECT_FALSE(stray_quote.ok());
    auto empty = r.ReadBytes("", "empty.csv");
    EXPECT_FALSE(empty.ok());
}

TEST(CsvTableReader, BytesThatAreNeitherUtf8NorShiftJisAreRejected) {
    CsvTableReader r;
    auto t = r.ReadBytes("code,pop\n13101,\xff\xfe\n", "binary.csv");
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.status().message().find("line 2"), std::string::npos) << t.status().message();
}

}  // namespace
}  // namespace kyoso::text
