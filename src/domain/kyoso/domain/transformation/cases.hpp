#pragma once

// The case library and public value (docs/transformation.md, "Case library" and
// "Public value"): kinds of cases, and the pure aggregation of outcome metrics of
// deployments into per-metric figures, medians and the citation text a proposal quotes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kyoso::domain {

// A case is a success (成功事例) or a failure (失敗事例) worth learning from.
enum class CaseKind { kSuccess, kFailure };
std::string_view CaseKindSlug(CaseKind kind);  // success, failure
std::optional<CaseKind> CaseKindFromSlug(std::string_view slug);
std::string_view CaseKindLabelJa(CaseKind kind);  // 成功事例, 失敗事例

// One outcome metric of one deployment (a won deal) with its latest measurement.
struct PublicValueDeployment {
    long long metric_id = 0;
    long long deal_id = 0;
    std::string government_code;
    std::string government_name;
    long long product_id = 0;
    std::string product_name;
    std::string metric_name;  // オンライン申請率
    std::string unit;         // %, 件, 日
    std::string direction;    // increase | decrease
    double baseline = 0;
    std::string baseline_on;  // YYYY-MM-DD: measured since
    double target = 0;
    std::optional<double> latest;    // none before the first measurement
    std::string latest_on;           // YYYY-MM-DD of `latest`, "" without one
    std::optional<double> progress;  // domain::OutcomeProgress, filled by SummarisePublicValue
};

// One metric name across the deployments of a product (or of a government).
struct PublicValueMetricSummary {
    std::string metric_name;
    std::string unit;
    int deployments = 0;                    // metrics of this name
    int measured = 0;                       // … with at least one measurement
    int governments = 0;                    // distinct governments among them
    std::optional<double> median_progress;  // over measured deployments (per government: its median first)
    std::optional<double> median_change;    // median of latest − baseline over measured deployments
};

// Fills each deployment's progress (OutcomeProgress; unknown directions count as increase)
// and summarises them per metric name in first-seen order. The median progress takes one
// value per government (the median of its deployments of that metric) so a government
// with many deployments does not outweigh the others. Pure.
std::vector<PublicValueMetricSummary> SummarisePublicValue(std::vector<PublicValueDeployment>& deployments);

// The median of `values` (mean of the middle two for an even count); nullopt when empty. Pure.
std::optional<double> CaseMedian(std::vector<double> values);

// A value as a proposal prints it: integers without decimals, otherwise one decimal,
// followed by the unit ("12%", "3.5日", "1,200件" with thousands separators). Pure.
std::string FormatOutcomeValue(double value, std::string_view unit);

// The citation of one measured deployment for a proposal:
// 「○○市では オンライン申請率 12% → 34%（2026年9月測定）」. Without a measurement
// only the baseline and target: 「○○市では オンライン申請率 12%（目標 40%）」. Pure.
std::string PublicValueCitation(const PublicValueDeployment& d);

}  // namespace kyoso::domain
