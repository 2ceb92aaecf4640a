#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"
#include "kyoso/app/forecast/forecast_service.hpp"

namespace kyoso::api {

// Registers the forecast routes (docs/api.md, "Forecast") when services.forecast is set:
// GET /api/forecast, GET /api/forecast/backtest, GET/POST /api/forecast/adjustments and
// DELETE /api/forecast/adjustments/{id} (withdraws; the row stays).
void RegisterForecastRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

// The JSON bodies, shared with `kyoso forecast [backtest] --json`.
nlohmann::json ForecastJson(const app::ForecastReport& report);
nlohmann::json BacktestJson(const app::BacktestReport& report);
nlohmann::json AdjustmentJson(const ports::ForecastAdjustmentRecord& a);

}  // namespace kyoso::api
