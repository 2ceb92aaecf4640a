#include "kyoso/app/handoff/handoff_service.hpp"

#include <set>

#include "kyoso/app/audit/audit_json.hpp"

namespace kyoso::app {

namespace {

bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool IsManager(const Principal& who) {
    return who.role == domain::AccessRole::kManager || who.role == domain::AccessRole::kAdmin;
}

std::string ChecklistAuditJson(const std::vector<domain::HandoffChecklistItem>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ",";
        AuditJson j;
        j.Str("item", items[i].item).Bool("checked", items[i].checked);
        j.Bool("not_applicable", items[i].not_applicable).Str("notes", items[i].notes);
        out += j.str();
    }
    return out + "]";
}

std::string HandoffAuditJson(const ports::HandoffRecord& r) {
    AuditJson j;
    j.Str("kind", r.kind);
    j.OptInt("lead_id", r.lead_id ? std::optional<long long>(r.lead_id) : std::nullopt);
    j.OptInt("deal_id", r.deal_id ? std::optional<long long>(r.deal_id) : std::nullopt);
    j.Int("from_user_id", r.from_user_id).Int("to_user_id", r.to_user_id).Str("status", r.status);
    j.Raw("checklist", ChecklistAuditJson(r.checklist)).Str("note", r.note);
    j.Str("created_on", r.created_on).Str("due_on", r.due_on);
    j.Str("responded_on", r.responded_on).Str("return_reason", r.return_reason);
    j.Str("breached_on", r.breached_on);
    j.OptInt("escalated_to_user_id",
             r.escalated_to_user_id ? std::optional<long long>(r.escalated_to_user_id) : std::nullopt);
    j.Str("escalated_on", r.escalated_on);
    return j.str();
}

std::string TypeAuditJson(const ports::HandoffType& t) {
    AuditJson j;
    j.Str("kind", t.kind).Str("name_ja", t.name_ja).Str("name_en", t.name_en);
    j.Raw("checklist", JsonStringArray(t.checklist));
    j.Int("sla_business_days", t.sla_business_days);
    j.Int("escalate_after_business_days", t.escalate_after_business_days).Bool("active", t.active);
    return j.str();
}

Date ParseStored(const std::string& text, Date fallback) { return ParseIsoDate(text).value_or(fallback); }

}  // namespace

HandoffView HandoffService::ViewOf(ports::HandoffRecord record, Date today) const {
    HandoffView v;
    const Date due = ParseStored(record.due_on, today);
    const bool pending = record.status == "pending";
    // A finished hand-off's clock stops on the day it was answered.
    const Date at = pending ? today : ParseStored(record.responded_on, today);
    v.sla = domain::EvaluateHandoffSla(calendar_, due, record.escalate_after_business_days, at);
    v.breached = !record.breached_on.empty() || (pending && v.sla.overdue);
    v.escalated = !record.escalated_on.empty();
    v.record = std::move(record);
    return v;
}

Result<std::vector<ports::HandoffType>> HandoffService::ListTypes() { return store_.handoffs().ListTypes(); }

Result<ports::HandoffType> HandoffService::GetType(const std::string& kind) { return store_.handoffs().GetType(kind); }

Result<ports::HandoffType> HandoffService::UpdateType(const std::string& kind, const HandoffTypeUpdate& update,
                                                      const std::string& actor) {
    ports::HandoffType after;
    Status st = store_.InTransaction([&]() -> Status {
        auto before = store_.handoffs().GetType(kind);
        if (!before.ok()) return before.status();
        after = *before;
        std::vector<ErrorDetail> errors;
        if (update.name_ja) {
            if (Blank(*update.name_ja) || update.name_ja->size() > 200) {
                errors.push_back({"name_ja", "must be 1-200 bytes"});
            } else {
                after.name_ja = *update.name_ja;
            }
        }
        if (update.name_en) {
            if (Blank(*update.name_en) || update.name_en->size() > 200) {
                errors.push_back({"name_en", "must be 1-200 bytes"});
            } else {
                after.name_en = *update.name_en;
            }
        }
        if (update.checklist) {
            const auto& items = *update.checklist;
            if (items.empty() || items.size() > 20) errors.push_back({"checklist", "must hold 1-20 items"});
            std::set<std::string> seen;
            for (size_t i = 0; i < items.size(); ++i) {
                const std::string field = "checklist[" + std::to_string(i) + "]";
                if (Blank(items[i]) || items[i].size() > 200) {
                    errors.push_back({field, "must be 1-200 bytes"});
                } else if (!seen.insert(items[i]).second) {
                    errors.push_back({field, "'" + items[i] + "' appears twice"});
                }
            }
            after.checklist = items;
        }
        if (update.sla_business_days) {
            if (*update.sla_business_days < 0 || *update.sla_business_days > 30) {
                errors.push_back({"sla_business_days", "must be 0-30 business days"});
            } else {
                after.sla_business_days = *update.sla_business_days;
            }
        }
        if (update.escalate_after_business_days) {
            if (*update.escalate_after_business_days < 0 || *update.escalate_after_business_days > 30) {
                errors.push_back({"escalate_after_business_days", "must be 0-30 business days"});
            } else {
                after.escalate_after_business_days = *update.escalate_after_business_days;
            }
        }
        if (update.active) after.active = *update.active;
        if (!errors.empty()) return InvalidArgument("the hand-off type was not changed", std::move(errors));
        after.updated_at = FormatUtc(clock_.Now());
        KYOSO_RETURN_IF_ERROR(store_.handoffs().UpdateType(after));
        return audit_.Append(
            {actor, "handoff_type.update", "handoff_type", kind, TypeAuditJson(*before), TypeAuditJson(after)});
    });
    if (!st.ok()) return st;
    return after;
}

Result<long long> HandoffService::EscalationManager(long long receiver_id) {
    auto receiver = store_.accounts().FindById(receiver_id);
    if (!receiver.ok()) return receiver.status();
    auto managers = store_.handoffs().ManagersOfTeam(receiver->team);
    if (!managers.ok()) return managers.status();
    for (long long id : *managers) {
        if (id != receiver_id) return id;
    }
    return 0LL;
}

Result<HandoffView> HandoffService::Create(const Principal& who, const HandoffCreateRequest& request) {
    const Date today = clock_.Today();
    long long id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        auto type = store_.handoffs().GetType(request.kind);
        if (!type.ok()) {
            if (type.status().code() == ErrorCode::kNotFound) {
                return InvalidArgument("unknown hand-off kind",
                                       {{"kind", "must be one of bdr_to_is, is_to_fs, fs_to_cs"}});
            }
            return type.status();
        }
        if (!type->active) {
            return InvalidArgument("this hand-off type is switched off", {{"kind", "inactive: " + request.kind}});
        }
        const bool has_lead = request.lead_id > 0;
        const bool has_deal = request.deal_id > 0;
        if (has_lead == has_deal) {
            return InvalidArgument("a hand-off is about exactly one lead or one deal",
                                   {{has_lead ? "deal_id" : "lead_id", "give exactly one of lead_id and deal_id"}});
        }
        if (has_lead && !domain::HandoffKindAllowsLead(request.kind)) {
            return InvalidArgument("a " + request.kind + " hand-off is about a deal",
                                   {{"lead_id", request.kind + " hands over a deal, not a lead"}});
        }
        if (has_deal && !domain::HandoffKindAllowsDeal(request.kind)) {
            return InvalidArgument("a " + request.kind + " hand-off is about a lead",
                                   {{"deal_id", request.kind + " hands over a lead, not a deal"}});
        }
        auto subject = has_lead ? store_.handoffs().Lead(request.lead_id) : store_.handoffs().Deal(request.deal_id);
        if (!subject.ok()) {
            if (subject.status().code() == ErrorCode::kNotFound) {
                return InvalidArgument(subject.status().message(),
                                       {{has_lead ? "lead_id" : "deal_id", subject.status().message()}});
            }
            return subject.status();
        }
        if (subject->owner_id != who.user_id) {
            return PermissionDenied(std::string("only the owner of the ") + (has_lead ? "lead" : "deal") +
                                    " can hand it over");
        }
        if (has_lead && (subject->status == "converted" || subject->status == "disqualified")) {
            return FailedPrecondition("a " + subject->status + " lead cannot be handed over");
        }
        if (request.kind == "fs_to_cs" && subject->status != "won") {
            return Status(ErrorCode::kFailedPrecondition, "only a won deal is handed over to customer success",
                          {{"deal_id", "the deal's stage is " + subject->status + ", not won"}});
        }
        if (request.to_user_id == who.user_id) {
            return InvalidArgument("you cannot hand over to yourself", {{"to_user_id", "choose someone else"}});
        }
        auto receiver = store_.accounts().FindById(request.to_user_id);
        if (!receiver.ok() || receiver->disabled) {
            return InvalidArgument("no such active user",
                                   {{"to_user_id", "no active user " + std::to_string(request.to_user_id)}});
        }
        if (receiver->sales_role != type->to_role) {
            return InvalidArgument(
                "the receiver has the wrong role",
                {{"to_user_id", receiver->name + " is " + receiver->sales_role + ", not " + type->to_role}});
        }
        if (request.note.size() > 4000) return InvalidArgument("note too long", {{"note", "at most 4000 bytes"}});
        for (size_t i = 0; i < request.checklist.size(); ++i) {
            if (request.checklist[i].notes.size() > 2000) {
                return InvalidArgument("checklist note too long",
                                       {{"checklist[" + std::to_string(i) + "].notes", "at most 2000 bytes"}});
            }
        }
        auto checklist = domain::CheckHandoverChecklist(type->checklist, request.checklist);
        if (!checklist.ok()) return checklist.status();
        ports::HandoffQuery open;
        if (has_lead) open.lead_id = request.lead_id;
        if (has_deal) open.deal_id = request.deal_id;
        open.status = "pending";
        open.limit = 1;
        auto pending = store_.handoffs().List(open);
        if (!pending.ok()) return pending.status();
        if (pending->total > 0) {
            return AlreadyExists("hand-off " + std::to_string(pending->items.front().id) + " of this " +
                                 (has_lead ? "lead" : "deal") + " is still pending");
        }
        ports::HandoffRecord r;
        r.kind = request.kind;
        r.lead_id = request.lead_id;
        r.deal_id = request.deal_id;
        r.from_user_id = who.user_id;
        r.to_user_id = request.to_user_id;
        r.status = "pending";
        r.checklist = std::move(*checklist);
        r.note = request.note;
        r.created_on = FormatIsoDate(today);
        r.created_at = FormatUtc(clock_.Now());
        r.due_on = FormatIsoDate(domain::HandoffDueOn(calendar_, today, type->sla_business_days));
        auto inserted = store_.handoffs().Insert(r);
        if (!inserted.ok()) return inserted.status();
        id = *inserted;
        r.id = id;
        KYOSO_RETURN_IF_ERROR(store_.handoffs().InsertAlert(
            r.to_user_id, "handoff", id, subject->government_code,
            "引き継ぎ: " + type->name_ja + " 「" + subject->title + "」 期限 " + r.due_on, r.created_at));
        return audit_.Append({who.Actor(), "handoff.create", "handoff", std::to_string(id), "", HandoffAuditJson(r)});
    });
    if (!st.ok()) return st;
    auto stored = store_.handoffs().Get(id);
    if (!stored.ok()) return stored.status();
    return ViewOf(std::move(*stored), today);
}

Result<HandoffView> HandoffService::Get(const Principal& who, long long id) {
    auto r = store_.handoffs().Get(id);
    if (!r.ok()) return r.status();
    const bool visible = IsManager(who) || r->from_user_id == who.user_id || r->to_user_id == who.user_id ||
                         r->escalated_to_user_id == who.user_id;
    if (!visible) return NotFound("no hand-off with id " + std::to_string(id));
    return ViewOf(std::move(*r), clock_.Today());
}

Result<HandoffListResult> HandoffService::List(const Principal& who, const HandoffListRequest& request) {
    ports::HandoffQuery q;
    if (request.box == "incoming") {
        q.to_user_id = who.user_id;
    } else if (request.box == "outgoing") {
        q.from_user_id = who.user_id;
    } else if (request.box == "team") {
        // The team of the user (admins: everyone), and whatever was escalated to them.
        if (who.role != domain::AccessRole::kAdmin) {
            q.team = who.team;
            q.or_escalated_to = who.user_id;
        }
    } else {
        return InvalidArgument("unknown box", {{"box", "must be incoming, outgoing or team"}});
    }
    if (request.status) {
        if (!domain::HandoffStatusFromSlug(*request.status)) {
            return InvalidArgument("unknown status", {{"status", "must be pending, accepted, returned or cancelled"}});
        }
        q.status = request.status;
    }
    q.breached = request.breached;
    q.lead_id = request.lead_id;
    q.deal_id = request.deal_id;
    q.limit = request.limit;
    q.after_id = request.after_id;
    // The inbox read runs the sweep, so breaches show without a scheduler.
    const Date today = clock_.Today();
    if (auto swept = Sweep(today, std::string(kSystemActor)); !swept.ok()) return swept.status();
    auto page = store_.handoffs().List(q);
    if (!page.ok()) return page.status();
    HandoffListResult out;
    out.total = page->total;
    for (auto& r : page->items) out.items.push_back(ViewOf(std::move(r), today));
    if (page->has_more && !out.items.empty()) out.next_after_id = out.items.back().record.id;
    return out;
}

Result<HandoffView> HandoffService::Act(const Principal& who, long long id, domain::HandoffAction action,
                                        const std::string& reason) {
    const Date today = clock_.Today();
    Status st = store_.InTransaction([&]() -> Status {
        auto before = store_.handoffs().Get(id);
        if (!before.ok()) return before.status();
        const bool sender = before->from_user_id == who.user_id;
        const bool receiver = before->to_user_id == who.user_id;
        if (!sender && !receiver && !IsManager(who) && before->escalated_to_user_id != who.user_id) {
            return NotFound("no hand-off with id " + std::to_string(id));
        }
        auto status_before = domain::HandoffStatusFromSlug(before->status);
        if (!status_before) return Internal("hand-off " + std::to_string(id) + " has status " + before->status);
        const auto actor = domain::HandoffActorFor(action, sender, receiver, IsManager(who));
        auto next = domain::NextHandoffStatus(*status_before, action, actor, reason);
        if (!next.ok()) return next.status();
        if (reason.size() > 2000) return InvalidArgument("reason too long", {{"return_reason", "at most 2000 bytes"}});
        ports::HandoffRecord after = *before;
        after.status = std::string(domain::HandoffStatusSlug(*next));
        after.responded_on = FormatIsoDate(today);
        after.responded_at = FormatUtc(clock_.Now());
        after.responded_by_user_id = who.user_id;
        after.return_reason = action == domain::HandoffAction::kReturn ? reason : "";
        KYOSO_RETURN_IF_ERROR(store_.handoffs().Respond(id, after.status, after.responded_on, after.responded_at,
                                                        who.user_id, after.return_reason));
        if (action == domain::HandoffAction::kAccept) {
            if (before->lead_id) {
                auto lead = store_.handoffs().Lead(before->lead_id);
                if (!lead.ok()) return lead.status();
                // IS works a lead the BDR handed over; FS gets one IS qualified.
                std::string status = before->kind == "is_to_fs" ? "qualified" : "working";
                if (before->kind == "bdr_to_is" && lead->status == "qualified") status = "qualified";
                if (lead->status == "converted" || lead->status == "disqualified") status = lead->status;
                KYOSO_RETURN_IF_ERROR(
                    store_.handoffs().TransferLead(before->lead_id, before->to_user_id, status, after.responded_at));
            } else if (before->kind == "is_to_fs") {
                KYOSO_RETURN_IF_ERROR(store_.handoffs().TransferDeal(before->deal_id, before->to_user_id));
                KYOSO_RETURN_IF_ERROR(
                    store_.handoffs().JoinDealTeam(before->deal_id, before->from_user_id, "inside_sales"));
            } else {
                // fs_to_cs: the deal stays with field sales; CS joins its team.
                KYOSO_RETURN_IF_ERROR(
                    store_.handoffs().JoinDealTeam(before->deal_id, before->to_user_id, "customer_success"));
            }
        }
        if (action == domain::HandoffAction::kReturn) {
            KYOSO_RETURN_IF_ERROR(store_.handoffs().InsertAlert(
                before->from_user_id, "handoff_returned", id, before->government_code,
                "引き継ぎ差し戻し: 「" + before->subject_title + "」 理由: " + reason, after.responded_at));
        }
        return audit_.Append({who.Actor(), "handoff." + std::string(domain::HandoffActionSlug(action)), "handoff",
                              std::to_string(id), HandoffAuditJson(*before), HandoffAuditJson(after)});
    });
    if (!st.ok()) return st;
    auto stored = store_.handoffs().Get(id);
    if (!stored.ok()) return stored.status();
    return ViewOf(std::move(*stored), today);
}

Result<HandoffView> HandoffService::Accept(const Principal& who, long long id) {
    return Act(who, id, domain::HandoffAction::kAccept, "");
}

Result<HandoffView> HandoffService::Return(const Principal& who, long long id, const std::string& reason) {
    return Act(who, id, domain::HandoffAction::kReturn, reason);
}

Result<HandoffView> HandoffService::Cancel(const Principal& who, long long id) {
    return Act(who, id, domain::HandoffAction::kCancel, "");
}

Result<HandoffSweepCounts> HandoffService::Sweep(Date today, const std::string& actor) {
    auto overdue = store_.handoffs().OverduePending(FormatIsoDate(today));
    if (!overdue.ok()) return overdue.status();
    HandoffSweepCounts counts;
    if (overdue->empty()) return counts;
    Status st = store_.InTransaction([&]() -> Status {
        const std::string now = FormatUtc(clock_.Now());
        for (const auto& r : *overdue) {
            auto due = ParseIsoDate(r.due_on);
            if (!due) return Internal("hand-off " + std::to_string(r.id) + " has due_on '" + r.due_on + "'");
            const auto d = domain::DecideHandoffSweep(calendar_, domain::HandoffStatus::kPending, *due,
                                                      r.escalate_after_business_days, !r.breached_on.empty(),
                                                      !r.escalated_on.empty(), today);
            ports::HandoffRecord after = r;
            if (d.mark_breached) {
                after.breached_on = FormatIsoDate(*d.breached_on);
                auto changed = store_.handoffs().MarkBreached(r.id, after.breached_on);
                if (!changed.ok()) return changed.status();
                if (*changed) {
                    ++counts.breached;
                    KYOSO_RETURN_IF_ERROR(audit_.Append({actor, "handoff.breach", "handoff", std::to_string(r.id),
                                                         HandoffAuditJson(r), HandoffAuditJson(after)}));
                }
            }
            if (d.escalate) {
                auto manager = EscalationManager(r.to_user_id);
                if (!manager.ok()) return manager.status();
                ports::HandoffRecord escalated = after;
                escalated.escalated_to_user_id = *manager;
                escalated.escalated_on = FormatIsoDate(today);
                auto changed = store_.handoffs().MarkEscalated(r.id, *manager, escalated.escalated_on);
                if (!changed.ok()) return changed.status();
                if (!*changed) continue;
                ++counts.escalated;
                if (*manager) {
                    KYOSO_RETURN_IF_ERROR(store_.handoffs().InsertAlert(
                        *manager, "handoff_escalation", r.id, r.government_code,
                        "引き継ぎSLA超過: " + r.kind_name_ja + " 「" + r.subject_title + "」 " + r.from_user_name +
                            " → " + r.to_user_name + " 期限 " + r.due_on,
                        now));
                }
                KYOSO_RETURN_IF_ERROR(audit_.Append({actor, "handoff.escalate", "handoff", std::to_string(r.id),
                                                     HandoffAuditJson(after), HandoffAuditJson(escalated)}));
            }
        }
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return counts;
}

Result<std::vector<HandoffCompliance>> HandoffService::Compliance(Date from, Date to) {
    auto rows = store_.handoffs().Compliance(FormatIsoDate(from), FormatIsoDate(to));
    if (!rows.ok()) return rows.status();
    auto types = store_.handoffs().ListTypes();
    if (!types.ok()) return types.status();
    std::vector<HandoffCompliance> out;
    for (const auto& row : *rows) {
        HandoffCompliance c;
        c.row = row;
        for (const auto& t : *types) {
            if (t.kind == row.kind) {
                c.name_ja = t.name_ja;
                c.sla_business_days = t.sla_business_days;
            }
        }
        if (row.accepted > 0) {
            c.accepted_within_sla_share =
                static_cast<double>(row.accepted_within_sla) / static_cast<double>(row.accepted);
        }
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace kyoso::app
