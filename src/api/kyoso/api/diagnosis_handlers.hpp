#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the organisation diagnosis routes (docs/api.md, "Transformation programme")
// when services.diagnosis is set: GET /api/transformation/questionnaire, GET/POST
// /api/transformation/assessments, GET /api/transformation/diagnosis (latest, or
// ?assessment_id=) and GET /api/transformation/signals?from=&to= (default: the 90 days
// up to today).
void RegisterDiagnosisRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
