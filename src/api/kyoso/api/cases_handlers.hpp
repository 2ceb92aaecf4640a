#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the case library and public value routes (docs/transformation.md, "Case
// library" and "Public value") when services.cases is set: GET/POST /api/cases,
// GET/PATCH/DELETE /api/cases/{id}, GET /api/cases/related, GET /api/public-value and
// GET /api/public-value/evidence.
void RegisterCaseRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
