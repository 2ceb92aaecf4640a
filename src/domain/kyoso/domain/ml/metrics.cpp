#include "kyoso/domain/ml/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kyoso::domain::ml {

std::optional<double> Auc(const std::vector<double>& scores, const std::vector<float>& labels) {
    const std::size_t n = std::min(scores.size(), labels.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double rank_sum_pos = 0;
    double n_pos = 0;
    double n_neg = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]]) ++j;
        const double avg_rank = (static_cast<double>(i) + static_cast<double>(j - 1)) / 2.0 + 1.0;
        for (std::size_t k = i; k < j; ++k) {
            if (labels[order[k]] >= 0.5f) {
                rank_sum_pos += avg_rank;
                n_pos += 1;
            } else {
                n_neg += 1;
            }
        }
        i = j;
    }
    if (n_pos == 0 || n_neg == 0) return std::nullopt;
    return (rank_sum_pos - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg);
}

double LogLoss(const std::vector<double>& probabilities, const std::vector<float>& labels) {
    const std::size_t n = std::min(probabilities.size(), labels.size());
    if (n == 0) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double p = std::clamp(probabilities[i], 1e-15, 1.0 - 1e-15);
        sum += labels[i] >= 0.5f ? -std::log(p) : -std::log(1.0 - p);
    }
    return sum / static_cast<double>(n);
}

double Brier(const std::vector<double>& probabilities, const std::vector<float>& labels) {
    const std::size_t n = std::min(probabilities.size(), labels.size());
    if (n == 0) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = probabilities[i] - (labels[i] >= 0.5f ? 1.0 : 0.0);
        sum += d * d;
    }
    return sum / static_cast<double>(n);
}

std::vector<CalibrationBin> ReliabilityBins(const std::vector<double>& probabilities, const std::vector<float>& labels,
                                            int bins) {
    bins = std::max(bins, 1);
    std::vector<CalibrationBin> out(static_cast<std::size_t>(bins));
    std::vector<double> sum_p(out.size(), 0), sum_y(out.size(), 0);
    for (std::size_t b = 0; b < out.size(); ++b) {
        out[b].lower = static_cast<double>(b) / bins;
        out[b].upper = static_cast<double>(b + 1) / bins;
    }
    const std::size_t n = std::min(probabilities.size(), labels.size());
    for (std::size_t i = 0; i < n; ++i) {
        const double p = std::clamp(probabilities[i], 0.0, 1.0);
        auto b = static_cast<std::size_t>(std::min<double>(std::floor(p * bins), bins - 1));
        out[b].count++;
        sum_p[b] += p;
        sum_y[b] += labels[i] >= 0.5f ? 1.0 : 0.0;
    }
    for (std::size_t b = 0; b < out.size(); ++b) {
        if (out[b].count == 0) continue;
        out[b].mean_predicted = sum_p[b] / static_cast<double>(out[b].count);
        out[b].observed_rate = sum_y[b] / static_cast<double>(out[b].count);
    }
    return out;
}

double ExpectedCalibrationError(const std::vector<double>& probabilities, const std::vector<float>& labels, int bins) {
    const std::size_t n = std::min(probabilities.size(), labels.size());
    if (n == 0) return 0;
    double ece = 0;
    for (const CalibrationBin& b : ReliabilityBins(probabilities, labels, bins)) {
        ece += static_cast<double>(b.count) / static_cast<double>(n) * std::abs(b.mean_predicted - b.observed_rate);
    }
    return ece;
}

}  // namespace kyoso::domain::ml
