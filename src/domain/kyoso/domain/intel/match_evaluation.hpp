#pragma once

#include <vector>

namespace kyoso::domain {

// Micro-averaged counts over (notice, product) pairs: a pair predicted and labelled is a
// true positive, predicted only a false positive, labelled only a false negative.
struct PairCounts {
    long long true_positives = 0;
    long long false_positives = 0;
    long long false_negatives = 0;

    // Adds one notice: the products predicted for it and those labelled (ids; repeats
    // ignored).
    void Add(std::vector<long long> predicted, std::vector<long long> labelled);
    // tp / (tp + fp); 1 when nothing was predicted.
    double Precision() const;
    // tp / (tp + fn); 1 when nothing was labelled.
    double Recall() const;
    // The harmonic mean of both; 0 when both are 0.
    double F1() const;
};

}  // namespace kyoso::domain
