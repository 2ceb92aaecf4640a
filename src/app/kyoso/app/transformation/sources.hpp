#pragma once

// How the parts of the transformation programme (docs/transformation.md) read each
// other without depending on each other's services: the diagnosis part implements
// SignalSource and DiagnosisSource, the case library CaseLibraryStats; the action plan
// and the scorecard take them by reference (tests pass fakes). kyoso::cli::Runtime wires
// the real ones.

#include <optional>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/transformation/model.hpp"

namespace kyoso::app {

// The measured signals over a period (both days inclusive).
class SignalSource {
public:
    virtual ~SignalSource() = default;
    virtual Result<domain::MeasuredSignals> Measure(Date from, Date to) = 0;
};

// The latest diagnosis (questionnaire answers joined with the signals of the 90 days
// before it), or none before the first questionnaire is answered.
class DiagnosisSource {
public:
    virtual ~DiagnosisSource() = default;
    virtual Result<std::optional<domain::Diagnosis>> LatestDiagnosis() = 0;
};

// How the case library grows: cases recorded with created_on in [from, to].
class CaseLibraryStats {
public:
    virtual ~CaseLibraryStats() = default;
    virtual Result<long long> CasesCreatedBetween(Date from, Date to) = 0;
};

}  // namespace kyoso::app
