#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers GET/POST /api/saved-views and DELETE /api/saved-views/{id} (each
// signed-in user's own list views) when services.saved_views is set.
void RegisterSavedViewRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
