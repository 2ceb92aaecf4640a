#pragma once

#include <optional>
#include <string>

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

}  // namespace kyoso::ports
