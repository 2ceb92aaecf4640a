#include "kyoso/app/cadence/cadence_service.hpp"

#include <algorithm>
#include <map>

#include "kyoso/app/audit/audit_json.hpp"

namespace kyoso::app {

namespace {

constexpr int kMaxTasksPerEnrolment = 1000;

std::string CadenceJson(const ports::CadenceRow& c, const std::vector<domain::CadenceStep>& steps) {
    std::string list = "[";
    for (size_t i = 0; i < steps.size(); ++i) {
        const auto& s = steps[i];
        AuditJson j;
        j.Int("position", s.position).Str("kind", domain::CadenceStepKindSlug(s.kind));
        j.Int("wait_business_days", s.wait_business_days).Str("title", s.title).Str("template", s.template_text);
        if (s.variant_b_kind) {
            j.Str("variant_b_kind", domain::CadenceStepKindSlug(*s.variant_b_kind));
            j.Str("variant_b_title", s.variant_b_title).Str("variant_b_template", s.variant_b_template);
        }
        if (i) list += ",";
        list += j.str();
    }
    list += "]";
    return AuditJson()
        .Int("id", c.id)
        .Str("name", c.name)
        .Str("description", c.description)
        .Str("target", c.target)
        .Str("owner_team", c.owner_team)
        .Bool("active", c.active)
        .Raw("steps", list)
        .str();
}

std::string EnrolmentJson(const ports::EnrolmentRow& e) {
    return AuditJson()
        .Int("id", e.id)
        .Int("cadence_id", e.cadence_id)
        .OptInt("lead_id", e.lead_id ? std::optional<long long>(e.lead_id) : std::nullopt)
        .OptInt("official_id", e.official_id ? std::optional<long long>(e.official_id) : std::nullopt)
        .Int("user_id", e.user_id)
        .Str("variant", e.variant)
        .Str("started_on", e.started_on)
        .Str("status", e.status)
        .Str("outcome", e.outcome)
        .Str("outcome_on", e.outcome_on)
        .str();
}

std::string TaskJson(const ports::TaskRow& t) {
    return AuditJson()
        .Int("id", t.id)
        .Int("user_id", t.user_id)
        .Str("due_on", t.due_on)
        .Str("kind", t.kind)
        .Str("title", t.title)
        .OptInt("enrolment_id", t.enrolment_id ? std::optional<long long>(t.enrolment_id) : std::nullopt)
        .Str("status", t.status)
        .Str("result", t.result)
        .Str("completed_on", t.completed_on)
        .OptInt("activity_id", t.activity_id ? std::optional<long long>(t.activity_id) : std::nullopt)
        .str();
}

bool IsTaskKind(const std::string& kind) {
    return kind == "call" || kind == "email" || kind == "visit" || kind == "todo";
}

}  // namespace

bool CadenceService::MayActFor(const Principal& by, long long user_id) const {
    if (by.user_id == user_id) return true;
    if (authorizer_.Has(by, domain::Capability::kManageSalesOps)) return true;
    return std::find(by.team_user_ids.begin(), by.team_user_ids.end(), user_id) != by.team_user_ids.end();
}

Status CadenceService::CheckTaskActor(const ports::TaskRow& task, const Principal& by) const {
    if (by.user_id == task.user_id || authorizer_.Has(by, domain::Capability::kManageSalesOps)) return Status::Ok();
    return PermissionDenied("task " + std::to_string(task.id) + " belongs to another user");
}

Result<std::vector<ports::CadenceRow>> CadenceService::List() { return store_.cadences().ListCadences(); }

Result<CadenceDetail> CadenceService::Get(long long id) {
    auto c = store_.cadences().GetCadence(id);
    if (!c.ok()) return c.status();
    auto steps = store_.cadences().Steps(id);
    if (!steps.ok()) return steps.status();
    return CadenceDetail{std::move(*c), std::move(*steps)};
}

namespace {

// Checks the scalar fields of a cadence (after merging) and collects errors.
void CheckCadenceFields(const ports::CadenceRow& c, std::vector<ErrorDetail>* errors) {
    if (c.name.empty()) errors->push_back({"name", "required"});
    if (c.name.size() > 200) errors->push_back({"name", "at most 200 bytes"});
    if (c.target != "lead" && c.target != "official") errors->push_back({"target", "must be lead or official"});
    if (c.description.size() > 4000) errors->push_back({"description", "at most 4000 bytes"});
}

}  // namespace

Result<CadenceDetail> CadenceService::Create(const CadenceInput& input, const Principal& by) {
    ports::CadenceRow c;
    c.name = input.name.value_or("");
    c.description = input.description.value_or("");
    c.target = input.target.value_or("");
    c.owner_team = input.owner_team.value_or("");
    c.active = input.active.value_or(true);
    c.created_by = by.user_id;
    c.created_at = FormatUtc(clock_.Now());
    std::vector<ErrorDetail> errors;
    CheckCadenceFields(c, &errors);
    if (!input.steps) {
        errors.push_back({"steps", "required: at least one step"});
    } else if (Status st = domain::ValidateCadenceSteps(*input.steps); !st.ok()) {
        for (const auto& d : st.details()) errors.push_back(d);
    }
    if (!errors.empty()) return InvalidArgument("invalid cadence", std::move(errors));
    long long id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        auto inserted = store_.cadences().InsertCadence(c);
        if (!inserted.ok()) return inserted.status();
        id = *inserted;
        c.id = id;
        for (const auto& s : *input.steps) {
            auto step = store_.cadences().InsertStep(id, s);
            if (!step.ok()) return step.status();
        }
        return audit_.Append(
            {by.Actor(), "cadence.create", "cadence", std::to_string(id), "", CadenceJson(c, *input.steps)});
    });
    if (!st.ok()) return st;
    return Get(id);
}

Result<CadenceDetail> CadenceService::Update(long long id, const CadenceInput& input, const Principal& by) {
    auto before = Get(id);
    if (!before.ok()) return before.status();
    ports::CadenceRow c = before->cadence;
    if (input.name) c.name = *input.name;
    if (input.description) c.description = *input.description;
    if (input.target) c.target = *input.target;
    if (input.owner_team) c.owner_team = *input.owner_team;
    if (input.active) c.active = *input.active;
    std::vector<ErrorDetail> errors;
    CheckCadenceFields(c, &errors);
    const bool has_enrolments = before->cadence.enrolments > 0;
    if (input.target && *input.target != before->cadence.target && has_enrolments) {
        errors.push_back({"target", "cannot change once the cadence has enrolments"});
    }
    if (input.steps) {
        if (Status st = domain::ValidateCadenceSteps(*input.steps); !st.ok()) {
            for (const auto& d : st.details()) errors.push_back(d);
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid cadence", std::move(errors));
    // With enrolments, steps keep their shape (count, kinds, waits, B kinds): only texts change.
    std::vector<domain::CadenceStep> new_steps = input.steps.value_or(before->steps);
    std::sort(new_steps.begin(), new_steps.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
    if (input.steps && has_enrolments) {
        bool same = new_steps.size() == before->steps.size();
        for (size_t i = 0; same && i < new_steps.size(); ++i) {
            const auto& o = before->steps[i];
            const auto& n = new_steps[i];
            same = o.kind == n.kind && o.wait_business_days == n.wait_business_days &&
                   o.variant_b_kind == n.variant_b_kind;
            new_steps[i].id = o.id;
        }
        if (!same) {
            return Status(ErrorCode::kFailedPrecondition,
                          "the cadence has " + std::to_string(before->cadence.enrolments) +
                              " enrolments: only the texts of its steps may change",
                          {{"steps", "keep the number, kinds and waits of the steps; create a new cadence instead"}});
        }
    }
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.cadences().UpdateCadence(c));
        if (input.steps) {
            if (has_enrolments) {
                for (const auto& s : new_steps) KYOSO_RETURN_IF_ERROR(store_.cadences().UpdateStepTexts(s));
            } else {
                KYOSO_RETURN_IF_ERROR(store_.cadences().DeleteSteps(id));
                for (const auto& s : new_steps) {
                    auto step = store_.cadences().InsertStep(id, s);
                    if (!step.ok()) return step.status();
                }
            }
        }
        return audit_.Append({by.Actor(), "cadence.update", "cadence", std::to_string(id),
                              CadenceJson(before->cadence, before->steps), CadenceJson(c, new_steps)});
    });
    if (!st.ok()) return st;
    return Get(id);
}

Status CadenceService::Delete(long long id, const Principal& by) {
    auto before = Get(id);
    if (!before.ok()) return before.status();
    if (before->cadence.enrolments > 0) {
        return FailedPrecondition("cadence " + std::to_string(id) + " has " +
                                  std::to_string(before->cadence.enrolments) +
                                  " enrolments; deactivate it (active: false) instead of deleting it");
    }
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.cadences().DeleteCadence(id));
        return audit_.Append({by.Actor(), "cadence.delete", "cadence", std::to_string(id),
                              CadenceJson(before->cadence, before->steps), ""});
    });
}

Result<ports::EnrolmentRow> CadenceService::Enrol(long long cadence_id, const EnrolRequest& request,
                                                  const Principal& by) {
    auto cadence = store_.cadences().GetCadence(cadence_id);
    if (!cadence.ok()) return cadence.status();
    if (!cadence->active) return FailedPrecondition("cadence " + std::to_string(cadence_id) + " is not active");
    const Date today = clock_.Today();
    std::vector<ErrorDetail> errors;
    ports::EnrolmentRow e;
    e.cadence_id = cadence_id;
    e.status = "active";
    long long contact_official = 0;
    long long default_user = by.user_id;
    if (cadence->target == "lead") {
        if (request.official_id) errors.push_back({"official_id", "this cadence enrols leads: give lead_id"});
        if (!request.lead_id) {
            errors.push_back({"lead_id", "required: this cadence enrols leads"});
        } else {
            auto lead = store_.leads().Get(*request.lead_id);
            if (!lead.ok()) {
                errors.push_back({"lead_id", "no lead with id " + std::to_string(*request.lead_id)});
            } else {
                e.lead_id = lead->id;
                contact_official = lead->official_id;
                if (lead->owner_id > 0) default_user = lead->owner_id;
                if (lead->status == "converted" || lead->status == "disqualified") {
                    errors.push_back({"lead_id", "the lead is " + lead->status});
                }
            }
        }
    } else {
        if (request.lead_id) errors.push_back({"lead_id", "this cadence enrols officials: give official_id"});
        if (!request.official_id) {
            errors.push_back({"official_id", "required: this cadence enrols officials"});
        } else {
            auto official = store_.officials().Get(*request.official_id);
            if (!official.ok()) {
                errors.push_back({"official_id", "no official with id " + std::to_string(*request.official_id)});
            } else {
                e.official_id = official->id;
                contact_official = official->id;
            }
        }
    }
    e.user_id = request.user_id.value_or(default_user);
    if (request.user_id) {
        if (!store_.accounts().FindById(*request.user_id).ok()) {
            errors.push_back({"user_id", "no user with id " + std::to_string(*request.user_id)});
        } else if (!MayActFor(by, *request.user_id)) {
            errors.push_back({"user_id", "you may enrol only for yourself or your team"});
        }
    }
    if (request.variant && *request.variant != "A" && *request.variant != "B") {
        errors.push_back({"variant", "must be A or B"});
    }
    Date started = today;
    if (request.started_on) {
        auto d = ParseIsoDate(*request.started_on);
        if (!d) {
            errors.push_back({"started_on", "must be a date YYYY-MM-DD"});
        } else if (DaysBetween(today, *d) > 365 || DaysBetween(*d, today) > 365) {
            errors.push_back({"started_on", "must be within a year of today"});
        } else {
            started = *d;
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid enrolment", std::move(errors));
    if (contact_official > 0) {
        auto official = store_.officials().Get(contact_official);
        if (official.ok() && official->do_not_contact) {
            return Status(ErrorCode::kFailedPrecondition,
                          "official " + std::to_string(contact_official) +
                              " is marked do-not-contact (docs/compliance.md): cannot be enrolled",
                          {{e.lead_id ? "lead_id" : "official_id", "do_not_contact"}});
        }
    }
    auto existing = store_.cadences().FindActiveEnrolment(cadence_id, e.lead_id, e.official_id);
    if (!existing.ok()) return existing.status();
    if (*existing) {
        return AlreadyExists("already enrolled in this cadence (enrolment " + std::to_string(**existing) +
                             " is active)");
    }
    e.started_on = FormatIsoDate(started);
    e.created_at = FormatUtc(clock_.Now());
    long long id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        if (request.variant) {
            e.variant = *request.variant;
        } else {
            auto n = store_.cadences().CountEnrolments(cadence_id);
            if (!n.ok()) return n.status();
            e.variant = domain::AlternatingVariant(*n);
        }
        auto inserted = store_.cadences().InsertEnrolment(e);
        if (!inserted.ok()) return inserted.status();
        id = *inserted;
        e.id = id;
        KYOSO_RETURN_IF_ERROR(
            audit_.Append({by.Actor(), "enrolment.create", "enrolment", std::to_string(id), "", EnrolmentJson(e)}));
        GenerationSummary ignored;
        return Advance(id, today, &ignored);
    });
    if (!st.ok()) return st;
    return store_.cadences().GetEnrolment(id);
}

Result<ports::EnrolmentPage> CadenceService::Enrolments(const ports::EnrolmentQuery& query) {
    return store_.cadences().ListEnrolments(query);
}

Result<ports::EnrolmentRow> CadenceService::RecordOutcome(long long enrolment_id, const std::string& outcome,
                                                          const Principal& by) {
    if (!domain::IsCadenceOutcome(outcome)) {
        return InvalidArgument("invalid outcome",
                               {{"outcome", "must be meeting_set, replied, no_response, not_interested or opted_out"}});
    }
    auto before = store_.cadences().GetEnrolment(enrolment_id);
    if (!before.ok()) return before.status();
    if (by.user_id != before->user_id && !authorizer_.Has(by, domain::Capability::kManageSalesOps)) {
        return PermissionDenied("enrolment " + std::to_string(enrolment_id) + " is worked by another user");
    }
    auto status = domain::StatusAfterOutcome(before->status);
    if (!status.ok()) return status.status();
    ports::EnrolmentRow after = *before;
    after.status = *status;
    after.outcome = outcome;
    after.outcome_on = FormatIsoDate(clock_.Today());
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.cadences().UpdateEnrolmentState(after));
        auto skipped =
            store_.cadences().SkipOpenTasks(enrolment_id, after.outcome_on, "成果記録により終了: " + outcome);
        if (!skipped.ok()) return skipped.status();
        return audit_.Append({by.Actor(), "enrolment.outcome", "enrolment", std::to_string(enrolment_id),
                              EnrolmentJson(*before), EnrolmentJson(after)});
    });
    if (!st.ok()) return st;
    return store_.cadences().GetEnrolment(enrolment_id);
}

Result<std::vector<domain::VariantStats>> CadenceService::CompareVariants(long long cadence_id) {
    auto cadence = store_.cadences().GetCadence(cadence_id);
    if (!cadence.ok()) return cadence.status();
    auto rows = store_.cadences().VariantResults(cadence_id);
    if (!rows.ok()) return rows.status();
    return domain::CompareVariants(*rows);
}

Status CadenceService::Advance(long long enrolment_id, Date today, GenerationSummary* summary) {
    auto e = store_.cadences().GetEnrolment(enrolment_id);
    if (!e.ok()) return e.status();
    if (e->status != "active") return Status::Ok();
    auto steps = store_.cadences().Steps(e->cadence_id);
    if (!steps.ok()) return steps.status();
    auto started = ParseIsoDate(e->started_on);
    if (!started) return Internal("enrolment " + std::to_string(enrolment_id) + " has a bad started_on");
    ports::TaskQuery tq;
    tq.enrolment_id = enrolment_id;
    tq.limit = kMaxTasksPerEnrolment;
    auto tasks = store_.cadences().ListTasks(tq);
    if (!tasks.ok()) return tasks.status();
    std::vector<domain::StepTaskState> states;
    for (const auto& t : tasks->items) {
        domain::StepTaskState s;
        s.step_id = t.step_id;
        s.closed = t.status != "open";
        if (s.closed) s.closed_on = ParseIsoDate(t.completed_on).value_or(today);
        states.push_back(s);
    }
    // Whom the steps contact, and where.
    long long official_id = e->official_id;
    std::string government = e->government_code;
    if (e->lead_id) {
        auto lead = store_.leads().Get(e->lead_id);
        if (!lead.ok()) return lead.status();
        official_id = lead->official_id;
        government = lead->government_code;
    }
    bool do_not_contact = false;
    if (official_id) {
        auto official = store_.officials().Get(official_id);
        if (official.ok()) do_not_contact = official->do_not_contact;
    }
    ports::EnrolmentRow state = *e;
    for (size_t guard = 0; guard <= steps->size(); ++guard) {
        const domain::CadenceNext next = domain::NextCadenceStep(*steps, *started, states, calendar_);
        if (next.state == domain::CadenceNextState::kWaitingOnTask) break;
        if (next.date > today) break;
        if (next.state == domain::CadenceNextState::kCompleted) {
            state.status = "completed";
            ++summary->completed;
            break;
        }
        const auto& step =
            *std::find_if(steps->begin(), steps->end(), [&](const auto& s) { return s.id == next.step_id; });
        const domain::EffectiveStep eff = domain::StepForVariant(step, e->variant);
        ports::TaskRow t;
        t.user_id = e->user_id;
        t.due_on = FormatIsoDate(next.date);
        t.kind = std::string(domain::CadenceStepKindSlug(eff.kind));
        t.title = eff.title;
        t.body = eff.template_text;
        t.lead_id = e->lead_id;
        t.official_id = official_id;
        t.government_code = government;
        t.enrolment_id = e->id;
        t.step_id = step.id;
        t.variant = eff.variant == "B" ? "B" : e->variant;
        t.status = "open";
        t.created_at = FormatUtc(clock_.Now());
        const bool allowed = domain::ContactAllowed(eff.kind, do_not_contact);
        if (!allowed) {
            t.status = "skipped";
            t.result = "連絡不可（do_not_contact）の担当者のため自動でスキップ";
            t.completed_on = t.due_on;
        }
        auto id = store_.cadences().InsertTask(t);
        if (!id.ok()) return id.status();
        state.current_position = step.position;
        states.push_back({step.id, !allowed, next.date});
        if (*id == 0) continue;  // generated before (a concurrent run)
        if (allowed) {
            ++summary->created;
        } else {
            ++summary->refused;
        }
    }
    if (state.status != e->status || state.current_position != e->current_position) {
        KYOSO_RETURN_IF_ERROR(store_.cadences().UpdateEnrolmentState(state));
    }
    return Status::Ok();
}

Result<GenerationSummary> CadenceService::GenerateDueTasks(std::optional<long long> user_id) {
    auto ids = store_.cadences().ActiveEnrolmentIds(user_id);
    if (!ids.ok()) return ids.status();
    const Date today = clock_.Today();
    GenerationSummary summary;
    for (long long id : *ids) {
        ++summary.enrolments;
        GenerationSummary one;
        Status st = store_.InTransaction([&]() -> Status {
            KYOSO_RETURN_IF_ERROR(Advance(id, today, &one));
            if (one.created + one.refused + one.completed == 0) return Status::Ok();
            return audit_.Append({std::string(kSystemActor), "tasks.generate", "enrolment", std::to_string(id), "",
                                  AuditJson()
                                      .Int("created", one.created)
                                      .Int("refused", one.refused)
                                      .Int("completed", one.completed)
                                      .Str("today", FormatIsoDate(today))
                                      .str()});
        });
        if (!st.ok()) return st;
        summary.created += one.created;
        summary.refused += one.refused;
        summary.completed += one.completed;
    }
    return summary;
}

Result<ports::TaskRow> CadenceService::CreateTask(const TaskRequest& r, const Principal& by) {
    std::vector<ErrorDetail> errors;
    ports::TaskRow t;
    t.user_id = r.user_id.value_or(by.user_id);
    if (r.user_id) {
        if (!store_.accounts().FindById(*r.user_id).ok()) {
            errors.push_back({"user_id", "no user with id " + std::to_string(*r.user_id)});
        } else if (!MayActFor(by, *r.user_id)) {
            errors.push_back({"user_id", "you may create tasks only for yourself or your team"});
        }
    }
    if (!r.due_on) {
        errors.push_back({"due_on", "required: a date YYYY-MM-DD"});
    } else if (!ParseIsoDate(*r.due_on)) {
        errors.push_back({"due_on", "must be a date YYYY-MM-DD"});
    } else {
        t.due_on = FormatIsoDate(*ParseIsoDate(*r.due_on));
    }
    t.kind = r.kind.value_or("todo");
    if (!IsTaskKind(t.kind)) errors.push_back({"kind", "must be call, email, visit or todo"});
    t.title = r.title.value_or("");
    if (t.title.empty()) errors.push_back({"title", "required"});
    if (t.title.size() > 300) errors.push_back({"title", "at most 300 bytes"});
    t.body = r.body.value_or("");
    if (t.body.size() > 20000) errors.push_back({"body", "at most 20000 bytes"});
    if (r.lead_id) {
        auto lead = store_.leads().Get(*r.lead_id);
        if (!lead.ok()) {
            errors.push_back({"lead_id", "no lead with id " + std::to_string(*r.lead_id)});
        } else {
            t.lead_id = lead->id;
            t.government_code = lead->government_code;
            t.official_id = lead->official_id;
        }
    }
    if (r.official_id) {
        auto official = store_.officials().Get(*r.official_id);
        if (!official.ok()) {
            errors.push_back({"official_id", "no official with id " + std::to_string(*r.official_id)});
        } else {
            t.official_id = official->id;
            if (t.government_code.empty()) t.government_code = official->government_code;
        }
    }
    if (r.government_code && !r.government_code->empty()) {
        auto g = store_.governments().Get(*r.government_code);
        if (!g.ok()) {
            errors.push_back({"government_code", "no government with code " + *r.government_code});
        } else {
            t.government_code = *r.government_code;
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid task", std::move(errors));
    t.status = "open";
    t.created_at = FormatUtc(clock_.Now());
    long long id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        auto inserted = store_.cadences().InsertTask(t);
        if (!inserted.ok()) return inserted.status();
        id = *inserted;
        t.id = id;
        return audit_.Append({by.Actor(), "task.create", "task", std::to_string(id), "", TaskJson(t)});
    });
    if (!st.ok()) return st;
    return store_.cadences().GetTask(id);
}

Result<ports::TaskPage> CadenceService::Tasks(const ports::TaskQuery& query) {
    return store_.cadences().ListTasks(query);
}

Result<TaskCompletion> CadenceService::CompleteTask(long long task_id, const std::string& note, const Principal& by) {
    auto before = store_.cadences().GetTask(task_id);
    if (!before.ok()) return before.status();
    KYOSO_RETURN_IF_ERROR(CheckTaskActor(*before, by));
    if (before->status != "open")
        return FailedPrecondition("task " + std::to_string(task_id) + " is " + before->status);
    if (note.size() > 4000) return InvalidArgument("invalid task result", {{"result", "at most 4000 bytes"}});
    const Date today = clock_.Today();
    TaskCompletion out;
    Status st = store_.InTransaction([&]() -> Status {
        ports::TaskRow after = *before;
        after.status = "done";
        after.result = note;
        after.completed_on = FormatIsoDate(today);
        if ((after.kind == "call" || after.kind == "email" || after.kind == "visit") &&
            !after.government_code.empty()) {
            ActivityRequest a;
            a.type = after.kind;
            a.occurred_on = after.completed_on;
            a.government_code = after.government_code;
            a.user_id = after.user_id;
            if (after.official_id) a.official_id = after.official_id;
            a.notes = after.title + (note.empty() ? "" : "\n" + note);
            a.outcome = note.empty() ? "実施" : note.substr(0, std::min<size_t>(note.size(), 200));
            auto logged = deals_.LogActivity(a);
            if (!logged.ok()) return logged.status();
            after.activity_id = logged->id;
            out.warnings = logged->warnings;
        }
        KYOSO_RETURN_IF_ERROR(store_.cadences().UpdateTaskState(after));
        KYOSO_RETURN_IF_ERROR(audit_.Append(
            {by.Actor(), "task.complete", "task", std::to_string(task_id), TaskJson(*before), TaskJson(after)}));
        out.activity_id = after.activity_id;
        if (after.enrolment_id) {
            GenerationSummary ignored;
            return Advance(after.enrolment_id, today, &ignored);
        }
        return Status::Ok();
    });
    if (!st.ok()) return st;
    auto task = store_.cadences().GetTask(task_id);
    if (!task.ok()) return task.status();
    out.task = std::move(*task);
    return out;
}

Result<ports::TaskRow> CadenceService::SkipTask(long long task_id, const std::string& note, const Principal& by) {
    auto before = store_.cadences().GetTask(task_id);
    if (!before.ok()) return before.status();
    KYOSO_RETURN_IF_ERROR(CheckTaskActor(*before, by));
    if (before->status != "open")
        return FailedPrecondition("task " + std::to_string(task_id) + " is " + before->status);
    if (note.size() > 4000) return InvalidArgument("invalid task result", {{"result", "at most 4000 bytes"}});
    const Date today = clock_.Today();
    Status st = store_.InTransaction([&]() -> Status {
        ports::TaskRow after = *before;
        after.status = "skipped";
        after.result = note;
        after.completed_on = FormatIsoDate(today);
        KYOSO_RETURN_IF_ERROR(store_.cadences().UpdateTaskState(after));
        KYOSO_RETURN_IF_ERROR(audit_.Append(
            {by.Actor(), "task.skip", "task", std::to_string(task_id), TaskJson(*before), TaskJson(after)}));
        if (after.enrolment_id) {
            GenerationSummary ignored;
            return Advance(after.enrolment_id, today, &ignored);
        }
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return store_.cadences().GetTask(task_id);
}

}  // namespace kyoso::app
