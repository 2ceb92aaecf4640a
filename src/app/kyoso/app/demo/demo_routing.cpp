#include <algorithm>
#include <map>
#include <set>

#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/app/routing/routing_service.hpp"
#include "kyoso/domain/division/routing.hpp"

namespace kyoso::app {

namespace {

// The demo's regional teams and the regions they cover (small and Japan scale).
const std::map<std::string, std::vector<std::string>>& RegionsOfTeams() {
    static const std::map<std::string, std::vector<std::string>> kTeams = {
        {"東日本チーム", {"hokkaido", "tohoku", "kanto", "chubu"}},
        {"西日本チーム", {"kinki", "chugoku", "shikoku", "kyushu_okinawa"}},
        {"北海道・東北チーム", {"hokkaido", "tohoku"}},
        {"関東チーム", {"kanto"}},
        {"中部チーム", {"chubu"}},
        {"近畿チーム", {"kinki"}},
        {"中国・四国チーム", {"chugoku", "shikoku"}},
        {"九州・沖縄チーム", {"kyushu_okinawa"}},
    };
    return kTeams;
}

constexpr const char* kCreatedAt = "2026-10-01T00:00:00Z";
constexpr const char* kWideTeam = "広域自治体チーム";
constexpr const char* kInsideTeam = "インサイドセールス部";
constexpr const char* kBousaiTeam = "防災スペシャリスト";
// At most this many leads of the absent BDR are re-routed (small and bounded at Japan scale).
constexpr size_t kMaxRerouted = 3;
// Routed history is recorded for at most this many open leads (newest first).
constexpr size_t kMaxRoutedHistory = 400;

}  // namespace

Status SeedDemoRouting(const DemoDivisionContext& ctx) {
    ports::Store& store = ctx.store;
    auto& repo = store.routing();
    const Date as_of = ctx.options.as_of;
    ctx.progress.Report("routing", 0, 2);

    // Teams: the demo inserts users after the migrations, so make the rows here.
    auto added = repo.SyncTeamsFromUsers(kCreatedAt);
    if (!added.ok()) return added.status();
    auto teams = repo.ListTeams();
    if (!teams.ok()) return teams.status();
    std::map<std::string, long long> team_id;
    for (const auto& t : *teams) team_id[t.name] = t.id;
    auto users = repo.ListUsers();
    if (!users.ok()) return users.status();
    // The demo's sign-in users are the first of each role (docs/demo-data.md): absences and
    // the specialist are taken from the end of a team, so sign-ins keep their leads.
    auto last_of = [&](const std::string& team, const std::string& role, long long skip) -> long long {
        for (auto it = users->rbegin(); it != users->rend(); ++it) {
            if (it->team == team && it->role == role && it->user_id != skip) return it->user_id;
        }
        return 0;
    };

    // Territories: regional teams by region; the wide-area team by kind.
    for (const auto& [name, regions] : RegionsOfTeams()) {
        if (!team_id.count(name)) continue;
        for (const auto& r : regions) {
            domain::Territory t;
            t.team_id = team_id[name];
            t.region = r;
            if (auto id = repo.InsertTerritory(t); !id.ok()) return id.status();
        }
    }
    if (team_id.count(kWideTeam)) {
        for (const char* kind : {"prefecture", "designated_city"}) {
            domain::Territory t;
            t.team_id = team_id[kWideTeam];
            t.government_kind = kind;
            if (auto id = repo.InsertTerritory(t); !id.ok()) return id.status();
        }
    }

    // The 防災 specialist: a field sales person of the first regional team, named owner of
    // 防災 leads from towns and villages; the specialist team's territory is 防災 anywhere.
    std::string east = team_id.count("東日本チーム") ? "東日本チーム" : "関東チーム";
    const long long specialist = last_of(east, "field_sales", 0);
    ports::Team bousai;
    bousai.name = kBousaiTeam;
    bousai.role = "field_sales";
    bousai.created_at = kCreatedAt;
    auto bousai_id = repo.InsertTeam(bousai);
    if (!bousai_id.ok()) return bousai_id.status();
    {
        domain::Territory t;
        t.team_id = *bousai_id;
        t.user_id = specialist;
        t.policy_domain = "防災";
        if (auto id = repo.InsertTerritory(t); !id.ok()) return id.status();
    }

    // Rules, in order.
    std::vector<ports::RoutingRuleRecord> rules;
    auto rule = [&](std::string name, domain::RoutingConditions c, long long team, std::string strategy,
                    long long owner, int reroute_days) {
        ports::RoutingRuleRecord r;
        r.position = static_cast<int>(rules.size()) + 1;
        r.name = std::move(name);
        r.conditions = std::move(c);
        r.team_id = team;
        r.strategy = std::move(strategy);
        r.owner_id = owner;
        r.reroute_after_business_days = reroute_days;
        rules.push_back(std::move(r));
    };
    if (team_id.count(kWideTeam)) {
        domain::RoutingConditions c;
        c.government_kinds = {"prefecture", "designated_city"};
        rule("広域自治体は広域チームへ", c, team_id[kWideTeam], "least_open", 0, 3);
    }
    if (specialist) {
        domain::RoutingConditions c;
        c.policy_domains = {"防災"};
        c.government_kinds = {"town", "village"};
        rule("防災の町村は防災スペシャリストへ", c, *bousai_id, "named_owner", specialist, 5);
    }
    for (const auto& [name, regions] : RegionsOfTeams()) {
        if (!team_id.count(name)) continue;
        domain::RoutingConditions c;
        c.sources = {"notice"};
        c.in_team_territory = true;
        rule("入札公告は地域チームへ（" + name + "）", c, team_id[name], "round_robin", 0, 3);
    }
    long long bdr_rule_position = 0;
    std::vector<ports::RoutingWeight> bdr_weights;
    if (team_id.count(kInsideTeam)) {
        domain::RoutingConditions c;
        c.sources = {"seminar", "inquiry", "notice", "referral"};
        rule("リードはまずBDRへ", c, team_id[kInsideTeam], "round_robin", 0, 3);
        bdr_rule_position = static_cast<long long>(rules.size());
        // BDRs share the rule's leads 2:2:1:1...; inside sales take none (weight 0).
        int bdr_index = 0;
        for (const auto& u : *users) {
            if (u.team != kInsideTeam) continue;
            int weight = 0;
            if (u.role == "bdr") weight = bdr_index++ < 2 ? 2 : 1;
            bdr_weights.push_back({0, 0, u.user_id, weight});
        }
    }
    std::vector<long long> rule_ids;
    for (auto& r : rules) {
        auto id = repo.InsertRule(r);
        if (!id.ok()) return id.status();
        r.id = *id;
        rule_ids.push_back(*id);
    }
    long long bdr_rule_id = 0;
    if (bdr_rule_position) {
        bdr_rule_id = rule_ids[static_cast<size_t>(bdr_rule_position - 1)];
        KYOSO_RETURN_IF_ERROR(repo.ReplaceWeights(bdr_rule_id, 0, bdr_weights));
    }

    // Absences: a BDR on leave across as_of (long enough to re-route), a short 研修 and the
    // 防災 specialist's sick leave around the end of November.
    const long long absent_bdr = last_of(kInsideTeam, "bdr", 0);
    const long long trainee = last_of(east, "field_sales", specialist);
    struct Leave {
        long long user;
        Date from, to;
        const char* reason;
    };
    const Leave leaves[] = {
        {absent_bdr, AddDays(as_of, -13), AddDays(as_of, 19), "育児休業"},
        {trainee, MakeDate(2026, 11, 25), MakeDate(2026, 11, 27), "研修"},
        {specialist, MakeDate(2026, 11, 26), MakeDate(2026, 12, 11), "病気休暇"},
    };
    for (const auto& l : leaves) {
        if (!l.user) continue;
        ports::Absence a;
        a.user_id = l.user;
        a.starts_on = l.from;
        a.ends_on = l.to;
        a.reason = l.reason;
        a.created_at = kCreatedAt;
        if (auto id = repo.InsertAbsence(a); !id.ok()) return id.status();
    }

    // Routed history: open leads whose first matching rule is the BDR rule carry a
    // "routed" assignment to their (BDR) owner with that rule's reason.
    auto input = LoadRoutingInput(store, as_of);
    if (!input.ok()) return input.status();
    ports::LeadQuery q;
    q.limit = static_cast<int>(kMaxRoutedHistory);
    q.sort.field = "id";
    q.sort.descending = true;
    std::vector<domain::Lead> open;
    for (const char* status : {"new", "working", "qualified"}) {
        q.status = status;
        auto page = store.leads().List(q);
        if (!page.ok()) return page.status();
        open.insert(open.end(), page->items.begin(), page->items.end());
    }
    std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
    if (open.size() > kMaxRoutedHistory) open.resize(kMaxRoutedHistory);
    std::sort(open.begin(), open.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    int routed = 0;
    for (const auto& lead : open) {
        if (!bdr_rule_id || !lead.owner_id) continue;
        auto facts = LeadFactsOf(store, lead.source, lead.government_code, lead.product_id);
        if (!facts.ok()) return facts.status();
        const domain::RoutingRule* first = nullptr;
        for (const auto& r : input->rules) {
            const auto& team = input->teams[r.team_id];
            if (r.active && domain::RuleMatches(r, *facts, team.territories)) {
                first = &r;
                break;
            }
        }
        if (!first || first->id != bdr_rule_id) continue;
        ports::LeadAssignment a;
        a.lead_id = lead.id;
        a.user_id = lead.owner_id;
        a.rule_id = bdr_rule_id;
        a.kind = "routed";
        a.reason = "ルール" + std::to_string(first->position) + ": " + domain::DescribeConditionsJa(first->conditions) +
                   " → " + first->team_name + "（重み付きラウンドロビン）";
        a.assigned_on = lead.created_on;
        a.created_at = kCreatedAt;
        if (auto id = repo.InsertAssignment(a); !id.ok()) return id.status();
        ++routed;
    }

    // Re-routing on as_of: the absent BDR's open leads (at most kMaxRerouted) go to the
    // other BDRs by the BDR rule (BDR leads stay with BDRs), recorded as "rerouted".
    int rerouted = 0;
    if (absent_bdr && bdr_rule_id) {
        std::vector<domain::RoutingRule> only_bdr;
        for (const auto& r : input->rules) {
            if (r.id == bdr_rule_id) only_bdr.push_back(r);
        }
        input->rules = only_bdr;
        auto leads = repo.OpenLeadsOwnedBy({absent_bdr});
        if (!leads.ok()) return leads.status();
        for (long long lead_id : *leads) {
            if (static_cast<size_t>(rerouted) >= kMaxRerouted) break;
            auto lead = store.leads().Get(lead_id);
            if (!lead.ok()) return lead.status();
            auto facts = LeadFactsOf(store, lead->source, lead->government_code, lead->product_id);
            if (!facts.ok()) return facts.status();
            input->lead = *facts;
            input->excluded_users = {absent_bdr};
            const domain::RoutingDecision d = domain::RouteLead(*input);
            if (!d.user_id) continue;
            ports::LeadAssignment a;
            a.lead_id = lead_id;
            a.user_id = d.user_id;
            a.previous_user_id = absent_bdr;
            a.rule_id = d.rule_id;
            a.kind = "rerouted";
            const Date until = leaves[0].to;
            const std::string iso = FormatIsoDate(until);
            a.reason = "担当者不在（" + std::to_string(std::stoi(iso.substr(5, 2))) + "/" +
                       std::to_string(std::stoi(iso.substr(8, 2))) + "まで）のため再割当: " + d.reason;
            a.assigned_on = as_of;
            a.created_at = kCreatedAt;
            KYOSO_RETURN_IF_ERROR(repo.SetLeadOwner(lead_id, d.user_id));
            if (auto id = repo.InsertAssignment(a); !id.ok()) return id.status();
            if (d.round_robin_after) {
                input->round_robin[d.rule_id] = *d.round_robin_after;
                KYOSO_RETURN_IF_ERROR(repo.SaveRoundRobin(d.rule_id, *d.round_robin_after));
            }
            ++rerouted;
        }
    }
    ctx.progress.Report("routing", 2, 2);
    return Status::Ok();
}

}  // namespace kyoso::app
