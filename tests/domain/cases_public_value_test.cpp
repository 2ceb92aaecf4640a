#include <gtest/gtest.h>

#include "kyoso/domain/transformation/cases.hpp"

namespace kyoso::domain {
namespace {

PublicValueDeployment Dep(const char* gov, const char* name, const char* metric, const char* direction, double baseline,
                          double target, std::optional<double> latest, const char* latest_on = "") {
    PublicValueDeployment d;
    d.government_code = gov;
    d.government_name = name;
    d.metric_name = metric;
    d.unit = "%";
    d.direction = direction;
    d.baseline = baseline;
    d.target = target;
    d.latest = latest;
    d.latest_on = latest_on;
    return d;
}

TEST(CaseKind, SlugsRoundTripAndUnknownIsRejected) {
    EXPECT_EQ(CaseKindSlug(CaseKind::kFailure), "failure");
    EXPECT_EQ(CaseKindFromSlug("success"), CaseKind::kSuccess);
    EXPECT_FALSE(CaseKindFromSlug("draw").has_value());
    EXPECT_EQ(CaseKindLabelJa(CaseKind::kSuccess), "成功事例");
}

TEST(CaseMedian, OddEvenAndEmpty) {
    EXPECT_FALSE(CaseMedian({}).has_value());
    EXPECT_DOUBLE_EQ(*CaseMedian({3, 1, 2}), 2);
    EXPECT_DOUBLE_EQ(*CaseMedian({4, 1, 3, 2}), 2.5);
}

TEST(SummarisePublicValue, MedianProgressTakesOneValuePerGovernment) {
    // Metric A: gov X has two deployments (progress 0.5 and 1.0 → its median 0.75), gov Y one
    // (0.25), gov Z one unmeasured. Median over governments = (0.75 + 0.25) / 2 = 0.5.
    // Changes (latest − baseline): 10, 20, 5 → median 10.
    std::vector<PublicValueDeployment> deps = {
        Dep("X", "甲市", "A", "increase", 10, 30, 20, "2026-09-30"),  // (20−10)/20 = 0.5
        Dep("X", "甲市", "A", "increase", 0, 20, 20, "2026-09-30"),   // 1.0
        Dep("Y", "乙町", "A", "increase", 0, 20, 5, "2026-06-30"),    // 0.25
        Dep("Z", "丙村", "A", "increase", 0, 20, std::nullopt),
        // Metric B decreases: 25 → 15 target, latest 20 → (20−25)/(15−25) = 0.5.
        Dep("Y", "乙町", "B", "decrease", 25, 15, 20, "2026-06-30"),
    };
    auto sums = SummarisePublicValue(deps);
    ASSERT_EQ(sums.size(), 2u);
    EXPECT_EQ(sums[0].metric_name, "A");
    EXPECT_EQ(sums[0].deployments, 4);
    EXPECT_EQ(sums[0].measured, 3);
    EXPECT_EQ(sums[0].governments, 3);
    EXPECT_DOUBLE_EQ(*sums[0].median_progress, 0.5);
    EXPECT_DOUBLE_EQ(*sums[0].median_change, 10);
    EXPECT_DOUBLE_EQ(*deps[0].progress, 0.5);
    EXPECT_FALSE(deps[3].progress.has_value());
    EXPECT_EQ(sums[1].metric_name, "B");
    EXPECT_DOUBLE_EQ(*sums[1].median_progress, 0.5);
    EXPECT_DOUBLE_EQ(*sums[1].median_change, -5);
}

TEST(PublicValueCitation, QuotesBaselineLatestAndTheMonthMeasured) {
    auto d = Dep("X", "○○市", "オンライン申請率", "increase", 12, 40, 34, "2026-09-30");
    EXPECT_EQ(PublicValueCitation(d), "○○市では オンライン申請率 12% → 34%（2026年9月測定）");
    d.latest.reset();
    EXPECT_EQ(PublicValueCitation(d), "○○市では オンライン申請率 12%（目標 40%）");
    EXPECT_EQ(FormatOutcomeValue(1200, "件"), "1,200件");
    EXPECT_EQ(FormatOutcomeValue(3.46, "日"), "3.5日");
    EXPECT_EQ(FormatOutcomeValue(-1234567, ""), "-1,234,567");
}

}  // namespace
}  // namespace kyoso::domain
