#include "kyoso/domain/division/handoff.hpp"

#include <set>

namespace kyoso::domain {

namespace {

bool Blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool Before(Date a, Date b) { return std::chrono::sys_days{a} < std::chrono::sys_days{b}; }

}  // namespace

std::string_view HandoffStatusSlug(HandoffStatus status) {
    switch (status) {
        case HandoffStatus::kPending:
            return "pending";
        case HandoffStatus::kAccepted:
            return "accepted";
        case HandoffStatus::kReturned:
            return "returned";
        case HandoffStatus::kCancelled:
            return "cancelled";
    }
    return "pending";
}

std::optional<HandoffStatus> HandoffStatusFromSlug(std::string_view slug) {
    for (int i = 0; i <= static_cast<int>(HandoffStatus::kCancelled); ++i) {
        const auto s = static_cast<HandoffStatus>(i);
        if (HandoffStatusSlug(s) == slug) return s;
    }
    return std::nullopt;
}

std::string_view HandoffActionSlug(HandoffAction action) {
    switch (action) {
        case HandoffAction::kAccept:
            return "accept";
        case HandoffAction::kReturn:
            return "return";
        case HandoffAction::kCancel:
            return "cancel";
    }
    return "accept";
}

Result<HandoffStatus> NextHandoffStatus(HandoffStatus from, HandoffAction action, HandoffActor actor,
                                        std::string_view reason) {
    const std::string verb(HandoffActionSlug(action));
    if (from != HandoffStatus::kPending) {
        std::string msg = "the hand-off is already " + std::string(HandoffStatusSlug(from)) +
                          "; only a pending one can " + verb +
                          (from == HandoffStatus::kReturned ? " (hand it over again as a new hand-off)" : "");
        return Status(ErrorCode::kFailedPrecondition, msg, {{"status", msg}});
    }
    switch (action) {
        case HandoffAction::kAccept:
            if (actor != HandoffActor::kReceiver) return PermissionDenied("only the receiver can accept a hand-off");
            return HandoffStatus::kAccepted;
        case HandoffAction::kReturn:
            if (actor != HandoffActor::kReceiver) return PermissionDenied("only the receiver can return a hand-off");
            if (Blank(reason)) {
                return InvalidArgument("a returned hand-off needs a reason",
                                       {{"return_reason", "required: why the hand-off goes back"}});
            }
            return HandoffStatus::kReturned;
        case HandoffAction::kCancel:
            if (actor != HandoffActor::kSender && actor != HandoffActor::kManager) {
                return PermissionDenied("only the sender or a manager can cancel a hand-off");
            }
            return HandoffStatus::kCancelled;
    }
    return Internal("unknown hand-off action");
}

HandoffActor HandoffActorFor(HandoffAction action, bool is_sender, bool is_receiver, bool is_manager) {
    if (action != HandoffAction::kCancel && is_receiver) return HandoffActor::kReceiver;
    if (is_sender) return HandoffActor::kSender;
    if (is_manager) return HandoffActor::kManager;
    if (is_receiver) return HandoffActor::kReceiver;
    return HandoffActor::kOther;
}

Result<std::vector<HandoffChecklistItem>> CheckHandoverChecklist(const std::vector<std::string>& items,
                                                                 const std::vector<HandoffChecklistItem>& given) {
    std::vector<ErrorDetail> errors;
    std::vector<const HandoffChecklistItem*> found(items.size(), nullptr);
    for (size_t i = 0; i < given.size(); ++i) {
        const auto& g = given[i];
        const std::string field = "checklist[" + std::to_string(i) + "]";
        size_t at = items.size();
        for (size_t k = 0; k < items.size(); ++k) {
            if (items[k] == g.item) at = k;
        }
        if (at == items.size()) {
            errors.push_back({field, "'" + g.item + "' is not an item of this hand-off type's checklist"});
            continue;
        }
        if (found[at]) {
            errors.push_back({field, "'" + g.item + "' appears twice"});
            continue;
        }
        found[at] = &g;
        if (g.checked && g.not_applicable) {
            errors.push_back({field, "'" + g.item + "' is both checked and 該当なし; choose one"});
        } else if (!g.checked && !g.not_applicable) {
            errors.push_back({field, "'" + g.item + "' must be checked, or marked 該当なし with a note"});
        } else if (g.not_applicable && Blank(g.notes)) {
            errors.push_back({field, "'" + g.item + "' is marked 該当なし: say why in its notes"});
        }
    }
    for (size_t k = 0; k < items.size(); ++k) {
        if (!found[k]) errors.push_back({"checklist", "'" + items[k] + "' is missing"});
    }
    if (!errors.empty()) return InvalidArgument("the hand-over checklist is incomplete", std::move(errors));
    std::vector<HandoffChecklistItem> out;
    out.reserve(items.size());
    for (const auto* g : found) out.push_back(*g);
    return out;
}

Date HandoffDueOn(const BusinessCalendar& calendar, Date created_on, int sla_business_days) {
    return calendar.AddBusinessDays(created_on, sla_business_days < 0 ? 0 : sla_business_days);
}

Date HandoffEscalationDate(const BusinessCalendar& calendar, Date due_on, int escalate_after_business_days) {
    return calendar.AddBusinessDays(due_on, 1 + (escalate_after_business_days < 0 ? 0 : escalate_after_business_days));
}

HandoffSla EvaluateHandoffSla(const BusinessCalendar& calendar, Date due_on, int escalate_after_business_days,
                              Date at) {
    HandoffSla sla;
    sla.due_on = due_on;
    sla.business_days_left = calendar.BusinessDaysBetween(at, due_on);
    sla.overdue = Before(due_on, at);
    sla.escalate_on = HandoffEscalationDate(calendar, due_on, escalate_after_business_days);
    return sla;
}

HandoffSweepDecision DecideHandoffSweep(const BusinessCalendar& calendar, HandoffStatus status, Date due_on,
                                        int escalate_after_business_days, bool already_breached, bool already_escalated,
                                        Date today) {
    HandoffSweepDecision d;
    if (status != HandoffStatus::kPending || !Before(due_on, today)) return d;
    if (!already_breached) {
        d.mark_breached = true;
        d.breached_on = AddDays(due_on, 1);
    }
    const Date escalate_on = HandoffEscalationDate(calendar, due_on, escalate_after_business_days);
    d.escalate = !already_escalated && !Before(today, escalate_on);
    return d;
}

bool RespondedWithinSla(Date due_on, Date responded_on) { return !Before(due_on, responded_on); }

bool IsHandoffKind(std::string_view kind) { return kind == "bdr_to_is" || kind == "is_to_fs" || kind == "fs_to_cs"; }
bool HandoffKindAllowsLead(std::string_view kind) { return kind == "bdr_to_is" || kind == "is_to_fs"; }
bool HandoffKindAllowsDeal(std::string_view kind) { return kind == "is_to_fs" || kind == "fs_to_cs"; }

}  // namespace kyoso::domain
