#pragma once

#include <nlohmann/json.hpp>

#include "kyoso/core/status.hpp"

namespace kyoso::api {

// The one place where domain error codes become HTTP statuses.
int HttpStatusFor(ErrorCode code);

// {"error":{"code":"INVALID_ARGUMENT","message":"...","details":[{"field":..,"message":..}]}}
nlohmann::json ErrorBody(const Status& status);

}  // namespace kyoso::api
