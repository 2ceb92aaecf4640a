#pragma once

#include <httplib.h>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"

namespace kyoso::api {

// Registers the webhook endpoints (docs/webhooks.md): GET/POST /api/webhooks,
// GET/PATCH/DELETE /api/webhooks/{id}, GET /api/webhooks/{id}/deliveries and
// POST /api/webhook-deliveries/{id}/replay. Does nothing when services.webhooks
// is null. The handlers only translate HTTP and JSON to app::WebhookService calls;
// `services` must outlive the server.
void RegisterWebhookRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
