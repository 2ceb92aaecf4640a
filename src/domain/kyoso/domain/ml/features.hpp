#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/ml/dataset.hpp"
#include "kyoso/domain/ml/factors.hpp"
#include "kyoso/domain/ml/history.hpp"

namespace kyoso::domain::ml {

// Point-in-time features (docs/ml.md "Models, features and the registry"): a record's
// features at day t use only rows dated on or before t — stage moves, activities,
// rotations, peers' wins closed before t. Safe for concurrent use after construction.
class FeatureBuilder {
public:
    FeatureBuilder(const History& history, const BusinessCalendar& calendar);

    // The deal-win model's columns, in order.
    static const std::vector<FeatureInfo>& DealWinFeatures();
    // A deal's features as it stood at day t (t ≥ created).
    std::vector<float> DealAt(const DealFacts& deal, int t) const;

    // The government × product propensity columns.
    static const std::vector<FeatureInfo>& PropensityFeatures();
    // Features of the pair (government index, product) at day t.
    std::vector<float> PropensityAt(int government, long long product_id, int t) const;

    // The lead-conversion columns.
    static const std::vector<FeatureInfo>& LeadFeatures();
    // A lead's features at its creation.
    std::vector<float> LeadAt(const LeadFacts& lead) const;

    // The 予算要求締切 (request deadline) of fiscal year `fy` for a government kind
    // (FiscalCalendar defaults, no per-government overrides), as a day number.
    int RequestDeadline(const std::string& kind, int fy) const;
    // Business days in (from, to].
    int BusinessDays(int from, int to) const;

private:
    const History& h_;
    const BusinessCalendar& calendar_;
    std::vector<std::vector<std::size_t>> deals_by_government_;
    mutable std::mutex mu_;
    mutable std::map<std::pair<std::string, int>, int> deadlines_;
};

// A feature's value as shown beside a factor ("あり", "町", "3", "0.52").
std::string FeatureValueText(const std::string& key, float value);
// The values of one row as text, for PickTopFactors.
std::vector<std::string> FeatureValuesText(const std::vector<FeatureInfo>& features, const std::vector<float>& row);

// The transparent rule-based deal-win score used when there is too little history
// (docs/ml.md "Rule-based fallback"): a base rate per stage at t, moved in log-odds by
// the documented cues (each a Factor with its Japanese label).
struct RuleScore {
    double probability = 0;
    TopFactors factors;
};
RuleScore DealWinRules(const std::vector<float>& deal_features, int k = 3);
// The propensity fallback: a base rate of 3% per pair and year moved by peers'
// adoption (×1.8), a past lost/deferred deal (×2, deals come back), an open deal (×3)
// and an earlier adoption (×0.2).
RuleScore PropensityRules(const std::vector<float>& propensity_features, int k = 3);
// The lead fallback: 30% moved by an inquiry (×1.5), a seminar (×1.2), outbound (×0.7)
// and a government that already bought (×1.3).
RuleScore LeadRules(const std::vector<float>& lead_features, int k = 3);
// The rule's base win rate for a stage ordinal (情報収集 0.15 … 入札・提案 0.62).
double StageBaseRate(int stage);

// The minimum of each class before a model is trained (issue 9: 200 won and 200 lost).
inline constexpr std::size_t kMinPerClass = 200;

}  // namespace kyoso::domain::ml
