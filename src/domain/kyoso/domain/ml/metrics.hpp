#pragma once

#include <optional>
#include <vector>

namespace kyoso::domain::ml {

// Area under the ROC curve of `scores` against binary `labels` (1 = positive): the
// probability that a random positive scores above a random negative, ties counted
// half (Mann–Whitney with average ranks). nullopt when a class is absent.
std::optional<double> Auc(const std::vector<double>& scores, const std::vector<float>& labels);

// Mean negative log-likelihood of probabilities, each clipped to [1e-15, 1 − 1e-15]
// (natural log, as scikit-learn's log_loss).
double LogLoss(const std::vector<double>& probabilities, const std::vector<float>& labels);

// Mean squared difference between probability and outcome.
double Brier(const std::vector<double>& probabilities, const std::vector<float>& labels);

// One bin of a reliability diagram.
struct CalibrationBin {
    double lower = 0;  // bin [lower, upper); the last bin includes 1
    double upper = 0;
    long long count = 0;
    double mean_predicted = 0;
    double observed_rate = 0;
};

// Probabilities put in `bins` equal-width bins over [0, 1]; empty bins are kept with count 0.
std::vector<CalibrationBin> ReliabilityBins(const std::vector<double>& probabilities, const std::vector<float>& labels,
                                            int bins = 10);

// Expected calibration error: Σ (count / n) × |mean predicted − observed rate| over the
// equal-width bins. 0 for an empty input.
double ExpectedCalibrationError(const std::vector<double>& probabilities, const std::vector<float>& labels,
                                int bins = 10);

}  // namespace kyoso::domain::ml
