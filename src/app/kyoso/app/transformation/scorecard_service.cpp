#include "kyoso/app/transformation/scorecard_service.hpp"

#include <string>
#include <utility>

namespace kyoso::app {

namespace {

// Quarters read before the first one shown, so that it too has a year-earlier comparison.
constexpr int kLookBack = 4;

}  // namespace

Result<ScorecardReport> ScorecardService::Report(const ScorecardQuery& query) {
    std::vector<ErrorDetail> errors;
    if (query.fiscal_year != 0 && (query.fiscal_year < 1989 || query.fiscal_year > 2100)) {
        errors.push_back({"fiscal_year", "must be a fiscal year from 1989 to 2100"});
    }
    if (query.quarter < 0 || query.quarter > 4) errors.push_back({"quarter", "must be 1, 2, 3 or 4"});
    if (query.quarters < 0 || query.quarters > kScorecardMaxQuarters) {
        errors.push_back({"quarters", "must be 1 to " + std::to_string(kScorecardMaxQuarters)});
    }
    if (!errors.empty()) return InvalidArgument("invalid scorecard query", std::move(errors));

    const Date today = clock_.Today();
    const domain::KpiPeriod current = domain::ScorecardQuarterOf(today);
    const int fiscal_year = query.fiscal_year != 0 ? query.fiscal_year : current.fiscal_year;
    const int quarter = query.quarter != 0 ? query.quarter : fiscal_year == current.fiscal_year ? current.quarter : 4;
    const int shown = query.quarters != 0 ? query.quarters : kScorecardDefaultQuarters;
    const domain::KpiPeriod last = *domain::MakeKpiPeriod(fiscal_year, quarter);
    const domain::KpiPeriod first_read = domain::ScorecardShiftQuarter(last, -(shown - 1 + kLookBack));

    auto deals = deals_.ClosedDealsBetween(first_read.from, last.to);
    if (!deals.ok()) return deals.status();

    // The library's size before the first quarter read, then a running total.
    std::optional<long long> total;
    {
        auto before = cases_.CasesCreatedBetween(MakeDate(1900, 1, 1), AddDays(first_read.from, -1));
        if (before.ok()) {
            total = *before;
        } else if (before.status().code() != ErrorCode::kFailedPrecondition) {
            return before.status();
        }
    }
    std::vector<domain::ScorecardQuarterInput> inputs;
    for (int i = 0; i < shown + kLookBack; ++i) {
        domain::ScorecardQuarterInput in;
        in.period = domain::ScorecardShiftQuarter(first_read, i);
        auto signals = signals_.Measure(in.period.from, in.period.to);
        if (signals.ok()) {
            in.signals = *signals;
        } else if (signals.status().code() != ErrorCode::kFailedPrecondition) {
            return signals.status();
        }
        in.signals.from = in.period.from;
        in.signals.to = in.period.to;
        auto created = cases_.CasesCreatedBetween(in.period.from, in.period.to);
        if (created.ok()) {
            in.cases_created = *created;
            if (total) *total += *created;
            in.cases_total = total;
        } else if (created.status().code() != ErrorCode::kFailedPrecondition) {
            return created.status();
        }
        inputs.push_back(std::move(in));
    }

    auto card = domain::BuildScorecard(*deals, inputs);
    ScorecardReport report;
    report.as_of = today;
    report.quarters.assign(std::make_move_iterator(card.begin() + kLookBack), std::make_move_iterator(card.end()));
    return report;
}

Result<domain::MeasuredSignals> ScorecardNoSignals::Measure(Date from, Date to) {
    domain::MeasuredSignals s;
    s.from = from;
    s.to = to;
    return s;  // every ratio 0 / 0: no value
}

Result<long long> ScorecardNoCaseLibrary::CasesCreatedBetween(Date, Date) {
    return FailedPrecondition("the case library is not connected to the scorecard yet");
}

}  // namespace kyoso::app
