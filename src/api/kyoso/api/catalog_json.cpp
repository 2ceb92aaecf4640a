#include "kyoso/api/catalog_json.hpp"

#include <charconv>

#include "kyoso/api/responses.hpp"

namespace kyoso::api {

using nlohmann::json;

namespace {

json TextOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

}  // namespace

json ProductJson(const domain::Product& p) {
    return {{"id", p.id},
            {"name", p.name},
            {"policy_domains", p.policy_domains},
            {"price_min", p.price_min},
            {"price_max", p.price_max},
            {"keywords", p.keywords},
            {"external_id", TextOrNull(p.external_id)}};
}

json LeadJson(const domain::Lead& l) {
    return {{"id", l.id},
            {"source", l.source},
            {"government_code", l.government_code},
            {"department_id", IdOrNull(l.department_id)},
            {"official_id", IdOrNull(l.official_id)},
            {"product_id", IdOrNull(l.product_id)},
            {"owner_id", IdOrNull(l.owner_id)},
            {"title", l.title},
            {"notes", l.notes},
            {"status", l.status},
            {"created_on", FormatIsoDate(l.created_on)},
            {"converted_deal_id", IdOrNull(l.converted_deal_id)},
            {"external_id", TextOrNull(l.external_id)}};
}

json CustomFieldDefinitionJson(const domain::CustomFieldDefinition& d) {
    return {{"id", d.id},
            {"entity", domain::CustomFieldEntitySlug(d.entity)},
            {"key", d.key},
            {"label", d.label},
            {"type", domain::CustomFieldTypeSlug(d.type)},
            {"choices", d.choices},
            {"required", d.required}};
}

json CustomFieldsJson(const std::vector<app::CustomFieldEntry>& entries) {
    json out = json::object();
    for (const auto& e : entries) {
        if (e.type == domain::CustomFieldType::kNumber) {
            long long i = 0;
            auto [p, ec] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), i);
            if (ec == std::errc() && p == e.value.data() + e.value.size()) {
                out[e.key] = i;
                continue;
            }
            double d = 0;
            auto [pd, ecd] = std::from_chars(e.value.data(), e.value.data() + e.value.size(), d);
            if (ecd == std::errc() && pd == e.value.data() + e.value.size()) {
                out[e.key] = d;
                continue;
            }
        }
        out[e.key] = e.value;
    }
    return out;
}

json LineItemJson(const domain::DealLineItem& item) {
    return {{"id", item.id},
            {"product_id", IdOrNull(item.product_id)},
            {"description", item.description},
            {"quantity", item.quantity},
            {"unit_price", item.unit_price},
            {"amount", item.quantity * item.unit_price}};
}

json TeamMemberJson(const domain::DealTeamMember& m) {
    return {{"user_id", m.user_id}, {"role", domain::SalesRoleSlug(m.role)}};
}

json SelectFields(const json& item, const std::vector<std::string>& fields) {
    if (fields.empty()) return item;
    json out = json::object();
    for (const auto& f : fields) {
        if (item.contains(f)) out[f] = item[f];
    }
    return out;
}

}  // namespace kyoso::api
