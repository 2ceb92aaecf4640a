#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers POST /api/imports (CSV body, ?type=&dry_run=&encoding=&actor_id=&async=) when
// services.imports is set, and GET /api/import-jobs/{id} when services.import_jobs is
// set too (async=true queues the import there and answers 202). Bodies are capped by HttpConfig::max_body_bytes (413
// beyond it); large files go through `kyoso import csv`. `services` must outlive
// the server.
void RegisterImportRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
