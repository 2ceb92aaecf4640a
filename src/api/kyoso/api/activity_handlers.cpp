#include "kyoso/api/activity_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/deal_json.hpp"
#include "kyoso/api/responses.hpp"

namespace kyoso::api {

void RegisterActivityRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.activities) return;
    app::ActivityService& activities = *services.activities;
    app::AccessGuard& guard = *services.guard;

    server.Get("/api/activities",
               wrap("/api/activities", [&activities, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   const app::Principal& me = CurrentPrincipal();
                   const auto& authorizer = guard.authorizer();
                   auto result = activities.List(*params, authorizer.ListVisibility(me, domain::RecordKind::kDeal),
                                                 authorizer.ListVisibility(me, domain::RecordKind::kActivity));
                   if (!result.ok()) return SendError(res, result.status());
                   nlohmann::json items = nlohmann::json::array();
                   for (const auto& item : result->items) {
                       nlohmann::json j = ActivityJson(item.activity);
                       j["government_name"] = item.government_name;
                       j["user_name"] = item.user_name;
                       j["deal_title"] = OrNull(item.deal_title);
                       items.push_back(std::move(j));
                   }
                   SendJson(res, 200,
                            {{"items", items}, {"total", result->total}, {"next_cursor", OrNull(result->next_cursor)}});
               }));
}

}  // namespace kyoso::api
