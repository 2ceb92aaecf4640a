#include "kyoso/domain/transformation/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace kyoso::domain {

namespace {

// Floating-point slack so that, e.g., 0.51 − 0.50 still counts as exactly one point.
constexpr double kSlack = 1e-9;

bool IsRatio(ScorecardMetricKind m) {
    return m == ScorecardMetricKind::kWinRate || m == ScorecardMetricKind::kDataQuality ||
           m == ScorecardMetricKind::kAdoption || m == ScorecardMetricKind::kHandoffDiscipline;
}

std::optional<double> Num(long long v) { return static_cast<double>(v); }

KpiFigure RatioOf(const Ratio& r) {
    return {r.value(), static_cast<double>(r.numerator), static_cast<double>(r.denominator)};
}

ScorecardTrend TrendOf(ScorecardMetricKind m, std::optional<double> earlier, std::optional<double> now) {
    ScorecardTrend t;
    t.earlier = earlier;
    if (earlier && now) t.delta = *now - *earlier;
    t.direction = DirectionOf(m, earlier, now);
    return t;
}

ScorecardAxisSummary Summarise(ScorecardAxis axis, const std::vector<ScorecardMetric>& metrics) {
    ScorecardAxisSummary s;
    s.axis = axis;
    for (const auto& m : metrics) {
        if (AxisOf(m.kind) != axis) continue;
        switch (m.vs_previous.direction) {
            case TrendDirection::kImproving:
                ++s.improving;
                break;
            case TrendDirection::kWorsening:
                ++s.worsening;
                break;
            case TrendDirection::kFlat:
                ++s.flat;
                break;
            case TrendDirection::kUnknown:
                break;
        }
    }
    s.compared = s.improving + s.worsening + s.flat;
    if (s.compared > 0) {
        s.improving_share = static_cast<double>(s.improving) / static_cast<double>(s.compared);
        s.direction = s.improving > s.worsening   ? TrendDirection::kImproving
                      : s.worsening > s.improving ? TrendDirection::kWorsening
                                                  : TrendDirection::kFlat;
    }
    return s;
}

}  // namespace

std::string_view ScorecardAxisSlug(ScorecardAxis a) {
    return a == ScorecardAxis::kPerformance ? "performance" : "transformation";
}

const std::vector<ScorecardMetricKind>& AllScorecardMetrics() {
    static const std::vector<ScorecardMetricKind> all = {
        ScorecardMetricKind::kRevenue,           ScorecardMetricKind::kWinRate,
        ScorecardMetricKind::kCycleTime,         ScorecardMetricKind::kDataQuality,
        ScorecardMetricKind::kAdoption,          ScorecardMetricKind::kHandoffDiscipline,
        ScorecardMetricKind::kCaseLibraryGrowth,
    };
    return all;
}

ScorecardAxis AxisOf(ScorecardMetricKind m) {
    switch (m) {
        case ScorecardMetricKind::kRevenue:
        case ScorecardMetricKind::kWinRate:
        case ScorecardMetricKind::kCycleTime:
            return ScorecardAxis::kPerformance;
        case ScorecardMetricKind::kDataQuality:
        case ScorecardMetricKind::kAdoption:
        case ScorecardMetricKind::kHandoffDiscipline:
        case ScorecardMetricKind::kCaseLibraryGrowth:
            return ScorecardAxis::kTransformation;
    }
    return ScorecardAxis::kPerformance;
}

std::string_view ScorecardMetricSlug(ScorecardMetricKind m) {
    switch (m) {
        case ScorecardMetricKind::kRevenue:
            return "revenue";
        case ScorecardMetricKind::kWinRate:
            return "win_rate";
        case ScorecardMetricKind::kCycleTime:
            return "cycle_time";
        case ScorecardMetricKind::kDataQuality:
            return "data_quality";
        case ScorecardMetricKind::kAdoption:
            return "adoption";
        case ScorecardMetricKind::kHandoffDiscipline:
            return "handoff_discipline";
        case ScorecardMetricKind::kCaseLibraryGrowth:
            return "case_library_growth";
    }
    return "revenue";
}

std::string_view ScorecardMetricLabelJa(ScorecardMetricKind m) {
    switch (m) {
        case ScorecardMetricKind::kRevenue:
            return "受注額";
        case ScorecardMetricKind::kWinRate:
            return "勝率";
        case ScorecardMetricKind::kCycleTime:
            return "商談期間（中央値）";
        case ScorecardMetricKind::kDataQuality:
            return "データ品質";
        case ScorecardMetricKind::kAdoption:
            return "スコア活用";
        case ScorecardMetricKind::kHandoffDiscipline:
            return "引き継ぎSLA遵守";
        case ScorecardMetricKind::kCaseLibraryGrowth:
            return "事例の蓄積";
    }
    return "";
}

std::string_view ScorecardMetricLabelEn(ScorecardMetricKind m) {
    switch (m) {
        case ScorecardMetricKind::kRevenue:
            return "Revenue";
        case ScorecardMetricKind::kWinRate:
            return "Win rate";
        case ScorecardMetricKind::kCycleTime:
            return "Cycle time (median)";
        case ScorecardMetricKind::kDataQuality:
            return "Data quality";
        case ScorecardMetricKind::kAdoption:
            return "Score adoption";
        case ScorecardMetricKind::kHandoffDiscipline:
            return "Hand-off SLA compliance";
        case ScorecardMetricKind::kCaseLibraryGrowth:
            return "Case library growth";
    }
    return "";
}

bool HigherIsBetter(ScorecardMetricKind m) { return m != ScorecardMetricKind::kCycleTime; }

std::string_view TrendDirectionSlug(TrendDirection d) {
    switch (d) {
        case TrendDirection::kImproving:
            return "improving";
        case TrendDirection::kWorsening:
            return "worsening";
        case TrendDirection::kFlat:
            return "flat";
        case TrendDirection::kUnknown:
            return "unknown";
    }
    return "unknown";
}

TrendDirection DirectionOf(ScorecardMetricKind m, std::optional<double> before, std::optional<double> now) {
    if (!before || !now) return TrendDirection::kUnknown;
    const double delta = *now - *before;
    const double tolerance = IsRatio(m) ? kScorecardRatioTolerance : kScorecardRelativeTolerance * std::abs(*before);
    if (std::abs(delta) <= tolerance + kSlack) {
        // With an earlier value of 0 the relative tolerance is 0: only no change is flat.
        if (tolerance > 0 || delta == 0) return TrendDirection::kFlat;
    }
    const bool up = delta > 0;
    return up == HigherIsBetter(m) ? TrendDirection::kImproving : TrendDirection::kWorsening;
}

std::string_view ScorecardVerdictSlug(ScorecardVerdict v) {
    switch (v) {
        case ScorecardVerdict::kBothAdvancing:
            return "both_advancing";
        case ScorecardVerdict::kShortTermBias:
            return "short_term_bias";
        case ScorecardVerdict::kTransformationLead:
            return "transformation_lead";
        case ScorecardVerdict::kStalled:
            return "stalled";
        case ScorecardVerdict::kInsufficientData:
            return "insufficient_data";
    }
    return "insufficient_data";
}

std::string_view ScorecardVerdictLabelJa(ScorecardVerdict v) {
    switch (v) {
        case ScorecardVerdict::kBothAdvancing:
            return "両輪で前進";
        case ScorecardVerdict::kShortTermBias:
            return "短期成果に偏り";
        case ScorecardVerdict::kTransformationLead:
            return "変革先行・成果はこれから";
        case ScorecardVerdict::kStalled:
            return "両軸とも停滞";
        case ScorecardVerdict::kInsufficientData:
            return "判定にはデータ不足";
    }
    return "";
}

std::string_view ScorecardVerdictLabelEn(ScorecardVerdict v) {
    switch (v) {
        case ScorecardVerdict::kBothAdvancing:
            return "Both axes advancing";
        case ScorecardVerdict::kShortTermBias:
            return "Biased toward short-term results";
        case ScorecardVerdict::kTransformationLead:
            return "Transformation ahead, results to follow";
        case ScorecardVerdict::kStalled:
            return "Both axes stalled";
        case ScorecardVerdict::kInsufficientData:
            return "Not enough data to judge";
    }
    return "";
}

std::string_view ScorecardVerdictAdviceJa(ScorecardVerdict v) {
    switch (v) {
        case ScorecardVerdict::kBothAdvancing:
            return "短期の業績と長期の変革がともに改善しています。うまくいった取り組みを横展開しましょう。";
        case ScorecardVerdict::kShortTermBias:
            return "業績は伸びていますが変革指標が伸びていません。記録・引き継ぎ・事例共有の定着に時間を割きましょう。";
        case ScorecardVerdict::kTransformationLead:
            return "変革指標は改善していますが業績にはまだ表れていません。予算サイクルの遅れを考慮し、先行指標を見守り"
                   "ましょう。";
        case ScorecardVerdict::kStalled:
            return "業績も変革指標も改善していません。診断とアクションプランを見直しましょう。";
        case ScorecardVerdict::kInsufficientData:
            return "前の四半期と比べられる指標がまだありません。";
    }
    return "";
}

std::string_view ScorecardVerdictAdviceEn(ScorecardVerdict v) {
    switch (v) {
        case ScorecardVerdict::kBothAdvancing:
            return "Short-term results and long-term change are both improving: spread what worked.";
        case ScorecardVerdict::kShortTermBias:
            return "Results are up but the transformation metrics are not: make time for logging, hand-offs and "
                   "sharing cases.";
        case ScorecardVerdict::kTransformationLead:
            return "The transformation metrics improve but results do not show it yet: allow for the budget cycle's "
                   "lag and watch the leading indicators.";
        case ScorecardVerdict::kStalled:
            return "Neither results nor the transformation metrics improve: revisit the diagnosis and the action plan.";
        case ScorecardVerdict::kInsufficientData:
            return "No metric can be compared with the previous quarter yet.";
    }
    return "";
}

ScorecardVerdict VerdictOf(const ScorecardAxisSummary& performance, const ScorecardAxisSummary& transformation) {
    if (performance.compared == 0 || transformation.compared == 0) return ScorecardVerdict::kInsufficientData;
    const bool p = performance.direction == TrendDirection::kImproving;
    const bool t = transformation.direction == TrendDirection::kImproving;
    if (p && t) return ScorecardVerdict::kBothAdvancing;
    if (p) return ScorecardVerdict::kShortTermBias;
    if (t) return ScorecardVerdict::kTransformationLead;
    return ScorecardVerdict::kStalled;
}

KpiFigure MedianWonCycleDays(const std::vector<KpiDealRow>& deals, const KpiPeriod& period) {
    std::vector<int> days;
    for (const auto& d : deals) {
        if (d.stage != Stage::kWon || !d.closed_on || !period.Contains(*d.closed_on)) continue;
        days.push_back(DaysBetween(d.created_on, *d.closed_on));
    }
    KpiFigure f{std::nullopt, static_cast<double>(days.size()), std::nullopt};
    if (days.empty()) return f;
    std::sort(days.begin(), days.end());
    const size_t mid = days.size() / 2;
    f.value = days.size() % 2 == 1 ? static_cast<double>(days[mid]) : (days[mid - 1] + days[mid]) / 2.0;
    return f;
}

KpiFigure DataQualityOf(const MeasuredSignals& s) {
    double sum = 0;
    int available = 0;
    for (const Ratio* r : {&s.same_day_logging, &s.deal_field_completeness, &s.fiscal_year_and_budget_set}) {
        if (auto v = r->value()) {
            sum += *v;
            ++available;
        }
    }
    KpiFigure f{std::nullopt, static_cast<double>(available), 3.0};
    if (available > 0) f.value = sum / available;
    return f;
}

std::vector<ScorecardQuarter> BuildScorecard(const std::vector<KpiDealRow>& deals,
                                             const std::vector<ScorecardQuarterInput>& quarters) {
    // Revenue and win rate are the KPI formulas over every owner's deals.
    KpiRows rows;
    rows.deals = deals;
    KpiUsers everyone;
    for (const auto& d : deals) everyone.insert(d.owner_id);

    std::vector<ScorecardQuarter> out;
    out.reserve(quarters.size());
    for (const auto& in : quarters) {
        ScorecardQuarter q;
        q.period = in.period;
        for (ScorecardMetricKind kind : AllScorecardMetrics()) {
            ScorecardMetric m;
            m.kind = kind;
            KpiFigure f;
            switch (kind) {
                case ScorecardMetricKind::kRevenue: {
                    f = Revenue(rows, everyone, in.period);
                    break;
                }
                case ScorecardMetricKind::kWinRate:
                    f = WinRate(rows, everyone, in.period);
                    break;
                case ScorecardMetricKind::kCycleTime:
                    f = MedianWonCycleDays(deals, in.period);
                    break;
                case ScorecardMetricKind::kDataQuality:
                    f = DataQualityOf(in.signals);
                    break;
                case ScorecardMetricKind::kAdoption:
                    f = RatioOf(in.signals.score_use);
                    break;
                case ScorecardMetricKind::kHandoffDiscipline:
                    f = RatioOf(in.signals.handoff_sla_compliance);
                    break;
                case ScorecardMetricKind::kCaseLibraryGrowth:
                    if (in.cases_created) f.value = Num(*in.cases_created);
                    if (in.cases_total) f.numerator = Num(*in.cases_total);
                    break;
            }
            m.value = f.value;
            m.numerator = f.numerator;
            m.denominator = f.denominator;
            q.metrics.push_back(std::move(m));
        }
        out.push_back(std::move(q));
    }

    // Comparisons by (fiscal year, quarter).
    std::map<std::pair<int, int>, const ScorecardQuarter*> by_key;
    for (const auto& q : out) by_key[{q.period.fiscal_year, q.period.quarter}] = &q;
    auto value_at = [&](const KpiPeriod& p, size_t metric) -> std::optional<double> {
        auto it = by_key.find({p.fiscal_year, p.quarter});
        if (it == by_key.end()) return std::nullopt;
        return it->second->metrics[metric].value;
    };
    for (auto& q : out) {
        const KpiPeriod previous = ScorecardShiftQuarter(q.period, -1);
        const KpiPeriod last_year = ScorecardShiftQuarter(q.period, -4);
        for (size_t i = 0; i < q.metrics.size(); ++i) {
            auto& m = q.metrics[i];
            m.vs_previous = TrendOf(m.kind, value_at(previous, i), m.value);
            m.vs_last_year = TrendOf(m.kind, value_at(last_year, i), m.value);
        }
        q.performance = Summarise(ScorecardAxis::kPerformance, q.metrics);
        q.transformation = Summarise(ScorecardAxis::kTransformation, q.metrics);
        q.verdict = VerdictOf(q.performance, q.transformation);
    }
    return out;
}

KpiPeriod ScorecardQuarterOf(Date date) {
    const int month = static_cast<int>(static_cast<unsigned>(date.month()));
    const int year = static_cast<int>(date.year());
    const int fiscal_year = month >= 4 ? year : year - 1;
    const int quarter = month >= 4 ? (month - 4) / 3 + 1 : 4;
    return *MakeKpiPeriod(fiscal_year, quarter);
}

KpiPeriod ScorecardShiftQuarter(const KpiPeriod& quarter, int n) {
    // Quarters counted from FY 0 Q1: index = fy × 4 + (q − 1).
    const int index = quarter.fiscal_year * 4 + (quarter.quarter - 1) + n;
    const int fy = index >= 0 ? index / 4 : (index - 3) / 4;
    const int q = index - fy * 4 + 1;
    if (auto p = MakeKpiPeriod(fy, q)) return *p;
    KpiPeriod out;  // outside 1900..9999: a period no date falls in
    out.fiscal_year = fy;
    out.quarter = q;
    return out;
}

}  // namespace kyoso::domain
