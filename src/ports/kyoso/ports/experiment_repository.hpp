#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/transformation/experiment.hpp"

namespace kyoso::ports {

// Storage of experiments (docs/transformation.md, "Experiments") and the counts of their
// arms from the sales data. Safe for concurrent use; writes join the caller's
// transaction (Store::InTransaction) since they share the store's connection.
class ExperimentRepository {
public:
    virtual ~ExperimentRepository() = default;

    // Newest first.
    virtual Result<std::vector<domain::Experiment>> List() = 0;
    // NotFound when no such experiment.
    virtual Result<domain::Experiment> Get(long long id) = 0;
    // Returns the new id.
    virtual Result<long long> Insert(const domain::Experiment& e) = 0;
    // Every field of e.id but created_by/created_at. NotFound when gone.
    virtual Status Update(const domain::Experiment& e) = 0;

    // A cadence's name and whether one of its steps has a B variant; nullopt when no
    // such cadence.
    struct CadenceFacts {
        std::string name;
        bool has_variant_b = false;
    };
    virtual Result<std::optional<CadenceFacts>> Cadence(long long cadence_id) = 0;
    // Whether a team of that name exists (teams.name, the users.team key).
    virtual Result<bool> TeamExists(const std::string& name) = 0;

    // cadence_ab: the cadence's enrolments started in [from, through], by variant ("A" then
    // "B"); a success has its outcome in `success_outcomes` recorded on or before `through`.
    virtual Result<std::vector<domain::ExperimentArmCounts>> CountCadenceArms(
        long long cadence_id, Date from, Date through, const std::vector<std::string>& success_outcomes) = 0;
    // pilot_team: the records (deals for deal_won / budget_requested, leads for
    // lead_qualified) created in [from, through] whose owner's team is `pilot_team`, then
    // those whose owner's team is `comparison_team` ("" = any other team, including none).
    // Successes: deal_won — stage won closed on or before `through`; budget_requested — a
    // stage move to requested or later on or before `through`; lead_qualified — the lead's
    // status is qualified or converted (the current status: leads keep no history).
    virtual Result<std::vector<domain::ExperimentArmCounts>> CountTeamArms(const std::string& outcome,
                                                                           const std::string& pilot_team,
                                                                           const std::string& comparison_team,
                                                                           Date from, Date through) = 0;
};

}  // namespace kyoso::ports
