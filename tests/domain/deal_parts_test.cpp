#include "kyoso/domain/deal/deal_parts.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

DealLineItem Line(long long quantity, long long unit_price) {
    DealLineItem item;
    item.description = "ライセンス";
    item.quantity = quantity;
    item.unit_price = unit_price;
    return item;
}

TEST(LineItemsTotal, SumsQuantityTimesUnitPrice) {
    auto total = LineItemsTotal({Line(3, 1'000'000), Line(1, 500'000), Line(12, 0)});
    ASSERT_TRUE(total.ok());
    EXPECT_EQ(*total, 3'500'000);
    EXPECT_EQ(*LineItemsTotal({}), 0);
}

TEST(LineItemsTotal, NamesEachBadLine) {
    auto total = LineItemsTotal({Line(1, 100), Line(0, 100), Line(2, -5)});
    ASSERT_FALSE(total.ok());
    std::vector<std::string> fields;
    for (const auto& d : total.status().details()) fields.push_back(d.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"line_items[1].quantity", "line_items[2].unit_price"}));
}

TEST(LineItemsTotal, RefusesTotalsThatCouldOverflow) {
    auto total = LineItemsTotal({Line(4'000'000'000LL, 4'000'000'000LL)});
    ASSERT_FALSE(total.ok());
    EXPECT_EQ(total.status().details().at(0).field, "line_items");
    auto many = LineItemsTotal({Line(1, 900'000'000'000'000LL), Line(1, 200'000'000'000'000LL)});
    EXPECT_FALSE(many.ok());
}

TEST(DealSlugs, ParseTheRequestValues) {
    EXPECT_EQ(ProcurementFromSlug("proposal"), ProcurementMethod::kProposal);
    EXPECT_EQ(BudgetStatusFromSlug("supplementary"), BudgetStatus::kSupplementary);
    EXPECT_EQ(SalesRoleFromSlug("customer_success"), SalesRole::kCustomerSuccess);
    EXPECT_FALSE(ProcurementFromSlug("auction"));
    EXPECT_FALSE(SalesRoleFromSlug("ceo"));
}

}  // namespace
}  // namespace kyoso::domain
