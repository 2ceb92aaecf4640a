#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers GET/POST /api/contact-log, GET /api/governments/{code}/disclosure.csv
// and .xlsx (情報公開 export) and GET /api/search when the services have a
// contact log and a search service. Handlers only translate HTTP and JSON.
void RegisterComplianceRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
