// `kyoso import rotations` as a user runs it: dry run, apply, a bad row.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct Run {
    int exit_code;
    std::string output;
};

Run Kyoso(const std::string& args) {
    FILE* p = popen((std::string(KYOSO_BINARY) + " " + args + " 2>&1").c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Write(const std::string& name, const std::string& content) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

TEST(PeopleCli, ImportRotationsDryRunApplyAndBadRows) {
    TempDb db("people-cli");
    ASSERT_EQ(Kyoso("db migrate --db " + db.path()).exit_code, 0);
    EXPECT_EQ(Kyoso("import rotations --help").exit_code, 0);
    // UTF-8 with BOM, English headers, the date from --effective-date.
    const std::string list = Write("rotations.csv",
                                   "\xEF\xBB\xBFname,kana,government_code,to_department,to_title\n"
                                   "山田 太郎,やまだ たろう,131016,総務部 情報政策課,課長\n"
                                   "鈴木 花子,すずき はなこ,131016,総務部 情報政策課,係長\n");
    auto dry = Kyoso("import rotations " + list + " --db " + db.path() + " --dry-run --effective-date 2027-04-01");
    EXPECT_EQ(dry.exit_code, 0) << dry.output;
    EXPECT_NE(dry.output.find("dry run, nothing written"), std::string::npos) << dry.output;
    EXPECT_NE(dry.output.find("2 created"), std::string::npos) << dry.output;
    auto applied = Kyoso("import rotations " + list + " --db " + db.path() + " --effective-date 2027-04-01");
    EXPECT_EQ(applied.exit_code, 0) << applied.output;
    EXPECT_NE(applied.output.find("applied: 0 moved, 2 created"), std::string::npos) << applied.output;

    // The next year 山田 moves on and 佐藤 takes his post: a succession.
    const std::string next = Write("rotations2.csv",
                                   "氏名,団体コード,旧所属,新所属,新職名,発令日\n"
                                   "山田太郎,131016,総務部 情報政策課,企画部 企画課,部長,2028-04-01\n"
                                   "佐藤 三郎,131016,,総務部 情報政策課,課長,2028-04-01\n");
    auto second = Kyoso("import rotations " + next + " --db " + db.path());
    EXPECT_EQ(second.exit_code, 0) << second.output;
    EXPECT_NE(second.output.find("1 moved, 1 created"), std::string::npos) << second.output;
    EXPECT_NE(second.output.find("1 successions linked"), std::string::npos) << second.output;

    const std::string bad = Write("rotations3.csv",
                                  "氏名,団体コード,新所属,発令日\n鈴木 花子,131016,DX推進課,2029-04-01\n"
                                  ",131016,DX推進課,2029-04-31\n");
    auto refused = Kyoso("import rotations " + bad + " --db " + db.path());
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("row 3: 氏名: required"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("row 3: 発令日"), std::string::npos) << refused.output;
    auto missing = Kyoso("import rotations /nonexistent.csv --db " + db.path());
    EXPECT_NE(missing.exit_code, 0);
    auto no_db = Kyoso("import rotations " + list + " --db /nonexistent/kyoso.db");
    EXPECT_EQ(no_db.exit_code, 1);
}

}  // namespace
}  // namespace kyoso::testing
