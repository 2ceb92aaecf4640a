#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

using RouteHandler = std::function<void(const httplib::Request&, httplib::Response&)>;
// Wraps a handler with the server's timing, metrics and exception handling.
using RouteWrapper = std::function<httplib::Server::Handler(std::string route, RouteHandler handler)>;

// Registers GET/POST /api/deals, GET/PATCH /api/deals/{id}, POST
// /api/deals/{id}/stage and POST /api/activities on `server`. The handlers only translate HTTP and JSON to
// app::DealService calls; `services` must outlive the server.
void RegisterDealRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
