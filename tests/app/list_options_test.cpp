#include "kyoso/app/common/list_options.hpp"

#include <gtest/gtest.h>

namespace kyoso::app {
namespace {

const std::vector<std::string> kSorts = {"id", "name"};
const std::vector<std::string> kFields = {"id", "name", "price_min"};

TEST(ListOptions, DefaultsToIdAscendingAndAllFields) {
    auto o = ParseListOptions({}, "products", kSorts, kFields);
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(o->sort.field, "id");
    EXPECT_FALSE(o->sort.descending);
    EXPECT_FALSE(o->sort.after_id);
    EXPECT_TRUE(o->fields.empty());
}

TEST(ListOptions, CursorRoundTripsValuesWithColonsAndIsBoundToItsSortAndList) {
    ports::SortSpec sort;
    sort.field = "name";
    sort.descending = true;
    const std::string cursor = MakeListCursor("products", sort, "株式会社:東京", 42);
    auto o = ParseListOptions({{"sort", "name"}, {"order", "desc"}, {"cursor", cursor}}, "products", kSorts, kFields);
    ASSERT_TRUE(o.ok()) << o.status().ToString();
    EXPECT_EQ(o->sort.after_id, 42);
    EXPECT_EQ(o->sort.after_value, "株式会社:東京");
    for (const ListParams& wrong : {ListParams{{"sort", "name"}, {"cursor", cursor}},             // other order
                                    ListParams{{"order", "desc"}, {"cursor", cursor}},            // other sort
                                    ListParams{{"cursor", "zz"}}, ListParams{{"cursor", ""}}}) {  // not hex
        auto bad = ParseListOptions(wrong, "products", kSorts, kFields);
        ASSERT_FALSE(bad.ok());
        EXPECT_EQ(bad.status().details().at(0).field, "cursor");
    }
    EXPECT_FALSE(ParseListOptions({{"sort", "name"}, {"order", "desc"}, {"cursor", cursor}}, "leads", kSorts, kFields)
                     .ok());  // another list's cursor
}

TEST(ListOptions, FieldsAreCheckedDeduplicatedAndAlwaysIncludeId) {
    auto o = ParseListOptions({{"fields", "price_min, name,name"}}, "products", kSorts, kFields);
    ASSERT_TRUE(o.ok());
    EXPECT_EQ(o->fields, (std::vector<std::string>{"id", "price_min", "name"}));
    auto bad = ParseListOptions({{"fields", "name,secret"}}, "products", kSorts, kFields);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().details().at(0).field, "fields");
    EXPECT_FALSE(ParseListOptions({{"sort", "price"}}, "products", kSorts, kFields).ok());
    EXPECT_FALSE(ParseListOptions({{"order", "random"}}, "products", kSorts, kFields).ok());
    EXPECT_EQ(CheckKnownParams({{"colour", "red"}}, {"sort"}).details().at(0).field, "colour");
}

}  // namespace
}  // namespace kyoso::app
