#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A view as a client sends it; `state_json` is the serialized JSON object.
struct SavedViewRequest {
    std::string list;
    std::string name;
    std::string state_json;
};

// Each user's named list views (filters, sort, columns) in the web app. Private: a
// user sees and deletes only their own, whatever the role. Not audited: they are
// display preferences, not business records. Thread-safe when the store is.
class SavedViewService {
public:
    // The lists a view may belong to.
    static const std::vector<std::string>& Lists();
    // The largest serialized state accepted, in bytes.
    static constexpr size_t kMaxStateBytes = 16 * 1024;
    static constexpr size_t kMaxNameBytes = 200;

    SavedViewService(ports::Store& store, const ports::Clock& clock) : store_(store), clock_(clock) {}

    // The user's views, of `list` when given (InvalidArgument naming "list" for an unknown one).
    Result<std::vector<ports::SavedView>> ListOwn(long long user_id, const std::optional<std::string>& list);
    // Saves a view for the user: list one of Lists(), name 1-200 bytes (trimmed),
    // state at most 16 KB. InvalidArgument naming each bad field; AlreadyExists when
    // the user has a view of that list with that name.
    Result<ports::SavedView> Create(long long user_id, const SavedViewRequest& request);
    // Deletes the user's view; NotFound when it is not theirs (or does not exist).
    Status Delete(long long user_id, long long id);

private:
    ports::Store& store_;
    const ports::Clock& clock_;
};

}  // namespace kyoso::app
