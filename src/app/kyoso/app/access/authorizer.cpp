#include "kyoso/app/access/authorizer.hpp"

#include <algorithm>

#include "kyoso/app/audit/audit_trail.hpp"

namespace kyoso::app {

namespace {

template <typename T>
bool Contains(const std::vector<T>& v, const T& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

std::string Readable(std::string_view slug) {
    std::string s(slug);
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

}  // namespace

std::string Principal::Actor() const { return UserActor(user_id); }

domain::AccessPolicy Authorizer::policy() const {
    std::lock_guard lock(mutex_);
    return policy_;
}

void Authorizer::SetPolicy(domain::AccessPolicy policy) {
    std::lock_guard lock(mutex_);
    policy_ = std::move(policy);
}

bool Authorizer::Has(const Principal& p, domain::Capability capability) const {
    std::lock_guard lock(mutex_);
    return policy_.Has(p.role, capability);
}

Status Authorizer::Require(const Principal& p, domain::Capability capability) const {
    if (Has(p, capability)) return Status::Ok();
    return PermissionDenied("the role '" + std::string(domain::AccessRoleSlug(p.role)) + "' may not " +
                            Readable(domain::CapabilitySlug(capability)) + " (docs/security.md)");
}

bool Authorizer::InScope(const Principal& p, domain::Scope scope, const RecordRef& r) const {
    const bool own = r.owner_id == p.user_id || Contains(r.members, p.user_id);
    switch (scope) {
        case domain::Scope::kNone:
            return false;
        case domain::Scope::kOwn:
            return own;
        case domain::Scope::kTeam:
            return own || (!p.team.empty() && Contains(p.team_user_ids, r.owner_id));
        case domain::Scope::kTerritory:
            return own || Contains(p.territory, domain::PrefectureOf(r.government_code));
        case domain::Scope::kAll:
            return true;
    }
    return false;
}

bool Authorizer::CanRead(const Principal& p, const RecordRef& r) const {
    std::lock_guard lock(mutex_);
    return InScope(p, policy_.Rule(p.role, r.kind).read, r);
}

bool Authorizer::CanWrite(const Principal& p, const RecordRef& r) const {
    std::lock_guard lock(mutex_);
    return InScope(p, policy_.Rule(p.role, r.kind).write, r);
}

Status Authorizer::CheckOwnerAssignable(const Principal& p, domain::RecordKind kind, long long owner_id,
                                        std::string_view government_code, std::string_view field) const {
    RecordRef r{kind, owner_id, std::string(government_code), {}};
    if (CanWrite(p, r)) return Status::Ok();
    return Status(ErrorCode::kPermissionDenied,
                  "the role '" + std::string(domain::AccessRoleSlug(p.role)) + "' may not give a " +
                      Readable(domain::RecordKindSlug(kind)) + " to user " + std::to_string(owner_id),
                  {{std::string(field), "outside your write scope"}});
}

ports::Visibility Authorizer::ListVisibility(const Principal& p, domain::RecordKind kind) const {
    domain::Scope scope;
    {
        std::lock_guard lock(mutex_);
        scope = policy_.Rule(p.role, kind).read;
    }
    ports::Visibility v;
    switch (scope) {
        case domain::Scope::kAll:
            return v;
        case domain::Scope::kNone:
            v.all = false;
            return v;
        case domain::Scope::kOwn:
            v.all = false;
            v.owner_ids = {p.user_id};
            v.member_user_id = p.user_id;
            return v;
        case domain::Scope::kTeam:
            v.all = false;
            v.owner_ids = p.team.empty() ? std::vector<long long>{p.user_id} : p.team_user_ids;
            if (!Contains(v.owner_ids, p.user_id)) v.owner_ids.push_back(p.user_id);
            v.member_user_id = p.user_id;
            return v;
        case domain::Scope::kTerritory:
            v.all = false;
            v.owner_ids = {p.user_id};
            v.member_user_id = p.user_id;
            v.prefectures = p.territory;
            return v;
    }
    return v;
}

std::vector<std::string> Authorizer::HiddenFields(const Principal& p, domain::RecordKind kind) const {
    std::lock_guard lock(mutex_);
    return policy_.Rule(p.role, kind).hidden_fields;
}

bool Authorizer::FieldHidden(const Principal& p, domain::RecordKind kind, std::string_view field) const {
    std::lock_guard lock(mutex_);
    return policy_.FieldHidden(p.role, kind, field);
}

}  // namespace kyoso::app
