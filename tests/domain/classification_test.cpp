#include "kyoso/domain/government/classification.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

GovernmentCode Code(const char* s) { return *GovernmentCode::Parse(s); }

TEST(ClassifyKind, FollowsTreeNameAndWards) {
    struct Case {
        TreePosition pos;
        const char* code;
        const char* name;
        bool wards;
        GovernmentKind want;
    };
    const Case cases[] = {
        {TreePosition::kPrefecture, "130001", "東京都", false, GovernmentKind::kPrefecture},
        {TreePosition::kMunicipality, "011002", "札幌市", true, GovernmentKind::kDesignatedCity},
        {TreePosition::kWard, "011011", "中央区", false, GovernmentKind::kWard},
        {TreePosition::kMunicipality, "131016", "千代田区", false, GovernmentKind::kSpecialWard},
        {TreePosition::kMunicipality, "012025", "函館市", false, GovernmentKind::kCoreCity},
        {TreePosition::kMunicipality, "102032", "桐生市", false, GovernmentKind::kCity},
        {TreePosition::kMunicipality, "013030", "当別町", false, GovernmentKind::kTown},
        {TreePosition::kMunicipality, "013048", "新篠津村", false, GovernmentKind::kVillage},
    };
    for (const auto& c : cases) {
        auto kind = ClassifyKind(c.pos, Code(c.code), c.name, c.wards);
        ASSERT_TRUE(kind.has_value()) << c.name;
        EXPECT_EQ(*kind, c.want) << c.name;
    }
}

TEST(ClassifyKind, UnknownSuffixIsNotGuessed) {
    EXPECT_FALSE(ClassifyKind(TreePosition::kMunicipality, Code("102032"), "桐生", false).has_value());
}

TEST(Classification, ListsHaveTheirPublishedSizes) {
    EXPECT_EQ(CoreCityCount(), 62);
    EXPECT_EQ(FormerSpecialCityCount(), 23);
    EXPECT_TRUE(IsNorthernTerritoriesVillage(Code("016951")));   // 色丹村
    EXPECT_FALSE(IsNorthernTerritoriesVillage(Code("014036")));  // 泊村 (後志), a real village
    EXPECT_TRUE(IsFormerSpecialCity(Code("082201")));            // つくば市
    EXPECT_FALSE(IsCoreCity(Code("082201")));
}

TEST(PopulationBand, BoundariesBelongToTheUpperBand) {
    EXPECT_EQ(PopulationBand(4'999), "〜5千");
    EXPECT_EQ(PopulationBand(5'000), "5千〜1万");
    EXPECT_EQ(PopulationBand(99'999), "5万〜10万");
    EXPECT_EQ(PopulationBand(100'000), "10万〜20万");
    EXPECT_EQ(PopulationBand(500'000), "50万〜");
}

Government Body(GovernmentKind kind, std::optional<long long> pop, std::optional<double> st = std::nullopt,
                std::optional<double> t = std::nullopt) {
    Government g{Code("102032")};
    g.kind = kind;
    g.population = pop;
    g.secondary_tertiary_share = st;
    g.tertiary_share = t;
    return g;
}

TEST(SimilarGroup, GeneralCitiesByPopulationAndIndustry) {
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCity, 49'999, 0.96, 0.70)), "一般市 I-3");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCity, 50'000, 0.96, 0.60)), "一般市 II-2");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCity, 120'000, 0.90, 0.56)), "一般市 III-1");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCity, 150'000, 0.90, 0.50)), "一般市 IV-0");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCity, 150'000)), "一般市 IV");
}

TEST(SimilarGroup, TownsAndVillagesByPopulationAndIndustry) {
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kTown, 4'999, 0.85, 0.60)), "町村 I-2");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kVillage, 12'000, 0.85, 0.50)), "町村 III-1");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kTown, 20'000, 0.70, 0.60)), "町村 V-0");
}

TEST(SimilarGroup, LargeBodiesFormTheirOwnGroupsAndUnknownsStayEmpty) {
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kDesignatedCity, std::nullopt)), "政令指定都市");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCoreCity, std::nullopt)), "中核市");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kSpecialWard, std::nullopt)), "特別区");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kCity, std::nullopt)), "");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kPrefecture, 1'000'000)), "");
    EXPECT_EQ(SimilarGroup(Body(GovernmentKind::kWard, 100'000)), "");
}

}  // namespace
}  // namespace kyoso::domain
