#include <gtest/gtest.h>

#include <cmath>

#include "kyoso/domain/ml/tabular.hpp"

namespace kyoso::domain::ml {
namespace {

TEST(LeadTabular, ParseNumberTable) {
    struct Case {
        const char* text;
        std::optional<double> want;
    };
    const Case cases[] = {
        {"42", 42.0},
        {" -5.5 ", -5.5},
        {"1,234", 1234.0},
        {"1,234,567.5", 1234567.5},
        {"\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", 123.0},  // １２３ (full width)
        {"\xEF\xBF\xA5"
         "1,000",
         1000.0},                      // ￥1,000
        {"2500\xE5\x86\x86", 2500.0},  // 2500円
        {"12%", 12.0},                 // the percent sign is dropped
        {"1,23", std::nullopt},        // a comma needs three digits after it
        {"12,3456", std::nullopt},     // … and not four
        {"abc", std::nullopt},
        {"", std::nullopt},
        {"-", std::nullopt},
        {"\xE6\x9D\xB1\xE4\xBA\xAC", std::nullopt},  // 東京
        {"nan", std::nullopt},
    };
    for (const auto& c : cases) {
        const auto got = ParseNumber(c.text);
        ASSERT_EQ(got.has_value(), c.want.has_value()) << c.text;
        if (c.want) {
            EXPECT_DOUBLE_EQ(*got, *c.want) << c.text;
        }
    }
}

TEST(LeadTabular, ParseDateTable) {
    // Days since 1970-01-01, by hand: 2024-01-01 = 54 × 365 + 13 leap days (1972…2020) = 19723;
    // 2024-04-01 = 19723 + 31 + 29 + 31 = 19814. 2019-01-01 = 49 × 365 + 12 = 17897;
    // 2019-04-30 = 17897 + 31 + 28 + 31 + 29 = 18016. 2019-05-01 = 18017.
    struct Case {
        const char* text;
        std::optional<int> want;
    };
    const Case cases[] = {
        {"1970-01-01", 0},
        {"2024-04-01", 19814},
        {"2024/4/1", 19814},
        {"2024/04/01 10:30", 19814},
        {"2024-04-01T09:00:00", 19814},
        {"\xE4\xBB\xA4\xE5\x92\x8C"
         "6\xE5\xB9\xB4"
         "4\xE6\x9C\x88"
         "1\xE6\x97\xA5",
         19814},  // 令和6年4月1日
        {"\xE5\xB9\xB3\xE6\x88\x90"
         "31\xE5\xB9\xB4"
         "4\xE6\x9C\x88"
         "30\xE6\x97\xA5",
         18016},  // 平成31年4月30日
        {"\xE4\xBB\xA4\xE5\x92\x8C\xE5\x85\x83\xE5\xB9\xB4"
         "5\xE6\x9C\x88"
         "1\xE6\x97\xA5",
         18017},                       // 令和元年5月1日
        {"2023-02-29", std::nullopt},  // not a leap year
        {"2024-13-01", std::nullopt},
        {"2024-04", std::nullopt},
        {"24-04-01", std::nullopt},
        {"2024-04-01x", std::nullopt},
        {"12345", std::nullopt},
    };
    for (const auto& c : cases) {
        const auto got = ParseDate(c.text);
        ASSERT_EQ(got.has_value(), c.want.has_value()) << c.text;
        if (c.want) {
            EXPECT_EQ(*got, *c.want) << c.text;
        }
    }
}

TEST(LeadTabular, TargetRuleTable) {
    struct Case {
        std::vector<std::string> values;
        std::optional<std::string> positive;
        std::string want;  // "" = error
    };
    const std::string juchu = "\xE5\x8F\x97\xE6\xB3\xA8";    // 受注
    const std::string shicchu = "\xE5\xA4\xB1\xE6\xB3\xA8";  // 失注
    const Case cases[] = {
        {{"1", "0", "1", ""}, std::nullopt, "1"},  // blanks are not a value
        {{"Yes", "No"}, std::nullopt, "Yes"},      // case-insensitive
        {{juchu, shicchu, juchu}, std::nullopt, juchu},
        {{"won", "lost", "open"}, std::nullopt, ""},  // three values
        {{"a", "b"}, std::nullopt, ""},               // neither is a yes word
        {{"1", "yes"}, std::nullopt, ""},             // both are
        {{"1", "1"}, std::nullopt, ""},               // one value
        {{"won", "lost", "open"}, std::string("won"), "won"},
        {{"won", "lost"}, std::string("draw"), ""},  // never occurs
    };
    for (const auto& c : cases) {
        auto got = InferTargetRule(c.values, c.positive);
        if (c.want.empty()) {
            EXPECT_FALSE(got.ok()) << c.values.size();
        } else {
            ASSERT_TRUE(got.ok()) << got.status().message();
            EXPECT_EQ(got->positive, c.want);
        }
    }
}

TEST(LeadTabular, FitInfersTypesAndDropsConstantAndIdColumns) {
    TextTable t;
    t.header = {"id", "source", "amount", "created", "country", "email", "note"};
    t.rows = {
        {"1", "web", "1,000", "2024-04-01", "JP", "a@x", ""},
        {"2", "web", "", "2024-05-01", "JP", "b@x", ""},
        {"3", "inquiry", "300", "2025-01-15", "JP", "c@x", ""},
        {"4", "seminar", "20", "", "JP", "d@x", ""},
    };
    std::vector<std::string> notes;
    auto enc = FitEncoding(t, {0, 1, 2, 3, 4, 5, 6}, 1, &notes);
    ASSERT_TRUE(enc.ok()) << enc.status().message();
    // id: all different and named like an id; country: constant; email: all different
    // text; note: empty. Kept: source (category, one level: "web" seen twice; inquiry and
    // seminar are seen once → other), amount (number), created (date).
    ASSERT_EQ(enc->columns.size(), 3u);
    EXPECT_EQ(enc->columns[0].name, "source");
    EXPECT_EQ(enc->columns[0].kind, ColumnKind::kCategory);
    EXPECT_EQ(enc->columns[0].levels, std::vector<std::string>{"web"});
    EXPECT_EQ(enc->columns[1].kind, ColumnKind::kNumber);
    EXPECT_EQ(enc->columns[2].kind, ColumnKind::kDate);
    EXPECT_EQ(notes.size(), 5u);  // 4 dropped + 1 capped category
    // Features: source=web, source=#other, amount, created ×3 = 6.
    const auto features = enc->Features();
    ASSERT_EQ(features.size(), 6u);
    EXPECT_EQ(features[0].key, "source=web");
    EXPECT_EQ(features[1].key, "source=#other");
    EXPECT_EQ(enc->SourceOfFeatures(), (std::vector<std::size_t>{0, 0, 1, 2, 2, 2}));

    auto x = ApplyEncoding(*enc, t);
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(x->x.at(0, 0), 1.0f);  // web
    EXPECT_EQ(x->x.at(2, 1), 1.0f);  // inquiry → other
    EXPECT_EQ(x->x.at(0, 2), 1000.0f);
    EXPECT_TRUE(IsMissing(x->x.at(1, 2)));
    // 2024-04-01: day 19814, month 4, fiscal month 1; 2025-01-15: month 1 → fiscal month 10.
    EXPECT_EQ(x->x.at(0, 3), 19814.0f);
    EXPECT_EQ(x->x.at(0, 4), 4.0f);
    EXPECT_EQ(x->x.at(0, 5), 1.0f);
    EXPECT_EQ(x->x.at(2, 4), 1.0f);
    EXPECT_EQ(x->x.at(2, 5), 10.0f);
    EXPECT_TRUE(IsMissing(x->x.at(3, 3)));
    EXPECT_EQ(x->missing_cells, 2);  // amount of row 2, created of row 4
}

TEST(LeadTabular, ApplyNamesMissingColumnsAndRoundTrips) {
    TabularEncoding enc;
    enc.columns = {{"source", ColumnKind::kCategory, {"a\tb", "web"}}, {"amount", ColumnKind::kNumber, {}}};
    auto back = TabularEncoding::Decode(enc.Encode());
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->columns.size(), 2u);
    EXPECT_EQ(back->columns[0].levels[0], "a\tb");
    EXPECT_FALSE(TabularEncoding::Decode("weird\tx\n").ok());
    EXPECT_FALSE(TabularEncoding::Decode("").ok());

    TextTable t;
    t.header = {"amount", "extra"};
    t.rows = {{"1", "x"}};
    auto x = ApplyEncoding(enc, t);
    ASSERT_FALSE(x.ok());
    EXPECT_NE(x.status().message().find("'source'"), std::string::npos);

    t.header = {"source", "amount"};
    t.rows = {{"mail", "abc"}};
    x = ApplyEncoding(enc, t);
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(x->x.at(0, 2), 1.0f);  // unseen → other
    EXPECT_EQ(x->unparseable.at("amount"), 1);
}

}  // namespace
}  // namespace kyoso::domain::ml
