#include "kyoso/domain/transformation/experiment_stats.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace kyoso::domain {

namespace {

// The one-sided normal quantile of 80% power.
constexpr double kZPower80 = 0.8416212335729143;

Status CheckArm(ExperimentArmCounts arm, const char* name) {
    if (arm.n <= 0) {
        return InvalidArgument(std::string("not computable: arm ") + name + " is empty",
                               {{std::string("arms.") + name + ".n", "must be at least 1"}});
    }
    if (arm.successes < 0 || arm.successes > arm.n) {
        return InvalidArgument(std::string("arm ") + name + " has successes outside 0..n",
                               {{std::string("arms.") + name + ".successes", "must be between 0 and n"}});
    }
    return Status::Ok();
}

Status CheckArms(ExperimentArmCounts a, ExperimentArmCounts b) {
    KYOSO_RETURN_IF_ERROR(CheckArm(a, "a"));
    return CheckArm(b, "b");
}

// log C(n, k) through lgamma: exact enough (relative error ~1e-13) for n in the millions.
double LogChoose(long long n, long long k) {
    return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
           std::lgamma(static_cast<double>(n - k) + 1);
}

}  // namespace

std::string_view ExperimentTestSlug(ExperimentTest t) {
    switch (t) {
        case ExperimentTest::kTwoProportionZ:
            return "two_proportion_z";
        case ExperimentTest::kFisherExact:
            return "fisher_exact";
    }
    return "two_proportion_z";
}

std::string_view ExperimentTestLabelJa(ExperimentTest t) {
    switch (t) {
        case ExperimentTest::kTwoProportionZ:
            return "2標本比率のz検定";
        case ExperimentTest::kFisherExact:
            return "フィッシャーの正確検定";
    }
    return "2標本比率のz検定";
}

Result<ExperimentDifference> RateDifference(ExperimentArmCounts a, ExperimentArmCounts b) {
    KYOSO_RETURN_IF_ERROR(CheckArms(a, b));
    const double pa = *a.rate(), pb = *b.rate();
    ExperimentDifference d;
    d.difference = pa - pb;
    d.standard_error = std::sqrt(pa * (1 - pa) / static_cast<double>(a.n) + pb * (1 - pb) / static_cast<double>(b.n));
    d.ci_low = d.difference - kExperimentZ95 * d.standard_error;
    d.ci_high = d.difference + kExperimentZ95 * d.standard_error;
    return d;
}

Result<ZTestResult> TwoProportionZTest(ExperimentArmCounts a, ExperimentArmCounts b) {
    KYOSO_RETURN_IF_ERROR(CheckArms(a, b));
    ZTestResult r;
    const double na = static_cast<double>(a.n), nb = static_cast<double>(b.n);
    r.pooled_rate = static_cast<double>(a.successes + b.successes) / (na + nb);
    const double variance = r.pooled_rate * (1 - r.pooled_rate) * (1 / na + 1 / nb);
    if (!(variance > 0)) {
        return FailedPrecondition("not computable: every trial of both arms had the same outcome (pooled rate " +
                                  std::string(r.pooled_rate > 0.5 ? "1" : "0") + ")");
    }
    r.standard_error = std::sqrt(variance);
    r.z = (*a.rate() - *b.rate()) / r.standard_error;
    r.p_value = std::erfc(std::fabs(r.z) / std::sqrt(2.0));
    auto d = RateDifference(a, b);
    if (!d.ok()) return d.status();
    r.difference = *d;
    return r;
}

Result<double> FisherExactTwoSided(ExperimentArmCounts a, ExperimentArmCounts b) {
    KYOSO_RETURN_IF_ERROR(CheckArms(a, b));
    // Margins: row totals na, nb; column total of successes k; n in all. The count of
    // successes in arm a is hypergeometric: P(x) = C(na, x)·C(nb, k − x) / C(n, k).
    const long long na = a.n, nb = b.n, n = na + nb, k = a.successes + b.successes;
    const double log_total = LogChoose(n, k);
    auto log_p = [&](long long x) { return LogChoose(na, x) + LogChoose(nb, k - x) - log_total; };
    const double observed = log_p(a.successes);
    // R's fisher.test: tables whose probability ≤ the observed one × (1 + 1e-7), so that
    // tables as likely as the observed one are not lost to rounding.
    const double threshold = observed + std::log1p(1e-7);
    const long long lo = std::max(0LL, k - nb), hi = std::min(na, k);
    double sum = 0;
    for (long long x = lo; x <= hi; ++x) {
        const double lp = log_p(x);
        if (lp <= threshold) sum += std::exp(lp);
    }
    return std::min(1.0, sum);
}

ExperimentTest ChooseExperimentTest(ExperimentArmCounts a, ExperimentArmCounts b) {
    const double n = static_cast<double>(a.n + b.n);
    if (n <= 0) return ExperimentTest::kFisherExact;
    const double successes = static_cast<double>(a.successes + b.successes);
    const double failures = n - successes;
    for (double row : {static_cast<double>(a.n), static_cast<double>(b.n)}) {
        for (double column : {successes, failures}) {
            if (row * column / n < kExperimentMinExpectedCount) return ExperimentTest::kFisherExact;
        }
    }
    return ExperimentTest::kTwoProportionZ;
}

Result<ExperimentComparison> CompareExperimentArms(ExperimentArmCounts a, ExperimentArmCounts b) {
    KYOSO_RETURN_IF_ERROR(CheckArms(a, b));
    ExperimentComparison c;
    c.test = ChooseExperimentTest(a, b);
    auto d = RateDifference(a, b);
    if (!d.ok()) return d.status();
    c.difference = *d;
    if (c.test == ExperimentTest::kTwoProportionZ) {
        auto z = TwoProportionZTest(a, b);
        if (!z.ok()) return z.status();
        c.p_value = z->p_value;
        c.z = z->z;
    } else {
        auto p = FisherExactTwoSided(a, b);
        if (!p.ok()) return p.status();
        c.p_value = *p;
    }
    c.significant = c.p_value < kExperimentAlpha;
    return c;
}

std::optional<long long> SampleSizePerArm(double pa, double pb) {
    if (!(pa > 0 && pa < 1 && pb > 0 && pb < 1) || pa == pb) return std::nullopt;
    const double mean = (pa + pb) / 2;
    const double numerator =
        kExperimentZ95 * std::sqrt(2 * mean * (1 - mean)) + kZPower80 * std::sqrt(pa * (1 - pa) + pb * (1 - pb));
    const double n = numerator * numerator / ((pa - pb) * (pa - pb));
    return static_cast<long long>(std::ceil(n - 1e-9));
}

}  // namespace kyoso::domain
