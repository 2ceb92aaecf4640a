#include "kyoso/app/transformation/experiment_service.hpp"

#include "kyoso/app/audit/audit_json.hpp"

namespace kyoso::app {

namespace {

using domain::Experiment;

std::string ExperimentJson(const Experiment& e) {
    return AuditJson()
        .Int("id", e.id)
        .Str("name", e.name)
        .Str("hypothesis", e.hypothesis)
        .Str("kind", domain::ExperimentKindSlug(e.kind))
        .OptInt("cadence_id", e.cadence_id > 0 ? std::optional<long long>(e.cadence_id) : std::nullopt)
        .Str("pilot_team", e.pilot_team)
        .Str("comparison_team", e.comparison_team)
        .Str("outcome", e.outcome)
        .Str("start_on", e.start_on.ok() ? FormatIsoDate(e.start_on) : "")
        .Str("horizon_on", e.horizon_on.ok() ? FormatIsoDate(e.horizon_on) : "")
        .OptInt("min_per_arm", e.min_per_arm)
        .Str("stopped_on", e.stopped_on ? FormatIsoDate(*e.stopped_on) : "")
        .Str("stop_reason", e.stop_reason)
        .str();
}

// Merges `input` into `e`, collecting the fields that do not parse.
void Merge(const ExperimentInput& input, Experiment* e, std::vector<ErrorDetail>* errors) {
    if (input.name) e->name = *input.name;
    if (input.hypothesis) e->hypothesis = *input.hypothesis;
    if (input.kind) {
        if (auto k = domain::ExperimentKindFromSlug(*input.kind)) {
            e->kind = *k;
        } else {
            errors->push_back({"kind", "must be cadence_ab or pilot_team"});
        }
    }
    if (input.cadence_id) e->cadence_id = *input.cadence_id;
    if (input.pilot_team) e->pilot_team = *input.pilot_team;
    if (input.comparison_team) e->comparison_team = *input.comparison_team;
    if (input.outcome) e->outcome = *input.outcome;
    auto date = [&](const std::optional<std::string>& text, const char* field, Date* out) {
        if (!text) return;
        if (auto d = ParseIsoDate(*text)) {
            *out = *d;
        } else {
            errors->push_back({field, "must be a date YYYY-MM-DD"});
        }
    };
    date(input.start_on, "start_on", &e->start_on);
    date(input.horizon_on, "horizon_on", &e->horizon_on);
    if (input.min_per_arm) {
        e->min_per_arm = *input.min_per_arm == 0 ? std::nullopt : std::optional<long long>(*input.min_per_arm);
    }
    // A kind's subject only: the other kind's fields are cleared.
    if (e->kind == domain::ExperimentKind::kCadenceAb) {
        e->pilot_team.clear();
        e->comparison_team.clear();
    } else {
        e->cadence_id = 0;
    }
}

}  // namespace

Status ExperimentService::RequireManager(const Principal& by) const {
    if (authorizer_.Has(by, domain::Capability::kManageSalesOps)) return Status::Ok();
    return PermissionDenied("experiments are defined by sales operations (manage_sales_ops)");
}

Status ExperimentService::CheckSubject(const Experiment& e) {
    if (e.kind == domain::ExperimentKind::kCadenceAb) {
        auto cadence = repo_.Cadence(e.cadence_id);
        if (!cadence.ok()) return cadence.status();
        if (!*cadence) {
            return InvalidArgument("invalid experiment",
                                   {{"cadence_id", "no cadence with id " + std::to_string(e.cadence_id)}});
        }
        if (!(*cadence)->has_variant_b) {
            return InvalidArgument("invalid experiment",
                                   {{"cadence_id", "cadence " + std::to_string(e.cadence_id) +
                                                       " has no step with a B variant: nothing to compare"}});
        }
        return Status::Ok();
    }
    for (const auto& [field, team] :
         {std::pair<const char*, const std::string&>{"pilot_team", e.pilot_team},
          std::pair<const char*, const std::string&>{"comparison_team", e.comparison_team}}) {
        if (team.empty()) continue;
        auto exists = repo_.TeamExists(team);
        if (!exists.ok()) return exists.status();
        if (!*exists) return InvalidArgument("invalid experiment", {{field, "no team named " + team}});
    }
    return Status::Ok();
}

Result<ExperimentView> ExperimentService::ViewOf(const Experiment& e) {
    ExperimentView v;
    v.experiment = e;
    const Date today = clock_.Today();
    v.status = domain::StatusOn(e, today);
    v.locked = domain::HasStarted(e, today) || e.stopped_on.has_value();
    v.days_to_horizon = DaysBetween(today, e.horizon_on);
    if (e.kind == domain::ExperimentKind::kCadenceAb) {
        auto cadence = repo_.Cadence(e.cadence_id);
        if (!cadence.ok()) return cadence.status();
        if (*cadence) v.cadence_name = (*cadence)->name;
    }
    return v;
}

Result<std::vector<ExperimentView>> ExperimentService::List() {
    auto list = repo_.List();
    if (!list.ok()) return list.status();
    std::vector<ExperimentView> out;
    for (const auto& e : *list) {
        auto v = ViewOf(e);
        if (!v.ok()) return v.status();
        out.push_back(std::move(*v));
    }
    return out;
}

Result<ExperimentView> ExperimentService::Get(long long id) {
    auto e = repo_.Get(id);
    if (!e.ok()) return e.status();
    return ViewOf(*e);
}

Result<ExperimentView> ExperimentService::Create(const ExperimentInput& input, const Principal& by) {
    KYOSO_RETURN_IF_ERROR(RequireManager(by));
    Experiment e;
    e.start_on = clock_.Today();
    e.horizon_on = Date{};
    std::vector<ErrorDetail> errors;
    if (!input.kind) errors.push_back({"kind", "required: cadence_ab or pilot_team"});
    Merge(input, &e, &errors);
    if (!input.horizon_on && errors.empty()) {
        errors.push_back({"horizon_on", "required (YYYY-MM-DD): the day of the verdict, fixed in advance"});
    }
    if (errors.empty()) {
        if (Status st = domain::ValidateExperiment(e); !st.ok()) errors = st.details();
    }
    // No retroactive experiments: a window chosen after seeing the data could end on a lucky day.
    if (errors.empty() && e.start_on < clock_.Today()) {
        errors.push_back({"start_on", "must be today or later: an experiment is defined before its data"});
    }
    if (!errors.empty()) return InvalidArgument("invalid experiment", std::move(errors));
    KYOSO_RETURN_IF_ERROR(CheckSubject(e));
    e.created_by = by.user_id;
    e.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = repo_.Insert(e);
        if (!id.ok()) return id.status();
        e.id = *id;
        return audit_.Append(
            {by.Actor(), "experiment.create", "experiment", std::to_string(e.id), "", ExperimentJson(e)});
    });
    if (!st.ok()) return st;
    return ViewOf(e);
}

Result<ExperimentView> ExperimentService::Update(long long id, const ExperimentInput& input, const Principal& by) {
    KYOSO_RETURN_IF_ERROR(RequireManager(by));
    auto before = repo_.Get(id);
    if (!before.ok()) return before.status();
    Experiment after = *before;
    std::vector<ErrorDetail> errors;
    Merge(input, &after, &errors);
    if (!errors.empty()) return InvalidArgument("invalid experiment", std::move(errors));
    KYOSO_RETURN_IF_ERROR(domain::CheckExperimentChange(*before, after, clock_.Today()));
    KYOSO_RETURN_IF_ERROR(domain::ValidateExperiment(after));
    if (after.start_on != before->start_on && after.start_on < clock_.Today()) {
        return InvalidArgument("invalid experiment",
                               {{"start_on", "must be today or later: an experiment is defined before its data"}});
    }
    KYOSO_RETURN_IF_ERROR(CheckSubject(after));
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(repo_.Update(after));
        return audit_.Append({by.Actor(), "experiment.update", "experiment", std::to_string(id),
                              ExperimentJson(*before), ExperimentJson(after)});
    });
    if (!st.ok()) return st;
    return ViewOf(after);
}

Result<ExperimentView> ExperimentService::Stop(long long id, const std::string& reason, const Principal& by) {
    KYOSO_RETURN_IF_ERROR(RequireManager(by));
    if (reason.size() > 2000) return InvalidArgument("invalid stop", {{"reason", "at most 2000 bytes"}});
    auto before = repo_.Get(id);
    if (!before.ok()) return before.status();
    const Date today = clock_.Today();
    KYOSO_RETURN_IF_ERROR(domain::CheckExperimentStop(*before, today));
    Experiment after = *before;
    after.stopped_on = today;
    after.stop_reason = reason;
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(repo_.Update(after));
        return audit_.Append({by.Actor(), "experiment.stop", "experiment", std::to_string(id), ExperimentJson(*before),
                              ExperimentJson(after)});
    });
    if (!st.ok()) return st;
    return ViewOf(after);
}

Result<domain::ExperimentResult> ExperimentService::ResultOf(long long id) {
    auto e = repo_.Get(id);
    if (!e.ok()) return e.status();
    return ResultOf(*e);
}

Result<domain::ExperimentResult> ExperimentService::ResultOf(const Experiment& e) {
    const Date today = clock_.Today();
    const Date through = domain::CountedThrough(e, today);
    std::vector<domain::ExperimentArm> arms;
    if (through < e.start_on) {
        // Not started (or stopped before its start): nothing counts yet.
        arms = {{"", "", {}}, {"", "", {}}};
    } else if (e.kind == domain::ExperimentKind::kCadenceAb) {
        std::vector<std::string> success = {"meeting_set"};
        if (e.outcome == "replied") success.push_back("replied");
        auto counts = repo_.CountCadenceArms(e.cadence_id, e.start_on, through, success);
        if (!counts.ok()) return counts.status();
        arms = {{"", "", (*counts)[0]}, {"", "", (*counts)[1]}};
    } else {
        auto counts = repo_.CountTeamArms(e.outcome, e.pilot_team, e.comparison_team, e.start_on, through);
        if (!counts.ok()) return counts.status();
        arms = {{"", "", (*counts)[0]}, {"", "", (*counts)[1]}};
    }
    if (e.kind == domain::ExperimentKind::kCadenceAb) {
        arms[0].key = arms[0].label = "A";
        arms[1].key = arms[1].label = "B";
    } else {
        arms[0].key = "pilot";
        arms[0].label = e.pilot_team;
        arms[1].key = "comparison";
        arms[1].label = e.comparison_team.empty() ? "その他全員" : e.comparison_team;
    }
    return domain::MakeExperimentResult(e, today, std::move(arms));
}

}  // namespace kyoso::app
