#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/core/status.hpp"

namespace kyoso::domain {

// The people side of a government: its organisation (部/課/係) and the officials
// posted in it (docs/crm-people.md).

// Where a department sits in its government's tree: 部・局 / 課・室 / 係・担当.
enum class DepartmentLevel { kBureau, kDivision, kSection };
std::string_view DepartmentLevelSlug(DepartmentLevel level);     // "bureau", "division", "section"
std::string_view DepartmentLevelLabelJa(DepartmentLevel level);  // 部, 課, 係
// nullopt for an unknown slug.
std::optional<DepartmentLevel> DepartmentLevelFromSlug(std::string_view slug);
// Whether a department of level `child` may sit under one of level `parent`:
// strictly deeper (a 課 under a 部, a 係 under a 部 or 課).
bool MayNest(DepartmentLevel parent, DepartmentLevel child);

// The level a department name suggests: …部/…局/…委員会 bureau, …係/…担当/…班 section,
// anything else (…課, …室, …センター) division.
DepartmentLevel GuessDepartmentLevel(std::string_view name);

// The fixed vocabulary of policy domains (政策分野) a department or product works in.
const std::vector<std::string>& PolicyDomains();
bool IsPolicyDomain(std::string_view name);
// OK when every entry is in the vocabulary and none repeats; otherwise
// InvalidArgument whose details name `field`[i].
Status ValidatePolicyDomains(const std::vector<std::string>& domains, const std::string& field);

// An official's part in a purchasing decision.
enum class DecisionRole {
    kApprover,    // 決裁者
    kOwner,       // 担当者
    kInfluencer,  // 影響者
};
std::string_view DecisionRoleSlug(DecisionRole role);  // "approver", "owner", "influencer"
std::string_view DecisionRoleLabelJa(DecisionRole role);
// Accepts the slug or the Japanese label; nullopt otherwise.
std::optional<DecisionRole> DecisionRoleFromText(std::string_view text);

// One node of a government's organisation tree.
struct Department {
    long long id = 0;
    std::string government_code;  // 6-digit
    long long parent_id = 0;      // 0 = top level
    std::string name;             // 情報政策課
    DepartmentLevel level = DepartmentLevel::kDivision;
    std::vector<std::string> policy_domains;
    std::string phone;
};

// One stretch of an official's career: a department and title from a date, until
// a date (nullopt while current).
struct Posting {
    long long id = 0;
    long long official_id = 0;
    std::string government_code;
    long long department_id = 0;  // 0 = not in the tree (text only)
    std::string department_name;
    std::string title;
    Date from{};
    std::optional<Date> to;  // the last day; nullopt = current
};

// predecessor handed the post over to successor on effective_on.
struct Succession {
    long long predecessor_id = 0;
    long long successor_id = 0;
    long long department_id = 0;
    Date effective_on{};
};

// The key duplicate detection compares: folded name and kana, as produced by
// ports::TextNormalizer::Fold, joined with '|'.
std::string OfficialNameKey(std::string_view folded_name, std::string_view folded_kana);

}  // namespace kyoso::domain
