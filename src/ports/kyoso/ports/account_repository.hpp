#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/access/access.hpp"

namespace kyoso::ports {

// A user who can sign in (docs/security.md). Sales users without a login are
// records only (owners of demo or imported deals) and cannot sign in.
struct Account {
    long long user_id = 0;
    std::string login;  // unique; "" = cannot sign in
    std::string name;
    std::string sales_role;  // bdr, inside_sales, field_sales, customer_success, manager
    bool admin = false;
    std::string team;
    std::vector<std::string> territory;  // prefecture codes "01".."47"
    std::string password_hash;           // Argon2id encoded; "" = no password set
    bool disabled = false;
    int failed_sign_ins = 0;   // consecutive failures since the last success
    std::string locked_until;  // UTC "YYYY-MM-DDTHH:MM:SSZ"; "" = not locked
};

// A user as the people directory shows them (owner pickers): no login, territory
// or security data.
struct DirectoryEntry {
    long long user_id = 0;
    std::string name;
    std::string sales_role;  // bdr, inside_sales, field_sales, customer_success, manager
    bool admin = false;
    std::string team;
};

// A browser session: the token itself is never stored, only its SHA-256.
struct SessionRecord {
    std::string token_hash;
    long long user_id = 0;
    std::string csrf_token;
    std::string created_at;
    std::string expires_at;    // absolute expiry
    std::string last_seen_at;  // for the idle timeout
};

// A long-lived token for scripts; shown once, stored as its SHA-256.
struct ApiTokenRecord {
    long long id = 0;
    long long user_id = 0;
    std::string name;
    std::string token_hash;
    std::string prefix;  // first characters, to recognise it in a list
    std::string created_at;
    std::string expires_at;  // "" = never
    std::string last_used_at;
    std::string revoked_at;  // "" = active
};

// Accounts, sessions, API tokens and the stored access policy.
class AccountRepository {
public:
    virtual ~AccountRepository() = default;

    // Inserts a user row with its account fields; AlreadyExists for a taken login.
    virtual Result<long long> InsertAccount(const Account& account) = 0;
    // Updates every account field of an existing user (by user_id); NotFound when absent.
    virtual Status UpdateAccount(const Account& account) = 0;
    virtual Result<Account> FindByLogin(const std::string& login) = 0;
    virtual Result<Account> FindById(long long user_id) = 0;
    // Every user with a login, by id.
    virtual Result<std::vector<Account>> ListAccounts() = 0;
    // Every enabled user (with or without a login), by team, then name, then id.
    virtual Result<std::vector<DirectoryEntry>> ListDirectory() = 0;
    // Ids of every user (with or without a login) in `team`.
    virtual Result<std::vector<long long>> UserIdsInTeam(const std::string& team) = 0;
    // Stores a failed sign-in count and lock (not inside the caller's transaction:
    // a failed sign-in must be counted even though the request fails).
    virtual Status RecordSignInOutcome(long long user_id, int failed_sign_ins, const std::string& locked_until) = 0;

    virtual Status InsertSession(const SessionRecord& session) = 0;
    virtual Result<SessionRecord> FindSession(const std::string& token_hash) = 0;
    virtual Status TouchSession(const std::string& token_hash, const std::string& last_seen_at) = 0;
    virtual Status DeleteSession(const std::string& token_hash) = 0;
    // Removes sessions expired at `now` and every session of a user (`user_id` > 0).
    virtual Status DeleteSessions(const std::string& now, long long user_id) = 0;

    virtual Result<long long> InsertToken(const ApiTokenRecord& token) = 0;
    virtual Result<ApiTokenRecord> FindTokenByHash(const std::string& token_hash) = 0;
    virtual Result<ApiTokenRecord> FindToken(long long id) = 0;
    virtual Result<std::vector<ApiTokenRecord>> ListTokens(long long user_id) = 0;
    virtual Status RevokeToken(long long id, const std::string& at) = 0;
    virtual Status TouchToken(long long id, const std::string& at) = 0;

    // The stored access policy as JSON text; "" when none was stored (use the defaults).
    virtual Result<std::string> LoadAccessPolicy() = 0;
    virtual Status SaveAccessPolicy(const std::string& json, const std::string& at) = 0;
};

}  // namespace kyoso::ports
