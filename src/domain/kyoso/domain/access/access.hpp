#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kyoso::domain {

// Who a signed-in user is for authorisation (docs/security.md): an administrator,
// a manager, or a member by sales role.
enum class AccessRole { kAdmin, kManager, kBdr, kInsideSales, kFieldSales, kCustomerSuccess };
inline constexpr std::array<AccessRole, 6> kAllAccessRoles = {AccessRole::kAdmin,      AccessRole::kManager,
                                                              AccessRole::kBdr,        AccessRole::kInsideSales,
                                                              AccessRole::kFieldSales, AccessRole::kCustomerSuccess};
std::string_view AccessRoleSlug(AccessRole role);
// nullopt for an unknown slug ("admin", "manager", "bdr", "inside_sales", "field_sales", "customer_success").
std::optional<AccessRole> AccessRoleFromSlug(std::string_view slug);

// How far record-level sharing reaches for one role and one kind of record:
// nothing; records the user owns (or is on the team of); records owned by anyone
// in the user's team; records in the user's territory (prefectures); everything.
enum class Scope { kNone, kOwn, kTeam, kTerritory, kAll };
std::string_view ScopeSlug(Scope scope);
std::optional<Scope> ScopeFromSlug(std::string_view slug);

// The kinds of owned records whose sharing is configurable. Reference data
// (governments, departments, officials, products) is readable by every user.
enum class RecordKind { kDeal, kLead, kActivity, kContactEntry };
inline constexpr std::array<RecordKind, 4> kAllRecordKinds = {RecordKind::kDeal, RecordKind::kLead,
                                                              RecordKind::kActivity, RecordKind::kContactEntry};
std::string_view RecordKindSlug(RecordKind kind);
std::optional<RecordKind> RecordKindFromSlug(std::string_view slug);

// What a role may do beyond its own records.
enum class Capability {
    kEditReference,     // departments and officials (担当者の異動 etc.)
    kEditGovernments,   // government fields and custom values
    kManageCatalog,     // products and custom field definitions
    kImport,            // CSV import and 人事異動 import
    kExportDisclosure,  // 情報公開 contact-log export
    kManageWebhooks,
    kManageUsers,     // accounts, roles, the access policy
    kManageSalesOps,  // teams, territories, absences, routing rules, hand-off types, cadences, quotas
};
inline constexpr std::array<Capability, 8> kAllCapabilities = {
    Capability::kEditReference, Capability::kEditGovernments,  Capability::kManageCatalog,
    Capability::kImport,        Capability::kExportDisclosure, Capability::kManageWebhooks,
    Capability::kManageUsers,   Capability::kManageSalesOps};
std::string_view CapabilitySlug(Capability c);
std::optional<Capability> CapabilityFromSlug(std::string_view slug);

// Sharing of one record kind for one role, and the fields of it the role may not see.
struct SharingRule {
    Scope read = Scope::kNone;
    Scope write = Scope::kNone;              // never wider than read
    std::vector<std::string> hidden_fields;  // e.g. {"amount", "budget_amount", "award_amount"}
};

// The whole policy: per role, per record kind, plus capabilities. Administrators
// always have everything (their rules are not configurable).
class AccessPolicy {
public:
    // The shipped policy (docs/security.md): managers read all and write their
    // team's; field sales read their territory and write their own; inside sales
    // and BDRs read their team's; BDRs do not see deal amounts; customer success
    // reads all deals and writes its own.
    static AccessPolicy Defaults();

    const SharingRule& Rule(AccessRole role, RecordKind kind) const;
    bool Has(AccessRole role, Capability capability) const;
    bool FieldHidden(AccessRole role, RecordKind kind, std::string_view field) const;

    // Replaces one rule. Administrators cannot be restricted and a write scope
    // wider than the read scope is refused: the reason, or "" when accepted.
    std::string SetRule(AccessRole role, RecordKind kind, SharingRule rule);
    std::string SetCapability(AccessRole role, Capability capability, bool granted);

private:
    std::array<std::array<SharingRule, kAllRecordKinds.size()>, kAllAccessRoles.size()> rules_{};
    std::array<std::array<bool, kAllCapabilities.size()>, kAllAccessRoles.size()> capabilities_{};
};

// Fields of a deal that can be hidden from a role.
inline constexpr std::array<std::string_view, 4> kDealMoneyFields = {"amount", "budget_amount", "award_amount",
                                                                     "line_items"};

// "13" for 131016 (the first two digits of a government code are its prefecture).
std::string PrefectureOf(std::string_view government_code);

}  // namespace kyoso::domain
