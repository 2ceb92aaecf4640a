// Budget-cycle intelligence end to end through the real binary, with the real product
// matcher (MeCab + BM25 over the demo catalogue): tender notices and council signals
// are matched to products with their terms, and the territory's owner is alerted.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>

#include "test_support.hpp"

namespace kyoso::testing {
namespace {

struct Run {
    int exit_code;
    std::string output;  // stdout and stderr
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

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class IntelCli : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = ::testing::TempDir() + "intel-cli-" + std::to_string(getpid()) + ".db";
        auto demo = Kyoso("demo --db " + db_ + " --seed 1 --force -q");
        ASSERT_EQ(demo.exit_code, 0) << demo.output;
    }
    std::string db_;
};

TEST_F(IntelCli, NoticesAreMatchedToProductsWithTheirTermsAndAlertTheTerritory) {
    auto r =
        Kyoso("notices import --db " + db_ + " --format kkj " + KYOSO_SOURCE_DIR + "/tests/data/intel/kkj_sample.xml");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    // 5 notices: 4 linked (by 団体コード or name), 府中市 is ambiguous and waits for review;
    // the 三春町 防災 system and the 府中市 GIS match the demo catalogue.
    EXPECT_TRUE(Has(r.output, "5 read, 5 new")) << r.output;
    EXPECT_TRUE(Has(r.output, "4 linked, 1 in the review queue")) << r.output;
    EXPECT_TRUE(Has(r.output, "2 product matches")) << r.output;
    // Alerts go to the users who sign in and hold the prefecture: 三春町 (福島県) is in the
    // demo field sales user's territory; 広島県 (府中市's GIS notice) is in no one's who signs in.
    EXPECT_TRUE(Has(r.output, "1 alerts")) << r.output;
    // The explanation: the terms the notice shares with the product profile.
    auto m =
        Kyoso("intel match --db " + db_ + " --text '三春町防災情報配信システム構築業務委託（公募型プロポーザル）'");
    ASSERT_EQ(m.exit_code, 0) << m.output;
    EXPECT_TRUE(Has(m.output, "防災情報配信システム")) << m.output;
    EXPECT_TRUE(Has(m.output, "防災情報")) << m.output;
    auto none = Kyoso("intel match --db " + db_ + " --text '倶知安町役場庁舎清掃業務委託'");
    ASSERT_EQ(none.exit_code, 0) << none.output;
    EXPECT_FALSE(Has(none.output, "防災情報配信システム")) << none.output;
    // Re-import: same keys update in place, nothing new.
    auto again =
        Kyoso("notices import --db " + db_ + " --format kkj " + KYOSO_SOURCE_DIR + "/tests/data/intel/kkj_sample.xml");
    EXPECT_TRUE(Has(again.output, "5 read, 0 new, 5 updated")) << again.output;
}

TEST_F(IntelCli, CouncilSignalsCarrySpeakerDateCueAndMatchedTerms) {
    auto r = Kyoso("signals import --db " + db_ + " --government 102032 " + KYOSO_SOURCE_DIR +
                   "/tests/data/intel/kiryu-r7-1-excerpt.json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(Has(r.output, "speeches 23")) << r.output;
    auto list = Kyoso("signals list --db " + db_);
    ASSERT_EQ(list.exit_code, 0) << list.output;
    // The 総務部長's answer on the chatbot of 2025-03-18, with its cue and the product
    // terms it matched (every stored signal matched a product: the matcher is on).
    EXPECT_TRUE(Has(list.output, "2025-03-18")) << list.output;
    EXPECT_TRUE(Has(list.output, "青木紀夫（総務部長）")) << list.output;
    EXPECT_TRUE(Has(list.output, "commit") || Has(list.output, "consider")) << list.output;
    EXPECT_FALSE(Has(list.output, "[]")) << list.output;
    EXPECT_TRUE(Has(list.output, "[")) << list.output;
}

}  // namespace
}  // namespace kyoso::testing
