#pragma once

#include <string>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// A private iCalendar feed URL (docs/api.md, "Deadlines"). The token in the URL is
// the credential: only its SHA-256 is stored, like an API token's.
struct CalendarFeedRecord {
    long long id = 0;
    long long user_id = 0;  // who created it; the feed shows what this user may read
    std::string scope;      // "user" (the user's own deals) or "team"
    std::string team;       // the team of a "team" feed; "" for "user"
    std::string token_hash;
    std::string prefix;  // first characters of the token, to recognise it in a list
    std::string created_at;
    std::string last_used_at;
    std::string revoked_at;  // "" = active
};

// Calendar feed tokens. Implementations are safe for concurrent use; calls made
// inside Store::InTransaction join that transaction.
class CalendarFeedRepository {
public:
    virtual ~CalendarFeedRepository() = default;

    // Inserts a feed (its id is ignored) and returns the assigned id.
    virtual Result<long long> Insert(const CalendarFeedRecord& feed) = 0;
    // NotFound when no feed has this token hash.
    virtual Result<CalendarFeedRecord> FindByHash(const std::string& token_hash) = 0;
    // NotFound when no feed has this id.
    virtual Result<CalendarFeedRecord> Find(long long id) = 0;
    // The user's feeds (revoked ones too), newest first.
    virtual Result<std::vector<CalendarFeedRecord>> ListOfUser(long long user_id) = 0;
    virtual Status Revoke(long long id, const std::string& at) = 0;
    virtual Status Touch(long long id, const std::string& at) = 0;
};

}  // namespace kyoso::ports
