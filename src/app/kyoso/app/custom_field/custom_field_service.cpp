#include "kyoso/app/custom_field/custom_field_service.hpp"

#include <algorithm>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::app {

namespace {

Status FieldErrors(std::vector<ErrorDetail> details) {
    std::string message = "invalid request: " + details.front().field + ": " + details.front().message;
    if (details.size() > 1) message += " (and " + std::to_string(details.size() - 1) + " more)";
    return InvalidArgument(std::move(message), std::move(details));
}

}  // namespace

std::string CustomFieldDefinitionAuditJson(const domain::CustomFieldDefinition& d) {
    AuditJson j;
    j.Int("id", d.id).Str("entity", domain::CustomFieldEntitySlug(d.entity)).Str("key", d.key).Str("label", d.label);
    j.Str("type", domain::CustomFieldTypeSlug(d.type)).Raw("choices", JsonStringArray(d.choices));
    j.Bool("required", d.required);
    return j.str();
}

Result<std::vector<domain::CustomFieldDefinition>> CustomFieldService::List(const ListParams& params) {
    KYOSO_RETURN_IF_ERROR(CheckKnownParams(params, {"entity"}));
    std::optional<domain::CustomFieldEntity> entity;
    if (auto it = params.find("entity"); it != params.end()) {
        entity = domain::CustomFieldEntityFromSlug(it->second);
        if (!entity) return ParamError("entity", "must be lead, deal or government, got '" + it->second + "'");
    }
    return store_.custom_fields().Definitions(entity);
}

Result<domain::CustomFieldDefinition> CustomFieldService::Create(const CustomFieldCreateRequest& r) {
    std::vector<ErrorDetail> errors;
    domain::CustomFieldDefinition def;
    if (auto e = domain::CustomFieldEntityFromSlug(r.entity)) {
        def.entity = *e;
    } else {
        errors.push_back({"entity", "must be lead, deal or government, got '" + r.entity + "'"});
    }
    if (auto t = domain::CustomFieldTypeFromSlug(r.type)) {
        def.type = *t;
    } else {
        errors.push_back({"type", "must be text, number, date or choice, got '" + r.type + "'"});
    }
    def.key = r.key;
    def.label = r.label;
    def.choices = r.choices;
    def.required = r.required;
    for (auto& [field, message] : domain::DefinitionProblems(def)) {
        if (field == "choices" && !domain::CustomFieldTypeFromSlug(r.type)) continue;
        errors.push_back({field, message});
    }
    if (!errors.empty()) return FieldErrors(std::move(errors));
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.custom_fields().Insert(def);
        if (!id.ok()) return id.status();
        def.id = *id;
        return audit_.Append({std::string(kSystemActor), "custom_field.create", "custom_field", std::to_string(*id), "",
                              CustomFieldDefinitionAuditJson(def)});
    });
    if (!st.ok()) return st;
    return def;
}

Result<domain::CustomFieldDefinition> CustomFieldService::Update(long long id, const CustomFieldUpdateRequest& r) {
    auto before = store_.custom_fields().Get(id);
    if (!before.ok()) return before.status();
    domain::CustomFieldDefinition def = *before;
    if (r.label) def.label = *r.label;
    if (r.choices) def.choices = *r.choices;
    if (r.required) def.required = *r.required;
    std::vector<ErrorDetail> errors;
    for (auto& [field, message] : domain::DefinitionProblems(def)) errors.push_back({field, message});
    if (!errors.empty()) return FieldErrors(std::move(errors));
    if (r.choices && def.type == domain::CustomFieldType::kChoice) {
        auto used = store_.custom_fields().DistinctValues(id);
        if (!used.ok()) return used.status();
        for (const auto& v : *used) {
            if (std::find(def.choices.begin(), def.choices.end(), v) == def.choices.end()) {
                return Status(ErrorCode::kFailedPrecondition,
                              "choice '" + v + "' is still used by records; change those first",
                              {{"choices", "'" + v + "' is in use"}});
            }
        }
    }
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.custom_fields().Update(def));
        return audit_.Append({std::string(kSystemActor), "custom_field.update", "custom_field", std::to_string(id),
                              CustomFieldDefinitionAuditJson(*before), CustomFieldDefinitionAuditJson(def)});
    });
    if (!st.ok()) return st;
    return def;
}

Result<long long> CustomFieldService::Delete(long long id) {
    auto before = store_.custom_fields().Get(id);
    if (!before.ok()) return before.status();
    long long values = 0;
    Status st = store_.InTransaction([&]() -> Status {
        auto count = store_.custom_fields().CountValues(id);
        if (!count.ok()) return count.status();
        values = *count;
        KYOSO_RETURN_IF_ERROR(store_.custom_fields().Delete(id));
        return audit_.Append({std::string(kSystemActor), "custom_field.delete", "custom_field", std::to_string(id),
                              CustomFieldDefinitionAuditJson(*before),
                              AuditJson().Int("values_deleted", values).str()});
    });
    if (!st.ok()) return st;
    return values;
}

Result<std::string> CustomFieldService::GovernmentKey(const std::string& code) {
    auto parsed = domain::GovernmentCode::Parse(code);
    if (!parsed.ok()) return InvalidArgument(parsed.status().message(), {{"code", parsed.status().message()}});
    auto gov = store_.governments().Get(parsed->str());
    if (!gov.ok()) return gov.status();
    return parsed->str();
}

Result<std::vector<CustomFieldEntry>> CustomFieldService::OfGovernment(const std::string& code) {
    auto key = GovernmentKey(code);
    if (!key.ok()) return key.status();
    return CustomFieldsOf(store_, domain::CustomFieldEntity::kGovernment, *key);
}

Result<std::vector<CustomFieldEntry>> CustomFieldService::SetForGovernment(const std::string& code,
                                                                           const CustomFieldInputs& inputs) {
    auto key = GovernmentKey(code);
    if (!key.ok()) return key.status();
    PreparedCustomFields prepared;
    std::vector<ErrorDetail> errors;
    KYOSO_RETURN_IF_ERROR(
        PrepareCustomFields(store_, domain::CustomFieldEntity::kGovernment, inputs, false, &prepared, &errors));
    if (!errors.empty()) return FieldErrors(std::move(errors));
    std::vector<CustomFieldEntry> after;
    Status st = store_.InTransaction([&]() -> Status {
        auto before = CustomFieldsOf(store_, domain::CustomFieldEntity::kGovernment, *key);
        if (!before.ok()) return before.status();
        KYOSO_RETURN_IF_ERROR(ApplyCustomFields(store_, *key, prepared));
        auto now = CustomFieldsOf(store_, domain::CustomFieldEntity::kGovernment, *key);
        if (!now.ok()) return now.status();
        after = std::move(*now);
        return audit_.Append({std::string(kSystemActor), "government.custom_fields", "government", *key,
                              CustomFieldsAuditJson(*before), CustomFieldsAuditJson(after)});
    });
    if (!st.ok()) return st;
    return after;
}

}  // namespace kyoso::app
