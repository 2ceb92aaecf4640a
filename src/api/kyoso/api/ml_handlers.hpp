#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the model routes (docs/api.md, "Models") when services.ml is set:
// GET /api/ml/models, POST /api/ml/train (manage_sales_ops, audited, synchronous),
// GET /api/deals/{id}/score, GET /api/governments/{code}/propensity and
// GET /api/leads/{id}/score.
void RegisterMlRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
