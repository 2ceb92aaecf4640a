#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "kyoso/api/deal_handlers.hpp"
#include "kyoso/api/http_server.hpp"
#include "kyoso/app/transformation/experiment_service.hpp"

namespace kyoso::api {

// An experiment as the API (and `kyoso experiments --json`) shows it: the design, its status
// today, whether the design is locked and the days to the horizon.
nlohmann::json ExperimentViewJson(const app::ExperimentView& v);
// The result of experiment `id`: arms, test, verdict and the message in both languages.
nlohmann::json ExperimentResultJson(long long id, const domain::Experiment& e, const domain::ExperimentResult& r);

// Registers the experiment routes (docs/transformation.md, "Experiments") when
// services.experiments is set: GET/POST /api/experiments, GET/PATCH
// /api/experiments/{id}, POST /api/experiments/{id}/stop (writes need
// manage_sales_ops) and GET /api/experiments/{id}/result.
void RegisterExperimentRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap);

}  // namespace kyoso::api
