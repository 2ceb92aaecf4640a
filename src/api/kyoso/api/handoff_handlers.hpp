#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the hand-off routes (docs/api.md, "Hand-offs"): /api/handoffs (inbox,
// create), /api/handoffs/{id} (+ accept, return, cancel), /api/handoffs/sweep,
// /api/handoffs/compliance and /api/handoff-types[/{kind}], when services.handoffs is set.
void RegisterHandoffRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
