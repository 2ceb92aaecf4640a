#include "kyoso/app/nba/nba_service.hpp"

#include <algorithm>
#include <set>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/deal/deal_parts.hpp"
#include "kyoso/domain/division/territory.hpp"
#include "kyoso/domain/fiscal/deal_deadline.hpp"
#include "kyoso/domain/government/government.hpp"
#include "kyoso/domain/pipeline/stage.hpp"
#include "kyoso/domain/similarity/similarity.hpp"

namespace kyoso::app {

namespace nba = domain::nba;
namespace sim = domain::similarity;

namespace {

constexpr int kDealNeighbours = 10;      // neighbours whose adoption a deal's case rule reads
constexpr int kAdoptionNeighbours = 20;  // neighbours the adoption table lists

// "Who like this government uses P" compares profiles only: with the adoption term a
// government that has not bought P would find the adopters of P farther away.
sim::DistanceWeights ProfileOnly() {
    sim::DistanceWeights w;
    w.adoption = 0;
    return w;
}

bool IsClosed(const ports::NbaDealRow& d) { return d.stage == "won" || d.stage == "lost" || d.stage == "deferred"; }

std::string OutcomeJa(const std::string& stage) {
    if (stage == "won") return "受注";
    if (stage == "lost") return "失注";
    if (stage == "deferred") return "見送り";
    return "商談中";
}

Date DateOr(const std::string& text, Date fallback) { return ParseIsoDate(text).value_or(fallback); }

}  // namespace

// Everything one request reads, loaded once (the similar-government space included).
struct NbaService::World {
    Date today{};
    std::vector<ports::NbaGovernmentRow> govs;
    std::map<std::string, size_t> gov_index;
    // The similarity space over every government except 行政区 (wards are parts of cities).
    std::vector<sim::Point> points;
    std::vector<std::string> codes;  // parallel to points
    std::vector<size_t> point_gov;   // point → govs index
    std::map<std::string, size_t> point_of;
    std::vector<size_t> candidates;  // 0..points.size()-1
    std::vector<ports::NbaDealRow> deals;
    std::map<long long, size_t> deal_index;
    std::map<long long, std::vector<long long>> team;
    std::map<long long, std::string> last_by_deal;
    std::map<std::string, std::string> last_by_gov;
    std::map<long long, std::string> last_by_official;
    std::map<long long, std::vector<std::pair<long long, std::string>>> successors;
    std::vector<ports::NbaHandoffRow> handoffs;
    std::vector<ports::NbaTaskRow> overdue;
    std::vector<ports::NbaLeadRow> leads;
    std::map<std::pair<std::string, long long>, std::vector<size_t>> deals_by_gov_product;
    std::map<std::string, std::vector<long long>> won_products;
    std::map<long long, std::string> product_names;
    std::map<std::string, std::vector<domain::MilestoneOverride>> overrides;

    const ports::NbaGovernmentRow* Gov(const std::string& code) const {
        auto it = gov_index.find(code);
        return it == gov_index.end() ? nullptr : &govs[it->second];
    }
    bool WonBy(const ports::NbaDealRow& d) const {
        return d.stage == "won" && !d.closed_on.empty() && DateOr(d.closed_on, today) <= today;
    }
    // The nearest `k` governments to `code` (excluding wards and the government itself).
    std::vector<sim::Neighbour> Nearest(const std::string& code, size_t k, const sim::DistanceWeights& wt = {}) const {
        auto it = point_of.find(code);
        if (it == point_of.end()) return {};
        return sim::Nearest(points, codes, it->second, candidates, k, wt);
    }
    // Same 類似団体 group as `code` (excluding it), with their distances.
    std::vector<sim::Neighbour> SameGroup(const std::string& code, const sim::DistanceWeights& wt = {}) const {
        auto it = point_of.find(code);
        const auto* g = Gov(code);
        if (it == point_of.end() || !g || g->similar_group.empty()) return {};
        std::vector<size_t> members;
        for (size_t i = 0; i < points.size(); ++i) {
            if (i != it->second && govs[point_gov[i]].similar_group == g->similar_group) members.push_back(i);
        }
        return sim::Nearest(points, codes, it->second, members, members.size(), wt);
    }
};

Result<std::shared_ptr<NbaService::World>> NbaService::Load() {
    auto w = std::make_shared<World>();
    w->today = clock_.Today();
    auto& repo = store_.nba();
    auto govs = repo.Governments();
    if (!govs.ok()) return govs.status();
    w->govs = std::move(*govs);
    for (size_t i = 0; i < w->govs.size(); ++i) w->gov_index[w->govs[i].code] = i;
    auto deals = repo.Deals();
    if (!deals.ok()) return deals.status();
    w->deals = std::move(*deals);
    for (size_t i = 0; i < w->deals.size(); ++i) {
        const auto& d = w->deals[i];
        w->deal_index[d.id] = i;
        w->deals_by_gov_product[{d.government_code, d.product_id}].push_back(i);
        w->product_names[d.product_id] = d.product_name;
        if (w->WonBy(d)) w->won_products[d.government_code].push_back(d.product_id);
    }
    std::vector<sim::GovernmentProfile> profiles;
    for (size_t i = 0; i < w->govs.size(); ++i) {
        const auto& g = w->govs[i];
        if (g.kind == "ward") continue;
        const auto* region = domain::RegionOfPrefecture(g.prefecture_code);
        sim::GovernmentProfile p{
            g.code, g.kind, region ? std::string(region->slug) : "", g.population, g.fiscal_strength_index, {}};
        if (auto it = w->won_products.find(g.code); it != w->won_products.end()) p.products = it->second;
        w->point_of[g.code] = profiles.size();
        w->codes.push_back(g.code);
        w->point_gov.push_back(i);
        profiles.push_back(std::move(p));
    }
    w->points = sim::Standardise(profiles);
    w->candidates.resize(w->points.size());
    for (size_t i = 0; i < w->candidates.size(); ++i) w->candidates[i] = i;
    return w;
}

Result<SimilarResult> NbaService::Similar(const std::string& code, int limit) {
    if (limit < 1 || limit > 50) return InvalidArgument("limit must be 1-50", {{"limit", "1-50"}});
    auto loaded = Load();
    if (!loaded.ok()) return loaded.status();
    World& w = **loaded;
    const auto* target = w.Gov(code);
    if (!target) return NotFound("no government with code '" + code + "'");
    auto pit = w.point_of.find(code);
    if (pit == w.point_of.end()) {
        return InvalidArgument("a ward (行政区) is part of its designated city: ask for the city",
                               {{"code", "not a ward"}});
    }
    auto view = [&](size_t point, double distance) {
        const auto& g = w.govs[w.point_gov[point]];
        SimilarGovernment s;
        s.code = g.code;
        s.name = g.name;
        s.kind = g.kind;
        s.prefecture_code = g.prefecture_code;
        s.region = w.points[point].region;
        s.population = g.population;
        s.fiscal_strength_index = g.fiscal_strength_index;
        s.fiscal_imputed = w.points[point].fiscal_imputed;
        s.similar_group = g.similar_group;
        s.distance = distance;
        for (long long pid : w.points[point].products) s.adopted_products.push_back(w.product_names[pid]);
        return s;
    };
    SimilarResult out;
    out.target = view(pit->second, 0);
    out.compared = static_cast<int>(w.points.size()) - 1;
    for (const auto& n : w.Nearest(code, static_cast<size_t>(limit)))
        out.neighbours.push_back(view(n.index, n.distance));
    const auto group = w.SameGroup(code);
    out.same_group_total = static_cast<int>(group.size());
    for (size_t i = 0; i < group.size() && i < static_cast<size_t>(limit); ++i) {
        out.same_group.push_back(view(group[i].index, group[i].distance));
    }
    return out;
}

Result<AdoptionResult> NbaService::Adoption(const Principal& p, const std::string& code, long long product_id) {
    auto loaded = Load();
    if (!loaded.ok()) return loaded.status();
    World& w = **loaded;
    const auto* target = w.Gov(code);
    if (!target) return NotFound("no government with code '" + code + "'");
    auto pname = w.product_names.find(product_id);
    if (pname == w.product_names.end()) {
        auto product = store_.products().Get(product_id);
        if (!product.ok()) return product.status();
        w.product_names[product_id] = product->name;
        pname = w.product_names.find(product_id);
    }
    AdoptionResult out;
    out.government_code = code;
    out.government_name = target->name;
    out.product_id = product_id;
    out.product_name = pname->second;
    struct Near {
        double distance = 0;
        bool neighbour = false;
        bool group = false;
    };
    std::map<std::string, Near> near;
    for (const auto& n : w.Nearest(code, kAdoptionNeighbours, ProfileOnly())) {
        auto& e = near[w.codes[n.index]];
        e.distance = n.distance;
        e.neighbour = true;
    }
    for (const auto& n : w.SameGroup(code, ProfileOnly())) {
        auto& e = near[w.codes[n.index]];
        e.distance = n.distance;
        e.group = true;
    }
    auto team = store_.nba().DealTeam();
    if (!team.ok()) return team.status();
    for (const auto& [deal, user] : *team) w.team[deal].push_back(user);
    const bool amount_hidden = authorizer_.FieldHidden(p, domain::RecordKind::kDeal, "amount") ||
                               authorizer_.FieldHidden(p, domain::RecordKind::kDeal, "award_amount");
    for (const auto& [gcode, e] : near) {
        auto it = w.deals_by_gov_product.find({gcode, product_id});
        if (it == w.deals_by_gov_product.end()) continue;
        for (size_t di : it->second) {
            const auto& d = w.deals[di];
            if (DateOr(d.created_on, w.today) > w.today) continue;
            const bool closed = IsClosed(d) && !d.closed_on.empty() && DateOr(d.closed_on, w.today) <= w.today;
            AdoptionRow r;
            r.government_code = gcode;
            r.government_name = w.Gov(gcode)->name;
            r.neighbour = e.neighbour;
            r.similar_group = e.group;
            r.distance = e.distance;
            r.outcome = closed ? d.stage : "open";
            r.outcome_ja = OutcomeJa(r.outcome);
            r.fiscal_year = d.fiscal_year;
            r.closed_on = closed ? d.closed_on : "";
            RecordRef ref{domain::RecordKind::kDeal, d.owner_id, d.government_code, w.team[d.id]};
            r.restricted = !authorizer_.CanRead(p, ref);
            if (!r.restricted) {
                r.deal_id = d.id;
                r.title = d.title;
                if (!amount_hidden) r.amount = (r.outcome == "won" && d.award_amount) ? *d.award_amount : d.amount;
                if (r.outcome == "won") {
                    auto metrics = store_.kpis().MetricsOfDeal(d.id);
                    if (!metrics.ok()) return metrics.status();
                    for (const auto& m : *metrics) {
                        AdoptionOutcome o{m.name, m.unit, m.direction, m.baseline, m.target, std::nullopt, ""};
                        auto values = store_.kpis().MeasurementsOf({m.id});
                        if (!values.ok()) return values.status();
                        for (const auto& v : *values) {
                            if (DateOr(v.measured_on, w.today) > w.today) continue;
                            o.latest = v.value;
                            o.latest_on = v.measured_on;
                        }
                        r.outcomes.push_back(std::move(o));
                    }
                }
            }
            if (r.outcome == "won") ++out.won;
            if (r.outcome == "lost") ++out.lost;
            if (r.outcome == "deferred") ++out.deferred;
            if (r.outcome == "open") ++out.open;
            out.rows.push_back(std::move(r));
        }
    }
    auto rank = [](const std::string& o) { return o == "won" ? 0 : o == "open" ? 1 : o == "lost" ? 2 : 3; };
    std::sort(out.rows.begin(), out.rows.end(), [&](const AdoptionRow& a, const AdoptionRow& b) {
        if (rank(a.outcome) != rank(b.outcome)) return rank(a.outcome) < rank(b.outcome);
        if (a.distance != b.distance) return a.distance < b.distance;
        if (a.government_code != b.government_code) return a.government_code < b.government_code;
        return a.fiscal_year > b.fiscal_year;
    });
    return out;
}

Result<NextActionsResult> NbaService::Build(const Principal& p, World& w, const std::vector<long long>& deal_ids,
                                            const std::vector<std::string>& government_codes, bool tasks_on_deals,
                                            int limit, std::string scope) {
    // Pre-load the extra facts the rules read.
    auto& repo = store_.nba();
    auto team = repo.DealTeam();
    if (!team.ok()) return team.status();
    for (const auto& [deal, user] : *team) w.team[deal].push_back(user);
    auto by_deal = repo.LastActivityByDeal();
    if (!by_deal.ok()) return by_deal.status();
    for (auto& [k, v] : *by_deal) w.last_by_deal[k] = v;
    auto by_gov = repo.LastActivityByGovernment();
    if (!by_gov.ok()) return by_gov.status();
    for (auto& [k, v] : *by_gov) w.last_by_gov[k] = v;
    auto by_off = repo.LastActivityByOfficial();
    if (!by_off.ok()) return by_off.status();
    for (auto& [k, v] : *by_off) w.last_by_official[k] = v;
    auto succ = repo.Successions();
    if (!succ.ok()) return succ.status();
    for (auto& [pred, next, on] : *succ) w.successors[pred].emplace_back(next, on);
    auto handoffs = repo.PendingHandoffs();
    if (!handoffs.ok()) return handoffs.status();
    w.handoffs = std::move(*handoffs);
    auto tasks = repo.OpenTasksDueBefore(FormatIsoDate(w.today));
    if (!tasks.ok()) return tasks.status();
    w.overdue = std::move(*tasks);

    const bool sees_all_handoffs = p.role == domain::AccessRole::kAdmin || p.role == domain::AccessRole::kManager;
    auto handoff_facts = [&](const ports::NbaHandoffRow& h) {
        const Date due = DateOr(h.due_on, w.today);
        return nba::HandoffFact{h.id, h.kind, due, business_days_.BusinessDaysBetween(w.today, due), w.today > due};
    };
    auto adopters_for = [&](const std::string& code, long long product_id) {
        std::vector<nba::AdopterFact> out;
        std::map<std::string, double> near;
        for (const auto& n : w.Nearest(code, kDealNeighbours, ProfileOnly())) near[w.codes[n.index]] = n.distance;
        for (const auto& n : w.SameGroup(code, ProfileOnly())) near[w.codes[n.index]] = n.distance;
        for (const auto& [gcode, distance] : near) {
            auto it = w.deals_by_gov_product.find({gcode, product_id});
            if (it == w.deals_by_gov_product.end()) continue;
            std::optional<Date> won_on;
            for (size_t di : it->second) {
                if (w.WonBy(w.deals[di]))
                    won_on = std::max(won_on.value_or(Date{}), DateOr(w.deals[di].closed_on, w.today));
            }
            if (won_on) out.push_back({gcode, w.Gov(gcode)->name, distance, *won_on});
        }
        std::sort(out.begin(), out.end(), [](const nba::AdopterFact& a, const nba::AdopterFact& b) {
            return a.distance != b.distance ? a.distance < b.distance : a.code < b.code;
        });
        return out;
    };
    auto overrides_of = [&](const std::string& code) -> Result<const std::vector<domain::MilestoneOverride>*> {
        auto it = w.overrides.find(code);
        if (it == w.overrides.end()) {
            auto list = store_.governments().ListMilestoneOverrides(code);
            if (!list.ok()) return list.status();
            it = w.overrides.emplace(code, std::move(*list)).first;
        }
        return &it->second;
    };

    // Model factors, once for all the deals.
    NextActionsResult out;
    out.scope = std::move(scope);
    std::map<long long, std::vector<nba::FactorFact>> factors;
    if (!scorer_) {
        out.model_note = "勝率モデル未接続（DealScorer なし）: モデル要因のルールは省略";
    } else if (!deal_ids.empty()) {
        auto add = [&](const DealWinScore& s) {
            for (const auto& f : s.factors.negative) factors[s.deal_id].push_back({f.key, f.label_ja, f.contribution});
        };
        if (deal_ids.size() == 1) {
            auto s = scorer_->ScoreDeal(deal_ids.front(), w.today, true);
            if (s.ok()) add(*s);
            if (!s.ok()) out.model_note = "勝率モデルを利用できません: " + s.status().message();
        } else {
            auto all = scorer_->ScoreOpenDeals(w.today, true);
            if (all.ok()) {
                for (const auto& s : *all) add(s);
            } else {
                out.model_note = "勝率モデルを利用できません: " + all.status().message();
            }
        }
        out.model_used = out.model_note.empty();
    }

    // Officials the rotation rule needs: champions and every successor.
    std::vector<long long> official_ids;
    for (long long id : deal_ids) {
        const auto& d = w.deals[w.deal_index[id]];
        if (d.champion_id) official_ids.push_back(*d.champion_id);
    }
    for (const auto& [pred, list] : w.successors) {
        for (const auto& s : list) official_ids.push_back(s.first);
    }
    std::sort(official_ids.begin(), official_ids.end());
    official_ids.erase(std::unique(official_ids.begin(), official_ids.end()), official_ids.end());
    std::map<long long, ports::NbaOfficialRow> officials;
    if (!deal_ids.empty()) {
        auto rows = repo.Officials(official_ids);
        if (!rows.ok()) return rows.status();
        for (auto& o : *rows) officials[o.id] = std::move(o);
    }

    std::vector<nba::Action> actions;
    for (long long id : deal_ids) {
        const auto& d = w.deals[w.deal_index[id]];
        const auto* g = w.Gov(d.government_code);
        nba::RecordFacts f;
        f.record_kind = "deal";
        f.record_id = std::to_string(d.id);
        f.deal_id = d.id;
        f.government_code = d.government_code;
        f.government_name = g ? g->name : "";
        f.title = d.title;
        f.product_name = d.product_name;
        f.today = w.today;
        // Budget calendar.
        auto stage = domain::StageFromSlug(d.stage);
        auto budget = domain::BudgetStatusFromSlug(d.budget_status);
        auto kind = domain::KindFromSlug(g ? g->kind : "city");
        if (stage && budget && kind) {
            auto ov = overrides_of(d.government_code);
            if (!ov.ok()) return ov.status();
            auto dl =
                domain::ComputeDealDeadline({*stage, *budget, d.fiscal_year}, w.today, *kind, **ov, business_days_);
            if (dl) {
                f.deadline = nba::DeadlineFact{
                    dl->milestone.slug, dl->milestone.label_ja, dl->milestone.due, dl->business_days_left,
                    dl->missed,         dl->TextJa(),           dl->ActionDate()};
            }
        }
        // Rotation: the current holder of the champion's post, not met since posted.
        if (d.champion_id && officials.count(*d.champion_id)) {
            long long holder = *d.champion_id;
            std::string posted = officials[holder].posted_from;
            for (int guard = 0; guard < 20; ++guard) {
                auto it = w.successors.find(holder);
                if (it == w.successors.end()) break;
                std::optional<std::pair<long long, std::string>> next;
                for (const auto& s : it->second) {
                    if (DateOr(s.second, w.today) <= w.today) next = s;
                }
                if (!next || next->first == holder) break;
                holder = next->first;
                posted = next->second;
            }
            const Date created = DateOr(d.created_on, w.today);
            auto posted_on = ParseIsoDate(posted);
            if (posted_on && *posted_on > created && *posted_on <= w.today && officials.count(holder)) {
                auto met = w.last_by_official.find(holder);
                const bool met_since = met != w.last_by_official.end() && DateOr(met->second, Date{}) >= *posted_on;
                if (!met_since) {
                    const auto& o = officials[holder];
                    f.rotations.push_back({o.id, o.name, o.department + " " + o.title, *posted_on,
                                           holder == *d.champion_id ? "" : officials[*d.champion_id].name});
                }
            }
        }
        f.adopters = adopters_for(d.government_code, d.product_id);
        for (const auto& h : w.handoffs) {
            if (h.deal_id == d.id && (sees_all_handoffs || h.to_user_id == p.user_id)) {
                f.handoffs.push_back(handoff_facts(h));
            }
        }
        if (tasks_on_deals) {
            for (const auto& t : w.overdue) {
                if (t.government_code == d.government_code && t.user_id == d.owner_id) {
                    f.overdue_tasks.push_back({t.id, t.title, DateOr(t.due_on, w.today)});
                }
            }
        }
        if (auto it = factors.find(d.id); it != factors.end()) f.negative_factors = it->second;
        f.model_skipped = !scorer_;
        if (auto it = w.last_by_deal.find(d.id); it != w.last_by_deal.end()) {
            f.last_contact = ParseIsoDate(it->second);
        }
        for (auto& a : nba::Propose(f, params_)) actions.push_back(std::move(a));
    }

    for (const std::string& code : government_codes) {
        const auto* g = w.Gov(code);
        if (!g) continue;
        nba::RecordFacts f;
        f.record_kind = "government";
        f.record_id = code;
        f.government_code = code;
        f.government_name = g->name;
        f.title = g->name;
        f.today = w.today;
        for (const auto& h : w.handoffs) {
            if (h.lead_id != 0 && h.government_code == code && (sees_all_handoffs || h.to_user_id == p.user_id)) {
                f.handoffs.push_back(handoff_facts(h));
            }
        }
        for (const auto& t : w.overdue) {
            if (t.government_code == code && t.user_id == p.user_id) {
                f.overdue_tasks.push_back({t.id, t.title, DateOr(t.due_on, w.today)});
            }
        }
        // The product most adopted nearby that it neither won nor is negotiating.
        std::set<long long> taken;
        for (const auto& d : w.deals) {
            if (d.government_code == code && (d.stage == "won" || !IsClosed(d))) taken.insert(d.product_id);
        }
        std::vector<nba::AdopterFact> best;
        long long best_product = 0;
        for (const auto& [pid, name] : w.product_names) {
            if (taken.count(pid)) continue;
            auto adopters = adopters_for(code, pid);
            if (adopters.size() > best.size()) {
                best = std::move(adopters);
                best_product = pid;
            }
        }
        if (!best.empty()) {
            f.adopters = std::move(best);
            f.product_name = w.product_names[best_product];
            f.record_id = code;
        }
        if (auto it = w.last_by_gov.find(code); it != w.last_by_gov.end()) {
            f.last_contact = ParseIsoDate(it->second);
        }
        const bool has_listed_deal = std::any_of(deal_ids.begin(), deal_ids.end(), [&](long long id) {
            return w.deals[w.deal_index[id]].government_code == code;
        });
        for (auto& a : nba::Propose(f, params_)) {
            // Its listed deals already carry the contact rule; do not say it twice.
            if (a.rule == nba::Rule::kNoContact && has_listed_deal) continue;
            if (a.rule == nba::Rule::kSimilarAdoption) {
                // The product is part of the action: a different product is a different case.
                a.key = std::string(nba::RuleSlug(a.rule)) + ":government:" + code + ":p" +
                        std::to_string(best_product) + ":" + FormatIsoDate(a.anchor);
            }
            actions.push_back(std::move(a));
        }
    }

    auto feedback = repo.FeedbackOfUser(p.user_id);
    if (!feedback.ok()) return feedback.status();
    std::vector<nba::Feedback> fb;
    for (const auto& r : *feedback) fb.push_back({r.action_key, r.decision, DateOr(r.decided_on, w.today)});
    out.items = nba::Rank(std::move(actions), fb, w.today, static_cast<size_t>(std::max(0, limit)), params_);
    return out;
}

Result<NextActionsResult> NbaService::ForUser(const Principal& p, int limit) {
    if (limit < 1 || limit > 100) return InvalidArgument("limit must be 1-100", {{"limit", "1-100"}});
    auto loaded = Load();
    if (!loaded.ok()) return loaded.status();
    World& w = **loaded;
    auto team = store_.nba().DealTeam();
    if (!team.ok()) return team.status();
    std::map<long long, std::vector<long long>> members;
    for (const auto& [deal, user] : *team) members[deal].push_back(user);
    auto is_member = [&](long long deal, long long user) {
        auto it = members.find(deal);
        return it != members.end() && std::find(it->second.begin(), it->second.end(), user) != it->second.end();
    };
    std::vector<long long> deal_ids;
    std::set<std::string> govs;
    const auto role = p.role;
    for (const auto& d : w.deals) {
        const bool open = !IsClosed(d) && DateOr(d.created_on, w.today) <= w.today;
        const bool mine = d.owner_id == p.user_id || is_member(d.id, p.user_id);
        if (role == domain::AccessRole::kAdmin) {
            if (open) deal_ids.push_back(d.id);
        } else if (role == domain::AccessRole::kManager) {
            const bool in_team =
                std::find(p.team_user_ids.begin(), p.team_user_ids.end(), d.owner_id) != p.team_user_ids.end();
            if (open && (in_team || mine)) deal_ids.push_back(d.id);
        } else if (role == domain::AccessRole::kCustomerSuccess) {
            if (mine && d.stage == "won") govs.insert(d.government_code);
            if (open && d.owner_id == p.user_id) deal_ids.push_back(d.id);
        } else {
            if (open && (d.owner_id == p.user_id || (role == domain::AccessRole::kFieldSales && mine))) {
                deal_ids.push_back(d.id);
            }
        }
    }
    if (role == domain::AccessRole::kBdr || role == domain::AccessRole::kInsideSales) {
        auto leads = store_.nba().OpenLeads();
        if (!leads.ok()) return leads.status();
        for (const auto& l : *leads) {
            if (l.owner_id == p.user_id) govs.insert(l.government_code);
        }
    }
    // Overdue tasks of the user: their governments get a (task) record too.
    auto tasks = store_.nba().OpenTasksDueBefore(FormatIsoDate(w.today));
    if (!tasks.ok()) return tasks.status();
    for (const auto& t : *tasks) {
        if (t.user_id == p.user_id && !t.government_code.empty()) govs.insert(t.government_code);
    }
    return Build(p, w, deal_ids, std::vector<std::string>(govs.begin(), govs.end()), false, limit,
                 "mine:" + std::string(domain::AccessRoleSlug(role)));
}

Result<NextActionsResult> NbaService::ForDeal(const Principal& p, long long deal_id) {
    auto loaded = Load();
    if (!loaded.ok()) return loaded.status();
    World& w = **loaded;
    auto it = w.deal_index.find(deal_id);
    if (it == w.deal_index.end()) return NotFound("no deal with id " + std::to_string(deal_id));
    const auto& d = w.deals[it->second];
    std::vector<long long> ids;
    if (!IsClosed(d)) ids.push_back(deal_id);
    return Build(p, w, ids, {}, true, 50, "deal");
}

Result<NextActionsResult> NbaService::ForGovernment(const Principal& p, const std::string& code) {
    auto loaded = Load();
    if (!loaded.ok()) return loaded.status();
    World& w = **loaded;
    if (!w.Gov(code)) return NotFound("no government with code '" + code + "'");
    auto team = store_.nba().DealTeam();
    if (!team.ok()) return team.status();
    std::map<long long, std::vector<long long>> members;
    for (const auto& [deal, user] : *team) members[deal].push_back(user);
    std::vector<long long> ids;
    for (const auto& d : w.deals) {
        if (d.government_code != code || IsClosed(d) || DateOr(d.created_on, w.today) > w.today) continue;
        if (authorizer_.CanRead(p,
                                RecordRef{domain::RecordKind::kDeal, d.owner_id, d.government_code, members[d.id]})) {
            ids.push_back(d.id);
        }
    }
    return Build(p, w, ids, {code}, false, 50, "government");
}

Result<ports::NbaFeedbackRecord> NbaService::Feedback(const Principal& p, const NbaFeedbackRequest& r) {
    std::vector<ErrorDetail> errors;
    const std::string rule_record = nba::RuleRecordOf(r.action_key);
    bool key_ok = !r.action_key.empty() && r.action_key.size() <= 200 && rule_record != r.action_key;
    if (key_ok) {
        const std::string rule = rule_record.substr(0, rule_record.find(':'));
        const std::string rest = rule_record.substr(rule.size() + 1);
        const std::string kind = rest.substr(0, rest.find(':'));
        static const std::set<std::string> kRules = {"handoff_sla",  "budget_calendar",  "rotation",  "overdue_task",
                                                     "model_factor", "similar_adoption", "no_contact"};
        key_ok = kRules.count(rule) && (kind == "deal" || kind == "government");
    }
    if (!key_ok) errors.push_back({"action_key", "the key of an action as listed (<rule>:<deal|government>:<id>:…)"});
    if (r.decision != "accept" && r.decision != "dismiss") errors.push_back({"decision", "accept or dismiss"});
    if (r.reason.size() > 500) errors.push_back({"reason", "at most 500 characters"});
    if (!errors.empty()) return InvalidArgument("invalid feedback", errors);
    ports::NbaFeedbackRecord rec;
    rec.user_id = p.user_id;
    rec.action_key = r.action_key;
    rec.decision = r.decision;
    rec.reason = r.reason;
    rec.decided_on = FormatIsoDate(clock_.Today());
    rec.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.nba().InsertFeedback(rec);
        if (!id.ok()) return id.status();
        rec.id = *id;
        return audit_.Append({p.Actor(), "nba.feedback", "nba_feedback", std::to_string(rec.id), "",
                              AuditJson()
                                  .Str("action_key", rec.action_key)
                                  .Str("decision", rec.decision)
                                  .Str("reason", rec.reason)
                                  .str()});
    });
    if (!st.ok()) return st;
    return rec;
}

}  // namespace kyoso::app
