#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/mac.hpp"
#include "kyoso/ports/password_hasher.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Session lifetime, lock-out and rate limits (docs/security.md). Configurable by
// file and environment through `kyoso serve`.
struct AuthConfig {
    std::chrono::seconds session_idle{std::chrono::hours(8)};       // signed out after this long unused
    std::chrono::seconds session_absolute{std::chrono::hours(24)};  // and at the latest after this
    int max_failed_sign_ins = 5;                                    // consecutive, per account
    std::chrono::seconds lockout{std::chrono::minutes(15)};
    int address_attempts = 20;  // failed sign-ins per address within `address_window`
    std::chrono::seconds address_window{std::chrono::minutes(5)};
    size_t min_password_length = 12;
};

// A successful sign-in: the session token (for the cookie, shown once) and the
// CSRF token the client must echo on writes.
struct SignedIn {
    Principal principal;
    std::string session_token;
    std::string csrf_token;
    std::string expires_at;
};

// An authenticated request: who, and for a cookie session its CSRF token.
struct Authenticated {
    Principal principal;
    std::string csrf_token;  // "" for API tokens (not sent by browsers; no CSRF)
};

// A new API token: the secret is returned once and stored only as a hash.
struct CreatedToken {
    ports::ApiTokenRecord record;
    std::string token;
};

// An account as an administrator creates or changes it. Absent optionals keep
// the stored value on update.
struct AccountRequest {
    std::optional<std::string> login;
    std::optional<std::string> name;
    std::optional<std::string> role;  // admin, manager, bdr, inside_sales, field_sales, customer_success
    std::optional<std::string> team;
    std::optional<std::vector<std::string>> territory;  // prefecture codes "01".."47"
    std::optional<std::string> password;
    std::optional<bool> disabled;
};

// Accounts, sign-in, sessions and API tokens. Passwords are Argon2id hashes;
// session and API tokens are random and stored as SHA-256. Failed sign-ins lock
// the account for a while and are rate limited per remote address. Thread-safe.
class AuthService {
public:
    AuthService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                const ports::PasswordHasher& hasher, const ports::SecretSource& random, AuthConfig config = {});

    // Unauthenticated (one message for unknown login and wrong password) or
    // ResourceExhausted while the account is locked or the address sends too many.
    Result<SignedIn> SignIn(const std::string& login, const std::string& password, const std::string& remote);
    // Unauthenticated for an unknown, expired or idle session, or a disabled user.
    Result<Authenticated> AuthenticateSession(const std::string& session_token);
    // Unauthenticated for an unknown, revoked or expired token, or a disabled user.
    Result<Authenticated> AuthenticateToken(const std::string& api_token);
    Status SignOut(const std::string& session_token);

    // A token for `owner` (expires after `days` days; 0 = never). Audited.
    Result<CreatedToken> CreateToken(const Principal& owner, const std::string& name, int days);
    Result<std::vector<ports::ApiTokenRecord>> ListTokens(const Principal& owner);
    // Revokes one of the owner's tokens (an administrator may revoke anyone's). Audited.
    Status RevokeToken(const Principal& by, long long token_id);

    // Account administration (the caller checks Capability::kManageUsers). Each
    // invalid field is named; audited as user.create / user.update without hashes.
    Result<ports::Account> CreateAccount(const AccountRequest& request, const std::string& actor);
    Result<ports::Account> UpdateAccount(long long user_id, const AccountRequest& request, const std::string& actor);
    // UpdateAccount by a signed-in administrator: FailedPrecondition when `by`
    // would demote or disable their own account (the last way back in).
    Result<ports::Account> UpdateAccountAs(const Principal& by, long long user_id, const AccountRequest& request);
    Result<std::vector<ports::Account>> ListAccounts();
    // The people directory for every signed-in user: enabled users by team, then
    // name (names, roles and teams only).
    Result<std::vector<ports::DirectoryEntry>> ListDirectory();
    // Gives an existing user (e.g. a demo or imported sales user) a login and password.
    Result<ports::Account> EnableLogin(long long user_id, const std::string& login, const std::string& password,
                                       const std::string& actor);

    // The principal of an account (loads its team).
    Result<Principal> PrincipalOf(const ports::Account& account);
    // The principal of a login, for CLI commands and scripts.
    Result<Principal> PrincipalOfLogin(const std::string& login);

    // Stores the access policy (JSON text, parsed by the caller) and audits the
    // change as access_policy.update with the policy before and after.
    Status StoreAccessPolicy(const std::string& json, const std::string& before_json, const std::string& actor);

    const AuthConfig& config() const { return config_; }

private:
    void CheckPassword(const std::string& password, std::vector<ErrorDetail>* errors) const;
    bool AddressLimited(const std::string& remote, std::chrono::sys_seconds now);
    void RecordAddressFailure(const std::string& remote, std::chrono::sys_seconds now);
    Result<Authenticated> ForUser(long long user_id, std::string csrf);

    ports::Store& store_;
    const ports::Clock& clock_;
    const ports::Digest& digest_;
    const ports::PasswordHasher& hasher_;
    const ports::SecretSource& random_;
    AuthConfig config_;
    AuditTrail audit_;
    std::string decoy_hash_;  // verified for unknown logins, so timing does not tell them apart
    std::mutex address_mutex_;
    std::map<std::string, std::deque<std::chrono::sys_seconds>> address_failures_;
};

// The account in the audit trail (no password hash).
std::string AccountAuditJson(const ports::Account& account);

}  // namespace kyoso::app
