#pragma once

// The two-axis scorecard of the transformation programme (docs/transformation.md,
// "Two-axis scorecard"; vision-ja.txt 「二軸の評価指標」): per fiscal quarter, short-term
// performance (revenue, win rate, cycle time) and long-term transformation (data
// quality, adoption, hand-off discipline, case library growth), each with its change
// against the previous quarter and the same quarter a year earlier, judged together
// in one verdict. Pure functions over plain rows the app layer reads once per request.

#include <optional>
#include <string_view>
#include <vector>

#include "kyoso/domain/division/kpi.hpp"
#include "kyoso/domain/transformation/model.hpp"

namespace kyoso::domain {

enum class ScorecardAxis { kPerformance, kTransformation };
std::string_view ScorecardAxisSlug(ScorecardAxis a);  // performance, transformation

// The seven metrics in display order: the first three are the performance axis.
enum class ScorecardMetricKind {
    kRevenue,            // 受注額: yen, won deals closed in the quarter
    kWinRate,            // 勝率: won / (won + lost) closed in the quarter
    kCycleTime,          // 商談期間: median days created_on → closed_on of the quarter's wins
    kDataQuality,        // データ品質: mean of the available data ratios
    kAdoption,           // スコア活用: MeasuredSignals::score_use
    kHandoffDiscipline,  // 引き継ぎ規律: MeasuredSignals::handoff_sla_compliance
    kCaseLibraryGrowth,  // 事例の蓄積: cases created in the quarter
};
const std::vector<ScorecardMetricKind>& AllScorecardMetrics();
ScorecardAxis AxisOf(ScorecardMetricKind m);
// revenue, win_rate, cycle_time, data_quality, adoption, handoff_discipline, case_library_growth
std::string_view ScorecardMetricSlug(ScorecardMetricKind m);
std::string_view ScorecardMetricLabelJa(ScorecardMetricKind m);
std::string_view ScorecardMetricLabelEn(ScorecardMetricKind m);
// Whether a larger value is better (every metric but cycle time).
bool HigherIsBetter(ScorecardMetricKind m);

// How a metric moved. kUnknown when either value is missing.
enum class TrendDirection { kImproving, kWorsening, kFlat, kUnknown };
std::string_view TrendDirectionSlug(TrendDirection d);  // improving, worsening, flat, unknown

// The tolerance within which a change counts as flat, by metric: ratios (win rate,
// data quality, adoption, hand-off discipline) 0.01 absolute (one percentage point);
// revenue, cycle time and case counts 2% of the earlier value (any change is a move
// when the earlier value is 0). A change of exactly the tolerance is flat.
constexpr double kScorecardRatioTolerance = 0.01;
constexpr double kScorecardRelativeTolerance = 0.02;
// The direction of a move from `before` to `now`, by the metric's tolerance and sense
// (cycle time improves when it falls).
TrendDirection DirectionOf(ScorecardMetricKind m, std::optional<double> before, std::optional<double> now);

// A change against an earlier quarter: delta = now − earlier (none when either is missing).
struct ScorecardTrend {
    std::optional<double> earlier;
    std::optional<double> delta;
    TrendDirection direction = TrendDirection::kUnknown;
};

struct ScorecardMetric {
    ScorecardMetricKind kind = ScorecardMetricKind::kRevenue;
    std::optional<double> value;  // none = not measurable this quarter (never 0 for "unknown")
    // What the value is computed from: revenue = won deals (numerator); win rate = won /
    // closed; cycle time = won deals with both dates (numerator); ratios = their counts;
    // data quality = ratios available (numerator) of 3; case growth = cases in the library
    // at the quarter's end (numerator = cumulative, none when unknown).
    std::optional<double> numerator;
    std::optional<double> denominator;
    ScorecardTrend vs_previous;   // the quarter before
    ScorecardTrend vs_last_year;  // the same quarter of the previous fiscal year
};

// One axis of one quarter against the previous quarter.
struct ScorecardAxisSummary {
    ScorecardAxis axis = ScorecardAxis::kPerformance;
    int improving = 0;
    int worsening = 0;
    int flat = 0;
    int compared = 0;                       // metrics with a direction (improving + worsening + flat)
    std::optional<double> improving_share;  // improving / compared; none when nothing compared
    // kImproving when more metrics improved than worsened, kWorsening when more worsened,
    // kFlat on a tie, kUnknown when nothing could be compared.
    TrendDirection direction = TrendDirection::kUnknown;
};

// Both axes judged together (vs the previous quarter). An axis "advances" when its
// direction is kImproving; otherwise (flat or worse) it does not.
enum class ScorecardVerdict {
    kBothAdvancing,       // 業績↑・変革↑ 両輪で前進
    kShortTermBias,       // 業績↑・変革↛ 短期成果に偏り
    kTransformationLead,  // 業績↛・変革↑ 変革先行・成果はこれから
    kStalled,             // 業績↛・変革↛ 両軸とも停滞
    kInsufficientData,    // an axis has no metric comparable with the previous quarter
};
std::string_view ScorecardVerdictSlug(ScorecardVerdict v);  // both_advancing, short_term_bias, ...
std::string_view ScorecardVerdictLabelJa(ScorecardVerdict v);
std::string_view ScorecardVerdictLabelEn(ScorecardVerdict v);
// One sentence on what the verdict asks of the organisation.
std::string_view ScorecardVerdictAdviceJa(ScorecardVerdict v);
std::string_view ScorecardVerdictAdviceEn(ScorecardVerdict v);
ScorecardVerdict VerdictOf(const ScorecardAxisSummary& performance, const ScorecardAxisSummary& transformation);

// What one quarter's transformation metrics are read from.
struct ScorecardQuarterInput {
    KpiPeriod period;                        // a quarter (MakeKpiPeriod with quarter 1–4)
    MeasuredSignals signals;                 // measured over [period.from, period.to]
    std::optional<long long> cases_created;  // none = unknown (not 0)
    std::optional<long long> cases_total;    // in the library at period.to; none = unknown
};

struct ScorecardQuarter {
    KpiPeriod period;
    std::vector<ScorecardMetric> metrics;  // AllScorecardMetrics() order
    ScorecardAxisSummary performance;
    ScorecardAxisSummary transformation;
    ScorecardVerdict verdict = ScorecardVerdict::kInsufficientData;
};

// Median days from created_on to closed_on of the won deals closed in the period (all
// owners). The median, not the mean: a few multi-year municipal deals would otherwise
// dominate the figure. numerator = deals counted; value none without any.
KpiFigure MedianWonCycleDays(const std::vector<KpiDealRow>& deals, const KpiPeriod& period);

// The mean of the available data ratios of `s` (same_day_logging,
// deal_field_completeness, fiscal_year_and_budget_set); numerator = ratios available,
// denominator = 3; value none when none is available.
KpiFigure DataQualityOf(const MeasuredSignals& s);

// The scorecard of every input quarter, in the order given. `deals` are the closed
// deals of all owners (won and lost; others are ignored); revenue and win rate are the
// KPI formulas (domain::Revenue, domain::WinRate) over them. A quarter's comparisons
// look up the previous quarter and the same quarter a year earlier among the inputs;
// when one is not among them its trend is kUnknown (so pass four quarters before the
// first one shown).
std::vector<ScorecardQuarter> BuildScorecard(const std::vector<KpiDealRow>& deals,
                                             const std::vector<ScorecardQuarterInput>& quarters);

// The quarter containing `date` and the one `n` quarters before (n may be negative).
KpiPeriod ScorecardQuarterOf(Date date);
KpiPeriod ScorecardShiftQuarter(const KpiPeriod& quarter, int n);

}  // namespace kyoso::domain
