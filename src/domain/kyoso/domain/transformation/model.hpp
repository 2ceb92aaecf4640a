#pragma once

// The shared vocabulary of the transformation programme (docs/transformation.md):
// the five dimensions of the diagnosis, maturity levels, the signals Kyoso measures
// from the company's own data, and a diagnosis as the action plan reads it. The
// diagnosis, action plan, scorecard, experiment and case-library parts build on these.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"

namespace kyoso::domain {

// The five dimensions of the diagnosis, in display order.
enum class TransformationDimension {
    kData,              // データ活用
    kDivisionOfLabour,  // 分業
    kAi,                // AI活用
    kLearningCulture,   // 学習文化
    kPublicSector,      // 自治体営業の実務 (budget calendar, procurement, 公共価値)
};
const std::vector<TransformationDimension>& AllTransformationDimensions();
std::string_view DimensionSlug(TransformationDimension d);  // data, division_of_labour, ai, learning_culture, public_sector
std::optional<TransformationDimension> DimensionFromSlug(std::string_view slug);
std::string_view DimensionLabelJa(TransformationDimension d);  // データ活用 …

// Maturity 1 (ad hoc, 属人的) … 5 (institutionalised, 定着). Levels are whole numbers
// for a dimension's verdict; averages of answers keep their fraction.
constexpr int kMinMaturity = 1;
constexpr int kMaxMaturity = 5;

// A measured share: numerator / denominator, no value when the denominator is 0.
struct Ratio {
    long long numerator = 0;
    long long denominator = 0;
    std::optional<double> value() const {
        if (denominator <= 0) return std::nullopt;
        return static_cast<double>(numerator) / static_cast<double>(denominator);
    }
};

// What the data itself says over [from, to] (both inclusive).
struct MeasuredSignals {
    Date from{};
    Date to{};
    // Activities whose record was created on the day they happened (JST) / activities.
    Ratio same_day_logging;
    // Filled key fields / key fields over open-or-closed-in-period deals (amount, fiscal
    // year, budget status, expected close, champion, product, next step …).
    Ratio deal_field_completeness;
    // Hand-offs answered (accepted/returned) by their SLA due day / hand-offs due in period.
    Ratio handoff_sla_compliance;
    // Deals with a fiscal year and a budget status other than unknown / deals.
    Ratio fiscal_year_and_budget_set;
    // Active sales users who used a score (next-best-action feedback, score views …) / active sales users.
    Ratio score_use;
};

// One dimension of a diagnosis.
struct DimensionDiagnosis {
    TransformationDimension dimension = TransformationDimension::kData;
    std::optional<double> self_score;     // mean of the questionnaire's answers, 1.0–5.0
    std::optional<int> self_level;        // the questionnaire's verdict, 1–5
    std::optional<int> measured_level;    // from the signals, 1–5; none when nothing is measured
    // measured_level − self_level when both exist: negative = the organisation rates itself
    // higher than its data shows.
    std::optional<int> gap;
    std::string finding_ja;  // one sentence: where self-assessment and data agree or disagree
    std::string finding_en;
};

// A diagnosis as the action plan and the scorecard read it.
struct Diagnosis {
    long long assessment_id = 0;
    Date assessed_on{};
    MeasuredSignals signals;
    std::vector<DimensionDiagnosis> dimensions;  // AllTransformationDimensions() order
};

// Organisation size by sales staff: under 10, 10–50, over 50.
enum class OrgSizeBand { kSmall, kMedium, kLarge };
OrgSizeBand OrgSizeBandOf(int sales_staff);
std::string_view OrgSizeBandSlug(OrgSizeBand b);  // small, medium, large
std::optional<OrgSizeBand> OrgSizeBandFromSlug(std::string_view slug);

// Which governments the company mostly sells to.
enum class GovernmentFocus { kLargeCities, kMixed, kTownsAndVillages };
std::string_view GovernmentFocusSlug(GovernmentFocus f);  // large_cities, mixed, towns_villages
std::optional<GovernmentFocus> GovernmentFocusFromSlug(std::string_view slug);

}  // namespace kyoso::domain
