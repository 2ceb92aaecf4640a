#include "kyoso/domain/ml/history.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <tuple>

namespace kyoso::domain::ml {

int DayNumber(Date date) { return static_cast<int>(std::chrono::sys_days{date}.time_since_epoch().count()); }

Date FromDayNumber(int day) { return Date{std::chrono::sys_days{std::chrono::days{day}}}; }

ActivityKind ActivityKindFromSlug(std::string_view slug) {
    if (slug == "visit") return ActivityKind::kVisit;
    if (slug == "call") return ActivityKind::kCall;
    if (slug == "email") return ActivityKind::kEmail;
    if (slug == "online_meeting") return ActivityKind::kOnlineMeeting;
    if (slug == "demo") return ActivityKind::kDemo;
    if (slug == "reference_quote") return ActivityKind::kReferenceQuote;
    if (slug == "proposal") return ActivityKind::kProposal;
    return ActivityKind::kOther;
}

int StageOrdinal(std::string_view slug) {
    static constexpr std::array<std::string_view, 10> kSlugs = {
        "discovery", "qualified", "budget_proposal", "requested", "budgeted", "tender_prep", "bidding",
        "won",       "lost",      "deferred"};
    for (std::size_t i = 0; i < kSlugs.size(); ++i) {
        if (kSlugs[i] == slug) return static_cast<int>(i);
    }
    return -1;
}

std::vector<std::string> PeerIndex::KeysOf(const GovernmentFacts& g) {
    std::vector<std::string> keys;
    if (g.kind != "prefecture") keys.push_back("P" + g.prefecture_code);
    if (!g.similar_group.empty()) {
        keys.push_back("G" + g.similar_group);
    } else if (g.kind == "prefecture" || g.kind == "designated_city" || g.kind == "core_city" ||
               g.kind == "special_ward") {
        keys.push_back("G" + g.kind);
    }
    return keys;
}

void PeerIndex::Build(const std::vector<GovernmentFacts>& governments, const std::vector<DealFacts>& deals) {
    keys_.clear();
    won_.clear();
    keys_.reserve(governments.size());
    for (const auto& g : governments) keys_.push_back(KeysOf(g));
    for (const auto& d : deals) {
        if (d.stage != 7 || d.closed == kNoDay || d.government < 0) continue;
        for (const auto& key : keys_[static_cast<std::size_t>(d.government)]) {
            won_[key + "#" + std::to_string(d.product_id)].emplace_back(d.closed, d.government);
            won_[key + "#0"].emplace_back(d.closed, d.government);
        }
    }
    for (auto& [key, list] : won_) std::sort(list.begin(), list.end());
}

int PeerIndex::AdoptersBefore(int government, long long product_id, int day) const {
    if (government < 0 || static_cast<std::size_t>(government) >= keys_.size()) return 0;
    int count = 0;
    for (const auto& key : keys_[static_cast<std::size_t>(government)]) {
        auto it = won_.find(key + "#" + std::to_string(product_id));
        if (it == won_.end()) continue;
        for (const auto& [closed, gov] : it->second) {
            if (closed >= day) break;
            if (gov != government) ++count;
        }
    }
    return count;
}

void History::Finish(const std::vector<OfficialFacts>& officials,
                     const std::unordered_map<long long, long long>& champions) {
    std::sort(deals.begin(), deals.end(), [](const DealFacts& a, const DealFacts& b) { return a.id < b.id; });
    deal_index.clear();
    for (std::size_t i = 0; i < deals.size(); ++i) deal_index[deals[i].id] = i;
    // Officials by (government, department, title, role) for the rotation rule.
    std::unordered_map<long long, const OfficialFacts*> by_id;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::vector<const OfficialFacts*>> by_post;
    for (const auto& o : officials) {
        by_id[o.id] = &o;
        by_post[{o.government_code, o.department, o.title, o.decision_role}].push_back(&o);
    }
    for (auto& d : deals) {
        std::stable_sort(d.moves.begin(), d.moves.end(),
                         [](const StageMove& a, const StageMove& b) { return a.day < b.day; });
        std::sort(d.activities.begin(), d.activities.end(),
                  [](const ActivityFact& a, const ActivityFact& b) { return a.day < b.day; });
        d.rotations.clear();
        auto c = champions.find(d.id);
        if (c == champions.end()) continue;
        auto champion = by_id.find(c->second);
        if (champion == by_id.end()) continue;
        const OfficialFacts& ch = *champion->second;
        auto post = by_post.find({ch.government_code, ch.department, ch.title, ch.decision_role});
        if (post == by_post.end()) continue;
        for (const OfficialFacts* o : post->second) {
            if (o->id == ch.id || o->posted_from == kNoDay || o->posted_from <= d.created) continue;
            d.rotations.push_back(o->posted_from);
        }
        std::sort(d.rotations.begin(), d.rotations.end());
    }
    peers.Build(governments, deals);
}

}  // namespace kyoso::domain::ml
