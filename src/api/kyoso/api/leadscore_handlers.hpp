#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers POST /api/leads/evaluate (docs/ml.md "Lead scoring on your own data") when
// services.lead_scoring is set: a CSV body (?target=&positive=&exclude=&split=) or a
// JSON body {csv, target, positive, exclude, split} (one starting with '{'); answers
// the same JSON as `kyoso leads evaluate`. Nothing is stored. Bodies are capped by
// HttpConfig::max_body_bytes (413 beyond it).
void RegisterLeadScoreRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
