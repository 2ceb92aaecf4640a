#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/core/status.hpp"

namespace kyoso::api {

// Writes `body` as the JSON response with `status` (invalid UTF-8 is replaced, never thrown).
void SendJson(httplib::Response& res, int status, const nlohmann::json& body);
// Writes the error body for a non-OK Status with its mapped HTTP status.
void SendError(httplib::Response& res, const Status& status);

// The query string as a parameter map for a use case; a repeated parameter is an
// InvalidArgument naming it (the use cases validate names and values).
Result<app::ListParams> QueryParams(const httplib::Request& req);

// null for the id 0, which the records use for "none".
inline nlohmann::json IdOrNull(long long id) { return id == 0 ? nlohmann::json(nullptr) : nlohmann::json(id); }

// null for an empty optional.
template <typename T>
nlohmann::json OrNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace kyoso::api
