#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kyoso::ports {

// Keyset order for list queries: by `field` (a name the repository maps to a fixed
// column), ties broken by id, both in the same direction. With `after`, the page
// starts after the row (after_value, after_id) of the previous page.
struct SortSpec {
    std::string field = "id";
    bool descending = false;
    std::optional<std::string> after_value;  // the sort value as text (integers too)
    std::optional<long long> after_id;
};

// Record-level sharing applied to a list (docs/security.md): a row is visible
// when `all`, or its owner is in `owner_ids`, or `member_user_id` is on its team
// (deals), or its government is in one of `prefectures` ("13" for Tokyo).
struct Visibility {
    bool all = true;
    std::vector<long long> owner_ids;
    long long member_user_id = 0;
    std::vector<std::string> prefectures;
};

}  // namespace kyoso::ports
