#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/division/routing.hpp"
#include "kyoso/domain/division/territory.hpp"

namespace kyoso::ports {

// A sales team (docs/division-of-labour.md). `name` is the membership key: a user
// belongs to the team whose name equals users.team.
struct Team {
    long long id = 0;
    std::string name;
    std::string role;          // main sales role slug; "" = mixed
    long long manager_id = 0;  // 0 = none
    std::string created_at;
};

// A user as routing and the team screens see them.
struct TeamMember {
    long long user_id = 0;
    std::string name;
    std::string role;
    std::string team;
    bool disabled = false;
};

// A period of leave: absent on every date from starts_on to ends_on inclusive.
struct Absence {
    long long id = 0;
    long long user_id = 0;
    Date starts_on{};
    Date ends_on{};
    std::string reason;
    long long created_by = 0;
    std::string created_at;
};

// A routing rule as stored (conditions as JSON text in routing_rules.conditions_json).
struct RoutingRuleRecord {
    long long id = 0;
    int position = 0;
    std::string name;
    domain::RoutingConditions conditions;
    long long team_id = 0;
    std::string strategy = "round_robin";
    long long owner_id = 0;
    int reroute_after_business_days = 3;
    bool active = true;
};

// A member's weight for weighted round robin: of one rule (rule_id) or of a team
// (team_id, rule_id 0). Absent rows mean weight 1.
struct RoutingWeight {
    long long rule_id = 0;
    long long team_id = 0;
    long long user_id = 0;
    int weight = 1;
};

// One recorded assignment of a lead: kind routed, rerouted or manual.
struct LeadAssignment {
    long long id = 0;
    long long lead_id = 0;
    long long user_id = 0;           // 0 = left unassigned
    long long previous_user_id = 0;  // 0 = none
    long long rule_id = 0;           // 0 = no rule
    std::string kind;
    std::string reason;
    Date assigned_on{};
    std::string created_at;
};

// Teams, territories, absences, routing rules, weights, round-robin state and the
// assignment history. Calls inside Store::InTransaction join it. NotFound for
// unknown ids; AlreadyExists for a taken team name.
class RoutingRepository {
public:
    virtual ~RoutingRepository() = default;

    virtual Result<std::vector<Team>> ListTeams() = 0;
    virtual Result<Team> GetTeam(long long id) = 0;
    virtual Result<long long> InsertTeam(const Team& team) = 0;
    // Updates name, role and manager; a rename also renames users.team of its members.
    virtual Status UpdateTeam(const Team& team) = 0;
    // Inserts a team for each users.team without one (manager: the lowest-id manager in
    // it) and sets a missing manager; returns how many teams were added.
    virtual Result<int> SyncTeamsFromUsers(const std::string& now) = 0;
    // Every user (members of no team have team "").
    virtual Result<std::vector<TeamMember>> ListUsers() = 0;
    virtual Status SetUserTeam(long long user_id, const std::string& team) = 0;

    virtual Result<std::vector<domain::Territory>> ListTerritories() = 0;
    virtual Result<long long> InsertTerritory(const domain::Territory& territory) = 0;
    virtual Result<domain::Territory> GetTerritory(long long id) = 0;
    virtual Status DeleteTerritory(long long id) = 0;

    // Absences ending on or after `from` (all when nullopt), by start date.
    virtual Result<std::vector<Absence>> ListAbsences(std::optional<Date> from) = 0;
    virtual Result<Absence> GetAbsence(long long id) = 0;
    virtual Result<long long> InsertAbsence(const Absence& absence) = 0;
    virtual Status DeleteAbsence(long long id) = 0;

    // Rules by position, then id.
    virtual Result<std::vector<RoutingRuleRecord>> ListRules() = 0;
    virtual Result<RoutingRuleRecord> GetRule(long long id) = 0;
    virtual Result<long long> InsertRule(const RoutingRuleRecord& rule) = 0;
    virtual Status UpdateRule(const RoutingRuleRecord& rule) = 0;
    // Deletes the rule with its weights and round-robin state (assignments keep their id).
    virtual Status DeleteRule(long long id) = 0;
    // Sets position i+1 on ids[i].
    virtual Status SetRulePositions(const std::vector<long long>& ids) = 0;

    virtual Result<std::vector<RoutingWeight>> ListWeights() = 0;
    // Replaces the weights of one rule (rule_id > 0) or one team (team_id, rule_id 0).
    virtual Status ReplaceWeights(long long rule_id, long long team_id, const std::vector<RoutingWeight>& weights) = 0;

    // Round-robin current weights of each rule.
    virtual Result<std::map<long long, domain::RoundRobinState>> LoadRoundRobin() = 0;
    virtual Status SaveRoundRobin(long long rule_id, const domain::RoundRobinState& state) = 0;

    virtual Result<long long> InsertAssignment(const LeadAssignment& assignment) = 0;
    // The lead's assignments, newest first.
    virtual Result<std::vector<LeadAssignment>> ListAssignments(long long lead_id) = 0;
    // Sets leads.owner_id (0 = NULL).
    virtual Status SetLeadOwner(long long lead_id, long long owner_id) = 0;

    // Open leads (new, working, qualified) + open deals owned, by user id.
    virtual Result<std::map<long long, long long>> OpenWorkCounts() = 0;
    // Open leads (new, working, qualified) owned by one of `owners`, by id.
    virtual Result<std::vector<long long>> OpenLeadsOwnedBy(const std::vector<long long>& owners) = 0;
};

}  // namespace kyoso::ports
