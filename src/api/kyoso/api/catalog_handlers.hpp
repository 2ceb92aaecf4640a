#pragma once

#include "kyoso/api/deal_handlers.hpp"

namespace kyoso::api {

// Registers the catalogue routes: /api/products, /api/leads (with /convert),
// /api/custom-fields and PATCH /api/governments/{code} (custom fields only).
// Handlers translate HTTP and JSON to app::CatalogServices calls; `services.catalog`
// must be set and outlive the server.
void RegisterCatalogRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
