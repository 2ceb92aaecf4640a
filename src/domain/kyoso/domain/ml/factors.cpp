#include "kyoso/domain/ml/factors.hpp"

#include <algorithm>

namespace kyoso::domain::ml {

TopFactors PickTopFactors(const std::vector<float>& contributions, const std::vector<FeatureInfo>& features,
                          const std::vector<std::string>& values, int k, double min_abs) {
    std::vector<Factor> all;
    const std::size_t n = std::min(contributions.size(), features.size());
    for (std::size_t i = 0; i < n; ++i) {
        const double c = contributions[i];
        if (!(c >= min_abs || c <= -min_abs)) continue;  // also drops NaN
        all.push_back({features[i].key, features[i].label_ja, i < values.size() ? values[i] : std::string(), c});
    }
    TopFactors out;
    for (const Factor& f : all) (f.contribution > 0 ? out.positive : out.negative).push_back(f);
    // Ties keep feature order (stable), so explanations are deterministic.
    std::stable_sort(out.positive.begin(), out.positive.end(),
                     [](const Factor& a, const Factor& b) { return a.contribution > b.contribution; });
    std::stable_sort(out.negative.begin(), out.negative.end(),
                     [](const Factor& a, const Factor& b) { return a.contribution < b.contribution; });
    const auto limit = static_cast<std::size_t>(std::max(k, 0));
    if (out.positive.size() > limit) out.positive.resize(limit);
    if (out.negative.size() > limit) out.negative.resize(limit);
    return out;
}

}  // namespace kyoso::domain::ml
