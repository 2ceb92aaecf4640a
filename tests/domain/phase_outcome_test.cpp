#include <gtest/gtest.h>

#include "kyoso/domain/division/outcome.hpp"
#include "kyoso/domain/division/phase.hpp"

namespace kyoso::domain {
namespace {

TEST(SupportPhase, IsDerivedFromStageAndBudgetStatus) {
    struct Case {
        Stage stage;
        BudgetStatus budget;
        SupportPhase want;
    };
    const Case cases[] = {
        {Stage::kDiscovery, BudgetStatus::kNone, SupportPhase::kPolicyFormation},
        {Stage::kQualified, BudgetStatus::kNone, SupportPhase::kPolicyFormation},
        {Stage::kBudgetProposal, BudgetStatus::kNone, SupportPhase::kPolicyFormation},
        {Stage::kRequested, BudgetStatus::kRequested, SupportPhase::kPolicyFormation},
        // The budget passed while the stage was not moved yet: implementation.
        {Stage::kRequested, BudgetStatus::kPassed, SupportPhase::kImplementation},
        {Stage::kBudgeted, BudgetStatus::kPassed, SupportPhase::kImplementation},
        {Stage::kTenderPrep, BudgetStatus::kSupplementary, SupportPhase::kImplementation},
        {Stage::kBidding, BudgetStatus::kPassed, SupportPhase::kImplementation},
        {Stage::kWon, BudgetStatus::kPassed, SupportPhase::kImplementation},
        {Stage::kWon, BudgetStatus::kNone, SupportPhase::kImplementation},
        // Lost after the tender: the budget was there; lost before it: policy formation.
        {Stage::kLost, BudgetStatus::kPassed, SupportPhase::kImplementation},
        {Stage::kLost, BudgetStatus::kNone, SupportPhase::kPolicyFormation},
        // 見送り goes back to a budget, whatever the status says.
        {Stage::kDeferred, BudgetStatus::kCut, SupportPhase::kPolicyFormation},
        {Stage::kDeferred, BudgetStatus::kPassed, SupportPhase::kPolicyFormation},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(DeriveSupportPhase(c.stage, c.budget), c.want)
            << StageSlug(c.stage) << "/" << BudgetStatusSlug(c.budget);
    }
}

TEST(SupportPhase, AnExplicitOverrideWinsAndEmptyMeansDerived) {
    EXPECT_EQ(EffectiveSupportPhase(Stage::kDiscovery, BudgetStatus::kNone, "implementation"),
              SupportPhase::kImplementation);
    EXPECT_EQ(EffectiveSupportPhase(Stage::kWon, BudgetStatus::kPassed, "policy_formation"),
              SupportPhase::kPolicyFormation);
    EXPECT_EQ(EffectiveSupportPhase(Stage::kWon, BudgetStatus::kPassed, ""), SupportPhase::kImplementation);
    EXPECT_EQ(SupportPhaseFromSlug("bogus"), std::nullopt);
    EXPECT_EQ(SupportPhaseLabelJa(SupportPhase::kPolicyFormation), "政策形成支援");
}

TEST(OutcomeProgress, IsTheShareOfTheWayFromBaselineToTarget) {
    struct Case {
        const char* why;
        OutcomeDirection direction;
        double baseline, target;
        std::optional<double> latest;
        std::optional<double> want;
    };
    const Case cases[] = {
        // オンライン申請率 12% → 40%, now 26%: 14 of 28 points = 0.5.
        {"increase halfway", OutcomeDirection::kIncrease, 12, 40, 26, 0.5},
        {"increase beyond target: 35/28", OutcomeDirection::kIncrease, 12, 40, 47, 1.25},
        {"increase below baseline: -2/28", OutcomeDirection::kIncrease, 12, 40, 10, -2.0 / 28},
        {"no measurement", OutcomeDirection::kIncrease, 12, 40, std::nullopt, std::nullopt},
        // 処理日数 10 → 5, now 7: (7-10)/(5-10) = 0.6.
        {"decrease", OutcomeDirection::kDecrease, 10, 5, 7, 0.6},
        {"decrease got worse: (12-10)/(5-10)", OutcomeDirection::kDecrease, 10, 5, 12, -0.4},
        // target == baseline: reached (1) or not (0) in the metric's direction.
        {"flat increase reached", OutcomeDirection::kIncrease, 5, 5, 6, 1.0},
        {"flat increase not reached", OutcomeDirection::kIncrease, 5, 5, 4, 0.0},
        {"flat decrease reached", OutcomeDirection::kDecrease, 5, 5, 4, 1.0},
        {"flat decrease not reached", OutcomeDirection::kDecrease, 5, 5, 6, 0.0},
    };
    for (const auto& c : cases) {
        auto got = OutcomeProgress(c.direction, c.baseline, c.target, c.latest);
        ASSERT_EQ(got.has_value(), c.want.has_value()) << c.why;
        if (got) {
            EXPECT_DOUBLE_EQ(*got, *c.want) << c.why;
        }
    }
}

TEST(OutcomeProgress, TargetMustPointTheMetricsWay) {
    EXPECT_TRUE(TargetMatchesDirection(OutcomeDirection::kIncrease, 12, 40));
    EXPECT_FALSE(TargetMatchesDirection(OutcomeDirection::kIncrease, 40, 12));
    EXPECT_TRUE(TargetMatchesDirection(OutcomeDirection::kDecrease, 10, 5));
    EXPECT_FALSE(TargetMatchesDirection(OutcomeDirection::kDecrease, 5, 10));
    EXPECT_TRUE(TargetMatchesDirection(OutcomeDirection::kDecrease, 5, 5));
}

}  // namespace
}  // namespace kyoso::domain
