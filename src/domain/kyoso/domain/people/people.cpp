#include "kyoso/domain/people/people.hpp"

#include <algorithm>
#include <set>

namespace kyoso::domain {

std::string_view DepartmentLevelSlug(DepartmentLevel level) {
    switch (level) {
        case DepartmentLevel::kBureau:
            return "bureau";
        case DepartmentLevel::kDivision:
            return "division";
        case DepartmentLevel::kSection:
            return "section";
    }
    return "division";
}

std::string_view DepartmentLevelLabelJa(DepartmentLevel level) {
    switch (level) {
        case DepartmentLevel::kBureau:
            return "部";
        case DepartmentLevel::kDivision:
            return "課";
        case DepartmentLevel::kSection:
            return "係";
    }
    return "課";
}

std::optional<DepartmentLevel> DepartmentLevelFromSlug(std::string_view slug) {
    for (auto l : {DepartmentLevel::kBureau, DepartmentLevel::kDivision, DepartmentLevel::kSection}) {
        if (DepartmentLevelSlug(l) == slug) return l;
    }
    return std::nullopt;
}

bool MayNest(DepartmentLevel parent, DepartmentLevel child) {
    return static_cast<int>(child) > static_cast<int>(parent);
}

DepartmentLevel GuessDepartmentLevel(std::string_view name) {
    auto ends = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
    };
    if (ends("部") || ends("局") || ends("委員会")) return DepartmentLevel::kBureau;
    if (ends("係") || ends("担当") || ends("班")) return DepartmentLevel::kSection;
    return DepartmentLevel::kDivision;
}

const std::vector<std::string>& PolicyDomains() {
    static const std::vector<std::string> kDomains = {
        "防災",     "子育て",   "福祉",       "教育", "DX",   "環境", "観光",         "医療", "健康",
        "農林水産", "産業振興", "まちづくり", "交通", "財政", "税務", "住民サービス", "文化", "スポーツ",
    };
    return kDomains;
}

bool IsPolicyDomain(std::string_view name) {
    const auto& all = PolicyDomains();
    return std::find(all.begin(), all.end(), name) != all.end();
}

Status ValidatePolicyDomains(const std::vector<std::string>& domains, const std::string& field) {
    std::vector<ErrorDetail> errors;
    std::set<std::string> seen;
    for (size_t i = 0; i < domains.size(); ++i) {
        const std::string where = field + "[" + std::to_string(i) + "]";
        if (!IsPolicyDomain(domains[i])) {
            std::string known;
            for (const auto& d : PolicyDomains()) known += (known.empty() ? "" : ", ") + d;
            errors.push_back({where, "unknown policy domain '" + domains[i] + "' (known: " + known + ")"});
        } else if (!seen.insert(domains[i]).second) {
            errors.push_back({where, "'" + domains[i] + "' is listed twice"});
        }
    }
    if (errors.empty()) return Status::Ok();
    std::string message = "invalid policy domains: " + errors.front().field + ": " + errors.front().message;
    return InvalidArgument(std::move(message), std::move(errors));
}

std::string_view DecisionRoleSlug(DecisionRole role) {
    switch (role) {
        case DecisionRole::kApprover:
            return "approver";
        case DecisionRole::kOwner:
            return "owner";
        case DecisionRole::kInfluencer:
            return "influencer";
    }
    return "owner";
}

std::string_view DecisionRoleLabelJa(DecisionRole role) {
    switch (role) {
        case DecisionRole::kApprover:
            return "決裁者";
        case DecisionRole::kOwner:
            return "担当者";
        case DecisionRole::kInfluencer:
            return "影響者";
    }
    return "担当者";
}

std::optional<DecisionRole> DecisionRoleFromText(std::string_view text) {
    for (auto r : {DecisionRole::kApprover, DecisionRole::kOwner, DecisionRole::kInfluencer}) {
        if (DecisionRoleSlug(r) == text || DecisionRoleLabelJa(r) == text) return r;
    }
    return std::nullopt;
}

std::string OfficialNameKey(std::string_view folded_name, std::string_view folded_kana) {
    std::string key(folded_name);
    key += '|';
    key += folded_kana;
    return key;
}

}  // namespace kyoso::domain
