#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/transformation/experiment.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/experiment_repository.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Fields of a create (name, kind, subject, outcome, start_on, horizon_on required) or a
// change (absent = unchanged) as the API takes them.
struct ExperimentInput {
    std::optional<std::string> name;
    std::optional<std::string> hypothesis;
    std::optional<std::string> kind;  // cadence_ab | pilot_team
    std::optional<long long> cadence_id;
    std::optional<std::string> pilot_team;
    std::optional<std::string> comparison_team;  // "" = everyone else
    std::optional<std::string> outcome;
    std::optional<std::string> start_on;    // YYYY-MM-DD; default today on create
    std::optional<std::string> horizon_on;  // YYYY-MM-DD
    std::optional<long long> min_per_arm;   // 0 = none
};

// An experiment as the screens show it: the design, its status today and the subject's names.
struct ExperimentView {
    domain::Experiment experiment;
    domain::ExperimentStatus status = domain::ExperimentStatus::kDraft;
    std::string cadence_name;  // cadence_ab
    bool locked = false;       // started: design fields no longer change
    int days_to_horizon = 0;   // horizon_on − today (negative once passed)
};

// Experiments (docs/transformation.md, "Experiments"): defined by sales ops (the
// capability manage_sales_ops), their arms counted from the sales data through the
// repository, their verdict withheld until the horizon fixed in advance. Writes run in
// one transaction with their audit entry. Thread-safe when its dependencies are.
class ExperimentService {
public:
    ExperimentService(ports::Store& store, ports::ExperimentRepository& repo, const ports::Clock& clock,
                      const ports::Digest& digest, const Authorizer& authorizer)
        : store_(store), repo_(repo), clock_(clock), authorizer_(authorizer), audit_(store, clock, digest) {}

    Date Today() const { return clock_.Today(); }

    // Newest first.
    Result<std::vector<ExperimentView>> List();
    // NotFound for an unknown id.
    Result<ExperimentView> Get(long long id);
    // PermissionDenied without manage_sales_ops; InvalidArgument naming each bad field: a
    // start_on before today (no retroactive experiments), an unknown cadence or one without
    // a B variant on "cadence_id", an unknown team on "pilot_team"/"comparison_team".
    // Audited as "experiment.create".
    Result<ExperimentView> Create(const ExperimentInput& input, const Principal& by);
    // Merges `input`. Once started, only name and hypothesis change (InvalidArgument naming
    // the locked field, e.g. "horizon_on"); stopped or concluded ones take no change
    // (FailedPrecondition). Audited as "experiment.update".
    Result<ExperimentView> Update(long long id, const ExperimentInput& input, const Principal& by);
    // Stops a draft or running experiment today, for good: it never gets a verdict.
    // FailedPrecondition when stopped or concluded. Audited as "experiment.stop".
    Result<ExperimentView> Stop(long long id, const std::string& reason, const Principal& by);
    // The arms counted through min(today, horizon_on) and, from the horizon, the test
    // and the verdict (domain::MakeExperimentResult).
    Result<domain::ExperimentResult> ResultOf(long long id);
    Result<domain::ExperimentResult> ResultOf(const domain::Experiment& e);

private:
    Status RequireManager(const Principal& by) const;
    Status CheckSubject(const domain::Experiment& e);
    Result<ExperimentView> ViewOf(const domain::Experiment& e);

    ports::Store& store_;
    ports::ExperimentRepository& repo_;
    const ports::Clock& clock_;
    const Authorizer& authorizer_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
