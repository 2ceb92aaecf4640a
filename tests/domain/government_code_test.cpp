#include "kyoso/domain/government/government_code.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

// Real codes (総務省 全国地方公共団体コード), 5-digit form → 6-digit form.
struct RealCode {
    const char* five;
    const char* six;
    const char* name;
};
constexpr RealCode kRealCodes[] = {
    {"01000", "010006", "北海道"},       {"13000", "130001", "東京都"}, {"47000", "470007", "沖縄県"},
    {"13101", "131016", "千代田区"},     {"07211", "072117", "田村市"}, {"01100", "011002", "札幌市"},
    {"01101", "011011", "札幌市中央区"}, {"14100", "141003", "横浜市"}, {"27100", "271004", "大阪市"},
    {"10203", "102032", "桐生市"},       {"01695", "016951", "色丹村"}, {"13421", "134210", "小笠原村"},
    {"40231", "402311", "那珂川市"},     {"23211", "232114", "豊田市"}, {"46201", "462012", "鹿児島市"},
};

TEST(GovernmentCode, CheckDigitMatchesRealCodes) {
    for (const auto& c : kRealCodes) {
        EXPECT_EQ(GovernmentCode::CheckDigit(c.five), c.six[5] - '0') << c.name;
    }
}

TEST(GovernmentCode, FiveDigitFormIsCompletedWithItsCheckDigit) {
    for (const auto& c : kRealCodes) {
        auto code = GovernmentCode::Parse(c.five);
        ASSERT_TRUE(code.ok()) << c.name << ": " << code.status().ToString();
        EXPECT_EQ(code->str(), c.six) << c.name;
    }
}

TEST(GovernmentCode, SixDigitFormIsAcceptedWhenTheCheckDigitIsRight) {
    for (const auto& c : kRealCodes) {
        auto code = GovernmentCode::Parse(c.six);
        ASSERT_TRUE(code.ok()) << c.name;
        EXPECT_EQ(code->str(), c.six);
    }
}

TEST(GovernmentCode, WrongCheckDigitIsRejectedNamingTheExpectedDigit) {
    auto code = GovernmentCode::Parse("131017");
    ASSERT_FALSE(code.ok());
    EXPECT_EQ(code.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(code.status().message().find("131017"), std::string::npos);
    EXPECT_NE(code.status().message().find("expected 6"), std::string::npos) << code.status().message();
}

TEST(GovernmentCode, EveryWrongDigitIsCaught) {
    for (const auto& c : kRealCodes) {
        for (char d = '0'; d <= '9'; ++d) {
            std::string s = c.six;
            if (s[5] == d) continue;
            s[5] = d;
            EXPECT_FALSE(GovernmentCode::Parse(s).ok()) << s;
        }
    }
}

TEST(GovernmentCode, MalformedInputIsRejected) {
    for (const char* bad : {"", "1310", "1310166", "13a01", "１３１０１", "13 101", "-13101"}) {
        auto code = GovernmentCode::Parse(bad);
        EXPECT_FALSE(code.ok()) << bad;
    }
}

TEST(GovernmentCode, UnknownPrefectureIsRejectedByNumber) {
    for (const char* bad : {"00000", "48000", "99101"}) {
        auto code = GovernmentCode::Parse(bad);
        ASSERT_FALSE(code.ok()) << bad;
        EXPECT_NE(code.status().message().find("unknown prefecture"), std::string::npos) << code.status().message();
    }
}

TEST(GovernmentCode, KnowsItsPrefecture) {
    auto code = GovernmentCode::Parse("131016");
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(code->prefecture_number(), 13);
    EXPECT_EQ(code->prefecture_code(), "130001");
    EXPECT_FALSE(code->is_prefecture());
    EXPECT_TRUE(GovernmentCode::Parse("130001")->is_prefecture());
}

}  // namespace
}  // namespace kyoso::domain
