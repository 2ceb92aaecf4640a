#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers GET /api/transformation/scorecard (docs/transformation.md, "Two-axis
// scorecard") when services.scorecard is set. Open to every signed-in user; revenue
// figures answer null to callers from whom deal amounts are hidden (BDRs by default).
void RegisterScorecardRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
