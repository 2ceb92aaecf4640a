#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/division/routing.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/sales/sales.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A member of a team as the team screen shows them.
struct TeamMemberView {
    long long user_id = 0;
    std::string name;
    std::string role;
    bool absent_today = false;
    std::optional<Date> absent_until;  // the end of today's absence
};

struct TeamView {
    ports::Team team;
    std::string manager_name;
    std::vector<TeamMemberView> members;
    std::vector<domain::Territory> territories;
};

// Team fields as a client sends them; absent members stay, manager_id 0 clears.
struct TeamRequest {
    std::optional<std::string> name;
    std::optional<std::string> role;
    std::optional<long long> manager_id;
};

struct AbsenceView {
    ports::Absence absence;
    std::string user_name;
};

// Rule fields as a client sends them; for an update absent members stay.
struct RoutingRuleRequest {
    std::optional<std::string> name;
    std::optional<domain::RoutingConditions> conditions;
    std::optional<long long> team_id;
    std::optional<std::string> strategy;
    std::optional<long long> owner_id;  // 0 clears
    std::optional<int> reroute_after_business_days;
    std::optional<bool> active;
    std::optional<std::vector<ports::RoutingWeight>> weights;  // user_id + weight, replaces the rule's
};

struct RoutingRuleView {
    ports::RoutingRuleRecord rule;
    std::string team_name;
    std::string owner_name;
    std::string conditions_ja;  // DescribeConditionsJa
    std::vector<ports::RoutingWeight> weights;
};

// Lead facts for a simulation; the date (default today) decides who is absent.
struct RoutingSimulation {
    std::string source;
    std::string government_code;
    long long product_id = 0;
    std::optional<Date> on;
};

struct RoutingSimulationResult {
    domain::RoutingDecision decision;
    std::string rule_name;
    std::vector<std::string> skipped_absent_names;
    domain::LeadFacts facts;
};

struct LeadAssignmentView {
    ports::LeadAssignment assignment;
    std::string user_name;
    std::string previous_user_name;
    std::string rule_name;
};

struct RerouteResult {
    long long lead_id = 0;
    long long from_user_id = 0;
    long long to_user_id = 0;
    std::string reason;
};

struct RerouteSummary {
    int checked = 0;  // open leads of absent owners looked at
    std::vector<RerouteResult> rerouted;
};

// Teams, territories, absences, routing rules, simulation, re-routing and the
// assignment history (docs/division-of-labour.md). Every write runs in one transaction
// with its audit entry; bad input is InvalidArgument naming each field, nothing written.
class RoutingService {
public:
    RoutingService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                   const domain::BusinessCalendar& calendar)
        : store_(store), clock_(clock), calendar_(calendar), audit_(store, clock, digest) {}

    // Teams by name with members (absent today?) and territories; teams named in
    // users.team without a row are created first.
    Result<std::vector<TeamView>> ListTeams();
    Result<TeamView> GetTeam(long long id);
    // name required (1-100 bytes, unique); role a sales role slug or ""; manager an existing user.
    Result<TeamView> CreateTeam(const TeamRequest& request, long long actor_id);
    // A rename renames users.team of the members too.
    Result<TeamView> UpdateTeam(long long id, const TeamRequest& request, long long actor_id);
    // Moves a user into the team (users.team = the team's name). Audited as "team.move_user".
    Result<TeamView> MoveUser(long long team_id, long long user_id, long long actor_id);

    Result<std::vector<domain::Territory>> ListTerritories();
    // team_id required; each other field narrows (see domain::Territory).
    Result<domain::Territory> CreateTerritory(const domain::Territory& territory, long long actor_id);
    Status DeleteTerritory(long long id, long long actor_id);

    // Absences ending today or later (all when include_past).
    Result<std::vector<AbsenceView>> ListAbsences(bool include_past);
    // user_id, starts_on, ends_on (>= starts_on) required; reason up to 500 bytes.
    Result<AbsenceView> CreateAbsence(const ports::Absence& absence, long long actor_id);
    Status DeleteAbsence(long long id, long long actor_id);

    Result<std::vector<RoutingRuleView>> ListRules();
    // name, team_id, strategy required; named_owner needs owner_id. Appended last.
    Result<RoutingRuleView> CreateRule(const RoutingRuleRequest& request, long long actor_id);
    Result<RoutingRuleView> UpdateRule(long long id, const RoutingRuleRequest& request, long long actor_id);
    Status DeleteRule(long long id, long long actor_id);
    // `ids` must name every rule exactly once: the new order.
    Result<std::vector<RoutingRuleView>> Reorder(const std::vector<long long>& ids, long long actor_id);

    // Which rule and user a lead with these facts would get, without writing.
    Result<RoutingSimulationResult> Simulate(const RoutingSimulation& request);
    // The lead's assignments, newest first. NotFound for an unknown lead.
    Result<std::vector<LeadAssignmentView>> Assignments(long long lead_id);
    // Re-routes open leads (new, working, qualified) whose owner is absent today and
    // stays absent more than the routing rule's reroute_after_business_days business
    // days after today; recorded as "rerouted". actor_id 0 = the system.
    Result<RerouteSummary> Reroute(long long actor_id);

private:
    Result<TeamView> TeamViewOf(long long id);
    Result<RoutingRuleView> RuleViewOf(long long id);
    Status ValidateRule(const ports::RoutingRuleRecord& rule, std::vector<ErrorDetail>* errors);

    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& calendar_;
    AuditTrail audit_;
};

// Routes a lead created without an owner, inside the caller's transaction: sets
// lead->owner_id when a rule chooses, records the assignment ("routed", with the reason,
// also when no rule matched) and the round-robin state, audited as "lead.route". Does
// nothing when no routing rule exists.
Status RouteNewLead(ports::Store& store, AuditTrail& audit, Date today, const std::string& actor, domain::Lead* lead);

// The routing engine's input for a lead on `on`: rules, teams with members (absent on
// `on`, open work, weights), territories and round-robin state.
Result<domain::RoutingInput> LoadRoutingInput(ports::Store& store, Date on);
// The lead facts routing matches against (government kind/prefecture/population,
// product policy domains).
Result<domain::LeadFacts> LeadFactsOf(ports::Store& store, const std::string& source,
                                      const std::string& government_code, long long product_id);

}  // namespace kyoso::app
