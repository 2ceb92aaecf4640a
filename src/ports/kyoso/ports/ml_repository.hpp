#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/ml/history.hpp"

namespace kyoso::ports {

// One registered model (table ml_models, docs/ml.md "The model registry").
struct MlModelRecord {
    long long id = 0;
    std::string name;         // deal_win | propensity | lead_conversion
    int version = 0;          // 1, 2, … per name (assigned by SaveModel)
    std::string trained_at;   // ISO 8601 UTC
    std::string window_from;  // training window (YYYY-MM-DD)
    std::string window_to;
    std::string metrics_json;   // {"auc":…, "logloss":…, "brier":…, "ece":…, "n_train":…, …}
    std::string features_json;  // [{"key":…, "label_ja":…}, …]
    std::string calibrator;     // domain::ml::Calibrator::Encode
    std::string model_bytes;    // the booster (XGBoost UBJSON)
    bool active = false;
};

// Bulk reads for the models and the model registry. Implementations: adapters/sql
// (SQLite and PostgreSQL).
class MlRepository {
public:
    virtual ~MlRepository() = default;
    // Governments, deals with their stage moves and activities, converted-lead sources,
    // leads and champions' rotations, grouped in memory (History::Finish done). A few
    // queries over whole tables, never one per deal.
    virtual Result<domain::ml::History> LoadHistory() = 0;
    // Stores a model as the next version of its name; with `activate` it becomes the
    // active one (the others of that name are deactivated). Returns the stored record
    // (id, version) without the bytes.
    virtual Result<MlModelRecord> SaveModel(const MlModelRecord& model, bool activate) = 0;
    // Every model, newest first, without the bytes.
    virtual Result<std::vector<MlModelRecord>> ListModels() = 0;
    // The active model of `name` with its bytes; nullopt when none.
    virtual Result<std::optional<MlModelRecord>> ActiveModel(const std::string& name) = 0;
};

}  // namespace kyoso::ports
