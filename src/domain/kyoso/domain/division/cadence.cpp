#include "kyoso/domain/division/cadence.hpp"

#include <algorithm>
#include <array>

namespace kyoso::domain {

namespace {

constexpr std::array<std::string_view, 5> kOutcomes = {"meeting_set", "replied", "no_response", "not_interested",
                                                       "opted_out"};
constexpr int kMaxWait = 60;

}  // namespace

std::string_view CadenceStepKindSlug(CadenceStepKind kind) {
    switch (kind) {
        case CadenceStepKind::kCall:
            return "call";
        case CadenceStepKind::kEmail:
            return "email";
        case CadenceStepKind::kVisit:
            return "visit";
        case CadenceStepKind::kWait:
            return "wait";
    }
    return "call";
}

std::optional<CadenceStepKind> CadenceStepKindFromSlug(std::string_view slug) {
    for (auto k : {CadenceStepKind::kCall, CadenceStepKind::kEmail, CadenceStepKind::kVisit, CadenceStepKind::kWait}) {
        if (CadenceStepKindSlug(k) == slug) return k;
    }
    return std::nullopt;
}

EffectiveStep StepForVariant(const CadenceStep& step, std::string_view variant) {
    if (variant == "B" && step.variant_b_kind) {
        return {*step.variant_b_kind, step.variant_b_title, step.variant_b_template, "B"};
    }
    return {step.kind, step.title, step.template_text, "A"};
}

Status ValidateCadenceSteps(const std::vector<CadenceStep>& steps) {
    std::vector<ErrorDetail> errors;
    if (steps.empty()) errors.push_back({"steps", "a cadence needs at least one step"});
    std::vector<int> positions;
    bool any_action = false;
    for (size_t i = 0; i < steps.size(); ++i) {
        const CadenceStep& s = steps[i];
        const std::string at = "steps[" + std::to_string(i) + "].";
        positions.push_back(s.position);
        if (s.kind == CadenceStepKind::kWait) {
            if (s.wait_business_days < 1 || s.wait_business_days > kMaxWait) {
                errors.push_back({at + "wait_business_days", "a wait step waits 1..60 business days"});
            }
            if (s.variant_b_kind) errors.push_back({at + "variant_b_kind", "a wait step has no B variant"});
            continue;
        }
        any_action = true;
        if (s.wait_business_days < 0 || s.wait_business_days > kMaxWait) {
            errors.push_back({at + "wait_business_days", "the delay before a step is 0..60 business days"});
        }
        if (s.title.empty()) errors.push_back({at + "title", "required for a call, email or visit step"});
        if (s.variant_b_kind) {
            if (*s.variant_b_kind == CadenceStepKind::kWait) {
                errors.push_back({at + "variant_b_kind", "must be call, email or visit"});
            }
            if (s.variant_b_title.empty()) errors.push_back({at + "variant_b_title", "required with a B variant"});
        }
    }
    if (!steps.empty() && !any_action) errors.push_back({"steps", "a cadence needs a call, email or visit step"});
    std::sort(positions.begin(), positions.end());
    for (size_t i = 0; i < positions.size(); ++i) {
        if (positions[i] != static_cast<int>(i) + 1) {
            errors.push_back({"steps", "positions must be 1.." + std::to_string(positions.size()) + " without gaps"});
            break;
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid cadence steps", std::move(errors));
    return Status::Ok();
}

CadenceNext NextCadenceStep(const std::vector<CadenceStep>& steps, Date started_on,
                            const std::vector<StepTaskState>& tasks, const BusinessCalendar& calendar) {
    std::vector<const CadenceStep*> ordered;
    for (const auto& s : steps) ordered.push_back(&s);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const CadenceStep* a, const CadenceStep* b) { return a->position < b->position; });
    Date anchor = started_on;
    for (const CadenceStep* s : ordered) {
        if (s->kind == CadenceStepKind::kWait) {
            anchor = calendar.AddBusinessDays(anchor, s->wait_business_days);
            continue;
        }
        Date due = s->wait_business_days > 0 ? calendar.AddBusinessDays(anchor, s->wait_business_days) : anchor;
        due = calendar.NextBusinessDayOnOrAfter(due);
        auto task =
            std::find_if(tasks.begin(), tasks.end(), [&](const StepTaskState& t) { return t.step_id == s->id; });
        if (task == tasks.end()) return {CadenceNextState::kDue, s->id, s->position, due};
        if (!task->closed) return {CadenceNextState::kWaitingOnTask, s->id, s->position, due};
        anchor = task->closed_on;
    }
    return {CadenceNextState::kCompleted, 0, 0, anchor};
}

bool IsCadenceOutcome(std::string_view slug) {
    return std::find(kOutcomes.begin(), kOutcomes.end(), slug) != kOutcomes.end();
}

Result<std::string> StatusAfterOutcome(std::string_view status) {
    if (status == "active") return std::string("stopped");
    if (status == "completed") return std::string("completed");
    return FailedPrecondition("the enrolment was stopped already with an outcome");
}

std::string AlternatingVariant(long long prior_enrolments) { return prior_enrolments % 2 == 0 ? "A" : "B"; }

bool ContactAllowed(CadenceStepKind kind, bool do_not_contact) {
    if (kind == CadenceStepKind::kWait) return true;
    return !do_not_contact;
}

std::vector<VariantStats> CompareVariants(const std::vector<EnrolmentResult>& enrolments) {
    std::vector<VariantStats> out(2);
    out[0].variant = "A";
    out[1].variant = "B";
    for (auto& v : out) {
        for (auto o : kOutcomes) v.outcomes[std::string(o)] = 0;
    }
    for (const auto& e : enrolments) {
        VariantStats& v = e.variant == "B" ? out[1] : out[0];
        ++v.enrolled;
        if (e.status == "active") ++v.active;
        if (e.status == "completed") ++v.completed;
        if (e.status == "stopped") ++v.stopped;
        if (IsCadenceOutcome(e.outcome)) ++v.outcomes[e.outcome];
        if (e.outcome == "meeting_set") ++v.meetings;
    }
    for (auto& v : out) {
        if (v.enrolled > 0) v.meeting_rate = static_cast<double>(v.meetings) / static_cast<double>(v.enrolled);
    }
    return out;
}

}  // namespace kyoso::domain
