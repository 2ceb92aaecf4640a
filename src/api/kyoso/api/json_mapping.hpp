#pragma once

#include <nlohmann/json.hpp>

#include "kyoso/app/government/government_service.hpp"

namespace kyoso::api {

nlohmann::json GovernmentJson(const domain::Government& g);
nlohmann::json MilestoneJson(const domain::Milestone& m);
nlohmann::json GovernmentDetailJson(const app::GovernmentDetail& d);

}  // namespace kyoso::api
