#pragma once

#include <nlohmann/json.hpp>

#include "kyoso/app/leadscore/lead_scoring.hpp"

namespace kyoso::api {

// The JSON of a lead-scoring evaluation, shared by `kyoso leads evaluate` and
// POST /api/leads/evaluate (schema LeadScoreEvaluation in openapi/leadscore.json).
nlohmann::json LeadEvaluationJson(const app::LeadEvaluation& ev);

}  // namespace kyoso::api
