#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/ml/dataset.hpp"
#include "kyoso/ports/services.hpp"

namespace kyoso::ports {

// Hyper-parameters of a binary gradient-boosted tree model (XGBoost names in comments).
struct BoostingParams {
    int rounds = 200;               // num_boost_round
    int max_depth = 4;              // max_depth
    double learning_rate = 0.1;     // eta
    double min_child_weight = 1.0;  // min_child_weight
    double subsample = 1.0;         // subsample (1 = deterministic)
    double colsample = 1.0;         // colsample_bytree
    double lambda = 1.0;            // L2 regularisation
    double scale_pos_weight = 1.0;  // scale_pos_weight
    int threads = 0;                // nthread; 0 = all cores
    unsigned long long seed = 0;    // seed
};

// A trained binary classifier. Safe for concurrent use from many threads.
class BoostedModel {
public:
    virtual ~BoostedModel() = default;
    // Uncalibrated probabilities of the positive class, one per row.
    virtual Result<std::vector<double>> Predict(const domain::ml::FeatureMatrix& x) const = 0;
    // Per-row feature contributions in log-odds (SHAP values): rows × (cols + 1),
    // row-major, the bias last; a row's sum is its margin. `approximate` uses
    // XGBoost's Saabas approximation (much faster, same sum).
    virtual Result<std::vector<float>> Contributions(const domain::ml::FeatureMatrix& x, bool approximate) const = 0;
    // The model as bytes (XGBoost's UBJSON) for the model registry; Load() reads it back.
    virtual Result<std::string> Serialize() const = 0;
    // The number of feature columns the model was trained on.
    virtual std::size_t FeatureCount() const = 0;
};

// Trains and loads boosted models (adapters/xgboost).
class GradientBoosting {
public:
    virtual ~GradientBoosting() = default;
    // Trains on `x` with 0/1 `labels` (one per row; `weights` empty or one per row).
    // Progress is reported per boosting round as phase "trees". Fails with
    // INVALID_ARGUMENT on shape mismatches or labels other than 0/1.
    virtual Result<std::unique_ptr<BoostedModel>> Train(const domain::ml::FeatureMatrix& x,
                                                        const std::vector<float>& labels,
                                                        const std::vector<float>& weights, const BoostingParams& params,
                                                        ProgressSink* progress = nullptr) = 0;
    // A model from Serialize()'s bytes; INVALID_ARGUMENT when they are not a model.
    virtual Result<std::unique_ptr<BoostedModel>> Load(std::string_view bytes) = 0;
};

}  // namespace kyoso::ports
