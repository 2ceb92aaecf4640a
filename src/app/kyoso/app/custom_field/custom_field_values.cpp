#include "kyoso/app/custom_field/custom_field_values.hpp"

#include "kyoso/app/audit/audit_json.hpp"

namespace kyoso::app {

Status PrepareCustomFields(ports::Store& store, domain::CustomFieldEntity entity, const CustomFieldInputs& inputs,
                           bool creating, PreparedCustomFields* out, std::vector<ErrorDetail>* errors) {
    auto defs = store.custom_fields().Definitions(entity);
    if (!defs.ok()) return defs.status();
    for (const auto& [key, input] : inputs) {
        bool known = false;
        for (const auto& def : *defs) known = known || def.key == key;
        if (!known) {
            errors->push_back({"custom_fields." + key, "no custom field '" + key + "' is defined for " +
                                                           std::string(domain::CustomFieldEntitySlug(entity)) + "s"});
        }
    }
    for (const auto& def : *defs) {
        auto it = inputs.find(def.key);
        if (it == inputs.end()) {
            if (creating && def.required) errors->push_back({"custom_fields." + def.key, "required"});
            continue;
        }
        auto value = domain::NormalizeCustomFieldValue(def, it->second);
        if (!value.ok()) {
            for (const auto& d : value.status().details()) errors->push_back(d);
            continue;
        }
        out->changes.emplace_back(def.id, *value);
    }
    return Status::Ok();
}

Status ApplyCustomFields(ports::Store& store, const std::string& record_key, const PreparedCustomFields& prepared) {
    for (const auto& [id, value] : prepared.changes) {
        KYOSO_RETURN_IF_ERROR(store.custom_fields().SetValue(id, record_key, value));
    }
    return Status::Ok();
}

Result<std::vector<CustomFieldEntry>> CustomFieldsOf(ports::Store& store, domain::CustomFieldEntity entity,
                                                     const std::string& record_key) {
    auto defs = store.custom_fields().Definitions(entity);
    if (!defs.ok()) return defs.status();
    auto values = store.custom_fields().ValuesOf(entity, record_key);
    if (!values.ok()) return values.status();
    std::vector<CustomFieldEntry> out;
    for (const auto& def : *defs) {
        for (const auto& v : *values) {
            if (v.definition_id == def.id) out.push_back({def.key, def.type, v.value});
        }
    }
    return out;
}

std::string CustomFieldsAuditJson(const std::vector<CustomFieldEntry>& entries) {
    AuditJson j;
    for (const auto& e : entries) j.Str(e.key, e.value);
    return j.str();
}

}  // namespace kyoso::app
