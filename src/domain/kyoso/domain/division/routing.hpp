#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/domain/division/territory.hpp"

namespace kyoso::domain {

// How a routing rule picks a member of its team (docs/division-of-labour.md, "Lead routing").
enum class RoutingStrategy {
    kRoundRobin,  // smooth weighted round robin (nginx): weights 3:1 give A A B A | A A B A
    kLeastOpen,   // fewest open leads + open deals owned; ties → lowest user id
    kNamedOwner,  // always owner_id; when absent, weighted round robin among the team
};
std::string_view RoutingStrategySlug(RoutingStrategy s);  // round_robin, least_open, named_owner
std::optional<RoutingStrategy> RoutingStrategyFromSlug(std::string_view slug);
std::string_view RoutingStrategyLabelJa(RoutingStrategy s);  // 重み付きラウンドロビン, ...

// A rule's conditions: every non-empty one must hold (empty = any lead).
struct RoutingConditions {
    std::vector<std::string> sources;           // lead source in the list
    std::vector<std::string> government_kinds;  // GovernmentKind slugs
    std::vector<std::string> prefectures;       // "13"; with regions: in either list
    std::vector<std::string> regions;           // Region slugs
    std::vector<std::string> policy_domains;    // any product domain in the list
    std::vector<std::string> population_bands;  // PopulationBandSlug values
    std::vector<long long> product_ids;         // the lead's product in the list
    bool in_team_territory = false;             // a territory of the rule's team covers the lead
};

// The conditions in Japanese, " × " between kinds ("防災 × 町村"); "すべて" when none.
std::string DescribeConditionsJa(const RoutingConditions& c);

struct RoutingRule {
    long long id = 0;
    int position = 0;  // 1-based order; shown as "ルール{position}"
    std::string name;
    RoutingConditions conditions;
    long long team_id = 0;
    std::string team_name;
    RoutingStrategy strategy = RoutingStrategy::kRoundRobin;
    long long owner_id = 0;  // named_owner only
    int reroute_after_business_days = 3;
    bool active = true;
};

// What routing knows about a lead.
struct LeadFacts {
    std::string source;
    CoverageTarget government;
    std::optional<long long> population;
    std::vector<std::string> policy_domains;  // of the lead's product
    long long product_id = 0;
};

// Whether every condition of `rule` holds for `lead`; `team_territories` are the
// territories of the rule's team (for in_team_territory).
bool RuleMatches(const RoutingRule& rule, const LeadFacts& lead, const std::vector<Territory>& team_territories);

// A member of a team who may receive leads.
struct RoutingCandidate {
    long long user_id = 0;
    std::string name;
    int weight = 1;           // team weight; 0 = never routed to
    bool absent = false;      // absent on the routing date
    long long open_work = 0;  // open leads + open deals owned
};

struct RoutingTeam {
    std::string name;
    std::vector<RoutingCandidate> members;
    std::vector<Territory> territories;
};

// Smooth weighted round-robin state of one rule: user id → current weight.
using RoundRobinState = std::map<long long, long long>;

struct RoutingInput {
    std::vector<RoutingRule> rules;  // in order; inactive ones are ignored
    LeadFacts lead;
    std::map<long long, RoutingTeam> teams;                      // by team id
    std::map<long long, std::map<long long, int>> rule_weights;  // rule id → user id → weight (overrides team)
    std::map<long long, RoundRobinState> round_robin;            // by rule id
    std::set<long long> excluded_users;                          // e.g. the absent owner when re-routing
};

struct RoutingDecision {
    long long user_id = 0;  // 0 = left unassigned
    std::string user_name;
    long long rule_id = 0;  // 0 = no rule
    int reroute_after_business_days = 3;
    std::string reason;  // "ルール3: 防災 × 町村 → 防災チーム（重み付きラウンドロビン）"
    std::vector<long long> skipped_absent;  // absent members passed over, in user-id order
    // The new round-robin state of rule_id when round robin chose (persist it).
    std::optional<RoundRobinState> round_robin_after;
};

// Routes one lead: the first active matching rule whose team has an available member
// chooses; a rule whose members are all absent passes to the next rule. Pure.
RoutingDecision RouteLead(const RoutingInput& input);

// One step of smooth weighted round robin over (user id, weight) pairs in user-id order:
// every weight is added to its current value, the largest current (first on ties) wins
// and loses the total. Returns the winner (0 when `pool` is empty) and updates `state`.
long long SmoothWeightedPick(const std::vector<std::pair<long long, int>>& pool, RoundRobinState* state);

}  // namespace kyoso::domain
