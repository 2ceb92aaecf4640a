#include <gtest/gtest.h>

#include <cmath>

#include "kyoso/domain/ml/calibration.hpp"
#include "kyoso/domain/ml/dataset.hpp"
#include "kyoso/domain/ml/factors.hpp"
#include "kyoso/domain/ml/metrics.hpp"

namespace kyoso::domain::ml {
namespace {

TEST(MlMetrics, AucCountsPairsAndHalvesTies) {
    // Positives score 0.9 and 0.4; negatives 0.5, 0.4, 0.1. Pairs (pos, neg):
    // 0.9 beats all 3; 0.4 beats 0.1, ties 0.4 (½), loses to 0.5 → (3 + 1.5) / 6 = 0.75.
    auto auc = Auc({0.9, 0.5, 0.4, 0.4, 0.1}, {1, 0, 1, 0, 0});
    ASSERT_TRUE(auc.has_value());
    EXPECT_DOUBLE_EQ(*auc, 0.75);
    EXPECT_DOUBLE_EQ(*Auc({0.1, 0.2}, {1, 0}), 0.0);
    EXPECT_FALSE(Auc({0.3, 0.4}, {1, 1}).has_value());
}

TEST(MlMetrics, LogLossAndBrierByHand) {
    // −(ln 0.8 + ln(1 − 0.4)) / 2 = (0.22314355 + 0.51082562) / 2 = 0.36698459
    EXPECT_NEAR(LogLoss({0.8, 0.4}, {1, 0}), 0.36698459, 1e-8);
    // ((0.8 − 1)² + 0.4²) / 2 = (0.04 + 0.16) / 2 = 0.1
    EXPECT_NEAR(Brier({0.8, 0.4}, {1, 0}), 0.1, 1e-12);
    // A certain wrong answer is clipped, not infinite: −ln(1e-15) = 34.538776
    EXPECT_NEAR(LogLoss({0.0}, {1}), 34.538776, 1e-5);
}

TEST(MlMetrics, ExpectedCalibrationErrorOverBins) {
    // Bin [0.1, 0.2): 0.15, 0.15 with outcomes 0, 1 → |0.15 − 0.5| = 0.35, weight 2/4.
    // Bin [0.9, 1.0]: 0.95, 1.0 with outcomes 1, 1 → |0.975 − 1| = 0.025, weight 2/4.
    // ECE = 0.5 × 0.35 + 0.5 × 0.025 = 0.1875
    EXPECT_NEAR(ExpectedCalibrationError({0.15, 0.15, 0.95, 1.0}, {0, 1, 1, 1}), 0.1875, 1e-12);
    auto bins = ReliabilityBins({0.15, 0.15, 0.95, 1.0}, {0, 1, 1, 1});
    ASSERT_EQ(bins.size(), 10u);
    EXPECT_EQ(bins[1].count, 2);
    EXPECT_EQ(bins[9].count, 2);
    EXPECT_EQ(bins[5].count, 0);
}

TEST(MlCalibration, IsotonicPoolsViolatorsByHand) {
    // Sorted by p: 0.1→0, 0.2→1, 0.3→0, 0.4→1. PAV pools (0.2, 0.3) → mean 0.5 at x 0.25:
    // steps (0.1, 0), (0.25, 0.5), (0.4, 1).
    auto c = Calibrator::FitIsotonic({0.3, 0.1, 0.4, 0.2}, {0, 0, 1, 1});
    ASSERT_EQ(c.isotonic_x().size(), 3u);
    EXPECT_DOUBLE_EQ(c.isotonic_x()[1], 0.25);
    EXPECT_DOUBLE_EQ(c.isotonic_y()[1], 0.5);
    EXPECT_DOUBLE_EQ(c.Apply(0.05), 0.0);    // below the first point: its value
    EXPECT_DOUBLE_EQ(c.Apply(0.325), 0.75);  // halfway between 0.25 (0.5) and 0.4 (1)
    EXPECT_DOUBLE_EQ(c.Apply(0.9), 1.0);
    auto back = Calibrator::Decode(c.Encode());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_DOUBLE_EQ(back->Apply(0.325), 0.75);
}

TEST(MlCalibration, PlattShrinksAnOverconfidentModel) {
    // A model that says 0.9 / 0.1 but is right only 70 % of the time: Platt must pull the
    // scores towards 0.7 / 0.3 (with Platt's target smoothing slightly less than that).
    std::vector<double> p;
    std::vector<float> y;
    for (int i = 0; i < 100; ++i) {
        p.push_back(0.9);
        y.push_back(i < 70 ? 1.f : 0.f);
        p.push_back(0.1);
        y.push_back(i < 30 ? 1.f : 0.f);
    }
    auto c = Calibrator::FitPlatt(p, y);
    EXPECT_NEAR(c.Apply(0.9), 0.7, 0.01);
    EXPECT_NEAR(c.Apply(0.1), 0.3, 0.01);
    auto back = Calibrator::Decode(c.Encode());
    ASSERT_TRUE(back.ok());
    EXPECT_DOUBLE_EQ(back->Apply(0.9), c.Apply(0.9));
    EXPECT_FALSE(Calibrator::Decode("platt x").ok());
    EXPECT_FALSE(Calibrator::Decode("isotonic 0.5:0.1 0.2:0.3").ok());
    EXPECT_FALSE(Calibrator::Decode("sigmoid").ok());
}

TEST(MlDataset, TimeSplitKeepsOrderAndRandomSplitIsDeterministic) {
    auto t = TimeSplit(10, 0.2);
    EXPECT_EQ(t.train, (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    EXPECT_EQ(t.test, (std::vector<std::size_t>{8, 9}));
    auto a = RandomSplit(100, 0.25, 7);
    auto b = RandomSplit(100, 0.25, 7);
    auto c = RandomSplit(100, 0.25, 8);
    EXPECT_EQ(a.test.size(), 25u);
    EXPECT_EQ(a.train.size(), 75u);
    EXPECT_EQ(a.test, b.test);
    EXPECT_NE(a.test, c.test);
    EXPECT_NE(a.test, TimeSplit(100, 0.25).test);
}

TEST(MlFactors, PicksStrongestUpAndDownIgnoringBias) {
    std::vector<FeatureInfo> f = {
        {"visits", "訪問回数"}, {"quote", "参考見積"}, {"kind", "団体区分"}, {"rot", "担当者異動"}};
    // The last value (2.0) is the bias and must be ignored.
    auto top = PickTopFactors({0.4f, 0.9f, -0.0001f, -0.7f, 2.0f}, f, {"3", "締切前", "町", "あり"}, 1);
    ASSERT_EQ(top.positive.size(), 1u);
    EXPECT_EQ(top.positive[0].key, "quote");
    EXPECT_EQ(top.positive[0].value, "締切前");
    ASSERT_EQ(top.negative.size(), 1u);
    EXPECT_EQ(top.negative[0].label_ja, "担当者異動");
}

}  // namespace
}  // namespace kyoso::domain::ml
