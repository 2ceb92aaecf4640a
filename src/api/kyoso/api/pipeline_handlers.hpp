#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers GET /api/pipeline/stages and GET /api/pipeline/board (docs/api.md,
// "Pipeline") on `server` when services.pipeline is set; `services` must outlive the server.
void RegisterPipelineRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
