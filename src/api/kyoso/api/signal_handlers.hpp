#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers /api/signals (list), /api/signals/{id}, POST /api/signals/{id}/lead,
// POST /api/signals/{id}/dismiss and POST /api/signals/import (docs/api.md, "Signals")
// when services.signals is set.
void RegisterSignalRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
