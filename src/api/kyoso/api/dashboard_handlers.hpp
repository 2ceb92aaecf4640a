#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers GET /api/dashboards/{funnel,pipeline-by-year,win-rates,activity-volume,
// prefectures} (docs/api.md "Dashboards") when services.dashboards is set.
void RegisterDashboardRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
