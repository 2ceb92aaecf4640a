#pragma once

#include <string>
#include <vector>

#include "kyoso/domain/ml/dataset.hpp"

namespace kyoso::domain::ml {

// One reason behind a score: a feature, its value for the record and how much it moved
// the score in log-odds (XGBoost's SHAP contribution, or a rule's weight).
struct Factor {
    std::string key;       // FeatureInfo::key
    std::string label_ja;  // FeatureInfo::label_ja, e.g. "締切前の訪問回数"
    std::string value;     // the record's value as shown ("3", "町", "未設定")
    double contribution = 0;
};

// The strongest reasons up and down.
struct TopFactors {
    std::vector<Factor> positive;  // largest contribution first
    std::vector<Factor> negative;  // most negative first
};

// Picks up to `k` positive and `k` negative factors from one row of contributions
// (length features.size() or features.size() + 1 with the bias last, which is ignored);
// contributions smaller than `min_abs` in magnitude are left out. `values` (optional,
// same length as features) are the row's values as text.
TopFactors PickTopFactors(const std::vector<float>& contributions, const std::vector<FeatureInfo>& features,
                          const std::vector<std::string>& values, int k = 3, double min_abs = 1e-3);

}  // namespace kyoso::domain::ml
