#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/access/access.hpp"
#include "kyoso/ports/list_query.hpp"

namespace kyoso::app {

// The signed-in user a request or command acts as (docs/security.md).
struct Principal {
    long long user_id = 0;
    std::string login;
    std::string name;
    domain::AccessRole role = domain::AccessRole::kFieldSales;
    std::string team;
    std::vector<std::string> territory;    // prefecture codes "01".."47"
    std::vector<long long> team_user_ids;  // everyone in `team`, the user included
    std::string via;                       // "session", "token" or "cli"
    // Audit actor: "user:12".
    std::string Actor() const;
};

// An owned record as the authorizer sees it.
struct RecordRef {
    domain::RecordKind kind = domain::RecordKind::kDeal;
    long long owner_id = 0;
    std::string government_code;
    std::vector<long long> members;  // deal team members (count as owners)
};

// Decides what a principal may see and change, from the access policy. Every API
// route and the use cases behind it ask it; it never touches HTTP. Thread-safe:
// the policy can be replaced while requests run.
class Authorizer {
public:
    explicit Authorizer(domain::AccessPolicy policy = domain::AccessPolicy::Defaults()) : policy_(std::move(policy)) {}

    domain::AccessPolicy policy() const;
    void SetPolicy(domain::AccessPolicy policy);

    // PermissionDenied naming the role and the capability when it lacks it.
    Status Require(const Principal& p, domain::Capability capability) const;
    bool Has(const Principal& p, domain::Capability capability) const;

    bool CanRead(const Principal& p, const RecordRef& record) const;
    bool CanWrite(const Principal& p, const RecordRef& record) const;
    // May `p` create or take over a record owned by `owner_id` (in `government_code`)?
    // PermissionDenied naming `field` when not.
    Status CheckOwnerAssignable(const Principal& p, domain::RecordKind kind, long long owner_id,
                                std::string_view government_code, std::string_view field) const;

    // The SQL-side filter of a list of `kind` for `p`.
    ports::Visibility ListVisibility(const Principal& p, domain::RecordKind kind) const;
    // Fields of `kind` hidden from `p` (e.g. deal amounts from BDRs).
    std::vector<std::string> HiddenFields(const Principal& p, domain::RecordKind kind) const;
    bool FieldHidden(const Principal& p, domain::RecordKind kind, std::string_view field) const;

private:
    bool InScope(const Principal& p, domain::Scope scope, const RecordRef& record) const;

    mutable std::mutex mutex_;
    domain::AccessPolicy policy_;
};

}  // namespace kyoso::app
