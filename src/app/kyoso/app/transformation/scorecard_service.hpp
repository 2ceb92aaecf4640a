#pragma once

#include <vector>

#include "kyoso/app/transformation/sources.hpp"
#include "kyoso/domain/transformation/scorecard.hpp"
#include "kyoso/ports/scorecard_repository.hpp"
#include "kyoso/ports/services.hpp"

namespace kyoso::app {

// Which quarters to show: the quarter `fiscal_year` Q`quarter` and the `quarters` − 1
// before it. 0 = the default: fiscal_year = the current fiscal year by the clock;
// quarter = the current quarter in the current fiscal year, Q4 in another; quarters = 8.
struct ScorecardQuery {
    int fiscal_year = 0;  // 0 or 1989–2100
    int quarter = 0;      // 0 or 1–4
    int quarters = 0;     // 0 or 1–20
};

constexpr int kScorecardDefaultQuarters = 8;
constexpr int kScorecardMaxQuarters = 20;

struct ScorecardReport {
    Date as_of{};                                    // the clock's today
    std::vector<domain::ScorecardQuarter> quarters;  // oldest first; the last is the one asked for
};

// The two-axis quarterly scorecard (docs/transformation.md, "Two-axis scorecard"):
// performance from the deals, transformation from the measured signals and the case
// library. Reads only; thread-safe when its dependencies are.
//
// A source that answers FailedPrecondition has nothing to measure yet (e.g. the case
// library is not set up): its figures stay empty. Any other failure is returned.
class ScorecardService {
public:
    ScorecardService(ports::ScorecardRepository& deals, SignalSource& signals, CaseLibraryStats& cases,
                     const ports::Clock& clock)
        : deals_(deals), signals_(signals), cases_(cases), clock_(clock) {}

    // InvalidArgument naming fiscal_year, quarter or quarters.
    Result<ScorecardReport> Report(const ScorecardQuery& query);

private:
    ports::ScorecardRepository& deals_;
    SignalSource& signals_;
    CaseLibraryStats& cases_;
    const ports::Clock& clock_;
};

// Null objects for Runtime until the lead engineer wires the diagnosis part's
// SignalSource and the case library's CaseLibraryStats: they measure nothing, so the
// transformation axis shows no values (never zeros).
class ScorecardNoSignals final : public SignalSource {
public:
    Result<domain::MeasuredSignals> Measure(Date from, Date to) override;
};
class ScorecardNoCaseLibrary final : public CaseLibraryStats {
public:
    Result<long long> CasesCreatedBetween(Date from, Date to) override;  // FailedPrecondition
};

}  // namespace kyoso::app
