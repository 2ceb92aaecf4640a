#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/transformation/sources.hpp"
#include "kyoso/domain/transformation/diagnosis.hpp"
#include "kyoso/ports/diagnosis_repository.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// How many days of signals a diagnosis joins: the 90 days up to and including its
// assessed_on (and the default period of GET /api/transformation/signals).
inline constexpr int kDiagnosisWindowDays = 90;

// A new assessment as the API takes it.
struct DiagnosisSubmission {
    std::optional<std::string> assessed_on;  // YYYY-MM-DD; default today; not in the future
    std::string note;
    std::vector<domain::DiagnosisAnswer> answers;
};

// The organisation diagnosis (docs/transformation.md, "Diagnosis"): questionnaire
// assessments, the measured signals and the diagnosis joining them. Writes need
// manage_sales_ops (the route rule; Submit checks it again when given an authorizer)
// and are audited. Thread-safe when its dependencies are.
class DiagnosisService final : public SignalSource, public DiagnosisSource {
public:
    DiagnosisService(ports::DiagnosisRepository& repo, ports::Store& store, const ports::Clock& clock,
                     const ports::Digest& digest)
        : repo_(repo), store_(store), clock_(clock), audit_(store, clock, digest) {}

    // The signals over [from, to]; InvalidArgument naming "from" when from > to.
    Result<domain::MeasuredSignals> Measure(Date from, Date to) override;
    // The latest assessment joined with the signals of the 90 days up to its day.
    Result<std::optional<domain::Diagnosis>> LatestDiagnosis() override;
    // One assessment's diagnosis; NotFound naming the id.
    Result<domain::Diagnosis> DiagnosisOf(long long assessment_id);

    // Validates (InvalidArgument naming "answers[i].level", "answers[i].question_key",
    // "assessed_on"), stores and audits ("diagnosis.assess") a new assessment.
    Result<ports::DiagnosisAssessmentRecord> Submit(const DiagnosisSubmission& submission, const Principal& by,
                                                    const Authorizer* authorizer = nullptr);
    Result<std::vector<ports::DiagnosisAssessmentRecord>> Assessments(int limit = 50);
    Result<ports::DiagnosisAssessmentRecord> Assessment(long long id);

    // Today by the service's clock (the default end of a signals period).
    Date Today() const { return clock_.Today(); }
    // [day − 89, day]: the window a diagnosis dated `day` reads.
    static Date WindowStart(Date day) { return AddDays(day, -(kDiagnosisWindowDays - 1)); }

private:
    Result<domain::Diagnosis> Compose(const ports::DiagnosisAssessmentRecord& assessment);

    ports::DiagnosisRepository& repo_;
    ports::Store& store_;
    const ports::Clock& clock_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
