#include "kyoso/app/access/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include "kyoso/app/audit/audit_json.hpp"

namespace kyoso::app {

namespace {

using std::chrono::sys_seconds;

constexpr std::string_view kTokenPrefix = "kyo_";

bool ValidLogin(const std::string& login) {
    if (login.empty() || login.size() > 64) return false;
    return std::all_of(login.begin(), login.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@'; });
}

bool ValidPrefecture(const std::string& p) {
    if (p.size() != 2 || !std::isdigit(static_cast<unsigned char>(p[0])) ||
        !std::isdigit(static_cast<unsigned char>(p[1]))) {
        return false;
    }
    const int n = std::stoi(p);
    return n >= 1 && n <= 47;
}

domain::AccessRole RoleOf(const ports::Account& a) {
    if (a.admin) return domain::AccessRole::kAdmin;
    return domain::AccessRoleFromSlug(a.sales_role).value_or(domain::AccessRole::kFieldSales);
}

Status Unauth() { return Unauthenticated("sign in first: no valid session or API token"); }

}  // namespace

std::string AccountAuditJson(const ports::Account& a) {
    return AuditJson()
        .Int("id", a.user_id)
        .Str("login", a.login)
        .Str("name", a.name)
        .Str("role", a.admin ? "admin" : a.sales_role)
        .Str("team", a.team)
        .Raw("territory", JsonStringArray(a.territory))
        .Bool("disabled", a.disabled)
        .Bool("password_set", !a.password_hash.empty())
        .str();
}

AuthService::AuthService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                         const ports::PasswordHasher& hasher, const ports::SecretSource& random, AuthConfig config)
    : store_(store),
      clock_(clock),
      digest_(digest),
      hasher_(hasher),
      random_(random),
      config_(config),
      audit_(store, clock, digest) {
    auto decoy = hasher_.Hash(random_.RandomHex(16));
    if (decoy.ok()) decoy_hash_ = *decoy;
}

bool AuthService::AddressLimited(const std::string& remote, sys_seconds now) {
    std::lock_guard lock(address_mutex_);
    auto it = address_failures_.find(remote);
    if (it == address_failures_.end()) return false;
    auto& q = it->second;
    while (!q.empty() && q.front() + config_.address_window <= now) q.pop_front();
    if (q.empty()) {
        address_failures_.erase(it);
        return false;
    }
    return static_cast<int>(q.size()) >= config_.address_attempts;
}

void AuthService::RecordAddressFailure(const std::string& remote, sys_seconds now) {
    std::lock_guard lock(address_mutex_);
    // Bounded memory under a spray of addresses: forget the oldest ones.
    if (address_failures_.size() > 10000) address_failures_.erase(address_failures_.begin());
    address_failures_[remote].push_back(now);
}

Result<SignedIn> AuthService::SignIn(const std::string& login, const std::string& password, const std::string& remote) {
    const sys_seconds now = clock_.Now();
    if (AddressLimited(remote, now)) {
        return ResourceExhausted("too many failed sign-ins from this address; wait a few minutes and try again");
    }
    auto account = store_.accounts().FindByLogin(login);
    if (!account.ok() && account.status().code() != ErrorCode::kNotFound) return account.status();
    if (!account.ok() || account->password_hash.empty() || account->disabled) {
        (void)hasher_.Verify(decoy_hash_, password);  // same work as a real check
        RecordAddressFailure(remote, now);
        return Unauthenticated("wrong login or password");
    }
    const std::string now_text = FormatUtc(now);
    if (!account->locked_until.empty() && now_text < account->locked_until) {
        RecordAddressFailure(remote, now);
        return ResourceExhausted("too many failed sign-ins for this login; locked until " + account->locked_until);
    }
    if (!hasher_.Verify(account->password_hash, password)) {
        RecordAddressFailure(remote, now);
        const int failed = account->failed_sign_ins + 1;
        std::string locked;
        if (failed >= config_.max_failed_sign_ins) locked = FormatUtc(now + config_.lockout);
        KYOSO_RETURN_IF_ERROR(
            store_.accounts().RecordSignInOutcome(account->user_id, locked.empty() ? failed : 0, locked));
        if (!locked.empty()) {
            return ResourceExhausted("too many failed sign-ins for this login; locked until " + locked);
        }
        return Unauthenticated("wrong login or password");
    }
    if (account->failed_sign_ins != 0 || !account->locked_until.empty()) {
        KYOSO_RETURN_IF_ERROR(store_.accounts().RecordSignInOutcome(account->user_id, 0, ""));
    }
    auto principal = PrincipalOf(*account);
    if (!principal.ok()) return principal.status();
    principal->via = "session";
    SignedIn out{*principal, random_.RandomHex(32), random_.RandomHex(32), FormatUtc(now + config_.session_absolute)};
    KYOSO_RETURN_IF_ERROR(store_.accounts().DeleteSessions(now_text, 0));  // sweep expired ones
    KYOSO_RETURN_IF_ERROR(store_.accounts().InsertSession(
        {digest_.Sha256Hex(out.session_token), account->user_id, out.csrf_token, now_text, out.expires_at, now_text}));
    return out;
}

Result<Authenticated> AuthService::ForUser(long long user_id, std::string csrf) {
    auto account = store_.accounts().FindById(user_id);
    if (!account.ok()) return account.status().code() == ErrorCode::kNotFound ? Unauth() : account.status();
    if (account->disabled || account->login.empty()) return Unauthenticated("this account is disabled");
    auto principal = PrincipalOf(*account);
    if (!principal.ok()) return principal.status();
    return Authenticated{std::move(*principal), std::move(csrf)};
}

Result<Authenticated> AuthService::AuthenticateSession(const std::string& session_token) {
    if (session_token.size() != 64) return Unauth();
    const std::string hash = digest_.Sha256Hex(session_token);
    auto session = store_.accounts().FindSession(hash);
    if (!session.ok()) return session.status().code() == ErrorCode::kNotFound ? Unauth() : session.status();
    const sys_seconds now = clock_.Now();
    const std::string now_text = FormatUtc(now);
    const std::string idle_limit = FormatUtc(now - config_.session_idle);
    if (session->expires_at <= now_text || session->last_seen_at < idle_limit) {
        (void)store_.accounts().DeleteSession(hash);
        return Unauthenticated("the session has expired; sign in again");
    }
    // Touch at most once a minute: a read must not cost a write each time.
    if (session->last_seen_at < FormatUtc(now - std::chrono::minutes(1))) {
        KYOSO_RETURN_IF_ERROR(store_.accounts().TouchSession(hash, now_text));
    }
    auto out = ForUser(session->user_id, session->csrf_token);
    if (out.ok()) out->principal.via = "session";
    return out;
}

Result<Authenticated> AuthService::AuthenticateToken(const std::string& api_token) {
    if (api_token.rfind(kTokenPrefix, 0) != 0 || api_token.size() != kTokenPrefix.size() + 40) return Unauth();
    auto token = store_.accounts().FindTokenByHash(digest_.Sha256Hex(api_token));
    if (!token.ok()) return token.status().code() == ErrorCode::kNotFound ? Unauth() : token.status();
    const sys_seconds now = clock_.Now();
    const std::string now_text = FormatUtc(now);
    if (!token->revoked_at.empty()) return Unauthenticated("this API token was revoked");
    if (!token->expires_at.empty() && token->expires_at <= now_text) {
        return Unauthenticated("this API token expired at " + token->expires_at);
    }
    if (token->last_used_at < FormatUtc(now - std::chrono::minutes(1))) {
        KYOSO_RETURN_IF_ERROR(store_.accounts().TouchToken(token->id, now_text));
    }
    auto out = ForUser(token->user_id, "");
    if (out.ok()) out->principal.via = "token";
    return out;
}

Status AuthService::SignOut(const std::string& session_token) {
    return store_.accounts().DeleteSession(digest_.Sha256Hex(session_token));
}

Result<CreatedToken> AuthService::CreateToken(const Principal& owner, const std::string& name, int days) {
    std::vector<ErrorDetail> errors;
    if (name.empty() || name.size() > 100) errors.push_back({"name", "required, at most 100 bytes"});
    if (days < 0 || days > 3650) errors.push_back({"expires_in_days", "0 (never) to 3650"});
    if (!errors.empty()) return InvalidArgument("invalid API token request", std::move(errors));
    const sys_seconds now = clock_.Now();
    CreatedToken out;
    out.token = std::string(kTokenPrefix) + random_.RandomHex(20);
    out.record.user_id = owner.user_id;
    out.record.name = name;
    out.record.token_hash = digest_.Sha256Hex(out.token);
    out.record.prefix = out.token.substr(0, kTokenPrefix.size() + 6);
    out.record.created_at = FormatUtc(now);
    if (days > 0) out.record.expires_at = FormatUtc(now + std::chrono::days(days));
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.accounts().InsertToken(out.record);
        if (!id.ok()) return id.status();
        out.record.id = *id;
        return audit_.Append({owner.Actor(), "token.create", "api_token", std::to_string(*id), "",
                              AuditJson()
                                  .Int("id", *id)
                                  .Int("user_id", owner.user_id)
                                  .Str("name", name)
                                  .Str("prefix", out.record.prefix)
                                  .Str("expires_at", out.record.expires_at)
                                  .str()});
    });
    if (!st.ok()) return st;
    return out;
}

Result<std::vector<ports::ApiTokenRecord>> AuthService::ListTokens(const Principal& owner) {
    return store_.accounts().ListTokens(owner.user_id);
}

Status AuthService::RevokeToken(const Principal& by, long long token_id) {
    auto token = store_.accounts().FindToken(token_id);
    if (!token.ok()) return token.status();
    // Someone else's token is reported as absent unless the caller administers users.
    if (token->user_id != by.user_id && by.role != domain::AccessRole::kAdmin) {
        return NotFound("no API token with id " + std::to_string(token_id));
    }
    const std::string at = FormatUtc(clock_.Now());
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.accounts().RevokeToken(token_id, at));
        return audit_.Append({by.Actor(), "token.revoke", "api_token", std::to_string(token_id), "",
                              AuditJson().Int("id", token_id).Str("revoked_at", at).str()});
    });
}

void AuthService::CheckPassword(const std::string& password, std::vector<ErrorDetail>* errors) const {
    if (password.size() < config_.min_password_length) {
        errors->push_back({"password", "at least " + std::to_string(config_.min_password_length) + " characters"});
    } else if (password.size() > 1024) {
        errors->push_back({"password", "at most 1024 bytes"});
    }
}

namespace {

// Applies the request's fields over `a`, collecting what is wrong.
void Merge(const AccountRequest& r, ports::Account& a, std::vector<ErrorDetail>& errors) {
    if (r.login) {
        if (!ValidLogin(*r.login)) {
            errors.push_back({"login", "1-64 characters of A-Z a-z 0-9 . _ - @"});
        } else {
            a.login = *r.login;
        }
    }
    if (r.name) {
        if (r.name->empty() || r.name->size() > 200) {
            errors.push_back({"name", "required, at most 200 bytes"});
        } else {
            a.name = *r.name;
        }
    }
    if (r.role) {
        auto role = domain::AccessRoleFromSlug(*r.role);
        if (!role) {
            errors.push_back({"role", "one of admin, manager, bdr, inside_sales, field_sales, customer_success"});
        } else if (*role == domain::AccessRole::kAdmin) {
            a.admin = true;
            if (a.sales_role.empty()) a.sales_role = "manager";
        } else {
            a.admin = false;
            a.sales_role = *r.role;
        }
    }
    if (r.team) {
        if (r.team->size() > 200) {
            errors.push_back({"team", "at most 200 bytes"});
        } else {
            a.team = *r.team;
        }
    }
    if (r.territory) {
        for (const auto& p : *r.territory) {
            if (!ValidPrefecture(p)) errors.push_back({"territory", "'" + p + "' is not a prefecture code 01-47"});
        }
        a.territory = *r.territory;
    }
    if (r.disabled) a.disabled = *r.disabled;
}

}  // namespace

Result<ports::Account> AuthService::CreateAccount(const AccountRequest& r, const std::string& actor) {
    std::vector<ErrorDetail> errors;
    if (!r.login) errors.push_back({"login", "required"});
    if (!r.name) errors.push_back({"name", "required"});
    if (!r.role) errors.push_back({"role", "required"});
    if (!r.password) errors.push_back({"password", "required"});
    ports::Account a;
    Merge(r, a, errors);
    if (r.password) CheckPassword(*r.password, &errors);
    if (!errors.empty()) return InvalidArgument("invalid account", std::move(errors));
    auto hash = hasher_.Hash(*r.password);
    if (!hash.ok()) return hash.status();
    a.password_hash = *hash;
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.accounts().InsertAccount(a);
        if (!id.ok()) {
            if (id.status().code() == ErrorCode::kAlreadyExists) {
                return Status(ErrorCode::kAlreadyExists, id.status().message(), {{"login", "taken"}});
            }
            return id.status();
        }
        a.user_id = *id;
        return audit_.Append({actor, "user.create", "user", std::to_string(a.user_id), "", AccountAuditJson(a)});
    });
    if (!st.ok()) return st;
    return a;
}

Result<ports::Account> AuthService::UpdateAccount(long long user_id, const AccountRequest& r,
                                                  const std::string& actor) {
    auto before = store_.accounts().FindById(user_id);
    if (!before.ok()) return before.status();
    ports::Account a = *before;
    std::vector<ErrorDetail> errors;
    Merge(r, a, errors);
    if (r.password) CheckPassword(*r.password, &errors);
    if (!errors.empty()) return InvalidArgument("invalid account", std::move(errors));
    if (r.password) {
        auto hash = hasher_.Hash(*r.password);
        if (!hash.ok()) return hash.status();
        a.password_hash = *hash;
        a.failed_sign_ins = 0;
        a.locked_until.clear();
    }
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.accounts().UpdateAccount(a));
        // A new password or a disabled account ends every open session.
        if (r.password || a.disabled) {
            KYOSO_RETURN_IF_ERROR(store_.accounts().DeleteSessions(FormatUtc(clock_.Now()), a.user_id));
        }
        return audit_.Append(
            {actor, "user.update", "user", std::to_string(a.user_id), AccountAuditJson(*before), AccountAuditJson(a)});
    });
    if (!st.ok()) return st;
    return a;
}

Result<ports::Account> AuthService::UpdateAccountAs(const Principal& by, long long user_id, const AccountRequest& r) {
    if (user_id == by.user_id && ((r.role && *r.role != "admin") || r.disabled.value_or(false))) {
        return FailedPrecondition("you cannot demote or disable your own account; ask another administrator");
    }
    return UpdateAccount(user_id, r, by.Actor());
}

Result<std::vector<ports::Account>> AuthService::ListAccounts() { return store_.accounts().ListAccounts(); }

Result<std::vector<ports::DirectoryEntry>> AuthService::ListDirectory() { return store_.accounts().ListDirectory(); }

Result<ports::Account> AuthService::EnableLogin(long long user_id, const std::string& login,
                                                const std::string& password, const std::string& actor) {
    AccountRequest r;
    r.login = login;
    r.password = password;
    return UpdateAccount(user_id, r, actor);
}

Result<Principal> AuthService::PrincipalOf(const ports::Account& account) {
    Principal p;
    p.user_id = account.user_id;
    p.login = account.login;
    p.name = account.name;
    p.role = RoleOf(account);
    p.team = account.team;
    p.territory = account.territory;
    if (!account.team.empty()) {
        auto members = store_.accounts().UserIdsInTeam(account.team);
        if (!members.ok()) return members.status();
        p.team_user_ids = std::move(*members);
    } else {
        p.team_user_ids = {account.user_id};
    }
    return p;
}

Status AuthService::StoreAccessPolicy(const std::string& json, const std::string& before_json,
                                      const std::string& actor) {
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.accounts().SaveAccessPolicy(json, FormatUtc(clock_.Now())));
        return audit_.Append({actor, "access_policy.update", "access_policy", "1", before_json, json});
    });
}

Result<Principal> AuthService::PrincipalOfLogin(const std::string& login) {
    auto account = store_.accounts().FindByLogin(login);
    if (!account.ok()) return account.status();
    if (account->disabled) return FailedPrecondition("the account '" + login + "' is disabled");
    return PrincipalOf(*account);
}

}  // namespace kyoso::app
