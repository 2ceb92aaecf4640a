#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace kyoso::domain::ml {

// The value a feature matrix holds for "not known" (XGBoost's default missing value).
inline constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
inline bool IsMissing(float v) { return std::isnan(v); }

// One column of a model's input: a stable key (what the registry stores, e.g.
// "days_to_request_deadline"), its Japanese label for explanations ("予算要求締切までの日数")
// and, for a one-hot column, the category it stands for.
struct FeatureInfo {
    std::string key;
    std::string label_ja;
};

// A dense row-major matrix of features; kMissing marks unknown values.
struct FeatureMatrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<float> values;  // rows × cols, row-major

    FeatureMatrix() = default;
    FeatureMatrix(std::size_t r, std::size_t c) : rows(r), cols(c), values(r * c, kMissing) {}
    float& at(std::size_t r, std::size_t c) { return values[r * cols + c]; }
    float at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
    // Appends one row (must have `cols` values; the first row sets cols when empty).
    void AppendRow(const std::vector<float>& row);
    // The rows at `indices`, in that order.
    FeatureMatrix Select(const std::vector<std::size_t>& indices) const;
};

// A labelled training set: x, binary labels (0/1) and the columns' descriptions.
struct Dataset {
    FeatureMatrix x;
    std::vector<float> labels;
    std::vector<FeatureInfo> features;
};

// Row indices for training and testing.
struct Split {
    std::vector<std::size_t> train;
    std::vector<std::size_t> test;
};

// The last ceil(n × test_fraction) rows (in the given order, e.g. by date) for testing,
// the rest for training. test_fraction in (0, 1).
Split TimeSplit(std::size_t n, double test_fraction);

// A deterministic random split: a Fisher–Yates shuffle driven by the raw
// std::mt19937_64 stream of `seed` (portable across standard libraries), the first
// ceil(n × test_fraction) shuffled rows for testing; both parts sorted ascending.
Split RandomSplit(std::size_t n, double test_fraction, unsigned long long seed);

// Counts of positive (label ≥ 0.5) and negative labels.
struct ClassCounts {
    std::size_t positive = 0;
    std::size_t negative = 0;
};
ClassCounts CountClasses(const std::vector<float>& labels);

inline double Sigmoid(double margin) { return 1.0 / (1.0 + std::exp(-margin)); }
inline double Logit(double p) { return std::log(p / (1.0 - p)); }

}  // namespace kyoso::domain::ml
