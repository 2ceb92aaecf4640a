#include "kyoso/core/status.hpp"

#include <gtest/gtest.h>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"

namespace kyoso {
namespace {

TEST(Status, OkByDefaultAndDescribesErrors) {
    EXPECT_TRUE(Status().ok());
    Status st = InvalidArgument("bad input", {{"row 3, column code", "wrong check digit"}});
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(st.ToString(), "INVALID_ARGUMENT: bad input (row 3, column code: wrong check digit)");
}

TEST(Result, CarriesAValueOrAnError) {
    Result<int> good = 3;
    Result<int> bad = NotFound("none");
    EXPECT_TRUE(good.ok());
    EXPECT_EQ(*good, 3);
    EXPECT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
}

TEST(Date, ParsesOnlyRealIsoDates) {
    EXPECT_EQ(ParseIsoDate("2027-04-01"), MakeDate(2027, 4, 1));
    EXPECT_EQ(ParseIsoDate("2028-02-29"), MakeDate(2028, 2, 29));
    for (const char* bad : {"2027-02-29", "2027-13-01", "2027-4-1", "20270401", "", "2027-04-01x"}) {
        EXPECT_FALSE(ParseIsoDate(bad).has_value()) << bad;
    }
    EXPECT_EQ(FormatIsoDate(MakeDate(2027, 4, 1)), "2027-04-01");
    EXPECT_EQ(Weekday(MakeDate(2026, 11, 27)), 5u);  // Friday
}

}  // namespace
}  // namespace kyoso
