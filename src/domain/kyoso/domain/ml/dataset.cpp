#include "kyoso/domain/ml/dataset.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>

namespace kyoso::domain::ml {

void FeatureMatrix::AppendRow(const std::vector<float>& row) {
    if (rows == 0 && cols == 0) cols = row.size();
    if (row.size() != cols) throw std::invalid_argument("FeatureMatrix::AppendRow: row width differs from cols");
    values.insert(values.end(), row.begin(), row.end());
    ++rows;
}

FeatureMatrix FeatureMatrix::Select(const std::vector<std::size_t>& indices) const {
    FeatureMatrix out(indices.size(), cols);
    for (std::size_t i = 0; i < indices.size(); ++i) {
        std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(indices[i] * cols), cols,
                    out.values.begin() + static_cast<std::ptrdiff_t>(i * cols));
    }
    return out;
}

namespace {
std::size_t TestCount(std::size_t n, double test_fraction) {
    auto k = static_cast<std::size_t>(std::ceil(static_cast<double>(n) * test_fraction));
    return std::min(k, n);
}
}  // namespace

Split TimeSplit(std::size_t n, double test_fraction) {
    Split s;
    const std::size_t k = TestCount(n, test_fraction);
    for (std::size_t i = 0; i < n; ++i) (i < n - k ? s.train : s.test).push_back(i);
    return s;
}

Split RandomSplit(std::size_t n, double test_fraction, unsigned long long seed) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::mt19937_64 gen(seed);
    // Uniform integer in [0, bound] by rejection sampling on the raw 64-bit stream.
    auto uniform = [&gen](std::uint64_t bound) {
        if (bound == 0) return std::uint64_t{0};
        const std::uint64_t range = bound + 1;
        const std::uint64_t limit = range == 0 ? 0 : (UINT64_MAX / range) * range;
        for (;;) {
            const std::uint64_t v = gen();
            if (range == 0 || v < limit) return range == 0 ? v : v % range;
        }
    };
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[uniform(i - 1)]);
    Split s;
    const std::size_t k = TestCount(n, test_fraction);
    s.test.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k));
    s.train.assign(order.begin() + static_cast<std::ptrdiff_t>(k), order.end());
    std::sort(s.test.begin(), s.test.end());
    std::sort(s.train.begin(), s.train.end());
    return s;
}

ClassCounts CountClasses(const std::vector<float>& labels) {
    ClassCounts c;
    for (float l : labels) (l >= 0.5f ? c.positive : c.negative)++;
    return c;
}

}  // namespace kyoso::domain::ml
