#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers /api/teams, /api/territories, /api/absences, /api/routing-rules,
// /api/routing/simulate, /api/routing/reroute and /api/leads/{id}/assignments
// (docs/division-of-labour.md, docs/api.md "Teams and routing") when services.routing is set.
void RegisterRoutingRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
