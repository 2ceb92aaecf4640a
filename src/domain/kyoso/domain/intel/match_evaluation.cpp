#include "kyoso/domain/intel/match_evaluation.hpp"

#include <algorithm>

namespace kyoso::domain {

void PairCounts::Add(std::vector<long long> predicted, std::vector<long long> labelled) {
    auto distinct = [](std::vector<long long>& v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    distinct(predicted);
    distinct(labelled);
    std::vector<long long> both;
    std::set_intersection(predicted.begin(), predicted.end(), labelled.begin(), labelled.end(),
                          std::back_inserter(both));
    const auto hits = static_cast<long long>(both.size());
    true_positives += hits;
    false_positives += static_cast<long long>(predicted.size()) - hits;
    false_negatives += static_cast<long long>(labelled.size()) - hits;
}

double PairCounts::Precision() const {
    const long long predicted = true_positives + false_positives;
    return predicted == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(predicted);
}

double PairCounts::Recall() const {
    const long long labelled = true_positives + false_negatives;
    return labelled == 0 ? 1.0 : static_cast<double>(true_positives) / static_cast<double>(labelled);
}

double PairCounts::F1() const {
    const double p = Precision();
    const double r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

}  // namespace kyoso::domain
