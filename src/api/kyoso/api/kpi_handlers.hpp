#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the phase, outcome, quota and KPI routes (docs/api.md, "Phases, outcomes,
// quotas and KPIs") when services.kpis is set: GET /api/kpis, GET/PUT /api/quotas,
// GET/PUT /api/deals/{id}/support-phase, GET /api/governments/{code}/phases, the
// outcome-metric routes of a deal and of a government, PATCH/DELETE /api/outcomes/{id}
// and POST /api/outcomes/{id}/measurements.
void RegisterKpiRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
