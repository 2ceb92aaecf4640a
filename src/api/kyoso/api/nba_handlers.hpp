#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the next-best-action and similar-government routes (docs/api.md, "Next best
// actions and similar governments") when services.nba is set: GET /api/next-actions,
// GET /api/deals/{id}/next-actions, GET /api/governments/{code}/next-actions, POST
// /api/next-actions/feedback, GET /api/governments/{code}/similar and
// GET /api/governments/{code}/similar/adoption?product_id=.
void RegisterNbaRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
