#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the cadence and task routes (docs/api.md, "Cadences and tasks") when
// services.cadences is set: /api/cadences (+ {id}, {id}/enrolments, {id}/variants),
// POST /api/enrolments/{id}/outcome, /api/tasks (+ {id}/complete, {id}/skip).
void RegisterCadenceRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
