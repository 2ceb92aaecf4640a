// `kyoso contact-log`, `kyoso export disclosure` and `kyoso search` run as a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct Run {
    int exit_code;
    std::string output;
};

Run Shell(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

Run Kyoso(const std::string& args) {
    return Shell("KYOSO_TODAY=2026-11-27 " + std::string(KYOSO_BINARY) + " " + args + " 2>&1");
}

// A small demo database, built once for the suite.
class ComplianceCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = new TempDb("compliance-cli");
        auto r = Kyoso("demo --db " + db_->path() + " --force -q");
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    static void TearDownTestSuite() {
        delete db_;
        db_ = nullptr;
    }
    static std::string Db() { return " --db " + db_->path(); }
    static TempDb* db_;
};
TempDb* ComplianceCli::db_ = nullptr;

TEST_F(ComplianceCli, EveryCommandHasHelp) {
    for (const char* cmd :
         {"contact-log", "contact-log add", "contact-log list", "export", "export disclosure", "search"}) {
        auto r = Kyoso(std::string(cmd) + " --help");
        EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.output;
        EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
    }
}

TEST_F(ComplianceCli, AddListExportAndSearch) {
    // Official 1 of the demo, with its government and any user.
    auto who = Shell("sqlite3 " + db_->path() + " \"SELECT government_code FROM officials WHERE id = 1\"");
    ASSERT_EQ(who.exit_code, 0) << who.output;
    const std::string gov = who.output.substr(0, 6);
    auto add = Kyoso("contact-log add" + Db() + " --government " + gov +
                     " --official 1 --user 1 --date 2026-11-20 --channel gift --summary 'お歳暮を持参したが辞退された'"
                     " --given 菓子折り --given-yen 3000");
    ASSERT_EQ(add.exit_code, 0) << add.output;
    EXPECT_NE(add.output.find("recorded contact log entry"), std::string::npos) << add.output;
    auto list = Kyoso("contact-log list" + Db() + " --government " + gov);
    ASSERT_EQ(list.exit_code, 0) << list.output;
    EXPECT_NE(list.output.find("贈答"), std::string::npos) << list.output;

    const auto dir = std::filesystem::path(::testing::TempDir()) / ("cli-disclosure-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto exported = Kyoso("export disclosure" + Db() + " --government " + gov + " --out " + dir.string());
    ASSERT_EQ(exported.exit_code, 0) << exported.output;
    const auto csv_path = dir / ("disclosure-" + gov + ".csv");
    const auto xlsx_path = dir / ("disclosure-" + gov + ".xlsx");
    std::ifstream csv(csv_path, std::ios::binary);
    std::string csv_text((std::istreambuf_iterator<char>(csv)), std::istreambuf_iterator<char>());
    EXPECT_EQ(csv_text.rfind("\xEF\xBB\xBF\"日時\"", 0), 0u) << csv_text.substr(0, 100);
    EXPECT_NE(csv_text.find("菓子折り（見積額 3,000円）"), std::string::npos);
    // The XLSX is a zip whose first sheet holds the rows (python3's zipfile reads it).
    auto sheet = Shell(
        "python3 -c \"import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read("
        "'xl/worksheets/sheet1.xml').decode())\" " +
        xlsx_path.string());
    ASSERT_EQ(sheet.exit_code, 0) << sheet.output;
    EXPECT_NE(sheet.output.find("お歳暮を持参したが辞退された"), std::string::npos) << sheet.output.substr(0, 400);
    EXPECT_NE(sheet.output.find("受領した物品等"), std::string::npos);

    auto found = Kyoso("search" + Db() + " 歳暮 --types contact");
    ASSERT_EQ(found.exit_code, 0) << found.output;
    EXPECT_NE(found.output.find("<mark>歳暮</mark>"), std::string::npos) << found.output;
    EXPECT_NE(found.output.find("1 hits"), std::string::npos) << found.output;
    // 全角/半角 and kana: the demo's governments by reading.
    auto kana = Kyoso("search" + Db() + " ｻｯﾎﾟﾛ --types government");
    ASSERT_EQ(kana.exit_code, 0) << kana.output;
    EXPECT_NE(kana.output.find("011002"), std::string::npos) << kana.output;
    std::filesystem::remove_all(dir);
}

TEST_F(ComplianceCli, ErrorsAreClearAndExitNonZero) {
    auto bad_channel =
        Kyoso("contact-log add" + Db() + " --government 131016 --user 1 --date 2026-11-20 --channel bribe --summary x");
    EXPECT_EQ(bad_channel.exit_code, 1);
    EXPECT_NE(bad_channel.output.find("channel: unknown channel"), std::string::npos) << bad_channel.output;
    auto no_dir = Kyoso("export disclosure" + Db() + " --government 131016 --out /nonexistent/dir");
    EXPECT_EQ(no_dir.exit_code, 1);
    EXPECT_NE(no_dir.output.find("does not exist"), std::string::npos) << no_dir.output;
    auto no_gov = Kyoso("export disclosure" + Db() + " --government 139998 --out /tmp");
    EXPECT_EQ(no_gov.exit_code, 1) << no_gov.output;
    auto empty = Kyoso("search" + Db() + " '   '");
    EXPECT_EQ(empty.exit_code, 1);
    EXPECT_NE(empty.output.find("empty search query"), std::string::npos) << empty.output;
    auto missing = Kyoso("search --db /nonexistent.db 防災");
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.output.find("no database at"), std::string::npos) << missing.output;
}

}  // namespace
}  // namespace kyoso::testing
