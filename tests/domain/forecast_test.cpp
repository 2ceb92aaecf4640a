// Revenue forecast arithmetic (docs/ml.md, "Forecast"). Every expected value is worked
// out by hand in the comment beside it, never computed with the code under test.

#include "kyoso/domain/forecast/forecast.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain::forecast {
namespace {

int M(int y, unsigned m) { return y * 12 + static_cast<int>(m) - 1; }

const PeriodForecast& Period(const std::vector<PeriodForecast>& out, int fy, int quarter) {
    for (const auto& p : out) {
        if (p.fiscal_year == fy && p.quarter == quarter) return p;
    }
    static PeriodForecast none;
    ADD_FAILURE() << "no period FY" << fy << " Q" << quarter;
    return none;
}

TEST(ForecastQuarter, JapaneseFiscalQuartersAndTheYearBoundary) {
    struct Case {
        Date date;
        int fy;
        int quarter;
    } cases[] = {
        {MakeDate(2027, 3, 31), 2026, 4},  // 31 March is the last day of FY2026
        {MakeDate(2027, 4, 1), 2027, 1},   // 1 April opens FY2027, Q1
        {MakeDate(2027, 6, 30), 2027, 1},  // June closes Q1
        {MakeDate(2027, 7, 1), 2027, 2},   // July opens Q2
        {MakeDate(2027, 12, 31), 2027, 3},
        {MakeDate(2028, 1, 1), 2027, 4},  // January belongs to the FY that began the April before
    };
    for (const auto& c : cases) {
        const FiscalQuarter q = FiscalQuarterOf(c.date);
        EXPECT_EQ(q.fiscal_year, c.fy) << FormatIsoDate(c.date);
        EXPECT_EQ(q.quarter, c.quarter) << FormatIsoDate(c.date);
    }
}

TEST(ForecastSimulate, TwoCoinFlipDealsGiveZeroOneAndTwoAmounts) {
    // Two deals of ¥1,000,000 at p = 0.5 closing in June 2027: totals 0 (p .25), 1M (.5),
    // 2M (.25). The 10th percentile falls in the zeros, the median in the 1M block, the
    // 90th in the 2M block. Expected = 2 × 0.5 × 1M = 1M. Nothing in Q2.
    std::vector<OpenDeal> deals = {{1, 1'000'000, 0.5, {{M(2027, 6), 1.0}}}, {2, 1'000'000, 0.5, {{M(2027, 6), 1.0}}}};
    const auto out = Simulate(deals, {}, {2027}, {});
    for (int quarter : {0, 1}) {
        const auto& p = Period(out, 2027, quarter);
        EXPECT_EQ(p.p10, 0);
        EXPECT_EQ(p.p50, 1'000'000);
        EXPECT_EQ(p.p90, 2'000'000);
        EXPECT_DOUBLE_EQ(p.expected, 1'000'000);
    }
    const auto& q2 = Period(out, 2027, 2);
    EXPECT_EQ(q2.p90, 0);
    EXPECT_EQ(q2.expected, 0);
}

TEST(ForecastSimulate, JuneCloseIsQ1AndJulyCloseIsQ2) {
    // Certain deals: ¥1,000,000 in June 2027 (Q1) and ¥500,000 in July 2027 (Q2).
    std::vector<OpenDeal> deals = {{1, 1'000'000, 1.0, {{M(2027, 6), 1.0}}}, {2, 500'000, 1.0, {{M(2027, 7), 1.0}}}};
    const auto out = Simulate(deals, {}, {2027}, {});
    struct Case {
        int quarter;
        double value;
    } cases[] = {{0, 1'500'000}, {1, 1'000'000}, {2, 500'000}, {3, 0}, {4, 0}};
    for (const auto& c : cases) {
        const auto& p = Period(out, 2027, c.quarter);
        EXPECT_EQ(p.p10, c.value) << "Q" << c.quarter;
        EXPECT_EQ(p.p50, c.value) << "Q" << c.quarter;
        EXPECT_EQ(p.p90, c.value) << "Q" << c.quarter;
        EXPECT_DOUBLE_EQ(p.expected, c.value) << "Q" << c.quarter;
    }
}

TEST(ForecastSimulate, BookedRevenueOn31MarchAnd1AprilFallsInDifferentYears) {
    // ¥300,000 won on 2027-03-31 is FY2026 Q4; ¥700,000 won on 2027-04-01 is FY2027 Q1.
    std::vector<BookedRevenue> booked = {{MonthIndex(MakeDate(2027, 3, 31)), 300'000},
                                         {MonthIndex(MakeDate(2027, 4, 1)), 700'000}};
    const auto out = Simulate({}, booked, {2026, 2027}, {});
    EXPECT_EQ(Period(out, 2026, 0).won, 300'000);
    EXPECT_EQ(Period(out, 2026, 4).p50, 300'000);
    EXPECT_EQ(Period(out, 2026, 1).won, 0);
    EXPECT_EQ(Period(out, 2027, 0).p10, 700'000);
    EXPECT_EQ(Period(out, 2027, 1).won, 700'000);
    EXPECT_EQ(Period(out, 2027, 4).won, 0);
}

TEST(ForecastSimulate, ExpectedValueSplitsOverTheTimingWeights) {
    // p = 0.3, ¥1,000,000, half June / half July: Q1 = Q2 = 0.3 × 1M × 0.5 = 150,000; year
    // 300,000; plus ¥200,000 booked in May: Q1 350,000, year 500,000.
    std::vector<OpenDeal> deals = {{1, 1'000'000, 0.3, {{M(2027, 6), 0.5}, {M(2027, 7), 0.5}}}};
    const auto out = Simulate(deals, {{M(2027, 5), 200'000}}, {2027}, {});
    EXPECT_NEAR(Period(out, 2027, 1).expected, 350'000, 1e-6);
    EXPECT_NEAR(Period(out, 2027, 2).expected, 150'000, 1e-6);
    EXPECT_NEAR(Period(out, 2027, 0).expected, 500'000, 1e-6);
    // The booked part is certain: P10 of the year is at least the ¥200,000 won.
    EXPECT_EQ(Period(out, 2027, 0).p10, 200'000);
}

TEST(ForecastSimulate, SameSeedSameNumbers) {
    std::vector<OpenDeal> deals;
    for (int i = 0; i < 30; ++i) deals.push_back({i, 100'000.0 * (i + 1), 0.1 + 0.02 * i, {{M(2027, 5 + i % 6), 1.0}}});
    const auto a = Simulate(deals, {}, {2027}, {7, 2000});
    const auto b = Simulate(deals, {}, {2027}, {7, 2000});
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].p10, b[i].p10);
        EXPECT_EQ(a[i].p50, b[i].p50);
        EXPECT_EQ(a[i].p90, b[i].p90);
        EXPECT_LE(a[i].p10, a[i].p50);
        EXPECT_LE(a[i].p50, a[i].p90);
    }
}

TEST(ForecastTiming, PriorConditionedOnTheForecastMonth) {
    const TimingModel prior = LearnTiming({});  // nothing learned: the priors
    EXPECT_FALSE(prior.learned[0]);
    struct Case {
        TimingClass cls;
        int contract_year;
        int as_of;
        int first_month;
        double first_weight;
    } cases[] = {
        // Seen in November 2026, a FY2027 deal keeps the whole prior: April .10.
        {TimingClass::kInitialBudget, 2027, M(2026, 11), M(2027, 4), 0.10},
        // Seen in June 2027: April (.10) and May (.20) are gone; June = .20 / .70.
        {TimingClass::kInitialBudget, 2027, M(2027, 6), M(2027, 6), 0.20 / 0.70},
        // Supplementary: August .15 first.
        {TimingClass::kSupplementary, 2027, M(2027, 4), M(2027, 8), 0.15},
        // A FY2026 補正 deal still open in March 2027 (its last prior month was Feb 2027)
        // moves to FY2027: August 2027 at .15.
        {TimingClass::kSupplementary, 2026, M(2027, 3), M(2027, 8), 0.15},
    };
    for (const auto& c : cases) {
        const auto t = TimingFor(prior, c.cls, c.contract_year, c.as_of);
        ASSERT_FALSE(t.empty());
        EXPECT_EQ(t.front().month_index, c.first_month);
        EXPECT_NEAR(t.front().weight, c.first_weight, 1e-12);
        double sum = 0;
        for (const auto& mw : t) sum += mw.weight;
        EXPECT_NEAR(sum, 1.0, 1e-12);
    }
}

TEST(ForecastTiming, LearnedFromTwentyWonDealsElsePrior) {
    // 10 deals closed in May and 10 in June of their contract year: offsets 1 and 2 at .5.
    std::vector<WonTiming> history;
    for (int i = 0; i < 10; ++i) history.push_back({2025, M(2025, 5), TimingClass::kInitialBudget});
    for (int i = 0; i < 10; ++i) history.push_back({2025, M(2025, 6), TimingClass::kInitialBudget});
    const TimingModel learned = LearnTiming(history);
    EXPECT_TRUE(learned.learned[0]);
    EXPECT_EQ(learned.samples[0], 20);
    EXPECT_DOUBLE_EQ(learned.weights[0][1], 0.5);
    EXPECT_DOUBLE_EQ(learned.weights[0][2], 0.5);
    EXPECT_DOUBLE_EQ(learned.weights[0][0], 0.0);
    EXPECT_FALSE(learned.learned[1]);  // no 補正 deals: the prior
    EXPECT_DOUBLE_EQ(learned.weights[1][6], 0.20);
    history.pop_back();  // 19 deals: below the minimum, the prior (April .10)
    const TimingModel few = LearnTiming(history);
    EXPECT_FALSE(few.learned[0]);
    EXPECT_DOUBLE_EQ(few.weights[0][0], 0.10);
}

TEST(ForecastStageRates, SmoothedWinRatePerStageReached) {
    // Five closed deals, all through 情報収集: two won (both reached 入札・提案), three
    // lost of which one reached 入札・提案.
    // 情報収集: (2 + 5 × .15) / (5 + 5) = 2.75 / 10 = .275
    // 入札・提案: (2 + 5 × .62) / (3 + 5) = 5.1 / 8 = .6375
    // 予算成立 (never reached): the prior .55
    using S = Stage;
    std::vector<ClosedPath> paths = {
        {{S::kDiscovery, S::kBidding}, true},
        {{S::kDiscovery, S::kQualified, S::kBidding, S::kBidding}, true},
        {{S::kDiscovery, S::kBidding}, false},
        {{S::kDiscovery}, false},
        {{S::kDiscovery}, false},
    };
    const auto r = ComputeStageWinRates(paths);
    EXPECT_DOUBLE_EQ(r.Of(S::kDiscovery), 0.275);
    EXPECT_DOUBLE_EQ(r.Of(S::kBidding), 0.6375);
    EXPECT_DOUBLE_EQ(r.Of(S::kBudgeted), 0.55);
    EXPECT_EQ(r.closed[static_cast<size_t>(S::kBidding)], 3);
}

TEST(ForecastStageOn, LastMoveOnOrBeforeTheDate) {
    std::vector<std::pair<Date, Stage>> moves = {{MakeDate(2025, 5, 1), Stage::kQualified},
                                                 {MakeDate(2025, 11, 14), Stage::kRequested},
                                                 {MakeDate(2026, 3, 25), Stage::kBudgeted}};
    struct Case {
        Date as_of;
        Stage stage;
    } cases[] = {
        {MakeDate(2025, 4, 30), Stage::kDiscovery},
        {MakeDate(2025, 5, 1), Stage::kQualified},
        {MakeDate(2026, 3, 24), Stage::kRequested},
        {MakeDate(2026, 4, 1), Stage::kBudgeted},
    };
    for (const auto& c : cases) EXPECT_EQ(StageOn(moves, c.as_of), c.stage) << FormatIsoDate(c.as_of);
}

TEST(ForecastAdjustments, AppliedInOrderBesideTheModel) {
    struct Case {
        double model;
        std::vector<Adjustment> adjustments;
        double adjusted;
    } cases[] = {
        {1000, {}, 1000},
        {1000, {{false, 200}}, 1200},
        // +200 → 1200, override 5000 → 5000, −300 → 4700
        {1000, {{false, 200}, {true, 5000}, {false, -300}}, 4700},
    };
    for (const auto& c : cases) EXPECT_DOUBLE_EQ(Adjusted(c.model, c.adjustments), c.adjusted);
}

TEST(ForecastError, AbsolutePercentError) {
    EXPECT_DOUBLE_EQ(*AbsErrorPct(90, 100), 10.0);
    EXPECT_DOUBLE_EQ(*AbsErrorPct(130, 100), 30.0);
    EXPECT_FALSE(AbsErrorPct(10, 0).has_value());
}

}  // namespace
}  // namespace kyoso::domain::forecast
