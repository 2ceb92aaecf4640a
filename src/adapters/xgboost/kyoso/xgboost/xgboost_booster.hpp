#pragma once

#include "kyoso/ports/gradient_boosting.hpp"

namespace kyoso::xgboost {

// ports::GradientBoosting over XGBoost's C API (libxgboost 1.7, tree_method "hist",
// objective binary:logistic). Every C call's failure becomes a Status carrying
// XGBGetLastError(). Models guard their booster with a mutex.
class XgboostBoosting final : public ports::GradientBoosting {
public:
    Result<std::unique_ptr<ports::BoostedModel>> Train(const domain::ml::FeatureMatrix& x,
                                                       const std::vector<float>& labels,
                                                       const std::vector<float>& weights,
                                                       const ports::BoostingParams& params,
                                                       ports::ProgressSink* progress = nullptr) override;
    Result<std::unique_ptr<ports::BoostedModel>> Load(std::string_view bytes) override;
};

}  // namespace kyoso::xgboost
