#include "kyoso/domain/people/people.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

TEST(People, DepartmentLevelsRoundTripAndNestStrictlyDeeper) {
    for (auto l : {DepartmentLevel::kBureau, DepartmentLevel::kDivision, DepartmentLevel::kSection}) {
        EXPECT_EQ(DepartmentLevelFromSlug(DepartmentLevelSlug(l)), l);
    }
    EXPECT_FALSE(DepartmentLevelFromSlug("部").has_value());
    EXPECT_TRUE(MayNest(DepartmentLevel::kBureau, DepartmentLevel::kDivision));
    EXPECT_TRUE(MayNest(DepartmentLevel::kBureau, DepartmentLevel::kSection));
    EXPECT_FALSE(MayNest(DepartmentLevel::kDivision, DepartmentLevel::kDivision));
    EXPECT_FALSE(MayNest(DepartmentLevel::kSection, DepartmentLevel::kBureau));
    EXPECT_EQ(GuessDepartmentLevel("総務部"), DepartmentLevel::kBureau);
    EXPECT_EQ(GuessDepartmentLevel("教育局"), DepartmentLevel::kBureau);
    EXPECT_EQ(GuessDepartmentLevel("教育委員会"), DepartmentLevel::kBureau);
    EXPECT_EQ(GuessDepartmentLevel("情報政策課"), DepartmentLevel::kDivision);
    EXPECT_EQ(GuessDepartmentLevel("秘書室"), DepartmentLevel::kDivision);
    EXPECT_EQ(GuessDepartmentLevel("庶務係"), DepartmentLevel::kSection);
    EXPECT_EQ(GuessDepartmentLevel("DX推進担当"), DepartmentLevel::kSection);
}

TEST(People, PolicyDomainsComeFromTheVocabulary) {
    for (const char* d : {"防災", "子育て", "福祉", "教育", "DX", "環境", "観光"}) EXPECT_TRUE(IsPolicyDomain(d)) << d;
    EXPECT_FALSE(IsPolicyDomain("dx"));
    EXPECT_TRUE(ValidatePolicyDomains({"防災", "DX"}, "policy_domains").ok());
    Status st = ValidatePolicyDomains({"防災", "宇宙", "防災"}, "policy_domains");
    ASSERT_FALSE(st.ok());
    ASSERT_EQ(st.details().size(), 2u);
    EXPECT_EQ(st.details()[0].field, "policy_domains[1]");
    EXPECT_EQ(st.details()[1].field, "policy_domains[2]");
}

TEST(People, DecisionRolesAcceptSlugsAndJapaneseLabels) {
    EXPECT_EQ(DecisionRoleFromText("approver"), DecisionRole::kApprover);
    EXPECT_EQ(DecisionRoleFromText("決裁者"), DecisionRole::kApprover);
    EXPECT_EQ(DecisionRoleFromText("担当者"), DecisionRole::kOwner);
    EXPECT_EQ(DecisionRoleFromText("影響者"), DecisionRole::kInfluencer);
    EXPECT_FALSE(DecisionRoleFromText("boss").has_value());
    EXPECT_EQ(DecisionRoleLabelJa(DecisionRole::kInfluencer), "影響者");
    EXPECT_EQ(OfficialNameKey("やまだたろう", ""), "やまだたろう|");
}

}  // namespace
}  // namespace kyoso::domain
