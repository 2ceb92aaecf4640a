#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

struct ActivityListResult {
    std::vector<ports::ActivityListItem> items;
    long long total = 0;
    std::optional<std::string> next_cursor;
};

// The activity list across deals and governments (docs/api.md "GET /api/activities").
// Logging activities stays with DealService. Thread-safe when the store is.
class ActivityService {
public:
    explicit ActivityService(ports::Store& store) : store_(store) {}

    // Parameters: government (5/6-digit code), deal (deal id), user (user id), type
    // (activity type slug), from and to (YYYY-MM-DD, inclusive), sort (occurred_on|id,
    // default occurred_on), order (asc|desc, default desc: newest first), limit (1-500,
    // default 50), cursor. InvalidArgument naming the parameter. An activity is listed
    // when its deal is within `deal_visible` or it is itself within `activity_visible`
    // (the caller's sharing, as for one activity in search).
    Result<ActivityListResult> List(const ListParams& params, const ports::Visibility& deal_visible = {},
                                    const ports::Visibility& activity_visible = {});

private:
    ports::Store& store_;
};

}  // namespace kyoso::app
