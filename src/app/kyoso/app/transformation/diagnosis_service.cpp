#include "kyoso/app/transformation/diagnosis_service.hpp"

#include "kyoso/app/audit/audit_json.hpp"

namespace kyoso::app {

namespace {

std::string AnswersJson(const std::vector<domain::DiagnosisAnswer>& answers) {
    std::string out = "[";
    for (size_t i = 0; i < answers.size(); ++i) {
        if (i) out += ",";
        out += AuditJson()
                   .Str("question_key", answers[i].question_key)
                   .Int("level", answers[i].level)
                   .Str("comment", answers[i].comment)
                   .str();
    }
    return out + "]";
}

}  // namespace

Result<domain::MeasuredSignals> DiagnosisService::Measure(Date from, Date to) {
    if (to < from) {
        return InvalidArgument("invalid period", {{"from", "must be on or before to (" + FormatIsoDate(to) + ")"}});
    }
    auto rows = repo_.ReadSignalRows(FormatIsoDate(from), FormatIsoDate(to));
    if (!rows.ok()) return rows.status();
    rows->from = from;
    rows->to = to;
    return domain::MeasureDiagnosisSignals(*rows);
}

Result<domain::Diagnosis> DiagnosisService::Compose(const ports::DiagnosisAssessmentRecord& a) {
    auto day = ParseIsoDate(a.assessed_on);
    if (!day) return Internal("diagnosis_assessments.assessed_on is not a date: " + a.assessed_on);
    auto signals = Measure(WindowStart(*day), *day);
    if (!signals.ok()) return signals.status();
    return domain::ComposeDiagnosis(a.id, *day, a.answers, *signals);
}

Result<std::optional<domain::Diagnosis>> DiagnosisService::LatestDiagnosis() {
    auto latest = repo_.LatestAssessment();
    if (!latest.ok()) return latest.status();
    if (!*latest) return std::optional<domain::Diagnosis>();
    auto d = Compose(**latest);
    if (!d.ok()) return d.status();
    return std::optional<domain::Diagnosis>(std::move(*d));
}

Result<domain::Diagnosis> DiagnosisService::DiagnosisOf(long long assessment_id) {
    auto a = repo_.FindAssessment(assessment_id);
    if (!a.ok()) return a.status();
    return Compose(*a);
}

Result<ports::DiagnosisAssessmentRecord> DiagnosisService::Submit(const DiagnosisSubmission& s, const Principal& by,
                                                                  const Authorizer* authorizer) {
    if (authorizer) KYOSO_RETURN_IF_ERROR(authorizer->Require(by, domain::Capability::kManageSalesOps));
    std::vector<ErrorDetail> errors;
    const Date today = clock_.Today();
    Date day = today;
    if (s.assessed_on) {
        auto parsed = ParseIsoDate(*s.assessed_on);
        if (!parsed) {
            errors.push_back({"assessed_on", "must be a date YYYY-MM-DD, got '" + *s.assessed_on + "'"});
        } else if (today < *parsed) {
            errors.push_back({"assessed_on", "must not be in the future (today is " + FormatIsoDate(today) + ")"});
        } else {
            day = *parsed;
        }
    }
    if (s.note.size() > 4000) errors.push_back({"note", "must be at most 4000 bytes"});
    if (Status st = domain::ValidateDiagnosisAnswers(s.answers); !st.ok()) {
        for (const auto& d : st.details()) errors.push_back(d);
    }
    if (!errors.empty()) return InvalidArgument("invalid assessment", std::move(errors));

    ports::DiagnosisAssessmentRecord record;
    record.assessed_on = FormatIsoDate(day);
    record.created_by = by.user_id;
    record.created_at = FormatUtc(clock_.Now());
    record.note = s.note;
    record.answers = s.answers;
    long long id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        auto inserted = repo_.InsertAssessment(record);
        if (!inserted.ok()) return inserted.status();
        id = *inserted;
        return audit_.Append({by.Actor(), "diagnosis.assess", "diagnosis_assessment", std::to_string(id), "",
                              AuditJson()
                                  .Str("assessed_on", record.assessed_on)
                                  .Str("note", record.note)
                                  .Raw("answers", AnswersJson(record.answers))
                                  .str()});
    });
    if (!st.ok()) return st;
    return repo_.FindAssessment(id);
}

Result<std::vector<ports::DiagnosisAssessmentRecord>> DiagnosisService::Assessments(int limit) {
    return repo_.ListAssessments(limit);
}

Result<ports::DiagnosisAssessmentRecord> DiagnosisService::Assessment(long long id) { return repo_.FindAssessment(id); }

}  // namespace kyoso::app
