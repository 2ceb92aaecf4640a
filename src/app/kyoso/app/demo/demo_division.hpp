#pragma once

#include "kyoso/app/demo/demo_builder.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/ports/experiment_repository.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::ports {
class CaseRepository;  // kyoso/ports/case_repository.hpp
}  // namespace kyoso::ports

namespace kyoso::app {

// What the division-of-labour part of the demo (docs/division-of-labour.md) builds
// on: the store after the sales simulation (users, teams by name, leads, deals,
// activities as of options.as_of), the options and the business-day calendar.
struct DemoDivisionContext {
    ports::Store& store;
    const DemoOptions& options;
    const domain::BusinessCalendar& calendar;
    ports::ProgressSink& progress;
    // The case library's storage; null skips the case seeding (SeedDemoCases).
    ports::CaseRepository* cases = nullptr;
    // Experiments (docs/transformation.md); null = the demo seeds none.
    ports::ExperimentRepository* experiments = nullptr;
};

// Seeds teams and territories, routing rules and routed leads, hand-offs (some
// breached), cadences with two variants, outcome metrics and quotas, in that order,
// after the simulation and in its transaction (small scale). Deterministic for a seed.
Status SeedDivisionOfLabour(const DemoDivisionContext& context);

// Teams rows and managers, territories (regional teams by region, the wide-area team by
// kind), a 防災 specialist, routing rules with BDR weights, absences around 2026-11, routed
// assignment history of open leads and a few leads re-routed from an absent BDR.
Status SeedDemoRouting(const DemoDivisionContext& context);

// Hand-offs of all three kinds over the year before as_of (mostly accepted in time,
// some returned, some late and escalated), a few still pending, swept as of as_of
// (demo_handoffs.cpp, docs/division-of-labour.md "Demo data").
Status SeedDemoHandoffs(const DemoDivisionContext& context);

// Cadences with A/B variants, enrolments of recent leads, their tasks through as_of and
// outcomes with a planted variant effect (docs/demo-data.md, "Cadences").
Status SeedDemoCadences(const DemoDivisionContext& context);

// Outcome metrics with quarterly measurements on recent won deals, and quotas per
// fiscal year for teams and people (docs/division-of-labour.md, "Demo data"). Last.
Status SeedDemoOutcomes(const DemoDivisionContext& context);

// Stamps activities.created_at of the last 120 days with a logging habit per role and
// adds the sales manager's diagnosis questionnaire dated as_of (demo_diagnosis.cpp,
// docs/transformation.md "Diagnosis"). Skipped when options.diagnosis_repository is null.
Status SeedDemoDiagnosis(const DemoDivisionContext& context);

// Cases of the case library (docs/transformation.md, "Case library") derived from won and
// lost deals closed in the two years before as_of: at most 22, spread over the period,
// written from templates per product and outcome. Deterministic. Last.
Status SeedDemoCases(const DemoDivisionContext& context);

// Two experiments (docs/transformation.md, "Experiments"): an A/B test of the BDR cadence's
// first email whose horizon passed before as_of (so it has a verdict), and a pilot team
// against another regional team still running after 2026-11-27 (its verdict withheld).
// Nothing when context.experiments is null.
Status SeedDemoExperiments(const DemoDivisionContext& context);

}  // namespace kyoso::app
