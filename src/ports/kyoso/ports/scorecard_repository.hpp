#pragma once

#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/division/kpi.hpp"

namespace kyoso::ports {

// The deals the two-axis scorecard reads (docs/transformation.md, "Two-axis scorecard").
// Implementation: adapters/sql (SQLite and PostgreSQL).
class ScorecardRepository {
public:
    virtual ~ScorecardRepository() = default;
    // Every owner's won and lost deals with closed_on in [from, to] (both inclusive),
    // by id; amount = the award amount when set, else the deal amount (as the KPIs read
    // it). One query, whatever the number of quarters.
    virtual Result<std::vector<domain::KpiDealRow>> ClosedDealsBetween(Date from, Date to) = 0;
};

}  // namespace kyoso::ports
