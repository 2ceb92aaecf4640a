#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"

namespace kyoso::domain {

// A hand-off between sales roles (docs/division-of-labour.md, "Hand-offs and SLAs").
// pending → accepted | returned | cancelled; all three are final. A returned hand-off
// is re-sent as a new hand-off (a new record with its own SLA clock), so the history of
// returns and their reasons stays visible.
enum class HandoffStatus { kPending, kAccepted, kReturned, kCancelled };

std::string_view HandoffStatusSlug(HandoffStatus status);
// nullopt for an unknown slug.
std::optional<HandoffStatus> HandoffStatusFromSlug(std::string_view slug);

// What a user does to a pending hand-off.
enum class HandoffAction { kAccept, kReturn, kCancel };
std::string_view HandoffActionSlug(HandoffAction action);

// How the acting user relates to the hand-off.
enum class HandoffActor { kSender, kReceiver, kManager, kOther };

// The status after `actor` does `action` to a hand-off in `from`: only the receiver
// accepts or returns (a return needs a non-blank `reason`), the sender or a manager
// cancels. FailedPrecondition when `from` is not pending (detail "status"),
// PermissionDenied when the actor may not do this, InvalidArgument (detail
// "return_reason") for a return without a reason.
Result<HandoffStatus> NextHandoffStatus(HandoffStatus from, HandoffAction action, HandoffActor actor,
                                        std::string_view reason);

// The actor a user counts as for `action`: the receiver for accept/return when they
// are the receiver; else the sender, else a manager (admin or role manager), else other.
HandoffActor HandoffActorFor(HandoffAction action, bool is_sender, bool is_receiver, bool is_manager);

// One checklist item as handed over: checked, or explicitly not applicable (該当なし)
// with a note saying why.
struct HandoffChecklistItem {
    std::string item;  // the label of the type's checklist item, e.g. 予算状況
    bool checked = false;
    bool not_applicable = false;
    std::string notes;
};

// Checks the checklist a sender hands over against the type's required `items` and
// returns it in the type's order. The rule: every required item appears exactly once
// and is either checked, or marked not applicable with a non-blank note; an item both
// checked and not applicable, an unknown item, or a duplicate is refused.
// InvalidArgument with detail "checklist[i]" (or "checklist" for a missing item).
Result<std::vector<HandoffChecklistItem>> CheckHandoverChecklist(const std::vector<std::string>& items,
                                                                 const std::vector<HandoffChecklistItem>& given);

// The SLA clock of one hand-off at a date.
struct HandoffSla {
    Date due_on{};
    // Business days from `at` to due_on, BusinessCalendar::BusinessDaysBetween(at,
    // due_on): 0 on the due day, negative once overdue (e.g. -1 on the first business
    // day after it; a weekend right after the due day still counts 0).
    int business_days_left = 0;
    bool overdue = false;  // at > due_on (calendar), whatever the status
    Date escalate_on{};    // HandoffEscalationDate(due_on, escalate_after)
};

// The due date of a hand-off created on `created_on` with an SLA of `sla_business_days`:
// AddBusinessDays(created_on, sla). Created on a closed day it counts from that day,
// so SLA 1 from a Saturday is due the Monday (as from the Friday); SLA 0 is due the day
// itself when a business day, else the next business day.
Date HandoffDueOn(const BusinessCalendar& calendar, Date created_on, int sla_business_days);

// The first business day after due_on is the day of the breach; escalation comes
// `escalate_after` business days after it: AddBusinessDays(due_on, 1 + escalate_after)
// (0 = escalate on the breach day itself).
Date HandoffEscalationDate(const BusinessCalendar& calendar, Date due_on, int escalate_after_business_days);

// The SLA state at `at`.
HandoffSla EvaluateHandoffSla(const BusinessCalendar& calendar, Date due_on, int escalate_after_business_days, Date at);

// What the sweep does to one hand-off at `today`: a pending hand-off past due_on is
// marked breached (breached_on = the day after due_on, whenever the sweep runs) unless
// already marked, and escalated once `today` reaches its escalation date unless
// already escalated. Nothing for other statuses.
struct HandoffSweepDecision {
    bool mark_breached = false;
    std::optional<Date> breached_on;
    bool escalate = false;
};
HandoffSweepDecision DecideHandoffSweep(const BusinessCalendar& calendar, HandoffStatus status, Date due_on,
                                        int escalate_after_business_days, bool already_breached, bool already_escalated,
                                        Date today);

// Whether a response on `responded_on` kept the SLA (responded_on <= due_on).
bool RespondedWithinSla(Date due_on, Date responded_on);

// The kinds of hand-off and what each hands over: a lead (bdr_to_is), a lead or a
// deal (is_to_fs), a won deal (fs_to_cs).
bool IsHandoffKind(std::string_view kind);
bool HandoffKindAllowsLead(std::string_view kind);
bool HandoffKindAllowsDeal(std::string_view kind);

}  // namespace kyoso::domain
