#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kyoso/app/custom_field/custom_field_values.hpp"
#include "kyoso/app/deal/deal_service.hpp"
#include "kyoso/domain/sales/sales.hpp"

namespace kyoso::api {

// JSON shapes of the catalogue objects (docs/crm-catalog.md).
nlohmann::json ProductJson(const domain::Product& p);
nlohmann::json LeadJson(const domain::Lead& l);
nlohmann::json CustomFieldDefinitionJson(const domain::CustomFieldDefinition& d);
// {"key": value,...}; numbers as JSON numbers, everything else as strings.
nlohmann::json CustomFieldsJson(const std::vector<app::CustomFieldEntry>& entries);
nlohmann::json LineItemJson(const domain::DealLineItem& item);
nlohmann::json TeamMemberJson(const domain::DealTeamMember& member);
// Only the `fields` members of `item` (all of it when `fields` is empty).
nlohmann::json SelectFields(const nlohmann::json& item, const std::vector<std::string>& fields);

}  // namespace kyoso::api
