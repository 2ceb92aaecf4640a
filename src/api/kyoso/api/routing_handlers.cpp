#include "kyoso/api/routing_handlers.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/app/routing/routing_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json TerritoryJson(const domain::Territory& t) {
    return {{"id", t.id},
            {"team_id", t.team_id},
            {"user_id", IdOrNull(t.user_id)},
            {"prefecture_code", t.prefecture_code},
            {"government_code", t.government_code},
            {"region", t.region},
            {"government_kind", t.government_kind},
            {"policy_domain", t.policy_domain}};
}

json TeamJson(const app::TeamView& v) {
    json members = json::array();
    for (const auto& m : v.members) {
        members.push_back({{"id", m.user_id},
                           {"name", m.name},
                           {"role", m.role},
                           {"absent_today", m.absent_today},
                           {"absent_until", m.absent_until ? json(FormatIsoDate(*m.absent_until)) : json(nullptr)}});
    }
    json territories = json::array();
    for (const auto& t : v.territories) territories.push_back(TerritoryJson(t));
    return {{"id", v.team.id},
            {"name", v.team.name},
            {"role", v.team.role},
            {"manager_id", IdOrNull(v.team.manager_id)},
            {"manager_name", v.manager_name},
            {"members", members},
            {"territories", territories},
            {"created_at", v.team.created_at}};
}

json AbsenceJson(const app::AbsenceView& v) {
    const auto& a = v.absence;
    return {{"id", a.id},
            {"user_id", a.user_id},
            {"user_name", v.user_name},
            {"starts_on", FormatIsoDate(a.starts_on)},
            {"ends_on", FormatIsoDate(a.ends_on)},
            {"reason", a.reason},
            {"created_by", IdOrNull(a.created_by)},
            {"created_at", a.created_at}};
}

json ConditionsJson(const domain::RoutingConditions& c) {
    return {{"sources", c.sources},
            {"government_kinds", c.government_kinds},
            {"prefectures", c.prefectures},
            {"regions", c.regions},
            {"policy_domains", c.policy_domains},
            {"population_bands", c.population_bands},
            {"product_ids", c.product_ids},
            {"in_team_territory", c.in_team_territory}};
}

json RuleJson(const app::RoutingRuleView& v) {
    const auto& r = v.rule;
    json weights = json::array();
    for (const auto& w : v.weights) weights.push_back({{"user_id", w.user_id}, {"weight", w.weight}});
    return {{"id", r.id},
            {"position", r.position},
            {"name", r.name},
            {"conditions", ConditionsJson(r.conditions)},
            {"conditions_ja", v.conditions_ja},
            {"team_id", r.team_id},
            {"team_name", v.team_name},
            {"strategy", r.strategy},
            {"owner_id", IdOrNull(r.owner_id)},
            {"owner_name", v.owner_name},
            {"reroute_after_business_days", r.reroute_after_business_days},
            {"active", r.active},
            {"weights", weights}};
}

json RulesJson(const std::vector<app::RoutingRuleView>& rules) {
    json items = json::array();
    for (const auto& r : rules) items.push_back(RuleJson(r));
    return {{"items", items}};
}

json AssignmentJson(const app::LeadAssignmentView& v) {
    const auto& a = v.assignment;
    return {{"id", a.id},
            {"lead_id", a.lead_id},
            {"user_id", IdOrNull(a.user_id)},
            {"user_name", v.user_name},
            {"previous_user_id", IdOrNull(a.previous_user_id)},
            {"previous_user_name", v.previous_user_name},
            {"rule_id", IdOrNull(a.rule_id)},
            {"rule_name", v.rule_name},
            {"kind", a.kind},
            {"reason", a.reason},
            {"assigned_on", FormatIsoDate(a.assigned_on)},
            {"created_at", a.created_at}};
}

// The conditions object of a rule body; errors named "conditions.<member>".
std::optional<domain::RoutingConditions> ReadConditions(BodyReader& body) {
    const json* raw = body.Raw("conditions");
    if (!raw) return std::nullopt;
    domain::RoutingConditions c;
    if (!raw->is_object()) {
        body.AddError("conditions", "must be an object");
        return c;
    }
    const std::set<std::string> lists = {"sources", "government_kinds", "prefectures",
                                         "regions", "policy_domains",   "population_bands"};
    for (auto it = raw->begin(); it != raw->end(); ++it) {
        const std::string key = it.key();
        const std::string path = "conditions." + key;
        if (it->is_null()) continue;
        if (lists.count(key)) {
            std::vector<std::string>* out = key == "sources"            ? &c.sources
                                            : key == "government_kinds" ? &c.government_kinds
                                            : key == "prefectures"      ? &c.prefectures
                                            : key == "regions"          ? &c.regions
                                            : key == "policy_domains"   ? &c.policy_domains
                                                                        : &c.population_bands;
            if (!it->is_array()) {
                body.AddError(path, "must be an array of strings");
                continue;
            }
            for (const auto& v : *it) {
                if (!v.is_string()) {
                    body.AddError(path, "must be an array of strings");
                    break;
                }
                out->push_back(v.get<std::string>());
            }
        } else if (key == "product_ids") {
            if (!it->is_array()) {
                body.AddError(path, "must be an array of product ids");
                continue;
            }
            for (const auto& v : *it) {
                if (!v.is_number_integer() || v.get<long long>() <= 0) {
                    body.AddError(path, "must be an array of positive product ids");
                    break;
                }
                c.product_ids.push_back(v.get<long long>());
            }
        } else if (key == "in_team_territory") {
            if (!it->is_boolean()) {
                body.AddError(path, "must be true or false");
                continue;
            }
            c.in_team_territory = it->get<bool>();
        } else {
            body.AddError(path,
                          "unknown condition (sources, government_kinds, prefectures, regions, policy_domains, "
                          "population_bands, product_ids, in_team_territory)");
        }
    }
    return c;
}

const std::set<std::string> kRuleFields = {
    "name", "conditions", "team_id", "strategy", "owner_id", "reroute_after_business_days", "active", "weights"};

app::RoutingRuleRequest ReadRule(BodyReader& body) {
    app::RoutingRuleRequest r;
    r.name = body.String("name", false);
    r.conditions = ReadConditions(body);
    r.team_id = body.Int("team_id", false);
    r.strategy = body.String("strategy", false);
    r.owner_id = body.NullableId("owner_id");
    if (auto days = body.Int("reroute_after_business_days", false)) {
        if (*days < 0 || *days > 60) {
            body.AddError("reroute_after_business_days", "must be 0-60");
        } else {
            r.reroute_after_business_days = static_cast<int>(*days);
        }
    }
    r.active = body.Bool("active");
    r.weights = body.ObjectArray<ports::RoutingWeight>("weights", {"user_id", "weight"}, [](BodyReader::Item& item) {
        ports::RoutingWeight w;
        w.user_id = item.Int("user_id", true).value_or(0);
        w.weight = static_cast<int>(std::clamp<long long>(item.Int("weight", true).value_or(1), -1, 101));
        return w;
    });
    return r;
}

std::optional<Date> ReadDate(BodyReader& body, const std::string& field, bool required) {
    auto text = body.String(field, required);
    if (!text) return std::nullopt;
    auto d = ParseIsoDate(*text);
    if (!d) body.AddError(field, "must be a date YYYY-MM-DD, got '" + *text + "'");
    return d;
}

}  // namespace

void RegisterRoutingRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.routing) return;
    app::RoutingService& routing = *services.routing;
    app::AccessGuard& guard = *services.guard;

    // ---- teams ----
    server.Get("/api/teams", wrap("/api/teams", [&routing](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {}); !st.ok()) return SendError(res, st);
                   auto teams = routing.ListTeams();
                   if (!teams.ok()) return SendError(res, teams.status());
                   json items = json::array();
                   for (const auto& t : *teams) items.push_back(TeamJson(t));
                   SendJson(res, 200, {{"items", items}});
               }));
    server.Post(
        "/api/teams", wrap("/api/teams", [&routing](const httplib::Request& req, httplib::Response& res) {
            BodyReader body(req.body, {"name", "role", "manager_id"});
            app::TeamRequest r{body.String("name", true), body.String("role", false), body.NullableId("manager_id")};
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto team = routing.CreateTeam(r, CurrentPrincipal().user_id);
            if (!team.ok()) return SendError(res, team.status());
            SendJson(res, 201, TeamJson(*team));
        }));
    server.Get(R"(/api/teams/(\d+))",
               wrap("/api/teams/{id}", [&routing](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "team");
                   if (!id.ok()) return SendError(res, id.status());
                   auto team = routing.GetTeam(*id);
                   if (!team.ok()) return SendError(res, team.status());
                   SendJson(res, 200, TeamJson(*team));
               }));
    server.Patch(
        R"(/api/teams/(\d+))", wrap("/api/teams/{id}", [&routing](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "team");
            if (!id.ok()) return SendError(res, id.status());
            BodyReader body(req.body, {"name", "role", "manager_id"});
            app::TeamRequest r{body.String("name", false), body.String("role", false), body.NullableId("manager_id")};
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto team = routing.UpdateTeam(*id, r, CurrentPrincipal().user_id);
            if (!team.ok()) return SendError(res, team.status());
            SendJson(res, 200, TeamJson(*team));
        }));
    server.Post(R"(/api/teams/(\d+)/members)",
                wrap("/api/teams/{id}/members", [&routing](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "team");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, {"user_id"});
                    auto user = body.Int("user_id", true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto team = routing.MoveUser(*id, *user, CurrentPrincipal().user_id);
                    if (!team.ok()) return SendError(res, team.status());
                    SendJson(res, 200, TeamJson(*team));
                }));

    // ---- territories ----
    server.Get("/api/territories",
               wrap("/api/territories", [&routing](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {}); !st.ok()) return SendError(res, st);
                   auto list = routing.ListTerritories();
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& t : *list) items.push_back(TerritoryJson(t));
                   SendJson(res, 200, {{"items", items}});
               }));
    server.Post("/api/territories",
                wrap("/api/territories", [&routing](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"team_id", "user_id", "prefecture_code", "government_code", "region",
                                               "government_kind", "policy_domain"});
                    domain::Territory t;
                    t.team_id = body.Int("team_id", true).value_or(0);
                    t.user_id = body.NullableId("user_id").value_or(0);
                    t.prefecture_code = body.String("prefecture_code", false).value_or("");
                    t.government_code = body.String("government_code", false).value_or("");
                    t.region = body.String("region", false).value_or("");
                    t.government_kind = body.String("government_kind", false).value_or("");
                    t.policy_domain = body.String("policy_domain", false).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto made = routing.CreateTerritory(t, CurrentPrincipal().user_id);
                    if (!made.ok()) return SendError(res, made.status());
                    SendJson(res, 201, TerritoryJson(*made));
                }));
    server.Delete(R"(/api/territories/([^/]+))",
                  wrap("/api/territories/{id}", [&routing](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "territory");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = routing.DeleteTerritory(*id, CurrentPrincipal().user_id); !st.ok()) {
                          return SendError(res, st);
                      }
                      SendJson(res, 200, {{"id", *id}, {"deleted", true}});
                  }));

    // ---- absences ----
    server.Get("/api/absences", wrap("/api/absences", [&routing](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"include_past"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   bool past = false;
                   if (auto it = params->find("include_past"); it != params->end()) {
                       if (it->second != "true" && it->second != "false") {
                           return SendError(res, app::ParamError("include_past", "must be true or false"));
                       }
                       past = it->second == "true";
                   }
                   auto list = routing.ListAbsences(past);
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& a : *list) items.push_back(AbsenceJson(a));
                   SendJson(res, 200, {{"items", items}});
               }));
    server.Post("/api/absences", wrap("/api/absences", [&routing](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"user_id", "starts_on", "ends_on", "reason"});
                    ports::Absence a;
                    a.user_id = body.Int("user_id", true).value_or(0);
                    auto starts = ReadDate(body, "starts_on", true);
                    auto ends = ReadDate(body, "ends_on", true);
                    a.reason = body.String("reason", false).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    a.starts_on = *starts;
                    a.ends_on = *ends;
                    auto made = routing.CreateAbsence(a, CurrentPrincipal().user_id);
                    if (!made.ok()) return SendError(res, made.status());
                    SendJson(res, 201, AbsenceJson(*made));
                }));
    server.Delete(R"(/api/absences/([^/]+))",
                  wrap("/api/absences/{id}", [&routing](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "absence");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = routing.DeleteAbsence(*id, CurrentPrincipal().user_id); !st.ok()) {
                          return SendError(res, st);
                      }
                      SendJson(res, 200, {{"id", *id}, {"deleted", true}});
                  }));

    // ---- rules ----
    server.Get("/api/routing-rules",
               wrap("/api/routing-rules", [&routing](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {}); !st.ok()) return SendError(res, st);
                   auto rules = routing.ListRules();
                   if (!rules.ok()) return SendError(res, rules.status());
                   SendJson(res, 200, RulesJson(*rules));
               }));
    server.Post("/api/routing-rules",
                wrap("/api/routing-rules", [&routing](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kRuleFields);
                    auto r = ReadRule(body);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto rule = routing.CreateRule(r, CurrentPrincipal().user_id);
                    if (!rule.ok()) return SendError(res, rule.status());
                    SendJson(res, 201, RuleJson(*rule));
                }));
    server.Post("/api/routing-rules/reorder",
                wrap("/api/routing-rules/reorder", [&routing](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"rule_ids"});
                    std::vector<long long> ids;
                    if (const json* raw = body.Raw("rule_ids"); !raw) {
                        if (body.parsed()) body.AddError("rule_ids", "required: every rule id in the new order");
                    } else if (!raw->is_array()) {
                        body.AddError("rule_ids", "must be an array of rule ids");
                    } else {
                        for (const auto& v : *raw) {
                            if (!v.is_number_integer() || v.get<long long>() <= 0) {
                                body.AddError("rule_ids", "must be an array of positive rule ids");
                                break;
                            }
                            ids.push_back(v.get<long long>());
                        }
                    }
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto rules = routing.Reorder(ids, CurrentPrincipal().user_id);
                    if (!rules.ok()) return SendError(res, rules.status());
                    SendJson(res, 200, RulesJson(*rules));
                }));
    server.Patch(R"(/api/routing-rules/(\d+))",
                 wrap("/api/routing-rules/{id}", [&routing](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "routing rule");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kRuleFields);
                     auto r = ReadRule(body);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto rule = routing.UpdateRule(*id, r, CurrentPrincipal().user_id);
                     if (!rule.ok()) return SendError(res, rule.status());
                     SendJson(res, 200, RuleJson(*rule));
                 }));
    server.Delete(R"(/api/routing-rules/(\d+))",
                  wrap("/api/routing-rules/{id}", [&routing](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "routing rule");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = routing.DeleteRule(*id, CurrentPrincipal().user_id); !st.ok()) {
                          return SendError(res, st);
                      }
                      SendJson(res, 200, {{"id", *id}, {"deleted", true}});
                  }));

    // ---- simulation, re-routing, history ----
    server.Post("/api/routing/simulate",
                wrap("/api/routing/simulate", [&routing](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"source", "government_code", "product_id", "on"});
                    app::RoutingSimulation q;
                    q.source = body.String("source", true).value_or("");
                    q.government_code = body.String("government_code", true).value_or("");
                    q.product_id = body.NullableId("product_id").value_or(0);
                    q.on = ReadDate(body, "on", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto sim = routing.Simulate(q);
                    if (!sim.ok()) return SendError(res, sim.status());
                    const auto& d = sim->decision;
                    SendJson(res, 200,
                             {{"user_id", IdOrNull(d.user_id)},
                              {"user_name", d.user_name},
                              {"rule_id", IdOrNull(d.rule_id)},
                              {"rule_name", sim->rule_name},
                              {"reason", d.reason},
                              {"skipped_absent", d.skipped_absent},
                              {"skipped_absent_names", sim->skipped_absent_names},
                              {"facts",
                               {{"government_kind", sim->facts.government.kind},
                                {"prefecture_code", sim->facts.government.prefecture_code},
                                {"population", OrNull(sim->facts.population)},
                                {"policy_domains", sim->facts.policy_domains}}}});
                }));
    server.Post("/api/routing/reroute",
                wrap("/api/routing/reroute", [&routing](const httplib::Request& req, httplib::Response& res) {
                    if (!req.body.empty()) {
                        BodyReader body(req.body, {});
                        if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    }
                    auto summary = routing.Reroute(CurrentPrincipal().user_id);
                    if (!summary.ok()) return SendError(res, summary.status());
                    json items = json::array();
                    for (const auto& r : summary->rerouted) {
                        items.push_back({{"lead_id", r.lead_id},
                                         {"from_user_id", r.from_user_id},
                                         {"to_user_id", r.to_user_id},
                                         {"reason", r.reason}});
                    }
                    SendJson(res, 200, {{"checked", summary->checked}, {"rerouted", items}});
                }));
    server.Get(
        R"(/api/leads/([^/]+)/assignments)",
        wrap("/api/leads/{id}/assignments", [&routing, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "lead");
            if (!id.ok()) return SendError(res, id.status());
            if (Status st = guard.CanReadLead(CurrentPrincipal(), *id); !st.ok()) {
                return SendError(res, st);
            }
            auto list = routing.Assignments(*id);
            if (!list.ok()) return SendError(res, list.status());
            json items = json::array();
            for (const auto& a : *list) items.push_back(AssignmentJson(a));
            SendJson(res, 200, {{"items", items}});
        }));
}

}  // namespace kyoso::api
