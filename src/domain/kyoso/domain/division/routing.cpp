#include "kyoso/domain/division/routing.hpp"

#include <algorithm>

#include "kyoso/domain/government/government.hpp"

namespace kyoso::domain {

namespace {

template <typename T>
bool Contains(const std::vector<T>& list, const T& v) {
    return std::find(list.begin(), list.end(), v) != list.end();
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::string SourceLabelJa(const std::string& s) {
    if (s == "seminar") return "セミナー";
    if (s == "inquiry") return "問い合わせ";
    if (s == "notice") return "入札公告";
    if (s == "referral") return "紹介";
    return s;
}

std::string KindsLabelJa(const std::vector<std::string>& kinds) {
    std::vector<std::string> sorted = kinds;
    std::sort(sorted.begin(), sorted.end());
    if (sorted == std::vector<std::string>{"town", "village"}) return "町村";
    std::vector<std::string> labels;
    for (const auto& k : kinds) {
        auto kind = KindFromSlug(k);
        labels.push_back(kind ? std::string(KindLabelJa(*kind)) : k);
    }
    return Join(labels, "・");
}

// The pool of a rule: members not excluded with a positive weight (rule weight first).
struct Pool {
    std::vector<const RoutingCandidate*> available;
    std::vector<const RoutingCandidate*> absent;
};

Pool PoolOf(const RoutingInput& in, const RoutingRule& rule, const RoutingTeam& team,
            std::map<long long, int>* weights) {
    Pool pool;
    std::vector<const RoutingCandidate*> members;
    for (const auto& m : team.members) members.push_back(&m);
    std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->user_id < b->user_id; });
    const auto rw = in.rule_weights.find(rule.id);
    for (const RoutingCandidate* m : members) {
        if (in.excluded_users.count(m->user_id)) continue;
        int w = m->weight;
        if (rw != in.rule_weights.end()) {
            if (auto it = rw->second.find(m->user_id); it != rw->second.end()) w = it->second;
        }
        if (w <= 0) continue;
        (*weights)[m->user_id] = w;
        (m->absent ? pool.absent : pool.available).push_back(m);
    }
    return pool;
}

std::string NamesOf(const std::vector<const RoutingCandidate*>& people) {
    std::vector<std::string> names;
    for (auto* p : people) names.push_back(p->name.empty() ? "#" + std::to_string(p->user_id) : p->name);
    return Join(names, "、");
}

}  // namespace

std::string_view RoutingStrategySlug(RoutingStrategy s) {
    switch (s) {
        case RoutingStrategy::kRoundRobin:
            return "round_robin";
        case RoutingStrategy::kLeastOpen:
            return "least_open";
        case RoutingStrategy::kNamedOwner:
            return "named_owner";
    }
    return "round_robin";
}

std::optional<RoutingStrategy> RoutingStrategyFromSlug(std::string_view slug) {
    if (slug == "round_robin") return RoutingStrategy::kRoundRobin;
    if (slug == "least_open") return RoutingStrategy::kLeastOpen;
    if (slug == "named_owner") return RoutingStrategy::kNamedOwner;
    return std::nullopt;
}

std::string_view RoutingStrategyLabelJa(RoutingStrategy s) {
    switch (s) {
        case RoutingStrategy::kRoundRobin:
            return "重み付きラウンドロビン";
        case RoutingStrategy::kLeastOpen:
            return "担当件数最少";
        case RoutingStrategy::kNamedOwner:
            return "指名担当";
    }
    return "";
}

std::string DescribeConditionsJa(const RoutingConditions& c) {
    std::vector<std::string> parts;
    if (!c.policy_domains.empty()) parts.push_back(Join(c.policy_domains, "・"));
    if (!c.government_kinds.empty()) parts.push_back(KindsLabelJa(c.government_kinds));
    if (!c.prefectures.empty() || !c.regions.empty()) {
        std::vector<std::string> places;
        for (const auto& r : c.regions) {
            const Region* region = RegionBySlug(r);
            places.push_back(region ? std::string(region->label_ja) : r);
        }
        for (const auto& p : c.prefectures) places.push_back("都道府県" + p);
        parts.push_back(Join(places, "・"));
    }
    if (!c.population_bands.empty()) {
        std::vector<std::string> bands;
        for (const auto& b : c.population_bands) bands.push_back(PopulationBandLabelJa(b));
        parts.push_back(Join(bands, "・"));
    }
    if (!c.sources.empty()) {
        std::vector<std::string> sources;
        for (const auto& s : c.sources) sources.push_back(SourceLabelJa(s));
        parts.push_back(Join(sources, "・"));
    }
    if (!c.product_ids.empty()) {
        std::vector<std::string> ids;
        for (long long id : c.product_ids) ids.push_back("製品#" + std::to_string(id));
        parts.push_back(Join(ids, "・"));
    }
    if (c.in_team_territory) parts.push_back("担当地域内");
    return parts.empty() ? "すべて" : Join(parts, " × ");
}

bool RuleMatches(const RoutingRule& rule, const LeadFacts& lead, const std::vector<Territory>& team_territories) {
    const RoutingConditions& c = rule.conditions;
    if (!c.sources.empty() && !Contains(c.sources, lead.source)) return false;
    if (!c.government_kinds.empty() && !Contains(c.government_kinds, lead.government.kind)) return false;
    if (!c.prefectures.empty() || !c.regions.empty()) {
        const Region* region = RegionOfPrefecture(lead.government.prefecture_code);
        const bool in_pref = Contains(c.prefectures, lead.government.prefecture_code);
        const bool in_region = region && Contains(c.regions, std::string(region->slug));
        if (!in_pref && !in_region) return false;
    }
    if (!c.policy_domains.empty()) {
        bool any = false;
        for (const auto& d : lead.policy_domains) any = any || Contains(c.policy_domains, d);
        if (!any) return false;
    }
    if (!c.population_bands.empty()) {
        auto band = PopulationBandSlug(lead.population);
        if (!band || !Contains(c.population_bands, *band)) return false;
    }
    if (!c.product_ids.empty() && !Contains(c.product_ids, lead.product_id)) return false;
    if (c.in_team_territory) {
        bool covered = false;
        for (const auto& t : team_territories) {
            if (t.user_id == 0 && TerritoryCoversAny(t, lead.government, lead.policy_domains)) covered = true;
        }
        if (!covered) return false;
    }
    return true;
}

long long SmoothWeightedPick(const std::vector<std::pair<long long, int>>& pool, RoundRobinState* state) {
    long long total = 0;
    long long best = 0;
    long long best_current = 0;
    for (const auto& [user, weight] : pool) {
        long long& current = (*state)[user];
        current += weight;
        total += weight;
        if (best == 0 || current > best_current) {
            best = user;
            best_current = current;
        }
    }
    if (best != 0) (*state)[best] -= total;
    return best;
}

RoutingDecision RouteLead(const RoutingInput& in) {
    RoutingDecision out;
    std::vector<std::string> passed;  // rules that matched but had nobody available
    std::vector<RoutingRule> rules = in.rules;
    std::stable_sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.position < b.position; });
    static const RoutingTeam kNoTeam;
    for (const RoutingRule& rule : rules) {
        if (!rule.active) continue;
        auto team_it = in.teams.find(rule.team_id);
        const RoutingTeam& team = team_it == in.teams.end() ? kNoTeam : team_it->second;
        if (!RuleMatches(rule, in.lead, team.territories)) continue;
        const std::string team_name = rule.team_name.empty() ? team.name : rule.team_name;
        const std::string head =
            "ルール" + std::to_string(rule.position) + ": " + DescribeConditionsJa(rule.conditions) + " → " + team_name;

        std::map<long long, int> weights;
        Pool pool = PoolOf(in, rule, team, &weights);
        const RoutingCandidate* chosen = nullptr;
        std::string how;
        std::optional<RoundRobinState> rr_after;
        auto round_robin = [&]() {
            if (pool.available.empty()) return;
            std::vector<std::pair<long long, int>> pairs;
            for (auto* m : pool.available) pairs.emplace_back(m->user_id, weights[m->user_id]);
            RoundRobinState state;
            if (auto it = in.round_robin.find(rule.id); it != in.round_robin.end()) state = it->second;
            const long long pick = SmoothWeightedPick(pairs, &state);
            for (auto* m : pool.available) {
                if (m->user_id == pick) chosen = m;
            }
            rr_after = std::move(state);
        };
        switch (rule.strategy) {
            case RoutingStrategy::kRoundRobin:
                round_robin();
                how = "重み付きラウンドロビン";
                break;
            case RoutingStrategy::kLeastOpen: {
                for (auto* m : pool.available) {  // in user-id order: ties keep the lowest id
                    if (!chosen || m->open_work < chosen->open_work) chosen = m;
                }
                if (chosen) how = "担当件数最少: " + std::to_string(chosen->open_work) + "件";
                break;
            }
            case RoutingStrategy::kNamedOwner: {
                // The named owner takes every lead of the rule; when absent (or excluded),
                // the team's available members share them by weighted round robin.
                const RoutingCandidate* owner = nullptr;
                for (const auto& m : team.members) {
                    if (m.user_id == rule.owner_id) owner = &m;
                }
                if (owner && !owner->absent && !in.excluded_users.count(owner->user_id)) {
                    chosen = owner;
                    how = "指名担当";
                } else {
                    round_robin();
                    std::string who = owner ? owner->name : "#" + std::to_string(rule.owner_id);
                    how = "指名担当 " + who + " 不在のため重み付きラウンドロビン";
                }
                break;
            }
        }
        if (!chosen) {
            passed.push_back("ルール" + std::to_string(rule.position) + ": " + team_name + "は全員不在");
            continue;
        }
        out.user_id = chosen->user_id;
        out.user_name = chosen->name;
        out.rule_id = rule.id;
        out.reroute_after_business_days = rule.reroute_after_business_days;
        for (auto* m : pool.absent) out.skipped_absent.push_back(m->user_id);
        out.reason = head + "（" + how + "）";
        if (!pool.absent.empty()) out.reason += "／不在のため除外: " + NamesOf(pool.absent);
        if (!passed.empty()) out.reason += "／" + Join(passed, "、");
        out.round_robin_after = std::move(rr_after);
        return out;
    }
    out.reason = "該当ルールなし";
    if (!passed.empty()) out.reason += "（" + Join(passed, "、") + "）";
    return out;
}

}  // namespace kyoso::domain
