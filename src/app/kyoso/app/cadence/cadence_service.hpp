#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/domain/division/cadence.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/ports/cadence_repository.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A cadence with its steps in position order.
struct CadenceDetail {
    ports::CadenceRow cadence;
    std::vector<domain::CadenceStep> steps;
};

// Fields of a create (name, target, steps required) or an update (absent = unchanged).
struct CadenceInput {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> target;      // "lead" or "official"
    std::optional<std::string> owner_team;  // "" = any team
    std::optional<bool> active;
    std::optional<std::vector<domain::CadenceStep>> steps;
};

// Enrolling a lead or an official; absent fields take their defaults.
struct EnrolRequest {
    std::optional<long long> lead_id;
    std::optional<long long> official_id;
    std::optional<long long> user_id;       // default: the lead's owner, else the caller
    std::optional<std::string> variant;     // "A" or "B"; default: alternation per cadence
    std::optional<std::string> started_on;  // YYYY-MM-DD; default today
};

// A manual task (POST /api/tasks).
struct TaskRequest {
    std::optional<long long> user_id;  // default: the caller
    std::optional<std::string> due_on;
    std::optional<std::string> kind;  // call, email, visit, todo
    std::optional<std::string> title;
    std::optional<std::string> body;
    std::optional<long long> lead_id;
    std::optional<long long> official_id;
    std::optional<std::string> government_code;  // default: the lead's or official's
};

// What one generation run did.
struct GenerationSummary {
    long long enrolments = 0;  // active enrolments examined
    long long created = 0;     // tasks created (open)
    long long refused = 0;     // steps refused for a do-not-contact official (created as skipped)
    long long completed = 0;   // enrolments that completed
};

// The result of completing a task: the task and the activity it logged (0 = none).
struct TaskCompletion {
    ports::TaskRow task;
    long long activity_id = 0;
    std::vector<Warning> warnings;  // of the activity (blackout, do_not_contact)
};

// Cadences with A/B variants, enrolments, due-task generation and tasks
// (docs/division-of-labour.md, "Cadences and tasks"). Every write runs in one
// transaction with its audit entry. Thread-safe when its dependencies are.
class CadenceService {
public:
    CadenceService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                   const domain::BusinessCalendar& calendar, const Authorizer& authorizer, DealService& deals)
        : store_(store),
          clock_(clock),
          calendar_(calendar),
          authorizer_(authorizer),
          deals_(deals),
          audit_(store, clock, digest) {}

    Result<std::vector<ports::CadenceRow>> List();
    // NotFound for an unknown id.
    Result<CadenceDetail> Get(long long id);
    // InvalidArgument naming each bad field (steps as "steps[i].<field>"); audited
    // as "cadence.create".
    Result<CadenceDetail> Create(const CadenceInput& input, const Principal& by);
    // Merges `input`; new steps replace the old ones while the cadence has no
    // enrolment, afterwards only their texts may change (FailedPrecondition naming
    // "steps" otherwise). Audited as "cadence.update".
    Result<CadenceDetail> Update(long long id, const CadenceInput& input, const Principal& by);
    // FailedPrecondition when it has enrolments (deactivate it instead). Audited.
    Status Delete(long long id, const Principal& by);

    // Enrols a lead (target lead) or an official (target official) and generates its
    // due tasks. Refuses an inactive cadence, a do-not-contact official (also a
    // lead's), and a second active enrolment of the same record (AlreadyExists).
    // Audited as "enrolment.create".
    Result<ports::EnrolmentRow> Enrol(long long cadence_id, const EnrolRequest& request, const Principal& by);
    Result<ports::EnrolmentPage> Enrolments(const ports::EnrolmentQuery& query);
    // Records an outcome: an active enrolment stops and its open tasks are skipped.
    // Only the enrolment's user or a holder of manage_sales_ops. Audited.
    Result<ports::EnrolmentRow> RecordOutcome(long long enrolment_id, const std::string& outcome, const Principal& by);
    // Per variant counts and meeting rates (A then B). NotFound for an unknown cadence.
    Result<std::vector<domain::VariantStats>> CompareVariants(long long cadence_id);

    // Creates every task due up to today for the active enrolments (of `user_id` only
    // when given) and completes finished enrolments. Idempotent.
    Result<GenerationSummary> GenerateDueTasks(std::optional<long long> user_id);

    // Creates a manual task for the caller or (team member / manage_sales_ops) another user.
    Result<ports::TaskRow> CreateTask(const TaskRequest& request, const Principal& by);
    Result<ports::TaskPage> Tasks(const ports::TaskQuery& query);
    // Marks an open task done with `note`; a call, email or visit with a government
    // logs the matching activity (DealService::LogActivity, which feeds the KPIs and
    // the contact log); the enrolment then moves on. Only the task's user or a holder
    // of manage_sales_ops. Audited as "task.complete".
    Result<TaskCompletion> CompleteTask(long long task_id, const std::string& note, const Principal& by);
    // Marks an open task skipped; the enrolment moves on. Audited as "task.skip".
    Result<ports::TaskRow> SkipTask(long long task_id, const std::string& note, const Principal& by);

    // Today in Japan (the service clock).
    Date Today() const { return clock_.Today(); }
    // May `by` see or work `user_id`'s tasks (themselves, a teammate, manage_sales_ops)?
    bool MayActFor(const Principal& by, long long user_id) const;

private:
    // Generates due tasks of one enrolment up to `today` (inside a transaction).
    Status Advance(long long enrolment_id, Date today, GenerationSummary* summary);
    Status CheckTaskActor(const ports::TaskRow& task, const Principal& by) const;

    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& calendar_;
    const Authorizer& authorizer_;
    DealService& deals_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
