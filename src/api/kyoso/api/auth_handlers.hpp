#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/core/result.hpp"
#include "kyoso/domain/access/access.hpp"

namespace kyoso::api {

// Name of the session cookie (HttpOnly, SameSite=Strict, Path=/).
inline constexpr const char* kSessionCookie = "kyoso_session";
// Header a cookie-authenticated write must carry with the session's CSRF token.
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// POST/GET/DELETE /api/session (sign in and out), /api/tokens (API tokens),
// /api/users (accounts) and /api/access-policy (docs/security.md).
// `secure_cookie` adds the Secure attribute (behind HTTPS).
void RegisterAuthRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap,
                        bool secure_cookie);

// The access policy as JSON ({"roles": {role: {"records": {kind: {read, write,
// hidden_fields}}, "capabilities": [...]}}}) and back; the parse names each bad
// member. Roles and kinds left out keep the shipped defaults.
nlohmann::json AccessPolicyJson(const domain::AccessPolicy& policy);
Result<domain::AccessPolicy> ParseAccessPolicy(const nlohmann::json& json);

// The value of cookie `name` in a Cookie header; "" when absent.
std::string CookieValue(const std::string& cookie_header, const std::string& name);

}  // namespace kyoso::api
