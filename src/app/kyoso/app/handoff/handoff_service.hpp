#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/division/handoff.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/ports/handoff_repository.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A hand-off as a sender sends it: a lead (lead_id) or a deal (deal_id), the receiver,
// the checklist as handed over and a note.
struct HandoffCreateRequest {
    std::string kind;
    long long lead_id = 0;
    long long deal_id = 0;
    long long to_user_id = 0;
    std::vector<domain::HandoffChecklistItem> checklist;
    std::string note;
};

// A hand-off with its SLA state at today.
struct HandoffView {
    ports::HandoffRecord record;
    domain::HandoffSla sla;
    bool breached = false;   // breached_on set, or still pending past due_on
    bool escalated = false;  // escalated_on set
};

// Which hand-offs a list shows: the user's incoming, outgoing, or those of their team.
struct HandoffListRequest {
    std::string box = "incoming";  // incoming | outgoing | team
    std::optional<std::string> status;
    std::optional<bool> breached;
    std::optional<long long> lead_id;
    std::optional<long long> deal_id;
    int limit = 50;
    std::optional<long long> after_id;
};

struct HandoffListResult {
    std::vector<HandoffView> items;
    long long total = 0;
    std::optional<long long> next_after_id;
};

// A manager's edit of a hand-off type; unset fields stay.
struct HandoffTypeUpdate {
    std::optional<std::string> name_ja;
    std::optional<std::string> name_en;
    std::optional<std::vector<std::string>> checklist;
    std::optional<int> sla_business_days;
    std::optional<int> escalate_after_business_days;
    std::optional<bool> active;
};

// What one sweep did.
struct HandoffSweepCounts {
    long long breached = 0;   // newly marked breached
    long long escalated = 0;  // newly escalated (alerts written to managers)
};

// SLA compliance of one kind over a period: shares of answers within the SLA.
struct HandoffCompliance {
    ports::HandoffComplianceRow row;
    std::string name_ja;
    int sla_business_days = 0;
    std::optional<double> accepted_within_sla_share;  // nullopt when nothing was accepted
};

// Hand-offs between sales roles with SLA timers in business days, breach and
// escalation (docs/division-of-labour.md, "Hand-offs and SLAs"). Every write is
// audited in the transaction that makes it. Thread-safe when the store is.
class HandoffService {
public:
    HandoffService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                   const domain::BusinessCalendar& calendar)
        : store_(store), clock_(clock), audit_(store, clock, digest), calendar_(calendar) {}

    // Today in Japan, by the injected clock.
    Date Today() const { return clock_.Today(); }

    Result<std::vector<ports::HandoffType>> ListTypes();
    // NotFound for an unknown kind.
    Result<ports::HandoffType> GetType(const std::string& kind);
    // Edits a type (audited "handoff_type.update"): checklist 1-20 non-blank unique
    // labels, SLA 0-30 and escalation 0-30 business days; InvalidArgument naming the field.
    Result<ports::HandoffType> UpdateType(const std::string& kind, const HandoffTypeUpdate& update,
                                          const std::string& actor);

    // Creates a pending hand-off (audited "handoff.create") due HandoffDueOn(today,
    // SLA): the type is active and fits the subject (bdr_to_is/is_to_fs a lead,
    // is_to_fs/fs_to_cs a deal, fs_to_cs only a won deal), the sender owns it, the
    // receiver has the type's to_role and is someone else, no other hand-off of it is
    // pending, and the checklist passes CheckHandoverChecklist. The receiver gets an alert.
    Result<HandoffView> Create(const Principal& who, const HandoffCreateRequest& request);
    // NotFound unless `who` may see it: sender, receiver, the escalation manager,
    // a manager or admin.
    Result<HandoffView> Get(const Principal& who, long long id);
    // The user's box; InvalidArgument naming "box" or "status" for bad values.
    Result<HandoffListResult> List(const Principal& who, const HandoffListRequest& request);
    // Receiver only: accepts (ownership moves, see docs), audited "handoff.accept".
    Result<HandoffView> Accept(const Principal& who, long long id);
    // Receiver only, with a reason: audited "handoff.return"; the sender keeps the subject.
    Result<HandoffView> Return(const Principal& who, long long id, const std::string& reason);
    // Sender or manager: audited "handoff.cancel".
    Result<HandoffView> Cancel(const Principal& who, long long id);

    // Marks pending hand-offs past due as breached and escalates those past their
    // escalation date to the receiver's team manager (an alert + escalated_to/on),
    // as of `today`; audited "handoff.breach" / "handoff.escalate". Idempotent.
    Result<HandoffSweepCounts> Sweep(Date today, const std::string& actor);
    // Sweep as of the clock's today.
    Result<HandoffSweepCounts> Sweep(const std::string& actor) { return Sweep(clock_.Today(), actor); }

    // Per kind: hand-offs created in [from, to] and answered within their SLA.
    Result<std::vector<HandoffCompliance>> Compliance(Date from, Date to);

    // The manager a breached hand-off escalates to: the first manager of the receiver's
    // team (users.team + role manager), else 0. The one place the lookup lives.
    Result<long long> EscalationManager(long long receiver_id);

private:
    HandoffView ViewOf(ports::HandoffRecord record, Date today) const;
    Result<HandoffView> Act(const Principal& who, long long id, domain::HandoffAction action,
                            const std::string& reason);

    ports::Store& store_;
    const ports::Clock& clock_;
    AuditTrail audit_;
    const domain::BusinessCalendar& calendar_;
};

}  // namespace kyoso::app
