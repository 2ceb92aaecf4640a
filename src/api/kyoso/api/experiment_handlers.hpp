#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the experiment routes (docs/transformation.md, "Experiments") when
// services.experiments is set: GET/POST /api/experiments, GET/PATCH
// /api/experiments/{id}, POST /api/experiments/{id}/stop (writes need
// manage_sales_ops) and GET /api/experiments/{id}/result.
void RegisterExperimentRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
