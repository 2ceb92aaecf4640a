#include "kyoso/domain/similarity/similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace kyoso::domain::similarity {

namespace {

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// Fills the missing values of one column by the kind median (else the overall median,
// else 0) and standardises it; `imputed` marks the filled rows.
std::vector<double> FillAndStandardise(const std::vector<std::optional<double>>& raw,
                                       const std::vector<GovernmentProfile>& profiles, std::vector<bool>& imputed) {
    std::map<std::string, std::vector<double>> by_kind;
    std::vector<double> all;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (!raw[i]) continue;
        by_kind[profiles[i].kind].push_back(*raw[i]);
        all.push_back(*raw[i]);
    }
    std::map<std::string, double> kind_median;
    for (auto& [kind, values] : by_kind) kind_median[kind] = Median(values);
    const double overall = all.empty() ? 0.0 : Median(all);
    std::vector<double> x(raw.size());
    imputed.assign(raw.size(), false);
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i]) {
            x[i] = *raw[i];
            continue;
        }
        imputed[i] = true;
        auto it = kind_median.find(profiles[i].kind);
        x[i] = it != kind_median.end() ? it->second : overall;
    }
    double mean = 0;
    for (double v : x) mean += v;
    mean = x.empty() ? 0 : mean / static_cast<double>(x.size());
    double var = 0;
    for (double v : x) var += (v - mean) * (v - mean);
    double sd = x.empty() ? 0 : std::sqrt(var / static_cast<double>(x.size()));
    if (sd <= 0) sd = 1;
    for (double& v : x) v = (v - mean) / sd;
    return x;
}

}  // namespace

std::vector<Point> Standardise(const std::vector<GovernmentProfile>& profiles) {
    std::vector<std::optional<double>> pop(profiles.size()), fsi(profiles.size());
    for (size_t i = 0; i < profiles.size(); ++i) {
        const auto& p = profiles[i];
        if (p.population && *p.population > 0) pop[i] = std::log10(static_cast<double>(*p.population));
        fsi[i] = p.fiscal_strength_index;
    }
    std::vector<bool> pop_imputed, fsi_imputed;
    const auto pop_z = FillAndStandardise(pop, profiles, pop_imputed);
    const auto fsi_z = FillAndStandardise(fsi, profiles, fsi_imputed);
    std::vector<Point> out(profiles.size());
    for (size_t i = 0; i < profiles.size(); ++i) {
        Point& pt = out[i];
        pt.log_population_z = pop_z[i];
        pt.population_imputed = pop_imputed[i];
        pt.fiscal_z = fsi_z[i];
        pt.fiscal_imputed = fsi_imputed[i];
        pt.kind = profiles[i].kind;
        pt.region = profiles[i].region;
        pt.products = profiles[i].products;
        std::sort(pt.products.begin(), pt.products.end());
        pt.products.erase(std::unique(pt.products.begin(), pt.products.end()), pt.products.end());
    }
    return out;
}

double JaccardDistance(const std::vector<long long>& a, const std::vector<long long>& b) {
    if (a.empty() && b.empty()) return 0;
    size_t i = 0, j = 0, both = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) {
            ++both;
            ++i;
            ++j;
        } else if (a[i] < b[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    const size_t either = a.size() + b.size() - both;
    return 1.0 - static_cast<double>(both) / static_cast<double>(either);
}

double Distance(const Point& a, const Point& b, const DistanceWeights& w) {
    const double dp = a.log_population_z - b.log_population_z;
    const double df = a.fiscal_z - b.fiscal_z;
    const double wp = (a.population_imputed || b.population_imputed) ? w.population_imputed : w.population;
    const double wf = (a.fiscal_imputed || b.fiscal_imputed) ? w.fiscal_imputed : w.fiscal;
    const double j = JaccardDistance(a.products, b.products);
    const double d2 = wp * dp * dp + wf * df * df + (a.kind != b.kind ? w.kind : 0.0) +
                      (a.region != b.region ? w.region : 0.0) + w.adoption * j * j;
    return std::sqrt(d2);
}

std::vector<Neighbour> Nearest(const std::vector<Point>& points, const std::vector<std::string>& codes, size_t target,
                               const std::vector<size_t>& candidates, size_t k, const DistanceWeights& w) {
    std::vector<Neighbour> all;
    all.reserve(candidates.size());
    for (size_t c : candidates) {
        if (c == target || c >= points.size()) continue;
        all.push_back({c, Distance(points[target], points[c], w)});
    }
    auto less = [&](const Neighbour& x, const Neighbour& y) {
        if (x.distance != y.distance) return x.distance < y.distance;
        return codes[x.index] < codes[y.index];
    };
    if (all.size() > k) {
        std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(), less);
        all.resize(k);
    } else {
        std::sort(all.begin(), all.end(), less);
    }
    return all;
}

}  // namespace kyoso::domain::similarity
