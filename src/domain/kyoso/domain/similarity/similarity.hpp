#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kyoso::domain::similarity {

// One government as the similar-government search sees it (docs/ml.md, "Next best
// actions and similar governments").
struct GovernmentProfile {
    std::string code;
    std::string kind;    // GovernmentKind slug
    std::string region;  // Region slug ("" when unknown)
    std::optional<long long> population;
    std::optional<double> fiscal_strength_index;  // 財政力指数
    std::vector<long long> products;              // product ids it adopted (won deals), any order
};

// Weights of the squared terms of the distance.
struct DistanceWeights {
    double population = 1.0;          // standardised log10 population, both known
    double population_imputed = 0.5;  // ... when either was imputed
    double fiscal = 1.0;              // standardised 財政力指数, both known
    double fiscal_imputed = 0.5;      // ... when either was imputed (kind median)
    double kind = 1.0;                // 1 when the kinds differ
    double region = 0.5;              // 1 when the regions differ
    double adoption = 1.0;            // Jaccard distance of the adopted products, squared
};

// A profile turned into standardised coordinates.
struct Point {
    double log_population_z = 0;
    bool population_imputed = false;
    double fiscal_z = 0;
    bool fiscal_imputed = false;
    std::string kind;
    std::string region;
    std::vector<long long> products;  // sorted, unique
};

// The standardised feature space of a set of profiles: log10(population) and 財政力指数
// become z-scores (population standard deviation; 1 when it is 0); a missing value is
// imputed by the median of the profiles of the same kind that have it (else of all, else
// 0 before standardising) and marked imputed, so its term is down-weighted.
std::vector<Point> Standardise(const std::vector<GovernmentProfile>& profiles);

// 1 − |A∩B| / |A∪B| over two sorted unique id lists; 0 when both are empty.
double JaccardDistance(const std::vector<long long>& a, const std::vector<long long>& b);

// d(a,b) = sqrt( wp·Δpop² + wf·Δfsi² + wk·[kind≠] + wr·[region≠] + wa·J² ), where wp and wf
// are the imputed weights when either side's value was imputed.
double Distance(const Point& a, const Point& b, const DistanceWeights& w = {});

// A neighbour: an index into the points and its distance.
struct Neighbour {
    size_t index = 0;
    double distance = 0;
};

// The `k` points nearest to points[target] among `candidates` (indices; the target itself
// is skipped), nearest first; ties by the smaller `codes` entry (codes parallel to points).
std::vector<Neighbour> Nearest(const std::vector<Point>& points, const std::vector<std::string>& codes, size_t target,
                               const std::vector<size_t>& candidates, size_t k, const DistanceWeights& w = {});

}  // namespace kyoso::domain::similarity
