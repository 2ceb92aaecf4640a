#include <gtest/gtest.h>

#include "kyoso/domain/access/access.hpp"

namespace kyoso::domain {
namespace {

TEST(AccessPolicy, ShippedDefaultsMatchTheDocumentedTable) {
    const auto p = AccessPolicy::Defaults();
    EXPECT_EQ(p.Rule(AccessRole::kFieldSales, RecordKind::kDeal).read, Scope::kTerritory);
    EXPECT_EQ(p.Rule(AccessRole::kFieldSales, RecordKind::kDeal).write, Scope::kOwn);
    EXPECT_EQ(p.Rule(AccessRole::kInsideSales, RecordKind::kLead).read, Scope::kTeam);
    EXPECT_EQ(p.Rule(AccessRole::kManager, RecordKind::kDeal).write, Scope::kTeam);
    EXPECT_EQ(p.Rule(AccessRole::kCustomerSuccess, RecordKind::kDeal).read, Scope::kAll);
    EXPECT_TRUE(p.FieldHidden(AccessRole::kBdr, RecordKind::kDeal, "amount"));
    EXPECT_FALSE(p.FieldHidden(AccessRole::kFieldSales, RecordKind::kDeal, "amount"));
    EXPECT_TRUE(p.Has(AccessRole::kAdmin, Capability::kManageUsers));
    EXPECT_FALSE(p.Has(AccessRole::kManager, Capability::kManageUsers));
    EXPECT_TRUE(p.Has(AccessRole::kManager, Capability::kExportDisclosure));
    EXPECT_TRUE(p.Has(AccessRole::kBdr, Capability::kEditReference));
    EXPECT_FALSE(p.Has(AccessRole::kFieldSales, Capability::kImport));
}

TEST(AccessPolicy, RefusesRulesThatCannotHold) {
    auto p = AccessPolicy::Defaults();
    EXPECT_NE(p.SetRule(AccessRole::kBdr, RecordKind::kDeal, {Scope::kOwn, Scope::kAll, {}}), "");
    EXPECT_NE(p.SetRule(AccessRole::kBdr, RecordKind::kDeal, {Scope::kTeam, Scope::kTerritory, {}}), "");
    EXPECT_NE(p.SetRule(AccessRole::kAdmin, RecordKind::kDeal, {Scope::kOwn, Scope::kOwn, {}}), "");
    EXPECT_NE(p.SetRule(AccessRole::kBdr, RecordKind::kLead, {Scope::kAll, Scope::kOwn, {"amount"}}), "");
    EXPECT_NE(p.SetRule(AccessRole::kBdr, RecordKind::kDeal, {Scope::kAll, Scope::kOwn, {"title"}}), "");
    EXPECT_NE(p.SetCapability(AccessRole::kAdmin, Capability::kManageUsers, false), "");
    // Refused changes leave the rule as it was.
    EXPECT_EQ(p.Rule(AccessRole::kBdr, RecordKind::kDeal).read, Scope::kTeam);
    EXPECT_EQ(p.SetRule(AccessRole::kBdr, RecordKind::kDeal, {Scope::kAll, Scope::kTeam, {}}), "");
    EXPECT_EQ(p.Rule(AccessRole::kBdr, RecordKind::kDeal).read, Scope::kAll);
    EXPECT_FALSE(p.FieldHidden(AccessRole::kBdr, RecordKind::kDeal, "amount"));
}

TEST(AccessPolicy, SlugsRoundTrip) {
    for (auto r : kAllAccessRoles) EXPECT_EQ(AccessRoleFromSlug(AccessRoleSlug(r)), r);
    for (auto k : kAllRecordKinds) EXPECT_EQ(RecordKindFromSlug(RecordKindSlug(k)), k);
    for (auto c : kAllCapabilities) EXPECT_EQ(CapabilityFromSlug(CapabilitySlug(c)), c);
    EXPECT_FALSE(AccessRoleFromSlug("root"));
    EXPECT_EQ(PrefectureOf("131016"), "13");
}

}  // namespace
}  // namespace kyoso::domain
