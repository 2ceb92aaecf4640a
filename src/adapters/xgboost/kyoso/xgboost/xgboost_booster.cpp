#include "kyoso/xgboost/xgboost_booster.hpp"

#include <xgboost/c_api.h>

#include <cmath>
#include <mutex>
#include <string>

namespace kyoso::xgboost {

namespace {

Status XgbError(std::string_view what) { return Internal(std::string(what) + ": " + XGBGetLastError()); }

// Owns a DMatrixHandle.
class Matrix {
public:
    Matrix() = default;
    Matrix(const Matrix&) = delete;
    Matrix& operator=(const Matrix&) = delete;
    ~Matrix() {
        if (handle_ != nullptr) XGDMatrixFree(handle_);
    }
    static Result<std::unique_ptr<Matrix>> From(const domain::ml::FeatureMatrix& x) {
        if (x.values.size() != x.rows * x.cols)
            return InvalidArgument("feature matrix: values do not match rows × cols");
        if (x.cols == 0) return InvalidArgument("feature matrix: no feature columns");
        auto m = std::make_unique<Matrix>();
        if (XGDMatrixCreateFromMat(x.values.data(), x.rows, x.cols, domain::ml::kMissing, &m->handle_) != 0) {
            return XgbError("XGDMatrixCreateFromMat");
        }
        return m;
    }
    DMatrixHandle get() const { return handle_; }

private:
    DMatrixHandle handle_ = nullptr;
};

class XgboostModel final : public ports::BoostedModel {
public:
    explicit XgboostModel(BoosterHandle h, std::size_t features) : handle_(h), features_(features) {}
    ~XgboostModel() override { XGBoosterFree(handle_); }

    Result<std::vector<double>> Predict(const domain::ml::FeatureMatrix& x) const override {
        auto raw = Run(x, 0);
        if (!raw.ok()) return raw.status();
        return std::vector<double>(raw->begin(), raw->end());
    }

    Result<std::vector<float>> Contributions(const domain::ml::FeatureMatrix& x, bool approximate) const override {
        return Run(x, approximate ? 3 : 2);
    }

    Result<std::string> Serialize() const override {
        std::lock_guard lock(mu_);
        bst_ulong len = 0;
        const char* buf = nullptr;
        if (XGBoosterSaveModelToBuffer(handle_, R"({"format": "ubj"})", &len, &buf) != 0) {
            return XgbError("XGBoosterSaveModelToBuffer");
        }
        return std::string(buf, len);
    }

    std::size_t FeatureCount() const override { return features_; }

private:
    // type: 0 probability, 2 exact contributions, 3 approximate contributions.
    Result<std::vector<float>> Run(const domain::ml::FeatureMatrix& x, int type) const {
        if (x.cols != features_) {
            return InvalidArgument("feature matrix has " + std::to_string(x.cols) + " columns; the model expects " +
                                   std::to_string(features_));
        }
        if (x.rows == 0) return std::vector<float>{};
        auto m = Matrix::From(x);
        if (!m.ok()) return m.status();
        const std::string config =
            R"({"type": )" + std::to_string(type) +
            R"(, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
        std::lock_guard lock(mu_);
        const bst_ulong* shape = nullptr;
        bst_ulong dim = 0;
        const float* out = nullptr;
        if (XGBoosterPredictFromDMatrix(handle_, (*m)->get(), config.c_str(), &shape, &dim, &out) != 0) {
            return XgbError("XGBoosterPredictFromDMatrix");
        }
        std::size_t total = 1;
        for (bst_ulong i = 0; i < dim; ++i) total *= shape[i];
        return std::vector<float>(out, out + total);
    }

    BoosterHandle handle_;
    std::size_t features_;
    mutable std::mutex mu_;
};

Status SetParam(BoosterHandle h, const char* name, const std::string& value) {
    if (XGBoosterSetParam(h, name, value.c_str()) != 0) return XgbError(std::string("XGBoosterSetParam ") + name);
    return Status::Ok();
}

std::string Num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

}  // namespace

Result<std::unique_ptr<ports::BoostedModel>> XgboostBoosting::Train(const domain::ml::FeatureMatrix& x,
                                                                    const std::vector<float>& labels,
                                                                    const std::vector<float>& weights,
                                                                    const ports::BoostingParams& params,
                                                                    ports::ProgressSink* progress) {
    if (labels.size() != x.rows) {
        return InvalidArgument("labels: " + std::to_string(labels.size()) + " labels for " + std::to_string(x.rows) +
                               " rows");
    }
    if (!weights.empty() && weights.size() != x.rows) {
        return InvalidArgument("weights: " + std::to_string(weights.size()) + " weights for " + std::to_string(x.rows) +
                               " rows");
    }
    if (x.rows == 0) return InvalidArgument("no training rows");
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] != 0.0f && labels[i] != 1.0f) {
            return InvalidArgument("labels: row " + std::to_string(i + 1) + " is not 0 or 1");
        }
    }
    if (params.rounds < 1) return InvalidArgument("rounds: must be at least 1");
    auto m = Matrix::From(x);
    if (!m.ok()) return m.status();
    if (XGDMatrixSetFloatInfo((*m)->get(), "label", labels.data(), labels.size()) != 0) {
        return XgbError("XGDMatrixSetFloatInfo label");
    }
    if (!weights.empty() && XGDMatrixSetFloatInfo((*m)->get(), "weight", weights.data(), weights.size()) != 0) {
        return XgbError("XGDMatrixSetFloatInfo weight");
    }
    DMatrixHandle train[1] = {(*m)->get()};
    BoosterHandle h = nullptr;
    if (XGBoosterCreate(train, 1, &h) != 0) return XgbError("XGBoosterCreate");
    auto model = std::make_unique<XgboostModel>(h, x.cols);  // frees h on every path
    const std::pair<const char*, std::string> settings[] = {
        {"objective", "binary:logistic"},
        {"tree_method", "hist"},
        {"eval_metric", "logloss"},
        {"max_depth", std::to_string(params.max_depth)},
        {"eta", Num(params.learning_rate)},
        {"min_child_weight", Num(params.min_child_weight)},
        {"subsample", Num(params.subsample)},
        {"colsample_bytree", Num(params.colsample)},
        {"lambda", Num(params.lambda)},
        {"scale_pos_weight", Num(params.scale_pos_weight)},
        {"nthread", std::to_string(params.threads)},
        {"seed", std::to_string(params.seed)},
        {"verbosity", "0"},
    };
    for (const auto& [name, value] : settings) KYOSO_RETURN_IF_ERROR(SetParam(h, name, value));
    for (int round = 0; round < params.rounds; ++round) {
        if (XGBoosterUpdateOneIter(h, round, (*m)->get()) != 0) return XgbError("XGBoosterUpdateOneIter");
        if (progress != nullptr) progress->Report("trees", round + 1, params.rounds);
    }
    return std::unique_ptr<ports::BoostedModel>(std::move(model));
}

Result<std::unique_ptr<ports::BoostedModel>> XgboostBoosting::Load(std::string_view bytes) {
    if (bytes.empty()) return InvalidArgument("model: empty model bytes");
    BoosterHandle h = nullptr;
    if (XGBoosterCreate(nullptr, 0, &h) != 0) return XgbError("XGBoosterCreate");
    if (XGBoosterLoadModelFromBuffer(h, bytes.data(), bytes.size()) != 0) {
        const std::string why = XGBGetLastError();
        XGBoosterFree(h);
        return InvalidArgument("model: not an XGBoost model (" + why + ")");
    }
    bst_ulong features = 0;
    if (XGBoosterGetNumFeature(h, &features) != 0) {
        const std::string why = XGBGetLastError();
        XGBoosterFree(h);
        return Internal("XGBoosterGetNumFeature: " + why);
    }
    return std::unique_ptr<ports::BoostedModel>(std::make_unique<XgboostModel>(h, features));
}

}  // namespace kyoso::xgboost
