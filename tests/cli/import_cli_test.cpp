// `kyoso import csv` and `kyoso export csv` run as a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct CliRun {
    int exit_code;
    std::string output;  // stdout and stderr
};

CliRun RunKyoso(const std::string& args) {
    FILE* p = popen((std::string(KYOSO_BINARY) + " " + args + " 2>&1").c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Write(const std::string& name, const std::string& content) {
    const std::string path = ::testing::TempDir() + "kyoso-import-cli-" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST(ImportCli, DryRunListsEveryBadRowAndExitsOneWithoutWriting) {
    TempDb db("cli-import-dry");
    const auto csv = Write("bad.csv", "製品ID,製品名,価格下限\nP1,防災,100\nP2,,abc\nP3,申請,x\n");
    auto r = RunKyoso("import csv --type products " + csv + " --dry-run -q --db " + db.path());
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_NE(r.output.find("row 3, column 製品名: required"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("row 3, column 価格下限: 'abc' is not a whole number"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("row 4, column 価格下限"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("dry run of"), std::string::npos) << r.output;
    auto applied = RunKyoso("import csv --type products " + csv + " -q --json --db " + db.path());
    EXPECT_EQ(applied.exit_code, 1);
    auto j = nlohmann::json::parse(applied.output, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << applied.output;
    EXPECT_EQ(j["applied"], false);
    EXPECT_EQ(j["error_count"], 3);
}

TEST(ImportCli, ImportsShiftJisWithProgressAndASummary) {
    TempDb db("cli-import-sjis");
    // "id,氏名\nU1,佐藤\n" in Shift_JIS.
    const auto csv = Write("sjis.csv", "id,\x8e\x81\x96\xbc\nU1,\x8d\xb2\x93\xa1\n");
    auto r = RunKyoso("import csv --type users " + csv + " --db " + db.path());
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("import users: 1/1 (100%)"), std::string::npos) << r.output;  // progress on stderr
    EXPECT_NE(r.output.find("(Shift_JIS): 1 rows, 1 inserted, 0 updated, 0 unchanged, 0 errors"), std::string::npos)
        << r.output;
    auto forced = RunKyoso("import csv --type users " + csv + " --encoding utf-8 -q --db " + db.path());
    EXPECT_EQ(forced.exit_code, 1);
    EXPECT_NE(forced.output.find("invalid UTF-8"), std::string::npos) << forced.output;
}

TEST(ImportCli, ExportThenImportIntoAFreshDatabaseThenExportIsByteIdentical) {
    TempDb demo("cli-export-demo"), fresh("cli-export-fresh");
    ASSERT_EQ(RunKyoso("demo -q --force --db " + demo.path()).exit_code, 0);
    for (const char* type : {"products", "users", "departments", "officials", "deals", "activities", "leads"}) {
        const auto first = ::testing::TempDir() + "kyoso-export-1-" + type + ".csv";
        const auto second = ::testing::TempDir() + "kyoso-export-2-" + type + ".csv";
        auto e1 = RunKyoso(std::string("export csv --type ") + type + " --out " + first + " -q --db " + demo.path());
        ASSERT_EQ(e1.exit_code, 0) << e1.output;
        auto i = RunKyoso(std::string("import csv --type ") + type + " " + first + " -q --db " + fresh.path());
        ASSERT_EQ(i.exit_code, 0) << i.output;
        auto e2 = RunKyoso(std::string("export csv --type ") + type + " --out " + second + " -q --db " + fresh.path());
        ASSERT_EQ(e2.exit_code, 0) << e2.output;
        EXPECT_EQ(Slurp(first), Slurp(second)) << type;
        EXPECT_GT(Slurp(first).size(), 200u) << type;
    }
}

TEST(ImportCli, AMappingFileNamesTheTypeAndMapsColumns) {
    TempDb db("cli-import-mapping");
    const auto mapping = Write("m.toml",
                               "type = \"users\"\n[columns]\nagent = [\"external_id\", \"name\"]\n"
                               "[constants]\nrole = \"manager\"\n");
    const auto csv = Write("agents.csv", "agent,office\nAnna,Central\n");
    auto r = RunKyoso("import csv " + csv + " --mapping " + mapping + " -q --json --db " + db.path());
    EXPECT_EQ(r.exit_code, 0) << r.output;
    auto j = nlohmann::json::parse(r.output, nullptr, false);
    EXPECT_EQ(j["inserted"], 1);
    EXPECT_EQ(j["ignored_columns"], nlohmann::json::array({"office"}));
    auto unknown = RunKyoso("import csv " + csv + " --type nope -q --db " + db.path());
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.output.find("unknown record type"), std::string::npos) << unknown.output;
}

}  // namespace
}  // namespace kyoso::testing
