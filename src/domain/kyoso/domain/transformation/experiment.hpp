#pragma once

// Experiments (小さな実験, docs/transformation.md "Experiments"): a cadence's A/B variants
// or a pilot team against a comparison team, one outcome chosen in advance, and a
// horizon fixed in advance. Before the horizon the result shows the counts so far but
// no verdict; at the horizon the chosen test decides at α = 0.05. Pure rules over
// plain structs; thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/transformation/experiment_stats.hpp"

namespace kyoso::domain {

enum class ExperimentKind {
    kCadenceAb,  // a cadence's enrolments by variant (A vs B)
    kPilotTeam,  // the deals/leads a pilot team created vs a comparison team's (or everyone else's)
};
std::string_view ExperimentKindSlug(ExperimentKind k);  // cadence_ab, pilot_team
std::optional<ExperimentKind> ExperimentKindFromSlug(std::string_view slug);

// The outcomes each kind can measure: a trial is a success when it reached it.
//   cadence_ab: meeting_set (the enrolment's outcome is 商談設定), replied (返信あり:
//               outcome replied or meeting_set — a meeting implies a reply).
//   pilot_team: deal_won (a deal created in the window was won), budget_requested (a
//               deal created in the window reached 予算要求中 or later in its stage
//               history), lead_qualified (a lead created in the window is qualified
//               or converted).
// Counted up to min(today, horizon_on).
const std::vector<std::string>& ExperimentOutcomesOf(ExperimentKind k);
bool IsExperimentOutcome(ExperimentKind k, std::string_view outcome);
std::string_view ExperimentOutcomeLabelJa(std::string_view outcome);  // 商談設定 …

enum class ExperimentStatus { kDraft, kRunning, kConcluded, kStopped };
std::string_view ExperimentStatusSlug(ExperimentStatus s);  // draft, running, concluded, stopped

// One experiment as stored.
struct Experiment {
    long long id = 0;
    std::string name;
    std::string hypothesis;  // 仮説 (Japanese)
    ExperimentKind kind = ExperimentKind::kCadenceAb;
    long long cadence_id = 0;     // cadence_ab
    std::string pilot_team;       // pilot_team: users.team of the pilot
    std::string comparison_team;  // pilot_team: users.team compared with; "" = everyone else
    std::string outcome;          // an ExperimentOutcomesOf(kind) slug
    Date start_on{};
    Date horizon_on{};  // the last day counted and the day of the verdict; after start_on
    std::optional<long long> min_per_arm;
    std::optional<Date> stopped_on;  // stopped early: no verdict, ever
    std::string stop_reason;
    long long created_by = 0;
    std::string created_at;
};

// Where the experiment stands on `today`: stopped when stopped; draft before start_on;
// running until the day before horizon_on; concluded from horizon_on.
ExperimentStatus StatusOn(const Experiment& e, Date today);
// Whether the experiment has started (start_on ≤ today): its design is locked.
bool HasStarted(const Experiment& e, Date today);

// Checks a new or changed design (after merging): name 1..200 bytes, hypothesis ≤ 4000,
// a known kind, its subject (cadence_id > 0, or a pilot team different from the
// comparison team), an outcome of the kind, horizon_on after start_on and at most
// 2 years later, min_per_arm ≥ 1. InvalidArgument naming each field.
Status ValidateExperiment(const Experiment& e);

// Checks a change of `before` into `after` on `today`: once started, kind, subject,
// outcome, start_on, horizon_on and min_per_arm are locked (InvalidArgument naming the
// first field that changed: "horizon_on: locked once the experiment started on …");
// a stopped or concluded experiment takes no change (FailedPrecondition).
Status CheckExperimentChange(const Experiment& before, const Experiment& after, Date today);

// May the experiment be stopped on `today`? FailedPrecondition when already stopped or
// concluded (a concluded experiment has its verdict).
Status CheckExperimentStop(const Experiment& e, Date today);

// An arm as the result shows it.
struct ExperimentArm {
    std::string key;    // "A" / "B", or "pilot" / "comparison"
    std::string label;  // "A", "B", the team's name, "その他全員"
    ExperimentArmCounts counts;
};

enum class ExperimentVerdict {
    kPending,             // before the horizon: 判定は期日まで保留
    kStopped,             // stopped early: no verdict
    kSignificant,         // 有意差あり (p < 0.05)
    kNotSignificant,      // 有意差なし
    kInsufficientSample,  // an arm is below min_per_arm at the horizon
    kNotComputable,       // an arm is empty at the horizon
};
std::string_view ExperimentVerdictSlug(ExperimentVerdict v);  // pending, stopped, significant, …

// The result on `today`: counts through `counted_through`; the test and verdict only
// at or after the horizon (never for a stopped experiment).
struct ExperimentResult {
    ExperimentStatus status = ExperimentStatus::kDraft;
    Date counted_through{};           // min(today, horizon_on) (the stop day for a stopped one)
    std::vector<ExperimentArm> arms;  // two
    ExperimentVerdict verdict = ExperimentVerdict::kPending;
    std::optional<ExperimentComparison> comparison;  // at/after the horizon when computable
    std::optional<long long> needed_per_arm;         // SampleSizePerArm of the observed rates (a note)
    std::string message_ja;  // "判定は期日 2026-12-25 まで保留" / "有意差あり (p = 0.012 < 0.05)" …
    std::string message_en;
};

// Builds the result from the arms counted through `counted_through` (the caller counts
// with CountedThrough). The verdict is pending before the horizon whatever the counts.
ExperimentResult MakeExperimentResult(const Experiment& e, Date today, std::vector<ExperimentArm> arms);

// The last day whose data counts on `today`: min(today, horizon_on), or the stop day.
Date CountedThrough(const Experiment& e, Date today);

}  // namespace kyoso::domain
