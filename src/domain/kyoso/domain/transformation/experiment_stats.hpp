#pragma once

// The statistics of an experiment (docs/transformation.md, "Experiments"): two arms,
// each n trials with x successes, compared by a two-proportion z-test or, when the
// counts are small, Fisher's exact test. Pure functions over counts; thread-safe.

#include <optional>
#include <string_view>

#include "kyoso/core/result.hpp"

namespace kyoso::domain {

// One arm's counts: `successes` of `n` (0 ≤ successes ≤ n).
struct ExperimentArmCounts {
    long long n = 0;
    long long successes = 0;
    // successes / n; nullopt for an empty arm.
    std::optional<double> rate() const {
        if (n <= 0) return std::nullopt;
        return static_cast<double>(successes) / static_cast<double>(n);
    }
};

// The significance level every verdict uses. Fixed (not a setting) so that nobody
// picks the α after seeing the p-value.
constexpr double kExperimentAlpha = 0.05;
// The normal quantile of a two-sided 95% interval.
constexpr double kExperimentZ95 = 1.959963984540054;
// Fisher's exact test is used when any expected cell count is below this.
constexpr double kExperimentMinExpectedCount = 5.0;

// The difference of the rates a − b with its 95% Wald interval, d ± 1.96·SE where
// SE = sqrt(pa(1−pa)/na + pb(1−pb)/nb) (unpooled). When both rates are 0 or 1 the
// interval collapses to the point.
struct ExperimentDifference {
    double difference = 0;
    double ci_low = 0;
    double ci_high = 0;
    double standard_error = 0;
};

// Two-proportion z-test of a against b (two-sided).
struct ZTestResult {
    double pooled_rate = 0;     // (xa + xb) / (na + nb)
    double standard_error = 0;  // sqrt(p(1−p)(1/na + 1/nb)) with the pooled p
    double z = 0;               // (pa − pb) / standard_error
    double p_value = 0;         // erfc(|z| / √2) = 2·(1 − Φ(|z|))
    ExperimentDifference difference;
};

enum class ExperimentTest { kTwoProportionZ, kFisherExact };
std::string_view ExperimentTestSlug(ExperimentTest t);     // two_proportion_z, fisher_exact
std::string_view ExperimentTestLabelJa(ExperimentTest t);  // 2標本比率のz検定, フィッシャーの正確検定

// The z-test. InvalidArgument naming the arm for an empty arm or successes outside
// 0..n; FailedPrecondition ("not computable") when the pooled rate is 0 or 1 (no
// variance: every trial failed, or every trial succeeded).
Result<ZTestResult> TwoProportionZTest(ExperimentArmCounts a, ExperimentArmCounts b);

// Fisher's exact test of the 2×2 table [[a.successes, a.n − a.successes],
// [b.successes, b.n − b.successes]], two-sided as R's fisher.test: the sum of the
// hypergeometric probabilities of every table with the observed margins whose
// probability is at most the observed one's × (1 + 1e-7). Computed in log space
// with std::lgamma, so counts in the millions work. InvalidArgument as above.
Result<double> FisherExactTwoSided(ExperimentArmCounts a, ExperimentArmCounts b);

// The 95% Wald interval of pa − pb. InvalidArgument for an empty arm.
Result<ExperimentDifference> RateDifference(ExperimentArmCounts a, ExperimentArmCounts b);

// Which test the counts call for: Fisher when any of the four expected counts
// (row total × column total / n) is below 5 — the usual condition under which the
// normal approximation of the z-test (equivalently the χ² test) is poor — else the
// z-test. Fisher also when a column is empty (no successes or no failures at all).
ExperimentTest ChooseExperimentTest(ExperimentArmCounts a, ExperimentArmCounts b);

// The comparison of two arms with the chosen test.
struct ExperimentComparison {
    ExperimentTest test = ExperimentTest::kTwoProportionZ;
    double p_value = 1;
    std::optional<double> z;  // the z statistic when the z-test was used
    ExperimentDifference difference;
    bool significant = false;  // p_value < kExperimentAlpha
};
// Chooses the test, runs it and states significance at α = 0.05. InvalidArgument
// naming the arm when an arm is empty or inconsistent.
Result<ExperimentComparison> CompareExperimentArms(ExperimentArmCounts a, ExperimentArmCounts b);

// Trials per arm a two-sided z-test at α = 0.05 needs to detect rates pa vs pb with
// 80% power: ⌈(z_{α/2}·sqrt(2·p̄(1−p̄)) + z_β·sqrt(pa(1−pa) + pb(1−pb)))² / (pa − pb)²⌉,
// p̄ = (pa + pb)/2. nullopt when pa == pb or a rate is outside (0, 1).
std::optional<long long> SampleSizePerArm(double pa, double pb);

}  // namespace kyoso::domain
