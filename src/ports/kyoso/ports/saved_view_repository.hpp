#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"

namespace kyoso::ports {

// A user's named filter/sort/column state of one of the web app's lists.
struct SavedView {
    long long id = 0;
    long long user_id = 0;
    std::string list;        // governments, officials, deals, activities, leads
    std::string name;        // unique per user and list
    std::string state_json;  // a JSON object, kept as sent
    std::string created_at;  // UTC, ISO 8601
};

// Storage of saved views. Every call is scoped to one user: nobody reads or
// deletes another's. Safe for concurrent use.
class SavedViewRepository {
public:
    virtual ~SavedViewRepository() = default;
    // The user's views (of `list` when set), by list then name.
    virtual Result<std::vector<SavedView>> ListOwn(long long user_id, const std::optional<std::string>& list) = 0;
    // Inserts the view (its id is ignored) and returns its id; AlreadyExists when the
    // user has a view of that list with that name.
    virtual Result<long long> Insert(const SavedView& view) = 0;
    // Deletes the user's view; NotFound when no view with this id is the user's.
    virtual Status DeleteOwn(long long user_id, long long id) = 0;
};

}  // namespace kyoso::ports
