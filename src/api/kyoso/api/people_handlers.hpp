#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the department, official and rotation-import routes (docs/crm-people.md)
// when services.departments, officials and rotations are set: GET
// /api/governments/{code}/departments, POST /api/departments, GET/PATCH/DELETE
// /api/departments/{id}, GET/POST /api/officials, GET/PATCH /api/officials/{id},
// POST /api/imports/rotations. The handlers only translate HTTP and JSON.
void RegisterPeopleRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
