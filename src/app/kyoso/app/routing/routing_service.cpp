#include "kyoso/app/routing/routing_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/catalog/references.hpp"
#include "kyoso/domain/government/government.hpp"
#include "kyoso/domain/lead/lead_status.hpp"

namespace kyoso::app {

namespace {

constexpr size_t kMaxNameBytes = 200;
constexpr size_t kMaxReasonBytes = 500;

std::string Actor(long long actor_id) { return actor_id ? UserActor(actor_id) : std::string(kSystemActor); }

bool IsSalesRole(const std::string& role) {
    return role == "bdr" || role == "inside_sales" || role == "field_sales" || role == "customer_success" ||
           role == "manager";
}

bool IsPrefectureCode(const std::string& code) {
    return code.size() == 2 && domain::RegionOfPrefecture(code) != nullptr;
}

std::string TeamAuditJson(const ports::Team& t) {
    return AuditJson().Int("id", t.id).Str("name", t.name).Str("role", t.role).Int("manager_id", t.manager_id).str();
}

std::string TerritoryAuditJson(const domain::Territory& t) {
    return AuditJson()
        .Int("id", t.id)
        .Int("team_id", t.team_id)
        .Int("user_id", t.user_id)
        .Str("prefecture_code", t.prefecture_code)
        .Str("government_code", t.government_code)
        .Str("region", t.region)
        .Str("government_kind", t.government_kind)
        .Str("policy_domain", t.policy_domain)
        .str();
}

std::string AbsenceAuditJson(const ports::Absence& a) {
    return AuditJson()
        .Int("id", a.id)
        .Int("user_id", a.user_id)
        .Str("starts_on", FormatIsoDate(a.starts_on))
        .Str("ends_on", FormatIsoDate(a.ends_on))
        .Str("reason", a.reason)
        .str();
}

std::string RuleAuditJson(const ports::RoutingRuleRecord& r) {
    return AuditJson()
        .Int("id", r.id)
        .Int("position", r.position)
        .Str("name", r.name)
        .Str("conditions", domain::DescribeConditionsJa(r.conditions))
        .Int("team_id", r.team_id)
        .Str("strategy", r.strategy)
        .Int("owner_id", r.owner_id)
        .Int("reroute_after_business_days", r.reroute_after_business_days)
        .Bool("active", r.active)
        .str();
}

std::string AssignmentAuditJson(const ports::LeadAssignment& a) {
    return AuditJson()
        .Int("lead_id", a.lead_id)
        .Int("user_id", a.user_id)
        .Int("previous_user_id", a.previous_user_id)
        .Int("rule_id", a.rule_id)
        .Str("kind", a.kind)
        .Str("reason", a.reason)
        .Str("assigned_on", FormatIsoDate(a.assigned_on))
        .str();
}

// The end of `user`'s absence covering `on` (chained absences extend it), if any.
std::optional<Date> AbsentUntil(const std::vector<ports::Absence>& absences, long long user, Date on) {
    std::optional<Date> until;
    Date day = on;
    bool extended = true;
    while (extended) {
        extended = false;
        for (const auto& a : absences) {
            if (a.user_id == user && a.starts_on <= day && a.ends_on >= day && (!until || a.ends_on > *until)) {
                until = a.ends_on;
                day = AddDays(a.ends_on, 1);
                extended = true;
            }
        }
    }
    return until;
}

std::map<long long, std::string> UserNames(const std::vector<ports::TeamMember>& users) {
    std::map<long long, std::string> out;
    for (const auto& u : users) out[u.user_id] = u.name;
    return out;
}

std::string NameOr(const std::map<long long, std::string>& names, long long id) {
    if (id == 0) return "";
    auto it = names.find(id);
    return it == names.end() ? "#" + std::to_string(id) : it->second;
}

// Records a decision for `lead`: owner, assignment row, round-robin state, audit entry.
Status RecordDecision(ports::Store& store, AuditTrail& audit, const domain::RoutingDecision& d, Date today,
                      const std::string& actor, const std::string& kind, const std::string& reason,
                      domain::Lead* lead) {
    ports::LeadAssignment a;
    a.lead_id = lead->id;
    a.user_id = d.user_id;
    a.previous_user_id = lead->owner_id;
    a.rule_id = d.rule_id;
    a.kind = kind;
    a.reason = reason;
    a.assigned_on = today;
    a.created_at = FormatUtc(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (d.user_id) {
        KYOSO_RETURN_IF_ERROR(store.routing().SetLeadOwner(lead->id, d.user_id));
        lead->owner_id = d.user_id;
    }
    auto id = store.routing().InsertAssignment(a);
    if (!id.ok()) return id.status();
    if (d.round_robin_after && d.rule_id) {
        KYOSO_RETURN_IF_ERROR(store.routing().SaveRoundRobin(d.rule_id, *d.round_robin_after));
    }
    return audit.Append({actor, kind == "rerouted" ? "lead.reroute" : "lead.route", "lead", std::to_string(lead->id),
                         "", AssignmentAuditJson(a)});
}

std::string MonthDay(Date d) {
    const std::string iso = FormatIsoDate(d);  // YYYY-MM-DD
    const int m = std::stoi(iso.substr(5, 2));
    const int day = std::stoi(iso.substr(8, 2));
    return std::to_string(m) + "/" + std::to_string(day);
}

}  // namespace

Result<domain::LeadFacts> LeadFactsOf(ports::Store& store, const std::string& source,
                                      const std::string& government_code, long long product_id) {
    domain::LeadFacts f;
    f.source = source;
    f.product_id = product_id;
    auto g = store.governments().Get(government_code);
    if (!g.ok()) return g.status();
    f.government.code = g->code.str();
    f.government.parent_code = g->parent_code;
    f.government.prefecture_code = g->prefecture_code;
    f.government.kind = std::string(domain::KindSlug(g->kind));
    f.population = g->population;
    if (product_id) {
        auto p = store.products().Get(product_id);
        if (!p.ok()) return p.status();
        f.policy_domains = p->policy_domains;
    }
    return f;
}

Result<domain::RoutingInput> LoadRoutingInput(ports::Store& store, Date on) {
    domain::RoutingInput in;
    auto& repo = store.routing();
    auto rules = repo.ListRules();
    if (!rules.ok()) return rules.status();
    auto teams = repo.ListTeams();
    if (!teams.ok()) return teams.status();
    auto users = repo.ListUsers();
    if (!users.ok()) return users.status();
    auto territories = repo.ListTerritories();
    if (!territories.ok()) return territories.status();
    auto weights = repo.ListWeights();
    if (!weights.ok()) return weights.status();
    auto absences = repo.ListAbsences(on);
    if (!absences.ok()) return absences.status();
    auto open = repo.OpenWorkCounts();
    if (!open.ok()) return open.status();
    auto rr = repo.LoadRoundRobin();
    if (!rr.ok()) return rr.status();

    std::map<long long, int> team_weight;  // (team, user) folded: team id * 2^32 is unsafe; use nested map
    std::map<long long, std::map<long long, int>> team_weights;
    for (const auto& w : *weights) {
        if (w.rule_id) {
            in.rule_weights[w.rule_id][w.user_id] = w.weight;
        } else {
            team_weights[w.team_id][w.user_id] = w.weight;
        }
    }
    std::map<long long, const ports::TeamMember*> by_id;
    for (const auto& u : *users) by_id[u.user_id] = &u;
    auto candidate = [&](const ports::TeamMember& u, long long team_id) {
        domain::RoutingCandidate c;
        c.user_id = u.user_id;
        c.name = u.name;
        if (auto t = team_weights.find(team_id); t != team_weights.end()) {
            if (auto w = t->second.find(u.user_id); w != t->second.end()) c.weight = w->second;
        }
        c.absent = AbsentUntil(*absences, u.user_id, on).has_value();
        if (auto it = open->find(u.user_id); it != open->end()) c.open_work = it->second;
        return c;
    };
    for (const auto& t : *teams) {
        domain::RoutingTeam team;
        team.name = t.name;
        for (const auto& u : *users) {
            // Managers and disabled users take no routed leads (unless named owner).
            if (u.team != t.name || u.disabled || u.role == "manager") continue;
            team.members.push_back(candidate(u, t.id));
        }
        for (const auto& terr : *territories) {
            if (terr.team_id == t.id) team.territories.push_back(terr);
        }
        in.teams[t.id] = std::move(team);
    }
    for (const auto& r : *rules) {
        domain::RoutingRule rule;
        rule.id = r.id;
        rule.position = r.position;
        rule.name = r.name;
        rule.conditions = r.conditions;
        rule.team_id = r.team_id;
        rule.team_name = in.teams.count(r.team_id) ? in.teams[r.team_id].name : "";
        rule.strategy = domain::RoutingStrategyFromSlug(r.strategy).value_or(domain::RoutingStrategy::kRoundRobin);
        rule.owner_id = r.owner_id;
        rule.reroute_after_business_days = r.reroute_after_business_days;
        rule.active = r.active;
        if (rule.strategy == domain::RoutingStrategy::kNamedOwner && r.owner_id) {
            auto& members = in.teams[r.team_id].members;
            const bool present =
                std::any_of(members.begin(), members.end(), [&](const auto& m) { return m.user_id == r.owner_id; });
            if (!present && by_id.count(r.owner_id)) {
                // The named owner takes this rule's leads even outside the team; weight 0
                // keeps them out of the team's round robin.
                auto c = candidate(*by_id[r.owner_id], r.team_id);
                c.weight = 0;
                members.push_back(c);
            }
        }
        in.rules.push_back(std::move(rule));
    }
    in.round_robin = std::move(*rr);
    (void)team_weight;
    return in;
}

Status RouteNewLead(ports::Store& store, AuditTrail& audit, Date today, const std::string& actor, domain::Lead* lead) {
    auto rules = store.routing().ListRules();
    if (!rules.ok()) return rules.status();
    if (rules->empty()) return Status::Ok();
    auto in = LoadRoutingInput(store, today);
    if (!in.ok()) return in.status();
    auto facts = LeadFactsOf(store, lead->source, lead->government_code, lead->product_id);
    if (!facts.ok()) return facts.status();
    in->lead = std::move(*facts);
    const domain::RoutingDecision d = domain::RouteLead(*in);
    return RecordDecision(store, audit, d, today, actor, "routed", d.reason, lead);
}

// ---- teams ----

Result<TeamView> RoutingService::TeamViewOf(long long id) {
    auto teams = ListTeams();
    if (!teams.ok()) return teams.status();
    for (auto& t : *teams) {
        if (t.team.id == id) return std::move(t);
    }
    return NotFound("no team with id " + std::to_string(id));
}

Result<std::vector<TeamView>> RoutingService::ListTeams() {
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    auto teams = store_.routing().ListTeams();
    if (!teams.ok()) return teams.status();
    std::set<std::string> named;
    for (const auto& t : *teams) named.insert(t.name);
    bool missing = false;
    for (const auto& u : *users) missing = missing || (!u.team.empty() && !named.count(u.team));
    if (missing) {
        auto added = store_.routing().SyncTeamsFromUsers(FormatUtc(clock_.Now()));
        if (!added.ok()) return added.status();
        teams = store_.routing().ListTeams();
        if (!teams.ok()) return teams.status();
    }
    auto territories = store_.routing().ListTerritories();
    if (!territories.ok()) return territories.status();
    const Date today = clock_.Today();
    auto absences = store_.routing().ListAbsences(today);
    if (!absences.ok()) return absences.status();
    const auto names = UserNames(*users);
    std::vector<TeamView> out;
    for (const auto& t : *teams) {
        TeamView v;
        v.team = t;
        v.manager_name = NameOr(names, t.manager_id);
        for (const auto& u : *users) {
            if (u.team != t.name) continue;
            TeamMemberView m{u.user_id, u.name, u.role, false, AbsentUntil(*absences, u.user_id, today)};
            m.absent_today = m.absent_until.has_value();
            v.members.push_back(std::move(m));
        }
        for (const auto& terr : *territories) {
            if (terr.team_id == t.id) v.territories.push_back(terr);
        }
        out.push_back(std::move(v));
    }
    return out;
}

Result<TeamView> RoutingService::GetTeam(long long id) { return TeamViewOf(id); }

Result<TeamView> RoutingService::CreateTeam(const TeamRequest& r, long long actor_id) {
    ports::Team t;
    std::vector<ErrorDetail> errors;
    if (!r.name) {
        errors.push_back({"name", "required"});
    } else if (r.name->empty() || r.name->size() > 100) {
        errors.push_back({"name", "must be 1-100 bytes"});
    }
    t.name = r.name.value_or("");
    t.role = r.role.value_or("");
    if (!t.role.empty() && !IsSalesRole(t.role)) {
        errors.push_back(
            {"role", "unknown role '" + t.role +
                         "' (bdr, inside_sales, field_sales, customer_success, manager, or \"\" for mixed)"});
    }
    t.manager_id = r.manager_id.value_or(0);
    if (t.manager_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, t.manager_id, "manager_id", &errors));
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    t.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.routing().InsertTeam(t);
        if (!id.ok()) return id.status();
        t.id = *id;
        return audit_.Append({Actor(actor_id), "team.create", "team", std::to_string(t.id), "", TeamAuditJson(t)});
    });
    if (st.code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kAlreadyExists, st.message(), {{"name", "already used by another team"}});
    }
    if (!st.ok()) return st;
    return TeamViewOf(t.id);
}

Result<TeamView> RoutingService::UpdateTeam(long long id, const TeamRequest& r, long long actor_id) {
    auto before = store_.routing().GetTeam(id);
    if (!before.ok()) return before.status();
    ports::Team t = *before;
    std::vector<ErrorDetail> errors;
    if (r.name) {
        if (r.name->empty() || r.name->size() > 100) errors.push_back({"name", "must be 1-100 bytes"});
        t.name = *r.name;
    }
    if (r.role) {
        if (!r.role->empty() && !IsSalesRole(*r.role)) errors.push_back({"role", "unknown role '" + *r.role + "'"});
        t.role = *r.role;
    }
    if (r.manager_id) {
        t.manager_id = *r.manager_id;
        if (t.manager_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, t.manager_id, "manager_id", &errors));
    }
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().UpdateTeam(t));
        return audit_.Append(
            {Actor(actor_id), "team.update", "team", std::to_string(id), TeamAuditJson(*before), TeamAuditJson(t)});
    });
    if (st.code() == ErrorCode::kAlreadyExists) {
        return Status(ErrorCode::kAlreadyExists, st.message(), {{"name", "already used by another team"}});
    }
    if (!st.ok()) return st;
    return TeamViewOf(id);
}

Result<TeamView> RoutingService::MoveUser(long long team_id, long long user_id, long long actor_id) {
    auto team = store_.routing().GetTeam(team_id);
    if (!team.ok()) return team.status();
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    auto it = std::find_if(users->begin(), users->end(), [&](const auto& u) { return u.user_id == user_id; });
    if (it == users->end()) {
        return FieldErrorsStatus({{"user_id", "no user with id " + std::to_string(user_id)}});
    }
    const std::string before = it->team;
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().SetUserTeam(user_id, team->name));
        return audit_.Append({Actor(actor_id), "team.move_user", "user", std::to_string(user_id),
                              AuditJson().Str("team", before).str(), AuditJson().Str("team", team->name).str()});
    });
    if (!st.ok()) return st;
    return TeamViewOf(team_id);
}

// ---- territories ----

Result<std::vector<domain::Territory>> RoutingService::ListTerritories() { return store_.routing().ListTerritories(); }

Result<domain::Territory> RoutingService::CreateTerritory(const domain::Territory& in, long long actor_id) {
    domain::Territory t = in;
    std::vector<ErrorDetail> errors;
    if (t.team_id <= 0) {
        errors.push_back({"team_id", "required"});
    } else if (auto team = store_.routing().GetTeam(t.team_id); !team.ok()) {
        if (team.status().code() != ErrorCode::kNotFound) return team.status();
        errors.push_back({"team_id", "no team with id " + std::to_string(t.team_id)});
    }
    if (t.user_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, t.user_id, "user_id", &errors));
    if (!t.prefecture_code.empty() && !IsPrefectureCode(t.prefecture_code)) {
        errors.push_back({"prefecture_code", "must be a prefecture code 01-47, got '" + t.prefecture_code + "'"});
    }
    if (!t.government_code.empty()) {
        std::string code;
        KYOSO_RETURN_IF_ERROR(CheckGovernmentRef(store_, t.government_code, "government_code", &code, &errors));
        if (!code.empty()) t.government_code = code;
    }
    if (!t.region.empty() && !domain::RegionBySlug(t.region)) {
        errors.push_back({"region", "unknown region '" + t.region +
                                        "' (hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu_okinawa)"});
    }
    if (!t.government_kind.empty() && !domain::KindFromSlug(t.government_kind)) {
        errors.push_back({"government_kind", "unknown government kind '" + t.government_kind + "'"});
    }
    if (t.policy_domain.size() > 100) errors.push_back({"policy_domain", "at most 100 bytes"});
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.routing().InsertTerritory(t);
        if (!id.ok()) return id.status();
        t.id = *id;
        return audit_.Append(
            {Actor(actor_id), "territory.create", "territory", std::to_string(t.id), "", TerritoryAuditJson(t)});
    });
    if (!st.ok()) return st;
    return t;
}

Status RoutingService::DeleteTerritory(long long id, long long actor_id) {
    auto before = store_.routing().GetTerritory(id);
    if (!before.ok()) return before.status();
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().DeleteTerritory(id));
        return audit_.Append(
            {Actor(actor_id), "territory.delete", "territory", std::to_string(id), TerritoryAuditJson(*before), ""});
    });
}

// ---- absences ----

Result<std::vector<AbsenceView>> RoutingService::ListAbsences(bool include_past) {
    auto list = store_.routing().ListAbsences(include_past ? std::nullopt : std::optional<Date>(clock_.Today()));
    if (!list.ok()) return list.status();
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    const auto names = UserNames(*users);
    std::vector<AbsenceView> out;
    for (auto& a : *list) out.push_back({a, NameOr(names, a.user_id)});
    return out;
}

Result<AbsenceView> RoutingService::CreateAbsence(const ports::Absence& in, long long actor_id) {
    ports::Absence a = in;
    std::vector<ErrorDetail> errors;
    if (a.user_id <= 0) {
        errors.push_back({"user_id", "required"});
    } else {
        KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, a.user_id, "user_id", &errors));
    }
    if (a.ends_on < a.starts_on) errors.push_back({"ends_on", "must be on or after starts_on"});
    if (a.reason.size() > kMaxReasonBytes) errors.push_back({"reason", "at most 500 bytes"});
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    a.created_by = actor_id;
    a.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.routing().InsertAbsence(a);
        if (!id.ok()) return id.status();
        a.id = *id;
        return audit_.Append(
            {Actor(actor_id), "absence.create", "absence", std::to_string(a.id), "", AbsenceAuditJson(a)});
    });
    if (!st.ok()) return st;
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    return AbsenceView{a, NameOr(UserNames(*users), a.user_id)};
}

Status RoutingService::DeleteAbsence(long long id, long long actor_id) {
    auto before = store_.routing().GetAbsence(id);
    if (!before.ok()) return before.status();
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().DeleteAbsence(id));
        return audit_.Append(
            {Actor(actor_id), "absence.delete", "absence", std::to_string(id), AbsenceAuditJson(*before), ""});
    });
}

// ---- rules ----

Result<std::vector<RoutingRuleView>> RoutingService::ListRules() {
    auto rules = store_.routing().ListRules();
    if (!rules.ok()) return rules.status();
    auto teams = store_.routing().ListTeams();
    if (!teams.ok()) return teams.status();
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    auto weights = store_.routing().ListWeights();
    if (!weights.ok()) return weights.status();
    const auto names = UserNames(*users);
    std::vector<RoutingRuleView> out;
    for (const auto& r : *rules) {
        RoutingRuleView v;
        v.rule = r;
        for (const auto& t : *teams) {
            if (t.id == r.team_id) v.team_name = t.name;
        }
        v.owner_name = NameOr(names, r.owner_id);
        v.conditions_ja = domain::DescribeConditionsJa(r.conditions);
        for (const auto& w : *weights) {
            if (w.rule_id == r.id) v.weights.push_back(w);
        }
        out.push_back(std::move(v));
    }
    return out;
}

Result<RoutingRuleView> RoutingService::RuleViewOf(long long id) {
    auto rules = ListRules();
    if (!rules.ok()) return rules.status();
    for (auto& r : *rules) {
        if (r.rule.id == id) return std::move(r);
    }
    return NotFound("no routing rule with id " + std::to_string(id));
}

Status RoutingService::ValidateRule(const ports::RoutingRuleRecord& r, std::vector<ErrorDetail>* errors) {
    if (r.name.empty() || r.name.size() > kMaxNameBytes) errors->push_back({"name", "must be 1-200 bytes"});
    if (r.team_id <= 0) {
        errors->push_back({"team_id", "required"});
    } else if (auto team = store_.routing().GetTeam(r.team_id); !team.ok()) {
        if (team.status().code() != ErrorCode::kNotFound) return team.status();
        errors->push_back({"team_id", "no team with id " + std::to_string(r.team_id)});
    }
    if (!domain::RoutingStrategyFromSlug(r.strategy)) {
        errors->push_back({"strategy", "unknown strategy '" + r.strategy + "' (round_robin, least_open, named_owner)"});
    }
    if (r.strategy == "named_owner" && r.owner_id == 0) {
        errors->push_back({"owner_id", "required for strategy named_owner"});
    }
    if (r.owner_id) KYOSO_RETURN_IF_ERROR(CheckUserRef(store_, r.owner_id, "owner_id", errors));
    if (r.reroute_after_business_days < 0 || r.reroute_after_business_days > 60) {
        errors->push_back({"reroute_after_business_days", "must be 0-60"});
    }
    const auto& c = r.conditions;
    for (size_t i = 0; i < c.sources.size(); ++i) {
        if (!domain::IsLeadSource(c.sources[i])) {
            errors->push_back(
                {"conditions.sources[" + std::to_string(i) + "]",
                 "unknown source '" + c.sources[i] + "' (" + std::string(domain::LeadSourceList()) + ")"});
        }
    }
    for (size_t i = 0; i < c.government_kinds.size(); ++i) {
        if (!domain::KindFromSlug(c.government_kinds[i])) {
            errors->push_back({"conditions.government_kinds[" + std::to_string(i) + "]",
                               "unknown government kind '" + c.government_kinds[i] + "'"});
        }
    }
    for (size_t i = 0; i < c.prefectures.size(); ++i) {
        if (!IsPrefectureCode(c.prefectures[i])) {
            errors->push_back({"conditions.prefectures[" + std::to_string(i) + "]",
                               "must be a prefecture code 01-47, got '" + c.prefectures[i] + "'"});
        }
    }
    for (size_t i = 0; i < c.regions.size(); ++i) {
        if (!domain::RegionBySlug(c.regions[i])) {
            errors->push_back({"conditions.regions[" + std::to_string(i) + "]",
                               "unknown region '" + c.regions[i] +
                                   "' (hokkaido, tohoku, kanto, chubu, kinki, chugoku, shikoku, kyushu_okinawa)"});
        }
    }
    for (size_t i = 0; i < c.population_bands.size(); ++i) {
        if (!domain::IsRoutingPopulationBand(c.population_bands[i])) {
            errors->push_back(
                {"conditions.population_bands[" + std::to_string(i) + "]",
                 "unknown band '" + c.population_bands[i] + "' (under_10k, 10k_50k, 50k_200k, 200k_plus)"});
        }
    }
    for (size_t i = 0; i < c.policy_domains.size(); ++i) {
        if (c.policy_domains[i].empty() || c.policy_domains[i].size() > 100) {
            errors->push_back({"conditions.policy_domains[" + std::to_string(i) + "]", "must be 1-100 bytes"});
        }
    }
    for (size_t i = 0; i < c.product_ids.size(); ++i) {
        KYOSO_RETURN_IF_ERROR(
            CheckProductRef(store_, c.product_ids[i], "conditions.product_ids[" + std::to_string(i) + "]", errors));
    }
    return Status::Ok();
}

namespace {

ports::RoutingRuleRecord Merge(ports::RoutingRuleRecord r, const RoutingRuleRequest& q) {
    if (q.name) r.name = *q.name;
    if (q.conditions) r.conditions = *q.conditions;
    if (q.team_id) r.team_id = *q.team_id;
    if (q.strategy) r.strategy = *q.strategy;
    if (q.owner_id) r.owner_id = *q.owner_id;
    if (q.reroute_after_business_days) r.reroute_after_business_days = *q.reroute_after_business_days;
    if (q.active) r.active = *q.active;
    return r;
}

}  // namespace

Result<RoutingRuleView> RoutingService::CreateRule(const RoutingRuleRequest& q, long long actor_id) {
    std::vector<ErrorDetail> errors;
    if (!q.name) errors.push_back({"name", "required"});
    if (!q.team_id) errors.push_back({"team_id", "required"});
    if (!q.strategy) errors.push_back({"strategy", "required: round_robin, least_open or named_owner"});
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    ports::RoutingRuleRecord r = Merge({}, q);
    KYOSO_RETURN_IF_ERROR(ValidateRule(r, &errors));
    if (q.weights) {
        for (size_t i = 0; i < q.weights->size(); ++i) {
            const auto& w = (*q.weights)[i];
            KYOSO_RETURN_IF_ERROR(
                CheckUserRef(store_, w.user_id, "weights[" + std::to_string(i) + "].user_id", &errors));
            if (w.weight < 0 || w.weight > 100) {
                errors.push_back({"weights[" + std::to_string(i) + "].weight", "must be 0-100"});
            }
        }
    }
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    auto existing = store_.routing().ListRules();
    if (!existing.ok()) return existing.status();
    int last = 0;
    for (const auto& e : *existing) last = std::max(last, e.position);
    r.position = last + 1;
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.routing().InsertRule(r);
        if (!id.ok()) return id.status();
        r.id = *id;
        if (q.weights) KYOSO_RETURN_IF_ERROR(store_.routing().ReplaceWeights(r.id, 0, *q.weights));
        return audit_.Append(
            {Actor(actor_id), "routing_rule.create", "routing_rule", std::to_string(r.id), "", RuleAuditJson(r)});
    });
    if (!st.ok()) return st;
    return RuleViewOf(r.id);
}

Result<RoutingRuleView> RoutingService::UpdateRule(long long id, const RoutingRuleRequest& q, long long actor_id) {
    auto before = store_.routing().GetRule(id);
    if (!before.ok()) return before.status();
    ports::RoutingRuleRecord r = Merge(*before, q);
    std::vector<ErrorDetail> errors;
    KYOSO_RETURN_IF_ERROR(ValidateRule(r, &errors));
    if (q.weights) {
        for (size_t i = 0; i < q.weights->size(); ++i) {
            const auto& w = (*q.weights)[i];
            KYOSO_RETURN_IF_ERROR(
                CheckUserRef(store_, w.user_id, "weights[" + std::to_string(i) + "].user_id", &errors));
            if (w.weight < 0 || w.weight > 100) {
                errors.push_back({"weights[" + std::to_string(i) + "].weight", "must be 0-100"});
            }
        }
    }
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().UpdateRule(r));
        if (q.weights) KYOSO_RETURN_IF_ERROR(store_.routing().ReplaceWeights(r.id, 0, *q.weights));
        return audit_.Append({Actor(actor_id), "routing_rule.update", "routing_rule", std::to_string(id),
                              RuleAuditJson(*before), RuleAuditJson(r)});
    });
    if (!st.ok()) return st;
    return RuleViewOf(id);
}

Status RoutingService::DeleteRule(long long id, long long actor_id) {
    auto before = store_.routing().GetRule(id);
    if (!before.ok()) return before.status();
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().DeleteRule(id));
        // Close the gap so positions stay 1..n.
        auto rest = store_.routing().ListRules();
        if (!rest.ok()) return rest.status();
        std::vector<long long> ids;
        for (const auto& r : *rest) ids.push_back(r.id);
        KYOSO_RETURN_IF_ERROR(store_.routing().SetRulePositions(ids));
        return audit_.Append(
            {Actor(actor_id), "routing_rule.delete", "routing_rule", std::to_string(id), RuleAuditJson(*before), ""});
    });
}

Result<std::vector<RoutingRuleView>> RoutingService::Reorder(const std::vector<long long>& ids, long long actor_id) {
    auto rules = store_.routing().ListRules();
    if (!rules.ok()) return rules.status();
    std::vector<long long> before_ids;
    for (const auto& r : *rules) before_ids.push_back(r.id);
    std::vector<long long> a = before_ids, b = ids;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b) {
        return FieldErrorsStatus({{"rule_ids", "must list every routing rule id exactly once (" +
                                                   std::to_string(before_ids.size()) + " rules)"}});
    }
    auto ids_json = [](const std::vector<long long>& v) {
        std::string s = "[";
        for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
        return s + "]";
    };
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.routing().SetRulePositions(ids));
        return audit_.Append({Actor(actor_id), "routing_rule.reorder", "routing_rule", "",
                              AuditJson().Raw("order", ids_json(before_ids)).str(),
                              AuditJson().Raw("order", ids_json(ids)).str()});
    });
    if (!st.ok()) return st;
    return ListRules();
}

// ---- simulation, history, re-routing ----

Result<RoutingSimulationResult> RoutingService::Simulate(const RoutingSimulation& q) {
    std::vector<ErrorDetail> errors;
    if (!domain::IsLeadSource(q.source)) {
        errors.push_back(
            {"source", "unknown source '" + q.source + "' (" + std::string(domain::LeadSourceList()) + ")"});
    }
    std::string code;
    KYOSO_RETURN_IF_ERROR(CheckGovernmentRef(store_, q.government_code, "government_code", &code, &errors));
    if (q.product_id) KYOSO_RETURN_IF_ERROR(CheckProductRef(store_, q.product_id, "product_id", &errors));
    if (!errors.empty()) return FieldErrorsStatus(std::move(errors));
    const Date on = q.on.value_or(clock_.Today());
    auto in = LoadRoutingInput(store_, on);
    if (!in.ok()) return in.status();
    auto facts = LeadFactsOf(store_, q.source, code, q.product_id);
    if (!facts.ok()) return facts.status();
    in->lead = *facts;
    RoutingSimulationResult out;
    out.decision = domain::RouteLead(*in);
    out.facts = *facts;
    for (const auto& r : in->rules) {
        if (r.id == out.decision.rule_id) out.rule_name = r.name;
    }
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    const auto names = UserNames(*users);
    for (long long id : out.decision.skipped_absent) out.skipped_absent_names.push_back(NameOr(names, id));
    return out;
}

Result<std::vector<LeadAssignmentView>> RoutingService::Assignments(long long lead_id) {
    auto lead = store_.leads().Get(lead_id);
    if (!lead.ok()) return lead.status();
    auto list = store_.routing().ListAssignments(lead_id);
    if (!list.ok()) return list.status();
    auto users = store_.routing().ListUsers();
    if (!users.ok()) return users.status();
    auto rules = store_.routing().ListRules();
    if (!rules.ok()) return rules.status();
    const auto names = UserNames(*users);
    std::vector<LeadAssignmentView> out;
    for (const auto& a : *list) {
        LeadAssignmentView v{a, NameOr(names, a.user_id), NameOr(names, a.previous_user_id), ""};
        for (const auto& r : *rules) {
            if (r.id == a.rule_id) v.rule_name = r.name;
        }
        out.push_back(std::move(v));
    }
    return out;
}

Result<RerouteSummary> RoutingService::Reroute(long long actor_id) {
    const Date today = clock_.Today();
    RerouteSummary summary;
    const std::string actor = Actor(actor_id);
    Status st = store_.InTransaction([&]() -> Status {
        auto absences = store_.routing().ListAbsences(today);
        if (!absences.ok()) return absences.status();
        std::map<long long, Date> away;  // owner → end of today's absence
        for (const auto& a : *absences) {
            if (away.count(a.user_id)) continue;
            if (auto until = AbsentUntil(*absences, a.user_id, today)) away[a.user_id] = *until;
        }
        if (away.empty()) return Status::Ok();
        std::vector<long long> owners;
        for (const auto& [user, until] : away) owners.push_back(user);
        auto leads = store_.routing().OpenLeadsOwnedBy(owners);
        if (!leads.ok()) return leads.status();
        if (leads->empty()) return Status::Ok();
        auto rules = store_.routing().ListRules();
        if (!rules.ok()) return rules.status();
        std::map<long long, int> limit_of_rule;
        for (const auto& r : *rules) limit_of_rule[r.id] = r.reroute_after_business_days;
        auto in = LoadRoutingInput(store_, today);
        if (!in.ok()) return in.status();
        for (long long lead_id : *leads) {
            auto lead = store_.leads().Get(lead_id);
            if (!lead.ok()) return lead.status();
            ++summary.checked;
            // The limit of the rule that routed the lead last; 3 business days otherwise.
            int limit = 3;
            auto history = store_.routing().ListAssignments(lead_id);
            if (!history.ok()) return history.status();
            for (const auto& h : *history) {
                if (h.rule_id && limit_of_rule.count(h.rule_id)) {
                    limit = limit_of_rule[h.rule_id];
                    break;
                }
            }
            const Date until = away[lead->owner_id];
            if (calendar_.BusinessDaysBetween(today, until) <= limit) continue;
            auto facts = LeadFactsOf(store_, lead->source, lead->government_code, lead->product_id);
            if (!facts.ok()) return facts.status();
            in->lead = *facts;
            in->excluded_users = {lead->owner_id};
            const domain::RoutingDecision d = domain::RouteLead(*in);
            if (!d.user_id) continue;  // nobody to take it: the lead stays with its owner
            const std::string reason = "担当者不在（" + MonthDay(until) + "まで）のため再割当: " + d.reason;
            const long long from = lead->owner_id;
            KYOSO_RETURN_IF_ERROR(RecordDecision(store_, audit_, d, today, actor, "rerouted", reason, &*lead));
            if (d.round_robin_after) in->round_robin[d.rule_id] = *d.round_robin_after;
            summary.rerouted.push_back({lead_id, from, d.user_id, reason});
        }
        return Status::Ok();
    });
    if (!st.ok()) return st;
    return summary;
}

}  // namespace kyoso::app
