#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"
#include "kyoso/app/transformation/plan_service.hpp"

namespace kyoso::api {

// The plan as the API answers it (openapi/plan.json, ActionPlan): the profile used,
// the dimension priorities and the three stages with their actions and progress.
nlohmann::json PlanViewJson(const app::PlanView& view);

// Registers the staged action plan's routes (docs/transformation.md, "Staged action
// plan") when services.plan is set: GET /api/transformation/plan, GET
// /api/transformation/plan.xlsx (both ?start=&staff=&focus=) and PUT
// /api/transformation/plan/actions/{key}.
void RegisterPlanRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
