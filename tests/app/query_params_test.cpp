#include "kyoso/app/common/query_params.hpp"

#include <gtest/gtest.h>

namespace kyoso::app {
namespace {

TEST(QueryParams, ParseIntAcceptsOnlyWholeIntegers) {
    EXPECT_EQ(ParseInt("500"), 500);
    EXPECT_EQ(ParseInt("-1"), -1);
    for (const char* bad : {"", " 5", "5 ", "5x", "1e3", "99999999999999999999", "+5"}) {
        EXPECT_FALSE(ParseInt(bad).has_value()) << bad;
    }
}

TEST(QueryParams, HexRoundTripsAnyBytesAndRejectsJunk) {
    const std::string raw = std::string("v1\x1f") + "ちよだ" + std::string(1, '\0') + "\xff";
    EXPECT_EQ(FromHex(ToHex(raw), 512), raw);
    EXPECT_EQ(ToHex("A"), "41");
    EXPECT_FALSE(FromHex("abc", 512).has_value());  // odd length
    EXPECT_FALSE(FromHex("zz", 512).has_value());   // not hex
    EXPECT_FALSE(FromHex("4A", 512).has_value());   // upper case is not what we issue
    EXPECT_FALSE(FromHex("4142", 2).has_value());   // too long
}

TEST(QueryParams, SplitKeepsEmptyPiecesAndTrimStripsBlanks) {
    EXPECT_EQ(Split("town,,village", ','), (std::vector<std::string>{"town", "", "village"}));
    EXPECT_EQ(Trim(" \t13\r "), "13");
    auto st = ParamError("limit", "must be 1-500");
    EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
    ASSERT_EQ(st.details().size(), 1u);
    EXPECT_EQ(st.details()[0].field, "limit");
}

}  // namespace
}  // namespace kyoso::app
