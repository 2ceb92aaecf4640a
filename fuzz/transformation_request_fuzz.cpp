// Fuzz target: the transformation programme's outside input — the JSON bodies of a
// questionnaire answer, an experiment's design and a case (read by the API's readers,
// then the answers through the domain's validation), and the two arms' counts of an
// experiment result (the statistics must give a p-value in [0, 1] or a named error).
// The first byte picks the parser; the rest is the input.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "kyoso/api/transformation_requests.hpp"
#include "kyoso/domain/transformation/diagnosis.hpp"
#include "kyoso/domain/transformation/experiment_stats.hpp"

namespace {

// A failed read must name its field.
void CheckFinish(kyoso::api::BodyReader& body) {
    kyoso::Status st = body.Finish();
    if (!st.ok() && st.details().empty()) __builtin_trap();
}

void Stats(const std::string& input) {
    if (input.size() < 16) return;
    uint32_t v[4];
    std::memcpy(v, input.data(), sizeof v);
    // Counts up to ~16 million per arm (both tests run in log space / doubles).
    const kyoso::domain::ExperimentArmCounts a{v[0] & 0xFFFFFF, v[1] & 0xFFFFFF};
    const kyoso::domain::ExperimentArmCounts b{v[2] & 0xFFFFFF, v[3] & 0xFFFFFF};
    auto cmp = kyoso::domain::CompareExperimentArms(a, b);
    const bool valid = a.n > 0 && b.n > 0 && a.successes <= a.n && b.successes <= b.n;
    if (cmp.ok()) {
        if (!valid) __builtin_trap();
        const double p = cmp->p_value;
        if (!(p >= 0.0 && p <= 1.0 + 1e-9)) __builtin_trap();
        if (cmp->significant != (p < kyoso::domain::kExperimentAlpha)) __builtin_trap();
        if (std::isnan(cmp->difference.ci_low) || cmp->difference.ci_low > cmp->difference.ci_high + 1e-12)
            __builtin_trap();
    } else if (cmp.status().message().empty()) {
        __builtin_trap();
    }
    auto fisher = kyoso::domain::FisherExactTwoSided(a, b);
    if (fisher.ok() && !(*fisher >= 0.0 && *fisher <= 1.0 + 1e-9)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 5) {
        case 0: {
            kyoso::api::BodyReader body(input, kyoso::api::kAssessmentFields);
            const auto submission = kyoso::api::ReadDiagnosisSubmission(body);
            if (body.Finish().ok()) {
                kyoso::Status st = kyoso::domain::ValidateDiagnosisAnswers(submission.answers);
                if (!st.ok() && st.message().empty()) __builtin_trap();
            }
            break;
        }
        case 1:
        case 2: {
            kyoso::api::BodyReader body(input, kyoso::api::kExperimentDesignFields);
            (void)kyoso::api::ReadExperimentInput(body, data[0] % 5 == 1);
            CheckFinish(body);
            break;
        }
        case 3: {
            kyoso::api::BodyReader body(input, kyoso::api::kCaseFields);
            (void)kyoso::api::ReadCaseRequest(body, (data[0] & 0x80) != 0);
            CheckFinish(body);
            break;
        }
        default:
            Stats(input);
    }
    return 0;
}
