#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the tender-notice routes (docs/api.md, "Tender notices"): /api/notices,
// /api/notices/{id}, /api/notices/import, /api/notices/review, /api/notices/{id}/link,
// /api/notices/{id}/dismiss, /api/alerts, /api/alerts/{id}/read and /api/competitors,
// when services.notices is set.
void RegisterNoticeRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
