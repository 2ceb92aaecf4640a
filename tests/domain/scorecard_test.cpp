// The two-axis scorecard against hand-computed fixtures (docs/transformation.md,
// "Two-axis scorecard"). Fiscal quarters: Q1 = Apr–Jun, Q2 = Jul–Sep, Q3 = Oct–Dec,
// Q4 = Jan–Mar of the next calendar year. Every expected number is worked out by hand
// in the comment above it.

#include "kyoso/domain/transformation/scorecard.hpp"

#include <gtest/gtest.h>

namespace kyoso::domain {
namespace {

using M = ScorecardMetricKind;
using T = TrendDirection;

Date D(int y, int m, int d) { return MakeDate(y, m, d); }

KpiPeriod Q(int fy, int q) { return *MakeKpiPeriod(fy, q); }

KpiDealRow Deal(long long id, long long owner, Stage stage, long long amount, Date created,
                std::optional<Date> closed) {
    KpiDealRow d;
    d.id = id;
    d.owner_id = owner;
    d.stage = stage;
    d.amount = amount;
    d.created_on = created;
    d.closed_on = closed;
    return d;
}

Ratio R(long long n, long long d) { return {n, d}; }

// Three quarters: FY2025 Q3 (a year before), FY2026 Q2 (the previous), FY2026 Q3 (current).
std::vector<KpiDealRow> Deals() {
    return {
        // FY2025 Q3 (2025-10-01 – 12-31): 1 won of 2; revenue 4,000,000.
        // Cycle: 2025-08-01 → 11-01 = 31 (Aug) + 30 (Sep) + 31 (Oct) = 92 days.
        Deal(1, 1, Stage::kWon, 4'000'000, D(2025, 8, 1), D(2025, 11, 1)),
        Deal(2, 2, Stage::kLost, 7'000'000, D(2025, 4, 1), D(2025, 12, 31)),  // 12/31 is still Q3
        // FY2026 Q2 (2026-07-01 – 09-30): 2 won of 4; revenue 2,000,000 + 1,000,000 = 3,000,000.
        // Cycles: 06-01 → 07-01 = 30; 05-01 → 09-30 = 31 + 30 + 31 + 31 + 29 = 152.
        Deal(3, 1, Stage::kWon, 2'000'000, D(2026, 6, 1), D(2026, 7, 1)),
        Deal(4, 2, Stage::kWon, 1'000'000, D(2026, 5, 1), D(2026, 9, 30)),
        Deal(5, 1, Stage::kLost, 1'000'000, D(2026, 5, 1), D(2026, 8, 10)),
        Deal(6, 3, Stage::kLost, 1'000'000, D(2026, 5, 1), D(2026, 9, 1)),
        // FY2026 Q3 (2026-10-01 – 12-31): 3 won of 4; revenue 3M + 5M + 1M = 9,000,000.
        // Cycles: 07-01 → 10-15 = 31 + 31 + 30 + 14 = 106; 10-01 → 12-31 = 31 + 30 + 30 = 91;
        // 09-01 → 11-30 = 30 + 31 + 29 = 90.
        Deal(7, 1, Stage::kWon, 3'000'000, D(2026, 7, 1), D(2026, 10, 15)),
        Deal(8, 2, Stage::kWon, 5'000'000, D(2026, 10, 1), D(2026, 12, 31)),
        Deal(9, 3, Stage::kWon, 1'000'000, D(2026, 9, 1), D(2026, 11, 30)),
        Deal(10, 1, Stage::kLost, 2'000'000, D(2026, 8, 1), D(2026, 11, 10)),
        // Outside every input quarter: closed 2027-01-01 is FY2026 Q4; deal 12 is open.
        Deal(11, 1, Stage::kWon, 9'000'000, D(2026, 10, 1), D(2027, 1, 1)),
        Deal(12, 2, Stage::kBidding, 8'000'000, D(2026, 10, 1), std::nullopt),
    };
}

std::vector<ScorecardQuarterInput> Inputs() {
    ScorecardQuarterInput year_ago{Q(2025, 3), {}, std::nullopt, std::nullopt};  // nothing measured
    ScorecardQuarterInput previous{Q(2026, 2), {}, 5, 6};
    previous.signals.same_day_logging = R(50, 100);            // 0.5
    previous.signals.deal_field_completeness = R(80, 100);     // 0.8
    previous.signals.fiscal_year_and_budget_set = R(90, 100);  // 0.9 → data quality 2.2 / 3 = 0.7333…
    previous.signals.score_use = R(2, 10);                     // 0.2
    previous.signals.handoff_sla_compliance = R(8, 10);        // 0.8
    ScorecardQuarterInput current{Q(2026, 3), {}, 4, 10};
    current.signals.same_day_logging = R(60, 100);         // 0.6
    current.signals.deal_field_completeness = R(70, 100);  // 0.7
    current.signals.fiscal_year_and_budget_set = R(0, 0);  // missing → data quality (0.6 + 0.7) / 2 = 0.65
    current.signals.score_use = R(3, 10);                  // 0.3
    current.signals.handoff_sla_compliance = R(0, 0);      // missing
    return {year_ago, previous, current};
}

const ScorecardMetric& MetricOf(const ScorecardQuarter& q, M kind) {
    for (const auto& m : q.metrics) {
        if (m.kind == kind) return m;
    }
    throw std::logic_error("metric missing");
}

TEST(ScorecardQuarters, FiscalQuartersSplitOnMarch31AndDecember31) {
    // 3/31 ends FY2025 Q4; 4/1 starts FY2026 Q1.
    const KpiPeriod march = ScorecardQuarterOf(D(2026, 3, 31));
    EXPECT_EQ(march.fiscal_year, 2025);
    EXPECT_EQ(march.quarter, 4);
    EXPECT_EQ(march.from, D(2026, 1, 1));
    EXPECT_EQ(march.to, D(2026, 3, 31));
    const KpiPeriod april = ScorecardQuarterOf(D(2026, 4, 1));
    EXPECT_EQ(april.fiscal_year, 2026);
    EXPECT_EQ(april.quarter, 1);
    EXPECT_EQ(april.to, D(2026, 6, 30));
    // 12/31 is the last day of Q3 of the fiscal year that began in April; 1/1 is Q4.
    const KpiPeriod december = ScorecardQuarterOf(D(2026, 12, 31));
    EXPECT_EQ(december.fiscal_year, 2026);
    EXPECT_EQ(december.quarter, 3);
    const KpiPeriod january = ScorecardQuarterOf(D(2027, 1, 1));
    EXPECT_EQ(january.fiscal_year, 2026);
    EXPECT_EQ(january.quarter, 4);
    EXPECT_EQ(ScorecardQuarterOf(D(2026, 9, 30)).quarter, 2);
    EXPECT_EQ(ScorecardQuarterOf(D(2026, 10, 1)).quarter, 3);
}

TEST(ScorecardQuarters, ShiftingCrossesFiscalYears) {
    // FY2026 Q1 − 1 = FY2025 Q4; − 4 = FY2025 Q1; + 3 = FY2026 Q4; + 4 = FY2027 Q1.
    const KpiPeriod q1 = Q(2026, 1);
    EXPECT_EQ(ScorecardShiftQuarter(q1, -1).fiscal_year, 2025);
    EXPECT_EQ(ScorecardShiftQuarter(q1, -1).quarter, 4);
    EXPECT_EQ(ScorecardShiftQuarter(q1, -1).from, D(2026, 1, 1));
    EXPECT_EQ(ScorecardShiftQuarter(q1, -4).fiscal_year, 2025);
    EXPECT_EQ(ScorecardShiftQuarter(q1, -4).quarter, 1);
    EXPECT_EQ(ScorecardShiftQuarter(q1, 3).quarter, 4);
    EXPECT_EQ(ScorecardShiftQuarter(q1, 3).to, D(2027, 3, 31));
    EXPECT_EQ(ScorecardShiftQuarter(q1, 4).fiscal_year, 2027);
    EXPECT_EQ(ScorecardShiftQuarter(q1, 4).quarter, 1);
    EXPECT_EQ(ScorecardShiftQuarter(q1, -9).fiscal_year, 2023);  // 2026·4 + 0 − 9 = 8095 → FY2023 Q4
    EXPECT_EQ(ScorecardShiftQuarter(q1, -9).quarter, 4);
}

TEST(ScorecardPerformance, DealsClosedOnMarch31AndApril1FallInDifferentQuarters) {
    const std::vector<KpiDealRow> deals = {
        Deal(1, 1, Stage::kWon, 1'000'000, D(2026, 1, 5), D(2026, 3, 31)),
        Deal(2, 1, Stage::kWon, 2'000'000, D(2026, 1, 5), D(2026, 4, 1)),
    };
    const auto card = BuildScorecard(deals, {{Q(2025, 4), {}, {}, {}}, {Q(2026, 1), {}, {}, {}}});
    ASSERT_EQ(card.size(), 2u);
    EXPECT_EQ(MetricOf(card[0], M::kRevenue).value, 1'000'000.0);
    EXPECT_EQ(MetricOf(card[1], M::kRevenue).value, 2'000'000.0);
    // 1/5 → 3/31 = 27 + 28 + 30 = 85 days; 1/5 → 4/1 = 86 days.
    EXPECT_EQ(MetricOf(card[0], M::kCycleTime).value, 85.0);
    EXPECT_EQ(MetricOf(card[1], M::kCycleTime).value, 86.0);
    // FY2026 Q1 compares with FY2025 Q4 (its previous quarter): 1M → 2M, improving.
    EXPECT_EQ(MetricOf(card[1], M::kRevenue).vs_previous.delta, 1'000'000.0);
    EXPECT_EQ(MetricOf(card[1], M::kRevenue).vs_previous.direction, T::kImproving);
}

TEST(ScorecardPerformance, RevenueWinRateAndMedianCycleTimeOfTheQuarter) {
    const auto card = BuildScorecard(Deals(), Inputs());
    ASSERT_EQ(card.size(), 3u);
    const ScorecardQuarter& now = card[2];
    EXPECT_EQ(now.period.fiscal_year, 2026);
    EXPECT_EQ(now.period.quarter, 3);
    // Revenue: 3,000,000 + 5,000,000 + 1,000,000 = 9,000,000 over 3 wins (deal 11 is Q4).
    EXPECT_EQ(MetricOf(now, M::kRevenue).value, 9'000'000.0);
    EXPECT_EQ(MetricOf(now, M::kRevenue).numerator, 3.0);
    // Win rate: 3 won / (3 won + 1 lost) = 0.75.
    EXPECT_EQ(MetricOf(now, M::kWinRate).value, 0.75);
    EXPECT_EQ(MetricOf(now, M::kWinRate).numerator, 3.0);
    EXPECT_EQ(MetricOf(now, M::kWinRate).denominator, 4.0);
    // Cycle time: median of {90, 91, 106} = 91 (odd count: the middle one).
    EXPECT_EQ(MetricOf(now, M::kCycleTime).value, 91.0);
    EXPECT_EQ(MetricOf(now, M::kCycleTime).numerator, 3.0);
    // The previous quarter: 2 / 4 = 0.5; 3,000,000; median of {30, 152} = (30 + 152) / 2 = 91.
    EXPECT_EQ(MetricOf(card[1], M::kWinRate).value, 0.5);
    EXPECT_EQ(MetricOf(card[1], M::kRevenue).value, 3'000'000.0);
    EXPECT_EQ(MetricOf(card[1], M::kCycleTime).value, 91.0);
    // A year earlier: 1 / 2 = 0.5 (the 12/31 loss counts), 4,000,000, 92 days.
    EXPECT_EQ(MetricOf(card[0], M::kWinRate).value, 0.5);
    EXPECT_EQ(MetricOf(card[0], M::kRevenue).value, 4'000'000.0);
    EXPECT_EQ(MetricOf(card[0], M::kCycleTime).value, 92.0);
}

TEST(ScorecardPerformance, MedianCycleTimeOfOddAndEvenCountsAndNoneWithoutWins) {
    const KpiPeriod q = Q(2026, 3);
    // Odd: {10, 20, 100} → 20 (the mean would be 43.3).
    std::vector<KpiDealRow> odd = {
        Deal(1, 1, Stage::kWon, 0, D(2026, 10, 1), D(2026, 10, 11)),
        Deal(2, 1, Stage::kWon, 0, D(2026, 10, 1), D(2026, 10, 21)),
        Deal(3, 1, Stage::kWon, 0, D(2026, 8, 23), D(2026, 12, 1)),  // 9 + 30 + 31 + 30 = 100
        Deal(4, 1, Stage::kLost, 0, D(2026, 1, 1), D(2026, 10, 2)),  // lost deals are not counted
    };
    EXPECT_EQ(MedianWonCycleDays(odd, q).value, 20.0);
    EXPECT_EQ(MedianWonCycleDays(odd, q).numerator, 3.0);
    // Even: {10, 21} → (10 + 21) / 2 = 15.5.
    std::vector<KpiDealRow> even = {
        Deal(1, 1, Stage::kWon, 0, D(2026, 10, 1), D(2026, 10, 11)),
        Deal(2, 1, Stage::kWon, 0, D(2026, 10, 1), D(2026, 10, 22)),
    };
    EXPECT_EQ(MedianWonCycleDays(even, q).value, 15.5);
    // No win in the quarter: no value (not 0); win rate over no closed deals: none; revenue 0.
    EXPECT_FALSE(MedianWonCycleDays({}, q).value.has_value());
    const auto card = BuildScorecard({}, {{q, {}, {}, {}}});
    EXPECT_FALSE(MetricOf(card[0], M::kWinRate).value.has_value());
    EXPECT_EQ(MetricOf(card[0], M::kRevenue).value, 0.0);
}

TEST(ScorecardTransformation, MetricsComeFromTheSignalsAndTheCaseLibrary) {
    const auto card = BuildScorecard(Deals(), Inputs());
    const ScorecardQuarter& now = card[2];
    // Data quality: fiscal_year_and_budget_set is missing, so the mean of the other two:
    // (0.6 + 0.7) / 2 = 0.65, from 2 of 3 ratios.
    EXPECT_NEAR(*MetricOf(now, M::kDataQuality).value, 0.65, 1e-12);
    EXPECT_EQ(MetricOf(now, M::kDataQuality).numerator, 2.0);
    EXPECT_EQ(MetricOf(now, M::kDataQuality).denominator, 3.0);
    // Previous: (0.5 + 0.8 + 0.9) / 3 = 0.7333…
    EXPECT_NEAR(*MetricOf(card[1], M::kDataQuality).value, 2.2 / 3, 1e-12);
    // Adoption: 3 / 10.
    EXPECT_EQ(MetricOf(now, M::kAdoption).value, 0.3);
    EXPECT_EQ(MetricOf(now, M::kAdoption).numerator, 3.0);
    EXPECT_EQ(MetricOf(now, M::kAdoption).denominator, 10.0);
    // Hand-off discipline: no hand-off due → no value, not 0.
    EXPECT_FALSE(MetricOf(now, M::kHandoffDiscipline).value.has_value());
    EXPECT_EQ(MetricOf(card[1], M::kHandoffDiscipline).value, 0.8);
    // Case library: 4 created in the quarter, 10 in the library at its end.
    EXPECT_EQ(MetricOf(now, M::kCaseLibraryGrowth).value, 4.0);
    EXPECT_EQ(MetricOf(now, M::kCaseLibraryGrowth).numerator, 10.0);
    // A year earlier nothing was measured: every transformation metric has no value.
    for (M kind : {M::kDataQuality, M::kAdoption, M::kHandoffDiscipline, M::kCaseLibraryGrowth}) {
        EXPECT_FALSE(MetricOf(card[0], kind).value.has_value()) << ScorecardMetricSlug(kind);
    }
    EXPECT_EQ(MetricOf(card[0], M::kDataQuality).numerator, 0.0);
}

TEST(ScorecardTrends, ChangesAgainstThePreviousQuarterAndAYearEarlier) {
    const auto card = BuildScorecard(Deals(), Inputs());
    const ScorecardQuarter& now = card[2];
    // Revenue: 9M − 3M = +6M vs previous; 9M − 4M = +5M vs a year earlier; both improving.
    const auto& revenue = MetricOf(now, M::kRevenue);
    EXPECT_EQ(revenue.vs_previous.earlier, 3'000'000.0);
    EXPECT_EQ(revenue.vs_previous.delta, 6'000'000.0);
    EXPECT_EQ(revenue.vs_previous.direction, T::kImproving);
    EXPECT_EQ(revenue.vs_last_year.delta, 5'000'000.0);
    EXPECT_EQ(revenue.vs_last_year.direction, T::kImproving);
    // Win rate: 0.75 − 0.5 = +0.25 both ways.
    EXPECT_EQ(MetricOf(now, M::kWinRate).vs_previous.delta, 0.25);
    EXPECT_EQ(MetricOf(now, M::kWinRate).vs_last_year.delta, 0.25);
    // Cycle time: 91 − 91 = 0 → flat; 91 − 92 = −1, within 2% of 92 (1.84) → flat.
    EXPECT_EQ(MetricOf(now, M::kCycleTime).vs_previous.direction, T::kFlat);
    EXPECT_EQ(MetricOf(now, M::kCycleTime).vs_last_year.delta, -1.0);
    EXPECT_EQ(MetricOf(now, M::kCycleTime).vs_last_year.direction, T::kFlat);
    // Data quality: 0.65 − 0.7333 = −0.0833 → worsening.
    EXPECT_NEAR(*MetricOf(now, M::kDataQuality).vs_previous.delta, 0.65 - 2.2 / 3, 1e-12);
    EXPECT_EQ(MetricOf(now, M::kDataQuality).vs_previous.direction, T::kWorsening);
    // Adoption: 0.3 − 0.2 = +0.1 → improving; a year earlier unmeasured → unknown.
    EXPECT_EQ(MetricOf(now, M::kAdoption).vs_previous.direction, T::kImproving);
    EXPECT_EQ(MetricOf(now, M::kAdoption).vs_last_year.direction, T::kUnknown);
    EXPECT_FALSE(MetricOf(now, M::kAdoption).vs_last_year.delta.has_value());
    // Hand-off discipline is missing now → unknown, no delta.
    EXPECT_EQ(MetricOf(now, M::kHandoffDiscipline).vs_previous.direction, T::kUnknown);
    EXPECT_FALSE(MetricOf(now, M::kHandoffDiscipline).vs_previous.delta.has_value());
    // Cases: 4 − 5 = −1, beyond 2% of 5 (0.1) → worsening.
    EXPECT_EQ(MetricOf(now, M::kCaseLibraryGrowth).vs_previous.delta, -1.0);
    EXPECT_EQ(MetricOf(now, M::kCaseLibraryGrowth).vs_previous.direction, T::kWorsening);
    // FY2026 Q2's previous quarter (Q1) is not among the inputs: every trend unknown.
    for (const auto& m : card[1].metrics) EXPECT_EQ(m.vs_previous.direction, T::kUnknown);
}

TEST(ScorecardTrends, AxisSummariesAndTheVerdict) {
    const auto card = BuildScorecard(Deals(), Inputs());
    const ScorecardQuarter& now = card[2];
    // Performance: revenue ↑, win rate ↑, cycle time flat → 2 of 3 improving → improving.
    EXPECT_EQ(now.performance.improving, 2);
    EXPECT_EQ(now.performance.flat, 1);
    EXPECT_EQ(now.performance.compared, 3);
    EXPECT_NEAR(*now.performance.improving_share, 2.0 / 3, 1e-12);
    EXPECT_EQ(now.performance.direction, T::kImproving);
    // Transformation: data quality ↓, adoption ↑, hand-off unknown, cases ↓ → 1 of 3 improving,
    // 2 worsening → worsening.
    EXPECT_EQ(now.transformation.improving, 1);
    EXPECT_EQ(now.transformation.worsening, 2);
    EXPECT_EQ(now.transformation.compared, 3);
    EXPECT_NEAR(*now.transformation.improving_share, 1.0 / 3, 1e-12);
    EXPECT_EQ(now.transformation.direction, T::kWorsening);
    // 業績↑・変革↓ → 短期成果に偏り.
    EXPECT_EQ(now.verdict, ScorecardVerdict::kShortTermBias);
    EXPECT_EQ(ScorecardVerdictLabelJa(now.verdict), "短期成果に偏り");
    // Nothing to compare with → insufficient data.
    EXPECT_EQ(card[0].verdict, ScorecardVerdict::kInsufficientData);
    EXPECT_FALSE(card[0].performance.improving_share.has_value());
}

TEST(ScorecardTrends, DirectionRulesByMetric) {
    struct Case {
        M metric;
        std::optional<double> before, now;
        T want;
    };
    const Case cases[] = {
        // Ratios: within one percentage point is flat (exactly one point included).
        {M::kWinRate, 0.50, 0.51, T::kFlat},
        {M::kWinRate, 0.50, 0.49, T::kFlat},
        {M::kWinRate, 0.50, 0.52, T::kImproving},
        {M::kWinRate, 0.50, 0.48, T::kWorsening},
        {M::kAdoption, 0.20, 0.30, T::kImproving},
        {M::kHandoffDiscipline, 0.90, 0.80, T::kWorsening},
        {M::kDataQuality, 0.700, 0.705, T::kFlat},
        // Revenue: within 2% of the earlier value is flat.
        {M::kRevenue, 100.0, 102.0, T::kFlat},
        {M::kRevenue, 100.0, 98.0, T::kFlat},
        {M::kRevenue, 100.0, 103.0, T::kImproving},
        {M::kRevenue, 100.0, 97.0, T::kWorsening},
        {M::kRevenue, 0.0, 0.0, T::kFlat},
        {M::kRevenue, 0.0, 1.0, T::kImproving},
        // Cycle time improves when it falls.
        {M::kCycleTime, 100.0, 90.0, T::kImproving},
        {M::kCycleTime, 100.0, 110.0, T::kWorsening},
        {M::kCycleTime, 100.0, 101.0, T::kFlat},
        // Case counts: 2% of the earlier count.
        {M::kCaseLibraryGrowth, 10.0, 10.0, T::kFlat},
        {M::kCaseLibraryGrowth, 10.0, 9.0, T::kWorsening},
        {M::kCaseLibraryGrowth, 0.0, 3.0, T::kImproving},
        // A missing value on either side: unknown.
        {M::kWinRate, std::nullopt, 0.5, T::kUnknown},
        {M::kCycleTime, 90.0, std::nullopt, T::kUnknown},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(DirectionOf(c.metric, c.before, c.now), c.want)
            << ScorecardMetricSlug(c.metric) << " " << c.before.value_or(-1) << " → " << c.now.value_or(-1);
    }
}

ScorecardAxisSummary Axis(int improving, int worsening, int flat) {
    ScorecardAxisSummary s;
    s.improving = improving;
    s.worsening = worsening;
    s.flat = flat;
    s.compared = improving + worsening + flat;
    s.direction = s.compared == 0         ? T::kUnknown
                  : improving > worsening ? T::kImproving
                  : worsening > improving ? T::kWorsening
                                          : T::kFlat;
    return s;
}

TEST(ScorecardVerdicts, FourQuadrantsAndInsufficientData) {
    // 業績↑・変革↑
    EXPECT_EQ(VerdictOf(Axis(2, 0, 1), Axis(3, 1, 0)), ScorecardVerdict::kBothAdvancing);
    // 業績↑・変革↓
    EXPECT_EQ(VerdictOf(Axis(2, 1, 0), Axis(0, 2, 1)), ScorecardVerdict::kShortTermBias);
    // 業績↓・変革↑
    EXPECT_EQ(VerdictOf(Axis(0, 3, 0), Axis(2, 0, 0)), ScorecardVerdict::kTransformationLead);
    // 業績↓・変革↓
    EXPECT_EQ(VerdictOf(Axis(0, 2, 1), Axis(1, 2, 0)), ScorecardVerdict::kStalled);
    // A flat axis (a tie) does not advance: 業績→・変革↑ reads as transformation first.
    EXPECT_EQ(VerdictOf(Axis(1, 1, 1), Axis(1, 0, 0)), ScorecardVerdict::kTransformationLead);
    EXPECT_EQ(VerdictOf(Axis(0, 0, 3), Axis(0, 0, 4)), ScorecardVerdict::kStalled);
    // An axis with nothing comparable: no verdict.
    EXPECT_EQ(VerdictOf(Axis(2, 0, 0), Axis(0, 0, 0)), ScorecardVerdict::kInsufficientData);
    // Labels in both languages.
    EXPECT_EQ(ScorecardVerdictLabelJa(ScorecardVerdict::kBothAdvancing), "両輪で前進");
    EXPECT_EQ(ScorecardVerdictLabelEn(ScorecardVerdict::kShortTermBias), "Biased toward short-term results");
    EXPECT_EQ(ScorecardVerdictSlug(ScorecardVerdict::kTransformationLead), "transformation_lead");
    for (auto v :
         {ScorecardVerdict::kBothAdvancing, ScorecardVerdict::kShortTermBias, ScorecardVerdict::kTransformationLead,
          ScorecardVerdict::kStalled, ScorecardVerdict::kInsufficientData}) {
        EXPECT_FALSE(ScorecardVerdictAdviceJa(v).empty());
        EXPECT_FALSE(ScorecardVerdictAdviceEn(v).empty());
    }
}

TEST(ScorecardVerdicts, EveryQuadrantFromWholeQuarters) {
    // Two quarters; the second's verdict follows from revenue (performance) and adoption
    // (transformation) alone, every other metric being unmeasured or unchanged.
    auto verdict = [](long long revenue_before, long long revenue_now, long long use_before, long long use_now) {
        const std::vector<KpiDealRow> deals = {
            Deal(1, 1, Stage::kWon, revenue_before, D(2026, 4, 1), D(2026, 5, 1)),
            Deal(2, 1, Stage::kWon, revenue_now, D(2026, 7, 1), D(2026, 7, 31)),  // both 30 days
        };
        ScorecardQuarterInput before{Q(2026, 1), {}, {}, {}};
        before.signals.score_use = R(use_before, 10);
        ScorecardQuarterInput now{Q(2026, 2), {}, {}, {}};
        now.signals.score_use = R(use_now, 10);
        return BuildScorecard(deals, {before, now})[1].verdict;
    };
    // Revenue 100 → 200 is ↑ (200 → 100 ↓); win rate 1/1 → 1/1 and cycle time 30 → 30 are
    // flat; adoption 2/10 → 5/10 is ↑ (5/10 → 2/10 ↓); the rest is unmeasured.
    EXPECT_EQ(verdict(100, 200, 2, 5), ScorecardVerdict::kBothAdvancing);
    EXPECT_EQ(verdict(100, 200, 5, 2), ScorecardVerdict::kShortTermBias);
    EXPECT_EQ(verdict(200, 100, 2, 5), ScorecardVerdict::kTransformationLead);
    EXPECT_EQ(verdict(200, 100, 5, 2), ScorecardVerdict::kStalled);
}

}  // namespace
}  // namespace kyoso::domain
