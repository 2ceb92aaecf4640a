#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the deadline routes (docs/api.md, "Deadlines") when services.deadlines
// is set: GET /api/deadlines, GET /api/deals/{id}/deadline, the milestone-override
// routes of a government, the calendar-feed routes and the public
// GET /calendar/{token}.ics (the token is the credential).
void RegisterDeadlineRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
