#include "kyoso/domain/access/access.hpp"

#include <algorithm>

namespace kyoso::domain {

namespace {

template <typename E, size_t N>
std::optional<E> FromSlug(const std::array<E, N>& all, std::string_view slug, std::string_view (*to)(E)) {
    for (E e : all) {
        if (to(e) == slug) return e;
    }
    return std::nullopt;
}

size_t Index(AccessRole r) { return static_cast<size_t>(r); }
size_t Index(RecordKind k) { return static_cast<size_t>(k); }
size_t Index(Capability c) { return static_cast<size_t>(c); }

constexpr std::array<Scope, 5> kAllScopes = {Scope::kNone, Scope::kOwn, Scope::kTeam, Scope::kTerritory, Scope::kAll};

// Own ⊂ team and own ⊂ territory ⊂ all; team and territory are not comparable,
// so a write scope must equal the read scope, be narrower along one chain, or none.
bool Within(Scope write, Scope read) {
    if (write == Scope::kNone || write == read || read == Scope::kAll) return true;
    if (write == Scope::kOwn) return read != Scope::kNone;
    return false;
}

}  // namespace

std::string_view AccessRoleSlug(AccessRole role) {
    switch (role) {
        case AccessRole::kAdmin:
            return "admin";
        case AccessRole::kManager:
            return "manager";
        case AccessRole::kBdr:
            return "bdr";
        case AccessRole::kInsideSales:
            return "inside_sales";
        case AccessRole::kFieldSales:
            return "field_sales";
        case AccessRole::kCustomerSuccess:
            return "customer_success";
    }
    return "";
}

std::optional<AccessRole> AccessRoleFromSlug(std::string_view slug) {
    return FromSlug(kAllAccessRoles, slug, &AccessRoleSlug);
}

std::string_view ScopeSlug(Scope scope) {
    switch (scope) {
        case Scope::kNone:
            return "none";
        case Scope::kOwn:
            return "own";
        case Scope::kTeam:
            return "team";
        case Scope::kTerritory:
            return "territory";
        case Scope::kAll:
            return "all";
    }
    return "";
}

std::optional<Scope> ScopeFromSlug(std::string_view slug) { return FromSlug(kAllScopes, slug, &ScopeSlug); }

std::string_view RecordKindSlug(RecordKind kind) {
    switch (kind) {
        case RecordKind::kDeal:
            return "deal";
        case RecordKind::kLead:
            return "lead";
        case RecordKind::kActivity:
            return "activity";
        case RecordKind::kContactEntry:
            return "contact_entry";
    }
    return "";
}

std::optional<RecordKind> RecordKindFromSlug(std::string_view slug) {
    return FromSlug(kAllRecordKinds, slug, &RecordKindSlug);
}

std::string_view CapabilitySlug(Capability c) {
    switch (c) {
        case Capability::kEditReference:
            return "edit_reference";
        case Capability::kEditGovernments:
            return "edit_governments";
        case Capability::kManageCatalog:
            return "manage_catalog";
        case Capability::kImport:
            return "import";
        case Capability::kExportDisclosure:
            return "export_disclosure";
        case Capability::kManageWebhooks:
            return "manage_webhooks";
        case Capability::kManageUsers:
            return "manage_users";
        case Capability::kManageSalesOps:
            return "manage_sales_ops";
    }
    return "";
}

std::optional<Capability> CapabilityFromSlug(std::string_view slug) {
    return FromSlug(kAllCapabilities, slug, &CapabilitySlug);
}

AccessPolicy AccessPolicy::Defaults() {
    AccessPolicy p;
    const std::vector<std::string> money(kDealMoneyFields.begin(), kDealMoneyFields.end());
    for (RecordKind k : kAllRecordKinds) {
        p.rules_[Index(AccessRole::kAdmin)][Index(k)] = {Scope::kAll, Scope::kAll, {}};
        p.rules_[Index(AccessRole::kManager)][Index(k)] = {Scope::kAll, Scope::kTeam, {}};
        p.rules_[Index(AccessRole::kFieldSales)][Index(k)] = {Scope::kTerritory, Scope::kOwn, {}};
        p.rules_[Index(AccessRole::kInsideSales)][Index(k)] = {Scope::kTeam, Scope::kOwn, {}};
        p.rules_[Index(AccessRole::kBdr)][Index(k)] = {Scope::kTeam, Scope::kOwn, {}};
        p.rules_[Index(AccessRole::kCustomerSuccess)][Index(k)] = {Scope::kAll, Scope::kOwn, {}};
    }
    // BDRs qualify leads; they do not negotiate prices.
    p.rules_[Index(AccessRole::kBdr)][Index(RecordKind::kDeal)] = {Scope::kTeam, Scope::kOwn, money};
    for (Capability c : kAllCapabilities) p.capabilities_[Index(AccessRole::kAdmin)][Index(c)] = true;
    for (Capability c : {Capability::kEditReference, Capability::kEditGovernments, Capability::kManageCatalog,
                         Capability::kImport, Capability::kExportDisclosure, Capability::kManageSalesOps}) {
        p.capabilities_[Index(AccessRole::kManager)][Index(c)] = true;
    }
    // Everyone who meets officials keeps the department tree and officials current.
    for (AccessRole r :
         {AccessRole::kBdr, AccessRole::kInsideSales, AccessRole::kFieldSales, AccessRole::kCustomerSuccess}) {
        p.capabilities_[Index(r)][Index(Capability::kEditReference)] = true;
    }
    return p;
}

const SharingRule& AccessPolicy::Rule(AccessRole role, RecordKind kind) const {
    return rules_[Index(role)][Index(kind)];
}

bool AccessPolicy::Has(AccessRole role, Capability capability) const {
    return capabilities_[Index(role)][Index(capability)];
}

bool AccessPolicy::FieldHidden(AccessRole role, RecordKind kind, std::string_view field) const {
    const auto& hidden = Rule(role, kind).hidden_fields;
    return std::find(hidden.begin(), hidden.end(), field) != hidden.end();
}

std::string AccessPolicy::SetRule(AccessRole role, RecordKind kind, SharingRule rule) {
    if (role == AccessRole::kAdmin) return "the admin role always sees and changes everything";
    if (!Within(rule.write, rule.read)) {
        return "write scope '" + std::string(ScopeSlug(rule.write)) + "' is wider than read scope '" +
               std::string(ScopeSlug(rule.read)) + "'";
    }
    for (const auto& f : rule.hidden_fields) {
        if (kind != RecordKind::kDeal ||
            std::find(kDealMoneyFields.begin(), kDealMoneyFields.end(), f) == kDealMoneyFields.end()) {
            return "field '" + f + "' cannot be hidden on " + std::string(RecordKindSlug(kind)) +
                   " (hideable: deal amount, budget_amount, award_amount, line_items)";
        }
    }
    rules_[Index(role)][Index(kind)] = std::move(rule);
    return "";
}

std::string AccessPolicy::SetCapability(AccessRole role, Capability capability, bool granted) {
    if (role == AccessRole::kAdmin) return "the admin role always has every capability";
    capabilities_[Index(role)][Index(capability)] = granted;
    return "";
}

std::string PrefectureOf(std::string_view government_code) {
    return std::string(government_code.substr(0, std::min<size_t>(2, government_code.size())));
}

}  // namespace kyoso::domain
