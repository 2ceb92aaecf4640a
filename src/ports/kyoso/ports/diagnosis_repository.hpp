#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/transformation/diagnosis.hpp"

namespace kyoso::ports {

// A stored questionnaire assessment (docs/transformation.md, "Diagnosis").
struct DiagnosisAssessmentRecord {
    long long id = 0;
    std::string assessed_on;  // YYYY-MM-DD
    long long created_by = 0;
    std::string created_by_name;  // read only
    std::string created_at;       // UTC ISO
    std::string note;
    std::vector<domain::DiagnosisAnswer> answers;  // by question key
};

// Assessments and the rows of the measured signals. SQL written once for both
// backends; safe for concurrent use; calls inside Store::InTransaction join it.
class DiagnosisRepository {
public:
    virtual ~DiagnosisRepository() = default;

    // Inserts the assessment with its answers (id ignored) and returns its id.
    virtual Result<long long> InsertAssessment(const DiagnosisAssessmentRecord& assessment) = 0;
    // NotFound naming the id.
    virtual Result<DiagnosisAssessmentRecord> FindAssessment(long long id) = 0;
    // The latest assessment (greatest assessed_on, then id), or none.
    virtual Result<std::optional<DiagnosisAssessmentRecord>> LatestAssessment() = 0;
    // Every assessment without answers, newest first (assessed_on, id), at most `limit`.
    virtual Result<std::vector<DiagnosisAssessmentRecord>> ListAssessments(int limit) = 0;

    // The rows of domain::MeasureDiagnosisSignals for [from, to] (YYYY-MM-DD):
    // activities that occurred in the period with their creation time
    // (activities.created_at, else the time of their "activity.log" audit entry, else
    // ""), deals created on or before `to` and not closed before `from`, hand-offs due
    // in the period, every user with their role, and next-best-action feedback decided
    // in the period as score uses.
    virtual Result<domain::DiagnosisSignalRows> ReadSignalRows(const std::string& from, const std::string& to) = 0;

    // Activities that occurred in [from, to] with their user's role, by id, for the demo.
    struct ActivityRef {
        long long id = 0;
        long long user_id = 0;
        std::string role;
        std::string occurred_on;
    };
    virtual Result<std::vector<ActivityRef>> ActivityRefs(const std::string& from, const std::string& to) = 0;
    // The demo's logging habit: stamps activities.created_at of the given activities.
    virtual Status SetActivityCreatedAt(const std::vector<std::pair<long long, std::string>>& stamps) = 0;
};

}  // namespace kyoso::ports
