// The statistics of experiments against reference values: hand-derived, R's fisher.test /
// prop.test / power.prop.test, and exact enumeration (docs/transformation.md, "Experiments").
#include "kyoso/domain/transformation/experiment_stats.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

// 45/100 vs 30/100, by hand:
//   pooled p = 75/200 = 0.375
//   SE = sqrt(0.375 · 0.625 · (1/100 + 1/100)) = sqrt(0.0046875) = 0.0684653
//   z = (0.45 − 0.30) / 0.0684653 = 2.190890
//   p = erfc(2.190890 / √2) = 0.0284597
// R: prop.test(c(45, 30), c(100, 100), correct = FALSE) gives X-squared = 4.8 (= z²),
// p-value = 0.02846.
// Unpooled SE = sqrt(0.45·0.55/100 + 0.30·0.70/100) = 0.0676387, so the 95% interval of
// the difference is 0.15 ± 1.959964 · 0.0676387 = [0.017430, 0.282570].
TEST(TwoProportionZTest, MatchesTheHandComputedExample) {
    auto r = TwoProportionZTest({100, 45}, {100, 30});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_NEAR(r->pooled_rate, 0.375, 1e-12);
    EXPECT_NEAR(r->standard_error, 0.0684653197, 1e-9);
    EXPECT_NEAR(r->z, 2.1908902300, 1e-9);
    EXPECT_NEAR(r->z * r->z, 4.8, 1e-9);  // R's X-squared without continuity correction
    EXPECT_NEAR(r->p_value, 0.0284597369, 1e-9);
    EXPECT_NEAR(r->difference.difference, 0.15, 1e-12);
    EXPECT_NEAR(r->difference.standard_error, 0.0676387463, 1e-9);
    EXPECT_NEAR(r->difference.ci_low, 0.0174304933, 1e-9);
    EXPECT_NEAR(r->difference.ci_high, 0.2825695067, 1e-9);
}

TEST(TwoProportionZTest, IsSymmetricInTheSignOfTheDifference) {
    auto ab = TwoProportionZTest({100, 45}, {100, 30});
    auto ba = TwoProportionZTest({100, 30}, {100, 45});
    ASSERT_TRUE(ab.ok() && ba.ok());
    EXPECT_NEAR(ab->z, -ba->z, 1e-12);
    EXPECT_NEAR(ab->p_value, ba->p_value, 1e-15);
    EXPECT_NEAR(ba->difference.ci_high, -ab->difference.ci_low, 1e-12);
}

TEST(TwoProportionZTest, EqualRatesGiveZeroAndPOne) {
    auto r = TwoProportionZTest({50, 10}, {200, 40});
    ASSERT_TRUE(r.ok());
    EXPECT_DOUBLE_EQ(r->z, 0.0);
    EXPECT_DOUBLE_EQ(r->p_value, 1.0);
}

TEST(TwoProportionZTest, IsNotComputableWithoutVariance) {
    // Zero successes in both arms, and all successes in both arms: pooled p is 0 or 1.
    auto none = TwoProportionZTest({40, 0}, {40, 0});
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_NE(none.status().message().find("not computable"), std::string::npos);
    auto all = TwoProportionZTest({40, 40}, {40, 40});
    ASSERT_FALSE(all.ok());
    EXPECT_EQ(all.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(TwoProportionZTest, RefusesAnEmptyOrInconsistentArm) {
    auto empty = TwoProportionZTest({0, 0}, {10, 3});
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidArgument);
    ASSERT_FALSE(empty.status().details().empty());
    EXPECT_EQ(empty.status().details()[0].field, "arms.a.n");
    auto too_many = TwoProportionZTest({10, 3}, {10, 11});
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.status().details()[0].field, "arms.b.successes");
}

// Fisher's tea-tasting table (R: fisher.test(matrix(c(3, 1, 1, 3), nrow = 2)), p = 0.4857).
// Margins 4/4/4/4: P(x) = C(4,x)·C(4,4−x)/C(8,4) = 1, 16, 36, 16, 1 over 70; the observed
// x = 3 has 16/70, so p = (1 + 16 + 16 + 1)/70 = 34/70 = 0.4857143.
TEST(FisherExact, MatchesTheTeaTastingExample) {
    auto p = FisherExactTwoSided({4, 3}, {4, 1});
    ASSERT_TRUE(p.ok());
    EXPECT_NEAR(*p, 34.0 / 70.0, 1e-12);
}

// [[1, 9], [11, 3]] (the dieting example of Fisher's exact test; R gives p = 0.002759).
// Exact enumeration with margins 10/14 and 12 successes: x = 0..10 with probabilities
//   x=0: 3.3652e-05, 1: 1.34608e-03, 2: 1.66577e-02, 3: 8.88410e-02, 4: 0.233208,
//   5: 0.319828, 6: 0.233208, 7: 8.88410e-02, 8: 1.66577e-02, 9: 1.34608e-03, 10: 3.3652e-05.
// The observed x = 1 ties x = 9 (equal up to rounding — the 1e-7 tolerance keeps it),
// so p = 2 · (3.3652e-05 + 1.34608e-03) = 0.00275946.
TEST(FisherExact, MatchesTheDietingExampleIncludingTies) {
    auto p = FisherExactTwoSided({10, 1}, {14, 11});
    ASSERT_TRUE(p.ok());
    EXPECT_NEAR(*p, 0.002759456185, 1e-10);
}

// Values from exact rational enumeration (Python, math.comb + fractions).
TEST(FisherExact, MatchesExactEnumeration) {
    struct Case {
        ExperimentArmCounts a, b;
        double p;
    };
    const Case cases[] = {
        {{10, 2}, {10, 7}, 0.06977851869},  // [[2, 8], [7, 3]]
        {{10, 0}, {10, 5}, 0.03250773994},  // zero successes in one arm
        {{5, 0}, {5, 0}, 1.0},              // zero successes anywhere
        {{10, 10}, {10, 10}, 1.0},          // all successes
    };
    for (const auto& c : cases) {
        auto p = FisherExactTwoSided(c.a, c.b);
        ASSERT_TRUE(p.ok());
        EXPECT_NEAR(*p, c.p, 1e-9) << c.a.successes << "/" << c.a.n << " vs " << c.b.successes << "/" << c.b.n;
    }
}

// Large counts stay finite in log space: [[520, 480], [450, 550]], exact p = 0.0020132811.
TEST(FisherExact, WorksForLargeCounts) {
    auto p = FisherExactTwoSided({1000, 520}, {1000, 450});
    ASSERT_TRUE(p.ok());
    EXPECT_NEAR(*p, 0.0020132811, 1e-8);
    auto huge = FisherExactTwoSided({2'000'000, 1'000'000}, {2'000'000, 1'000'000});
    ASSERT_TRUE(huge.ok());
    EXPECT_NEAR(*huge, 1.0, 1e-6);
}

TEST(FisherExact, RefusesAnEmptyArm) {
    auto p = FisherExactTwoSided({10, 2}, {0, 0});
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(p.status().details()[0].field, "arms.b.n");
}

// Expected counts: row × column / n. 45/100 vs 30/100: the smallest is 100·75/200 = 37.5.
// 3/4 vs 1/4: 4·4/8 = 2 < 5. 2/50 vs 1/50: 50·3/100 = 1.5 < 5.
TEST(ChooseExperimentTest, UsesFisherWhenAnExpectedCountIsBelowFive) {
    EXPECT_EQ(ChooseExperimentTest({100, 45}, {100, 30}), ExperimentTest::kTwoProportionZ);
    EXPECT_EQ(ChooseExperimentTest({4, 3}, {4, 1}), ExperimentTest::kFisherExact);
    EXPECT_EQ(ChooseExperimentTest({50, 2}, {50, 1}), ExperimentTest::kFisherExact);
    EXPECT_EQ(ChooseExperimentTest({40, 0}, {40, 0}), ExperimentTest::kFisherExact);
    // Exactly 5 expected is enough: 20·10/40 = 5.
    EXPECT_EQ(ChooseExperimentTest({20, 5}, {20, 5}), ExperimentTest::kTwoProportionZ);
}

TEST(CompareExperimentArms, RunsTheChosenTestAtAlphaFivePercent) {
    auto z = CompareExperimentArms({100, 45}, {100, 30});
    ASSERT_TRUE(z.ok());
    EXPECT_EQ(z->test, ExperimentTest::kTwoProportionZ);
    ASSERT_TRUE(z->z.has_value());
    EXPECT_NEAR(z->p_value, 0.0284597369, 1e-9);
    EXPECT_TRUE(z->significant);

    auto f = CompareExperimentArms({4, 3}, {4, 1});
    ASSERT_TRUE(f.ok());
    EXPECT_EQ(f->test, ExperimentTest::kFisherExact);
    EXPECT_FALSE(f->z.has_value());
    EXPECT_NEAR(f->p_value, 0.4857142857, 1e-9);
    EXPECT_FALSE(f->significant);
    EXPECT_NEAR(f->difference.difference, 0.5, 1e-12);

    // Zero successes everywhere: Fisher, p = 1, a collapsed interval at 0.
    auto zero = CompareExperimentArms({30, 0}, {30, 0});
    ASSERT_TRUE(zero.ok());
    EXPECT_EQ(zero->test, ExperimentTest::kFisherExact);
    EXPECT_DOUBLE_EQ(zero->p_value, 1.0);
    EXPECT_DOUBLE_EQ(zero->difference.ci_low, 0.0);
    EXPECT_DOUBLE_EQ(zero->difference.ci_high, 0.0);

    EXPECT_FALSE(CompareExperimentArms({0, 0}, {10, 1}).ok());
}

// power.prop.test(p1 = 0.5, p2 = 0.75, power = 0.8) in R: n = 57.67 per group, so 58.
// By hand: p̄ = 0.625; (1.959964·sqrt(2·0.625·0.375) + 0.841621·sqrt(0.25 + 0.1875))² / 0.25²
//        = (1.341640 + 0.556776)² / 0.0625 = 57.673.
TEST(SampleSizePerArm, MatchesRsPowerPropTest) {
    EXPECT_EQ(SampleSizePerArm(0.5, 0.75), 58);
    EXPECT_EQ(SampleSizePerArm(0.75, 0.5), 58);
    EXPECT_EQ(SampleSizePerArm(0.1, 0.2), 199);  // 198.96
    EXPECT_FALSE(SampleSizePerArm(0.3, 0.3).has_value());
    EXPECT_FALSE(SampleSizePerArm(0.0, 0.3).has_value());
}

}  // namespace
}  // namespace kyoso::domain
