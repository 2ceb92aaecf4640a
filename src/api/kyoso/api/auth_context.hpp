#pragma once

#include <optional>
#include <string_view>

#include "kyoso/app/access/auth_service.hpp"
#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/domain/access/access.hpp"

namespace kyoso::api {

// The principal of the request handled on this thread. HttpServer's route
// wrapper authenticates every non-public route and sets it for the handler's
// duration; handlers of signed-in routes may rely on it.
const app::Principal& CurrentPrincipal();
// The CSRF token of the request's cookie session; "" for an API token.
const std::string& CurrentCsrfToken();

// Sets the current principal (and its session's CSRF token) for one handler call (RAII).
class PrincipalScope {
public:
    explicit PrincipalScope(const app::Authenticated* who);
    ~PrincipalScope();
    PrincipalScope(const PrincipalScope&) = delete;
    PrincipalScope& operator=(const PrincipalScope&) = delete;

private:
    const app::Authenticated* previous_;
};

// Who may call a route: anyone, any signed-in user (record-level checks in the
// handler), or holders of a capability.
struct RouteAccess {
    enum class Kind { kPublic, kSignedIn, kCapability };
    Kind kind = Kind::kSignedIn;
    domain::Capability capability = domain::Capability::kManageUsers;
};

// The rule of (method, route template as registered, e.g. "/api/deals/{id}");
// nullopt for a route without a rule, which the server refuses (fail closed).
std::optional<RouteAccess> AccessFor(std::string_view method, std::string_view route);

}  // namespace kyoso::api
