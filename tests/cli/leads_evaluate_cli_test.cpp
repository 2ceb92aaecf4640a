// `kyoso leads evaluate` and `kyoso leads score` run as a user would (docs/ml.md,
// "Lead scoring on your own data"): figures as JSON, clear errors with exit code 1.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "lead_csv_generator.hpp"

namespace kyoso::testing {
namespace {

struct CliRun {
    int exit_code;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Per process: ctest runs these tests in parallel processes, which must not share files.
std::string Path(const std::string& name) {
    return ::testing::TempDir() + "kyoso-leads-cli-" + std::to_string(::getpid()) + "-" + name;
}

std::string Write(const std::string& name, const std::string& content) {
    const std::string path = Path(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

CliRun RunKyoso(const std::string& args) {
    const std::string err_path = Path("stderr.txt");
    FILE* p = popen((std::string(KYOSO_BINARY) + " " + args + " 2>" + err_path).c_str(), "r");
    std::string out;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, Slurp(err_path)};
}

TEST(LeadsCli, EvaluatePrintsFiguresAndScoreAppliesTheSavedModel) {
    const auto csv = Write("leads.csv", GenerateLeadCsv(1200, 17, /*bom=*/true));
    const auto model = Path("model.kls");
    auto r = RunKyoso("leads evaluate --input " + csv + " --target result --split time:0.2 --save-model " + model);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    EXPECT_GT(j["auc"].get<double>(), 0.63);
    EXPECT_EQ(j["n_train"], 960);
    EXPECT_EQ(j["n_test"], 240);
    EXPECT_EQ(j["encoding"], "UTF-8 (BOM)");
    for (const char* key : {"logloss", "brier", "ece", "baseline", "features", "warnings", "notes"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_NE(r.err.find("leads evaluate:"), std::string::npos);  // progress/summary on stderr

    // Random split: deterministic, and still well above guessing.
    auto a = RunKyoso("leads evaluate -q --input " + csv + " --target result --split random:0.2:42");
    auto b = RunKyoso("leads evaluate -q --input " + csv + " --target result --split random:0.2:42");
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out.substr(0, a.out.find("train_seconds")), b.out.substr(0, b.out.find("train_seconds")));
    EXPECT_EQ(nlohmann::json::parse(a.out)["auc"], nlohmann::json::parse(b.out)["auc"]);
    EXPECT_GT(nlohmann::json::parse(a.out)["auc"].get<double>(), 0.63);

    // Without the signal columns: near guessing.
    auto c = RunKyoso("leads evaluate -q --input " + csv + " --target result --exclude source,pages_viewed");
    ASSERT_EQ(c.exit_code, 0) << c.err;
    const double auc = nlohmann::json::parse(c.out)["auc"].get<double>();
    EXPECT_GT(auc, 0.38);
    EXPECT_LT(auc, 0.62);

    // Score new rows: the original columns, score and the factors.
    const auto fresh = Write("new.csv",
                             "lead_id,created_on,source,prefecture,population,pages_viewed\n"
                             "N1,2026-04-01,inquiry,\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD,\"5,000\",14\n"
                             "N2,2026-04-02,telegram,\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD,,1\n");
    const auto out = Path("scored.csv");
    auto s = RunKyoso("leads score --model " + model + " --input " + fresh + " --out " + out);
    ASSERT_EQ(s.exit_code, 0) << s.err;
    const std::string scored = Slurp(out);
    EXPECT_EQ(scored.rfind("lead_id,created_on,source,prefecture,population,pages_viewed,score,", 0), 0u) << scored;
    EXPECT_NE(scored.find("\nN1,"), std::string::npos);
    EXPECT_NE(scored.find("source=inquiry (+"), std::string::npos) << scored;
    EXPECT_NE(s.err.find("warning: column 'source': 1 row(s) have a value the model did not learn"), std::string::npos)
        << s.err;
    // Approximate factors and none.
    EXPECT_EQ(RunKyoso("leads score -q --factors approximate --model " + model + " --input " + fresh).exit_code, 0);
    auto none = RunKyoso("leads score -q --factors none --model " + model + " --input " + fresh);
    ASSERT_EQ(none.exit_code, 0);
    EXPECT_NE(none.out.find("N2,"), std::string::npos);
}

// 30 rows whose target has three values.
std::string ThreeValued() {
    std::string out = "a,result\n";
    const char* values[] = {"won", "lost", "open"};
    for (int i = 0; i < 30; ++i) out += std::to_string(i) + "," + values[i % 3] + "\n";
    return out;
}

TEST(LeadsCli, ClearErrorsNeverACrash) {
    const auto good = Write("good.csv", GenerateLeadCsv(300, 2));
    struct Case {
        std::string args;
        std::string message;
    };
    const Case cases[] = {
        {"--input " + good + " --target outcome", "no column 'outcome'"},  // the columns are listed
        {"--input " + good + " --target outcome", "the columns are lead_id, created_on, source"},
        {"--input " + Write("tiny.csv", GenerateLeadCsv(12, 2)) + " --target result",
         "too little data: 12 row(s) with a value in 'result'; at least 20 are needed"},
        {"--input " + Write("few.csv", GenerateLeadCsv(40, 2)) + " --target result",
         "too little data: the training part"},
        {"--input " + Write("fields.csv", "a,b,result\n1,2,1\n3,4\n") + " --target result",
         "line 3 has 2 fields but the header has 3"},
        {"--input " + Write("quote.csv", "a,result\n1,1\n\"2,0\n") + " --target result", "line 3: malformed quoting"},
        {"--input " + Write("three.csv", ThreeValued()) + " --target result",
         "3 distinct values ('lost', 'open', 'won')"},
        {"--input " + good + " --target result --positive maybe", "--positive 'maybe' never occurs"},
        {"--input " + good + " --target result --split kfold:5", "--split must be"},
        {"--input " + good + " --target result --exclude nope", "--exclude names no column 'nope'"},
        {"--input /nonexistent.csv --target result", "cannot read input /nonexistent.csv"},
        {"--input " + Write("empty.csv", "") + " --target result", "is empty"},
    };
    for (const auto& c : cases) {
        auto r = RunKyoso("leads evaluate -q " + c.args);
        EXPECT_EQ(r.exit_code, 1) << c.args << "\n" << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
        EXPECT_EQ(r.err.find("terminate called"), std::string::npos) << r.err;
    }

    // A missing column at score time is named; a corrupt model file is refused.
    const auto model = Path("m2.kls");
    ASSERT_EQ(RunKyoso("leads evaluate -q --input " + good + " --target result --save-model " + model).exit_code, 0);
    auto r = RunKyoso("leads score -q --model " + model + " --input " + Write("lack.csv", "source\nweb\n"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("lacks the model's column(s) 'created_on'"), std::string::npos) << r.err;
    const std::string bytes = Slurp(model);
    r = RunKyoso("leads score -q --model " + Write("cut.kls", bytes.substr(0, bytes.size() - 100)) + " --input " +
                 good);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("not a Kyoso lead model file"), std::string::npos) << r.err;
    r = RunKyoso("leads score -q --model " + good + " --input " + good);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("not a Kyoso lead model file"), std::string::npos) << r.err;
}

TEST(LeadsCli, SemicolonSeparatedFiles) {
    std::string csv = GenerateLeadCsv(300, 4);
    // Re-separate with ';' (the generator quotes populations containing commas).
    std::string semi;
    bool quoted = false;
    for (char ch : csv) {
        if (ch == '"') quoted = !quoted;
        semi.push_back(ch == ',' && !quoted ? ';' : ch);
    }
    auto r = RunKyoso("leads evaluate -q --sep ';' --input " + Write("semi.csv", semi) + " --target result");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["n_test"], 60);
}

}  // namespace
}  // namespace kyoso::testing
