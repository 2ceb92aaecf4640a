#pragma once
// The request bodies of the transformation programme's writes, read with BodyReader:
// a questionnaire answer (POST /api/transformation/assessments), an experiment's design
// (POST/PATCH /api/experiments) and a case (POST/PATCH /api/cases). Shared by the handlers
// and the fuzz target fuzz/transformation_request_fuzz.cpp. Each reader only collects
// fields and their type errors; call BodyReader::Finish() afterwards, and the services
// validate the values (dates, keys, levels, references).
#include <set>
#include <string>

#include "kyoso/api/request_body.hpp"
#include "kyoso/app/transformation/cases_service.hpp"
#include "kyoso/app/transformation/diagnosis_service.hpp"
#include "kyoso/app/transformation/experiment_service.hpp"

namespace kyoso::api {

// Fields of an assessment: assessed_on?, note?, answers (required: [{question_key, level, comment?}]).
extern const std::set<std::string> kAssessmentFields;
app::DiagnosisSubmission ReadDiagnosisSubmission(BodyReader& body);

// Design fields of an experiment; `create` makes name, kind, outcome and horizon_on required.
extern const std::set<std::string> kExperimentDesignFields;
app::ExperimentInput ReadExperimentInput(BodyReader& body, bool create);

// Fields of a case; `create` makes kind, title, government_code and product_id required.
// tags is an array of strings without commas (stored comma-joined).
extern const std::set<std::string> kCaseFields;
app::CaseRequest ReadCaseRequest(BodyReader& body, bool create);

}  // namespace kyoso::api
