#include "kyoso/api/leadscore_json.hpp"

#include <cmath>

namespace kyoso::api {

namespace {

// Rounded for reading (metrics to 4 decimals); JSON has no NaN, so a NaN is null.
nlohmann::json Round(double v, int decimals = 4) {
    if (!std::isfinite(v)) return nullptr;
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

}  // namespace

nlohmann::json LeadEvaluationJson(const app::LeadEvaluation& ev) {
    nlohmann::json features = nlohmann::json::array();
    for (const auto& f : ev.features) {
        nlohmann::json j = {{"column", f.name}, {"kind", f.kind}, {"importance", Round(f.importance)}};
        if (f.kind == "category") j["levels"] = f.levels;
        features.push_back(std::move(j));
    }
    return {
        {"auc", Round(ev.auc)},
        {"logloss", Round(ev.logloss)},
        {"brier", Round(ev.brier)},
        {"ece", Round(ev.ece)},
        {"n_train", ev.n_train},
        {"n_test", ev.n_test},
        {"positives_train", ev.positives_train},
        {"positives_test", ev.positives_test},
        {"n_calibration", ev.n_calibration},
        {"baseline",
         {{"base_rate", Round(ev.base_rate)},
          {"auc", 0.5},
          {"logloss", Round(ev.baseline_logloss)},
          {"brier", Round(ev.baseline_brier)}}},
        {"target", ev.target},
        {"positive", ev.positive},
        {"split", ev.split},
        {"calibration", ev.calibration},
        {"encoding", ev.encoding},
        {"rows", ev.rows},
        {"rows_without_target", ev.rows_without_target},
        {"missing_cells", ev.missing_cells},
        {"features", std::move(features)},
        {"notes", ev.notes},
        {"warnings", ev.warnings},
        {"train_seconds", Round(ev.train_seconds, 3)},
    };
}

}  // namespace kyoso::api
