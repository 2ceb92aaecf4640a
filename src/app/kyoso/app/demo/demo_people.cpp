#include "kyoso/app/demo/demo_people.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::app {

namespace {

bool Earlier(const std::optional<Date>& a, const std::optional<Date>& b) {
    if (!a || !b) return !a && b;
    return std::chrono::sys_days{*a} < std::chrono::sys_days{*b};
}

}  // namespace

Status AddDemoPeopleHistory(ports::Store& store, AuditTrail& audit) {
    // Every official, by id.
    std::vector<domain::Official> officials;
    ports::OfficialQuery q;
    q.limit = 500;
    while (true) {
        auto page = store.officials().List(q);
        if (!page.ok()) return page.status();
        for (auto& o : page->items) officials.push_back(std::move(o));
        if (!page->has_more || officials.empty()) break;
        q.after_id = officials.back().id;
    }
    if (officials.empty()) return Status::Ok();

    // The department tree from "総務部 情報政策課" texts, created in first-seen order.
    std::map<std::pair<std::string, std::string>, long long> by_text;  // (gov, text) -> leaf id
    std::map<std::string, std::vector<std::pair<std::string, long long>>> leaves_of;  // gov -> (text, id)
    long long departments = 0;
    for (const auto& o : officials) {
        const auto key = std::make_pair(o.government_code, o.department);
        if (o.department.empty() || by_text.count(key)) continue;
        long long parent = 0;
        std::optional<domain::DepartmentLevel> parent_level;
        for (const auto& seg : Split(o.department, ' ')) {
            if (seg.empty()) continue;
            auto child = store.departments().FindChild(o.government_code, parent, seg);
            if (!child.ok()) return child.status();
            if (*child) {
                parent = (*child)->id;
                parent_level = (*child)->level;
                continue;
            }
            domain::Department d;
            d.government_code = o.government_code;
            d.parent_id = parent;
            d.name = seg;
            d.level = domain::GuessDepartmentLevel(seg);
            if (parent_level && !domain::MayNest(*parent_level, d.level)) {
                d.level = *parent_level == domain::DepartmentLevel::kBureau ? domain::DepartmentLevel::kDivision
                                                                            : domain::DepartmentLevel::kSection;
            }
            auto id = store.departments().Insert(d);
            if (!id.ok()) return id.status();
            ++departments;
            parent = *id;
            parent_level = d.level;
        }
        by_text[key] = parent;
        leaves_of[o.government_code].push_back({o.department, parent});
    }

    // Posts: (government, department, title) → holders in order of taking it.
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<size_t>> posts;
    for (size_t i = 0; i < officials.size(); ++i) {
        auto& o = officials[i];
        if (o.department.empty()) continue;
        o.department_id = by_text[{o.government_code, o.department}];
        KYOSO_RETURN_IF_ERROR(store.officials().Update(o));
        posts[{o.government_code, o.department, o.title}].push_back(i);
    }
    long long postings = 0;
    long long successions = 0;
    long long moves = 0;
    for (auto& [post, holders] : posts) {
        std::stable_sort(holders.begin(), holders.end(), [&](size_t a, size_t b) {
            return Earlier(officials[a].posted_from, officials[b].posted_from);
        });
        for (size_t k = 0; k < holders.size(); ++k) {
            const auto& o = officials[holders[k]];
            if (!o.posted_from) continue;
            std::optional<Date> to;
            if (k + 1 < holders.size() && officials[holders[k + 1]].posted_from) {
                to = AddDays(*officials[holders[k + 1]].posted_from, -1);
            }
            if (to && std::chrono::sys_days{*to} < std::chrono::sys_days{*o.posted_from}) to = *o.posted_from;
            domain::Posting p{0, o.id, o.government_code, o.department_id, o.department, o.title, *o.posted_from, to};
            auto pid = store.officials().InsertPosting(p);
            if (!pid.ok()) return pid.status();
            ++postings;
            if (k == 0) continue;
            const auto& prev = officials[holders[k - 1]];
            Status link = store.officials().InsertSuccession({prev.id, o.id, o.department_id, *o.posted_from});
            if (!link.ok() && link.code() != ErrorCode::kAlreadyExists) return link;
            if (link.ok()) ++successions;
            // Every third successor came from another department of the government,
            // where they held the same title for the two fiscal years before.
            const auto& leaves = leaves_of[o.government_code];
            if (o.id % 3 != 0 || leaves.size() < 2) continue;
            size_t pick = static_cast<size_t>(o.id) % leaves.size();
            if (leaves[pick].first == o.department) pick = (pick + 1) % leaves.size();
            const Date from = MakeDate(static_cast<int>(o.posted_from->year()) - 2, 4, 1);
            domain::Posting before{0, o.id, o.government_code, leaves[pick].second, leaves[pick].first, o.title, from,
                                   AddDays(*o.posted_from, -1)};
            auto bid = store.officials().InsertPosting(before);
            if (!bid.ok()) return bid.status();
            ++postings;
            ++moves;
        }
    }
    return audit.Append({std::string(kSystemActor), "demo.people_history", "official", "", "",
                         AuditJson()
                             .Int("departments", departments)
                             .Int("postings", postings)
                             .Int("successions", successions)
                             .Int("cross_department_moves", moves)
                             .str()});
}

}  // namespace kyoso::app
