#pragma once

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// What the division-of-labour part of the demo (docs/division-of-labour.md) builds
// on: the store after the sales simulation (users, teams by name, leads, deals,
// activities as of options.as_of), the options and the business-day calendar.
struct DemoDivisionContext {
    ports::Store& store;
    const DemoOptions& options;
    const domain::BusinessCalendar& calendar;
    ports::ProgressSink& progress;
};

// Seeds teams and territories, routing rules and routed leads, hand-offs (some
// breached), cadences with two variants, outcome metrics and quotas, in that order,
// after the simulation and in its transaction (small scale). Deterministic for a seed.
Status SeedDivisionOfLabour(const DemoDivisionContext& context);

// Outcome metrics with quarterly measurements on recent won deals, and quotas per
// fiscal year for teams and people (docs/division-of-labour.md, "Demo data"). Last.
Status SeedDemoOutcomes(const DemoDivisionContext& context);

}  // namespace kyoso::app
