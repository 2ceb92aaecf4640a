#pragma once

#include <memory>

#include "kyoso/ports/diagnosis_repository.hpp"

namespace kyoso::sql {

class SqlStore;

// Diagnosis assessments and the measured signals' rows over a SqlStore (both backends).
std::unique_ptr<ports::DiagnosisRepository> MakeDiagnosisRepository(SqlStore* store);

}  // namespace kyoso::sql
