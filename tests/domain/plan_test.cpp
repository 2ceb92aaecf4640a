// The staged action plan (docs/transformation.md, "Staged action plan"): hand-made
// diagnoses → the expected actions, their order, owners and due dates.
#include "kyoso/domain/transformation/plan.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace kyoso::domain {
namespace {

using D = TransformationDimension;

const BusinessCalendar& Calendar() {
    static const BusinessCalendar cal(
        {{MakeDate(2027, 1, 11), "成人の日"}, {MakeDate(2027, 7, 19), "海の日"}, {MakeDate(2028, 3, 20), "春分の日"}});
    return cal;
}

DimensionDiagnosis Dim(D d, std::optional<int> self, std::optional<int> measured) {
    DimensionDiagnosis x;
    x.dimension = d;
    x.self_level = self;
    x.measured_level = measured;
    if (self && measured) x.gap = *measured - *self;
    return x;
}

// データ活用 measured 1 against a self-assessment of 3 (gap −2); 分業 self-assessed 2
// only; AI measured 4; 学習文化 measured 3; 自治体営業 measured 2 = self 2.
Diagnosis Mixed() {
    Diagnosis d;
    d.assessment_id = 7;
    d.assessed_on = MakeDate(2026, 11, 20);
    d.dimensions = {Dim(D::kData, 3, 1), Dim(D::kDivisionOfLabour, 2, std::nullopt), Dim(D::kAi, 3, 4),
                    Dim(D::kLearningCulture, std::nullopt, 3), Dim(D::kPublicSector, 2, 2)};
    return d;
}

Diagnosis AllAt(int level) {
    Diagnosis d;
    for (auto dim : AllTransformationDimensions()) d.dimensions.push_back(Dim(dim, level, level));
    return d;
}

std::vector<std::string> Keys(const ActionPlan& p) {
    std::vector<std::string> out;
    for (const auto& a : p.actions) out.emplace_back(a.source->key);
    return out;
}

const PlanAction* Find(const ActionPlan& p, std::string_view key) {
    for (const auto& a : p.actions) {
        if (a.source->key == key) return &a;
    }
    return nullptr;
}

TEST(PlanCatalogue, HoldsBetween25And40ActionsWithUniqueKeysInEveryStageAndDimension) {
    const auto& c = PlanCatalogue();
    EXPECT_GE(c.size(), 25u);
    EXPECT_LE(c.size(), 40u);
    std::set<std::string> keys;
    std::set<std::pair<int, int>> covered;
    for (const auto& t : c) {
        EXPECT_TRUE(keys.insert(std::string(t.key)).second) << t.key;
        EXPECT_FALSE(t.title_ja.empty() || t.title_en.empty() || t.description_ja.empty() || t.description_en.empty())
            << t.key;
        EXPECT_FALSE(t.kpi.name_ja.empty() || t.kpi.moves.empty()) << t.key;
        EXPECT_TRUE(t.kpi.comparator == ">=" || t.kpi.comparator == "<=") << t.key;
        covered.insert({static_cast<int>(t.stage), static_cast<int>(t.dimension)});
        EXPECT_EQ(FindPlanAction(t.key), &t);
    }
    EXPECT_EQ(covered.size(), 15u) << "every stage has an action of every dimension";
    EXPECT_EQ(FindPlanAction("no.such"), nullptr);
}

TEST(PlanDates, AddMonthsClampsToTheMonthsEnd) {
    EXPECT_EQ(AddMonthsClamped(MakeDate(2026, 11, 30), 3), MakeDate(2027, 2, 28));
    EXPECT_EQ(AddMonthsClamped(MakeDate(2027, 1, 31), 1), MakeDate(2027, 2, 28));
    EXPECT_EQ(AddMonthsClamped(MakeDate(2027, 11, 30), 3), MakeDate(2028, 2, 29));
    EXPECT_EQ(AddMonthsClamped(MakeDate(2026, 12, 1), 18), MakeDate(2028, 6, 1));
}

TEST(PlanDates, StageEndsMoveToTheNextBusinessDay) {
    const auto& pilot = *FindPlanAction("data.same_day_logging");
    const auto& expand = *FindPlanAction("data.weekly_review");
    const auto& settle = *FindPlanAction("data.targets_from_data");
    struct Case {
        Date start;
        const PlanActionTemplate* action;
        Date due;
    } cases[] = {
        {MakeDate(2026, 12, 1), &pilot, MakeDate(2027, 3, 1)},     // a Monday
        {MakeDate(2026, 11, 27), &pilot, MakeDate(2027, 3, 1)},    // 27 Feb is a Saturday
        {MakeDate(2026, 11, 27), &expand, MakeDate(2027, 8, 27)},  // a Friday
        {MakeDate(2026, 11, 27), &settle, MakeDate(2028, 5, 29)},  // 27 May 2028 is a Saturday
        {MakeDate(2026, 10, 11), &pilot, MakeDate(2027, 1, 12)},   // 11 Jan 2027 is 成人の日
        {MakeDate(2026, 9, 30), &pilot, MakeDate(2027, 1, 4)},     // 30 Dec: year-end closure
        {MakeDate(2026, 10, 19), &expand, MakeDate(2027, 7, 20)},  // 19 Jul 2027 is 海の日
    };
    for (const auto& c : cases) {
        EXPECT_EQ(FormatIsoDate(PlanDueDate(*c.action, c.start, Calendar())), FormatIsoDate(c.due))
            << c.action->key << " from " << FormatIsoDate(c.start);
    }
}

TEST(PlanDates, BudgetCycleActionsAreDueBeforeTheSummerSeasonOrTheNextFiscalYear) {
    const auto& spec = *FindPlanAction("public.spec_before_request");         // expand, before 30 June
    const auto& rotation = *FindPlanAction("public.rotation_handover");       // pilot, before 1 April
    const auto& appraisal = *FindPlanAction("learning.two_axis_evaluation");  // institutionalise, before 1 April
    EXPECT_EQ(spec.due_rule, PlanDueRule::kBeforeBudgetSeason);
    // Start 1 Dec 2026: the expand stage starts 1 Mar 2027, so the first 30 June at least
    // 30 days later is 30 June 2027 (a Wednesday).
    EXPECT_EQ(PlanDueDate(spec, MakeDate(2026, 12, 1), Calendar()), MakeDate(2027, 6, 30));
    // Start 15 Apr 2027: the stage starts 15 Jul, past this year's season: 30 June 2028 (Friday).
    EXPECT_EQ(PlanDueDate(spec, MakeDate(2027, 4, 15), Calendar()), MakeDate(2028, 6, 30));
    // Start 1 Jan 2029: 30 June 2029 is a Saturday → Friday 29 June.
    EXPECT_EQ(PlanDueDate(spec, MakeDate(2029, 1, 1), Calendar()), MakeDate(2029, 6, 29));
    EXPECT_EQ(PlanDueDate(rotation, MakeDate(2026, 12, 1), Calendar()), MakeDate(2027, 3, 31));
    // Start 15 Mar 2027: 31 March is less than 30 days away → the next year's (a Friday).
    EXPECT_EQ(PlanDueDate(rotation, MakeDate(2027, 3, 15), Calendar()), MakeDate(2028, 3, 31));
    // Institutionalise from 1 Sep 2027 (start 1 Dec 2026): before FY2028.
    EXPECT_EQ(PlanDueDate(appraisal, MakeDate(2026, 12, 1), Calendar()), MakeDate(2028, 3, 31));
    // 31 March 2030 is a Sunday → Friday 29 March.
    EXPECT_EQ(PlanDueDate(rotation, MakeDate(2029, 12, 1), Calendar()), MakeDate(2030, 3, 29));
}

TEST(GeneratePlan, WeakestDimensionsAndNegativeGapsComeFirst) {
    const ActionPlan p =
        GeneratePlan(Mixed(), OrgSizeBand::kMedium, GovernmentFocus::kLargeCities, MakeDate(2026, 12, 1), Calendar());
    // Ranks: データ (level 1), 分業 (2, self-assessed), 自治体営業 (2), 学習文化 (3), AI (4).
    ASSERT_EQ(p.priorities.size(), 5u);
    EXPECT_EQ(p.priorities[0].dimension, D::kData);
    EXPECT_TRUE(p.priorities[0].measured);
    EXPECT_EQ(p.priorities[0].gap, -2);
    EXPECT_EQ(p.priorities[1].dimension, D::kDivisionOfLabour);
    EXPECT_FALSE(p.priorities[1].measured);
    EXPECT_EQ(p.priorities[2].dimension, D::kPublicSector);
    EXPECT_EQ(p.priorities[3].dimension, D::kLearningCulture);
    EXPECT_EQ(p.priorities[4].dimension, D::kAi);
    const std::vector<std::string> want = {
        // パイロット
        "core.vision", "core.gap_review", "data.same_day_logging", "data.key_fields", "division.is_fs_pilot",
        "division.handoff_rules", "public.procurement_calendar", "public.fiscal_fields",
        // 拡大
        "core.scorecard_review", "data.weekly_review", "division.expand_split", "public.spec_before_request",
        "learning.case_library",
        // 定着: AI (level 4) gets only this stage
        "data.targets_from_data", "division.policy_vs_implementation", "public.public_value",
        "learning.two_axis_evaluation", "ai.model_review"};
    EXPECT_EQ(Keys(p), want);
    EXPECT_EQ(p.end, MakeDate(2028, 6, 1));
    struct Want {
        const char* key;
        PlanOwnerRole owner;
        Date due;
    } details[] = {
        {"core.vision", PlanOwnerRole::kExecutive, MakeDate(2027, 3, 1)},
        {"data.same_day_logging", PlanOwnerRole::kManager, MakeDate(2027, 3, 1)},
        {"public.procurement_calendar", PlanOwnerRole::kAdmin, MakeDate(2027, 3, 1)},
        {"public.fiscal_fields", PlanOwnerRole::kFieldSales, MakeDate(2027, 3, 1)},
        {"public.spec_before_request", PlanOwnerRole::kFieldSales, MakeDate(2027, 6, 30)},
        {"learning.case_library", PlanOwnerRole::kCustomerSuccess, MakeDate(2027, 9, 1)},
        {"learning.two_axis_evaluation", PlanOwnerRole::kExecutive, MakeDate(2028, 3, 31)},
        {"ai.model_review", PlanOwnerRole::kAdmin, MakeDate(2028, 6, 1)},
    };
    for (const auto& w : details) {
        const PlanAction* a = Find(p, w.key);
        ASSERT_NE(a, nullptr) << w.key;
        EXPECT_EQ(a->owner, w.owner) << w.key;
        EXPECT_EQ(FormatIsoDate(a->due), FormatIsoDate(w.due)) << w.key;
    }
    EXPECT_NE(Find(p, "data.same_day_logging")->reason_ja.find("レベル1（実測）"), std::string::npos);
    EXPECT_NE(Find(p, "data.same_day_logging")->reason_ja.find("上回る"), std::string::npos);
    EXPECT_NE(Find(p, "core.gap_review")->reason_ja.find("データ活用"), std::string::npos);
    EXPECT_LE(p.actions.size(), static_cast<size_t>(kMaxPlanActions));
}

TEST(GeneratePlan, StrongDimensionsGetOnlyInstitutionaliseActions) {
    const ActionPlan p =
        GeneratePlan(AllAt(4), OrgSizeBand::kMedium, GovernmentFocus::kMixed, MakeDate(2026, 12, 1), Calendar());
    const std::vector<std::string> want = {"core.vision",
                                           "core.scorecard_review",
                                           "data.targets_from_data",
                                           "division.policy_vs_implementation",
                                           "ai.model_review",
                                           "learning.two_axis_evaluation",
                                           "public.public_value"};
    EXPECT_EQ(Keys(p), want);
    EXPECT_EQ(Find(p, "core.gap_review"), nullptr) << "no negative gap";
}

TEST(GeneratePlan, AnEmptyDiagnosisTreatsEveryDimensionAsLevelThree) {
    const ActionPlan p = GeneratePlan(Diagnosis{}, OrgSizeBand::kSmall, GovernmentFocus::kTownsAndVillages,
                                      MakeDate(2026, 12, 1), Calendar());
    for (const auto& pr : p.priorities) {
        EXPECT_FALSE(pr.assessed);
        EXPECT_EQ(pr.level, 3);
    }
    // Core 2 + one expand and one institutionalise action per dimension.
    EXPECT_EQ(p.actions.size(), 12u);
    for (const auto& a : p.actions) {
        EXPECT_TRUE(a.source->stage != PlanStage::kPilot || a.source->core) << a.source->key;
    }
}

TEST(GeneratePlan, AVeryWeakOrganisationIsCappedAt18Actions) {
    const ActionPlan p =
        GeneratePlan(AllAt(1), OrgSizeBand::kLarge, GovernmentFocus::kMixed, MakeDate(2026, 12, 1), Calendar());
    EXPECT_EQ(p.actions.size(), static_cast<size_t>(kMaxPlanActions));
    // Same inputs, same plan.
    EXPECT_EQ(Keys(p), Keys(GeneratePlan(AllAt(1), OrgSizeBand::kLarge, GovernmentFocus::kMixed, MakeDate(2026, 12, 1),
                                         Calendar())));
    // Stages stay in order.
    int last = 0;
    for (const auto& a : p.actions) {
        EXPECT_GE(static_cast<int>(a.source->stage), last);
        last = static_cast<int>(a.source->stage);
    }
}

TEST(GeneratePlan, TailorsBySizeAndGovernmentFocus) {
    struct Case {
        OrgSizeBand band;
        GovernmentFocus focus;
        const char* division_pilot;  // the split's pilot
        const char* public_pilot;    // the first public-sector pilot action
        const char* public_second;
        PlanOwnerRole data_owner;     // owner of data.same_day_logging
        PlanOwnerRole case_owner;     // owner of learning.case_library (customer success)
        const char* division_expand;  // the split's expansion
    } cases[] = {
        {OrgSizeBand::kSmall, GovernmentFocus::kLargeCities, "division.solo_bdr_is", "public.procurement_calendar",
         "public.fiscal_fields", PlanOwnerRole::kExecutive, PlanOwnerRole::kFieldSales, "division.light_tools"},
        {OrgSizeBand::kSmall, GovernmentFocus::kTownsAndVillages, "division.solo_bdr_is",
         "public.small_contract_package", "public.rotation_handover", PlanOwnerRole::kExecutive,
         PlanOwnerRole::kFieldSales, "division.light_tools"},
        {OrgSizeBand::kMedium, GovernmentFocus::kLargeCities, "division.is_fs_pilot", "public.procurement_calendar",
         "public.fiscal_fields", PlanOwnerRole::kManager, PlanOwnerRole::kCustomerSuccess, "division.expand_split"},
        {OrgSizeBand::kMedium, GovernmentFocus::kTownsAndVillages, "division.is_fs_pilot",
         "public.small_contract_package", "public.rotation_handover", PlanOwnerRole::kManager,
         PlanOwnerRole::kCustomerSuccess, "division.expand_split"},
        {OrgSizeBand::kLarge, GovernmentFocus::kLargeCities, "division.region_pilot", "public.procurement_calendar",
         "public.fiscal_fields", PlanOwnerRole::kManager, PlanOwnerRole::kCustomerSuccess, "division.dedicated_teams"},
        {OrgSizeBand::kLarge, GovernmentFocus::kTownsAndVillages, "division.region_pilot",
         "public.small_contract_package", "public.rotation_handover", PlanOwnerRole::kManager,
         PlanOwnerRole::kCustomerSuccess, "division.dedicated_teams"},
    };
    for (const auto& c : cases) {
        const ActionPlan p = GeneratePlan(Mixed(), c.band, c.focus, MakeDate(2026, 12, 1), Calendar());
        const std::string what = std::string(OrgSizeBandSlug(c.band)) + "/" + std::string(GovernmentFocusSlug(c.focus));
        EXPECT_NE(Find(p, c.division_pilot), nullptr) << what;
        EXPECT_NE(Find(p, c.division_expand), nullptr) << what;
        EXPECT_NE(Find(p, c.public_pilot), nullptr) << what;
        EXPECT_NE(Find(p, c.public_second), nullptr) << what;
        ASSERT_NE(Find(p, "data.same_day_logging"), nullptr) << what;
        EXPECT_EQ(Find(p, "data.same_day_logging")->owner, c.data_owner) << what;
        ASSERT_NE(Find(p, "learning.case_library"), nullptr) << what;
        EXPECT_EQ(Find(p, "learning.case_library")->owner, c.case_owner) << what;
        // Nothing for the other focus or size.
        for (const auto& a : p.actions) {
            if (c.focus == GovernmentFocus::kLargeCities) {
                EXPECT_TRUE((a.source->focus & kPlanFocusLargeCities) != 0) << what << " " << a.source->key;
            } else {
                EXPECT_TRUE((a.source->focus & kPlanFocusTowns) != 0) << what << " " << a.source->key;
            }
            EXPECT_NE(a.owner, c.band == OrgSizeBand::kLarge ? PlanOwnerRole::kInsideSales : PlanOwnerRole::kBdr)
                << what << " " << a.source->key;
        }
        if (c.band == OrgSizeBand::kSmall) {
            for (const auto& a : p.actions) {
                EXPECT_NE(a.owner, PlanOwnerRole::kManager) << what << " " << a.source->key;
                EXPECT_NE(a.owner, PlanOwnerRole::kAdmin) << what << " " << a.source->key;
            }
        }
        if (c.band == OrgSizeBand::kLarge) {
            EXPECT_NE(Find(p, "division.enablement"), nullptr) << what;
        }
    }
}

TEST(GeneratePlan, OwnersAreTailoredBySize) {
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kManager, OrgSizeBand::kSmall), PlanOwnerRole::kExecutive);
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kBdr, OrgSizeBand::kSmall), PlanOwnerRole::kInsideSales);
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kCustomerSuccess, OrgSizeBand::kSmall), PlanOwnerRole::kFieldSales);
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kAdmin, OrgSizeBand::kSmall), PlanOwnerRole::kExecutive);
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kBdr, OrgSizeBand::kMedium), PlanOwnerRole::kInsideSales);
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kManager, OrgSizeBand::kMedium), PlanOwnerRole::kManager);
    EXPECT_EQ(TailorOwner(PlanOwnerRole::kBdr, OrgSizeBand::kLarge), PlanOwnerRole::kBdr);
}

}  // namespace
}  // namespace kyoso::domain
