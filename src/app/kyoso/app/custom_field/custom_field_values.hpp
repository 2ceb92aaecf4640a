#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/domain/custom_field/custom_field.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// custom_fields of a request body: key → value as sent.
using CustomFieldInputs = std::map<std::string, domain::CustomFieldInput>;

// One custom field value of a record, as returned to clients.
struct CustomFieldEntry {
    std::string key;
    domain::CustomFieldType type = domain::CustomFieldType::kText;
    std::string value;  // canonical text; numbers as "12.5"
};

// Validated custom field changes, ready to write.
struct PreparedCustomFields {
    std::vector<std::pair<long long, std::optional<std::string>>> changes;  // definition id → value (nullopt clears)
};

// Checks `inputs` against the entity's definitions: unknown keys and bad values are
// appended to `errors` as "custom_fields.<key>"; with `creating`, so are required
// fields that are absent. Returns non-OK only when storage fails.
Status PrepareCustomFields(ports::Store& store, domain::CustomFieldEntity entity, const CustomFieldInputs& inputs,
                           bool creating, PreparedCustomFields* out, std::vector<ErrorDetail>* errors);

// Writes prepared changes for one record (call inside the record's transaction).
Status ApplyCustomFields(ports::Store& store, const std::string& record_key, const PreparedCustomFields& prepared);

// The record's values, in definition order.
Result<std::vector<CustomFieldEntry>> CustomFieldsOf(ports::Store& store, domain::CustomFieldEntity entity,
                                                     const std::string& record_key);

// The values as a JSON object for audit entries: {"key":"value",...}.
std::string CustomFieldsAuditJson(const std::vector<CustomFieldEntry>& entries);

}  // namespace kyoso::app
