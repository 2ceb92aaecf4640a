#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/custom_field/custom_field_values.hpp"
#include "kyoso/app/government/government_service.hpp"
#include "kyoso/domain/custom_field/custom_field.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// A new custom field as a client defines it.
struct CustomFieldCreateRequest {
    std::string entity;  // lead, deal, government
    std::string key;
    std::string label;
    std::string type;  // text, number, date, choice
    std::vector<std::string> choices;
    bool required = false;
};

// Changes to a custom field; absent members stay. Entity, key and type are fixed
// once values may exist.
struct CustomFieldUpdateRequest {
    std::optional<std::string> label;
    std::optional<std::vector<std::string>> choices;
    std::optional<bool> required;
};

// Use cases over custom field definitions, and the custom fields of governments
// (leads and deals carry theirs through their own services). Every write is audited
// in its own transaction; a failed request writes nothing. Thread-safe when its
// dependencies are.
class CustomFieldService {
public:
    CustomFieldService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest)
        : store_(store), audit_(store, clock, digest) {}

    // Parameters: entity (lead|deal|government). All definitions, by entity then id.
    Result<std::vector<domain::CustomFieldDefinition>> List(const ListParams& params);
    // InvalidArgument naming each bad field; AlreadyExists for a key the entity has.
    // Audited as "custom_field.create".
    Result<domain::CustomFieldDefinition> Create(const CustomFieldCreateRequest& request);
    // NotFound for an unknown id; FailedPrecondition (detail `choices`) when a stored
    // value is no longer among the choices. Audited as "custom_field.update".
    Result<domain::CustomFieldDefinition> Update(long long id, const CustomFieldUpdateRequest& request);
    // Deletes the definition with all its values (the count is returned). Audited as
    // "custom_field.delete". NotFound for an unknown id.
    Result<long long> Delete(long long id);

    // A government's custom fields; InvalidArgument for a bad code, NotFound for an unknown one.
    Result<std::vector<CustomFieldEntry>> OfGovernment(const std::string& code);
    // Sets a government's custom fields (null clears one); audited as
    // "government.custom_fields". Returns the values after the write.
    Result<std::vector<CustomFieldEntry>> SetForGovernment(const std::string& code, const CustomFieldInputs& inputs);

private:
    Result<std::string> GovernmentKey(const std::string& code);

    ports::Store& store_;
    AuditTrail audit_;
};

// The definition as recorded in the audit trail.
std::string CustomFieldDefinitionAuditJson(const domain::CustomFieldDefinition& def);

}  // namespace kyoso::app
