#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"

namespace kyoso::domain {

// Cadences (シーケンス): ordered steps worked one after another for a lead or an
// official, with an optional B variant per step (docs/division-of-labour.md,
// "Cadences and tasks"). Pure scheduling over plain structs.

enum class CadenceStepKind { kCall, kEmail, kVisit, kWait };
// "call", "email", "visit", "wait".
std::string_view CadenceStepKindSlug(CadenceStepKind kind);
// nullopt for an unknown slug.
std::optional<CadenceStepKind> CadenceStepKindFromSlug(std::string_view slug);

// One step. A wait step waits `wait_business_days` after the previous step was closed
// (or after the start); on an action step the same field is an optional delay before it.
struct CadenceStep {
    long long id = 0;
    int position = 0;  // 1-based order in the cadence
    CadenceStepKind kind = CadenceStepKind::kCall;
    int wait_business_days = 0;
    std::string title;
    std::string template_text;  // call script or mail body (Japanese)
    // The B variant of this step; nullopt = the step has none (B enrolments get A).
    std::optional<CadenceStepKind> variant_b_kind;
    std::string variant_b_title;
    std::string variant_b_template;
};

// What an enrolment in `variant` ('A' or 'B') is asked to do on `step`.
struct EffectiveStep {
    CadenceStepKind kind = CadenceStepKind::kCall;
    std::string title;
    std::string template_text;
    std::string variant;  // "A" or "B": the variant whose text this is
};
EffectiveStep StepForVariant(const CadenceStep& step, std::string_view variant);

// Checks a cadence's steps: at least one action step; positions 1..n without gaps
// after sorting; action steps have a title; wait steps wait 1..60 business days and
// have no B variant; delays 0..60; a B variant of an action step is an action kind
// with a title. InvalidArgument naming "steps[i].<field>" for each problem.
Status ValidateCadenceSteps(const std::vector<CadenceStep>& steps);

// The task generated for a step so far: open, or closed (done or skipped) on a date.
struct StepTaskState {
    long long step_id = 0;
    bool closed = false;
    Date closed_on{};
};

enum class CadenceNextState {
    kDue,            // step `step_id` has no task yet and is due on `date`
    kWaitingOnTask,  // the task of step `step_id` is open: nothing follows until it is closed
    kCompleted,      // every step is done; the cadence completes on `date`
};
struct CadenceNext {
    CadenceNextState state = CadenceNextState::kDue;
    long long step_id = 0;
    int position = 0;
    Date date{};
};

// Where an enrolment started on `started_on` stands. Steps run in position order from
// an anchor that starts at `started_on`: a wait step moves the anchor N business days
// later; an action step is due on the anchor moved by its delay, or the next business
// day when that is not one; once its task is closed the anchor becomes the closing
// date (so a step done late shifts the following ones). The first action step without
// a task is kDue; an open task stops the walk (kWaitingOnTask); past the last step the
// cadence is kCompleted on the final anchor (the last closing date, or the end of a
// trailing wait).
CadenceNext NextCadenceStep(const std::vector<CadenceStep>& steps, Date started_on,
                            const std::vector<StepTaskState>& tasks, const BusinessCalendar& calendar);

// Enrolment outcomes: "meeting_set", "replied", "no_response", "not_interested", "opted_out".
bool IsCadenceOutcome(std::string_view slug);
// The status an enrolment gets when an outcome is recorded: an active one stops
// ("stopped"), a completed one stays "completed"; FailedPrecondition for a stopped one
// (it has an outcome already).
Result<std::string> StatusAfterOutcome(std::string_view status);

// The variant of the n-th enrolment (0-based) of a cadence under alternation: A, B, A, B…
std::string AlternatingVariant(long long prior_enrolments);

// Whether a step of `kind` may be worked for an official with this do_not_contact
// flag (docs/compliance.md): a do-not-contact official gets no call, email or visit
// (and cannot be enrolled); waiting is always allowed.
bool ContactAllowed(CadenceStepKind kind, bool do_not_contact);

// One enrolment as the comparison sees it.
struct EnrolmentResult {
    std::string variant;  // "A" or "B"
    std::string status;   // active, completed, stopped
    std::string outcome;  // "" or an outcome slug
};

// Per variant: counts by status and outcome and the meeting rate.
struct VariantStats {
    std::string variant;
    long long enrolled = 0;
    long long active = 0;
    long long completed = 0;
    long long stopped = 0;
    std::map<std::string, long long> outcomes;  // every outcome slug, 0 when none
    long long meetings = 0;                     // outcome meeting_set
    std::optional<double> meeting_rate;         // meetings / enrolled; nullopt when none enrolled
};
// Always two rows, A then B.
std::vector<VariantStats> CompareVariants(const std::vector<EnrolmentResult>& enrolments);

}  // namespace kyoso::domain
