#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers GET /api/activities (the list; logging one is POST /api/activities in
// deal_handlers) when services.activities is set; `services` must outlive the server.
void RegisterActivityRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
