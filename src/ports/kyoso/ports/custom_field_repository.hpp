#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/custom_field/custom_field.hpp"

namespace kyoso::ports {

// One stored value of a custom field on one record.
struct CustomFieldValue {
    long long definition_id = 0;
    std::string value;  // canonical text (NormalizeCustomFieldValue)
};

// Definitions and values of custom fields. record_key is the record's id in
// decimal, or a government's 6-digit code. Safe for concurrent use; calls inside
// Store::InTransaction join it.
class CustomFieldRepository {
public:
    virtual ~CustomFieldRepository() = default;
    // All definitions (of one entity when given), by entity then id.
    virtual Result<std::vector<domain::CustomFieldDefinition>> Definitions(
        std::optional<domain::CustomFieldEntity> entity) = 0;
    // NotFound for an unknown id.
    virtual Result<domain::CustomFieldDefinition> Get(long long id) = 0;
    // Inserts (the id is ignored); AlreadyExists when the entity already has the key.
    virtual Result<long long> Insert(const domain::CustomFieldDefinition& def) = 0;
    // Replaces label, choices and required of def.id; NotFound when it is gone.
    virtual Status Update(const domain::CustomFieldDefinition& def) = 0;
    // Deletes the definition and all its values; NotFound when it is gone.
    virtual Status Delete(long long id) = 0;
    // How many records hold a value of the field.
    virtual Result<long long> CountValues(long long definition_id) = 0;
    // Distinct stored values of the field (for checking a shrunk choice list).
    virtual Result<std::vector<std::string>> DistinctValues(long long definition_id) = 0;
    // The values a record holds, of fields of `entity`.
    virtual Result<std::vector<CustomFieldValue>> ValuesOf(domain::CustomFieldEntity entity,
                                                           const std::string& record_key) = 0;
    // Sets (value) or clears (nullopt) one value.
    virtual Status SetValue(long long definition_id, const std::string& record_key,
                            const std::optional<std::string>& value) = 0;
};

}  // namespace kyoso::ports
