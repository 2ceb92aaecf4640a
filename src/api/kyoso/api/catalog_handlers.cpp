#include "kyoso/api/catalog_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/catalog_json.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/catalog/catalog_services.hpp"
#include "kyoso/domain/government/government_code.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

app::ProductRequest ReadProduct(BodyReader& body, bool creating) {
    app::ProductRequest r;
    r.name = body.String("name", creating);
    r.policy_domains = body.StringArray("policy_domains");
    r.price_min = body.Int("price_min", false);
    r.price_max = body.Int("price_max", false);
    r.keywords = body.StringArray("keywords");
    r.external_id = body.String("external_id", false);
    return r;
}

const std::set<std::string> kProductFields = {"name",      "policy_domains", "price_min",
                                              "price_max", "keywords",       "external_id"};

app::LeadRequest ReadLead(BodyReader& body, bool creating) {
    app::LeadRequest r;
    r.source = body.String("source", creating);
    r.government_code = body.String("government_code", creating);
    r.department_id = body.NullableId("department_id");
    r.official_id = body.NullableId("official_id");
    r.product_id = body.NullableId("product_id");
    r.owner_id = body.NullableId("owner_id");
    r.title = body.String("title", creating);
    r.notes = body.String("notes", false);
    r.status = body.String("status", false);
    r.external_id = body.String("external_id", false);
    r.custom_fields = body.CustomFields();
    r.actor_id = body.Int("actor_id", false);
    return r;
}

const std::set<std::string> kLeadFields = {"source",     "government_code", "department_id", "official_id",
                                           "product_id", "owner_id",        "title",         "notes",
                                           "status",     "external_id",     "custom_fields", "actor_id"};

json LeadDetailJson(const app::LeadDetail& d) {
    json body = LeadJson(d.lead);
    body["custom_fields"] = CustomFieldsJson(d.custom_fields);
    return body;
}

}  // namespace

void RegisterCatalogRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    app::ProductService& products = services.catalog->products;
    app::LeadService& leads = services.catalog->leads;
    app::CustomFieldService& fields = services.catalog->custom_fields;

    // Products.
    server.Get("/api/products", wrap("/api/products", [&products](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   auto result = products.List(*params);
                   if (!result.ok()) return SendError(res, result.status());
                   json items = json::array();
                   for (const auto& p : result->items) items.push_back(SelectFields(ProductJson(p), result->fields));
                   SendJson(res, 200,
                            {{"items", items}, {"total", result->total}, {"next_cursor", OrNull(result->next_cursor)}});
               }));
    server.Post("/api/products",
                wrap("/api/products", [&products](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kProductFields);
                    auto r = ReadProduct(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = products.Create(r);
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, ProductJson(*created));
                }));
    server.Get(R"(/api/products/([^/]+))",
               wrap("/api/products/{id}", [&products](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "product");
                   if (!id.ok()) return SendError(res, id.status());
                   auto p = products.Get(*id);
                   if (!p.ok()) return SendError(res, p.status());
                   SendJson(res, 200, ProductJson(*p));
               }));
    server.Patch(R"(/api/products/([^/]+))",
                 wrap("/api/products/{id}", [&products](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "product");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kProductFields);
                     auto r = ReadProduct(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto updated = products.Update(*id, r);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, ProductJson(*updated));
                 }));
    server.Delete(R"(/api/products/([^/]+))",
                  wrap("/api/products/{id}", [&products](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "product");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = products.Delete(*id); !st.ok()) return SendError(res, st);
                      SendJson(res, 200, {{"id", *id}, {"deleted", true}});
                  }));

    // Leads.
    app::AccessGuard& guard = *services.guard;
    server.Get("/api/leads", wrap("/api/leads", [&leads, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   auto result = leads.List(
                       *params, guard.authorizer().ListVisibility(CurrentPrincipal(), domain::RecordKind::kLead));
                   if (!result.ok()) return SendError(res, result.status());
                   json items = json::array();
                   for (const auto& l : result->items) items.push_back(SelectFields(LeadJson(l), result->fields));
                   SendJson(res, 200,
                            {{"items", items}, {"total", result->total}, {"next_cursor", OrNull(result->next_cursor)}});
               }));
    server.Post("/api/leads", wrap("/api/leads", [&leads, &guard](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kLeadFields);
                    auto r = ReadLead(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    if (Status st = guard.CheckLeadRequest(CurrentPrincipal(), r, nullptr); !st.ok()) {
                        return SendError(res, st);
                    }
                    auto created = leads.Create(r);
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, LeadDetailJson(*created));
                }));
    server.Get(R"(/api/leads/([^/]+))",
               wrap("/api/leads/{id}", [&leads, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "lead");
                   if (!id.ok()) return SendError(res, id.status());
                   if (Status st = guard.CanReadLead(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
                   auto l = leads.Get(*id);
                   if (!l.ok()) return SendError(res, l.status());
                   SendJson(res, 200, LeadDetailJson(*l));
               }));
    server.Patch(R"(/api/leads/([^/]+))",
                 wrap("/api/leads/{id}", [&leads, &guard](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "lead");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kLeadFields);
                     auto r = ReadLead(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     const app::Principal& me = CurrentPrincipal();
                     if (Status st = guard.CanWriteLead(me, *id); !st.ok()) return SendError(res, st);
                     auto existing = leads.Get(*id);
                     if (!existing.ok()) return SendError(res, existing.status());
                     if (Status st = guard.CheckLeadRequest(me, r, &existing->lead); !st.ok()) {
                         return SendError(res, st);
                     }
                     auto updated = leads.Update(*id, r);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, LeadDetailJson(*updated));
                 }));
    server.Post(R"(/api/leads/([^/]+)/convert)",
                wrap("/api/leads/{id}/convert", [&leads, &guard](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "lead");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, {"actor_id", "fiscal_year", "title", "amount", "product_id", "owner_id",
                                               "procurement_method"});
                    app::LeadConversionRequest r;
                    r.actor_id = body.Int("actor_id", false).value_or(0);
                    if (auto fy = body.Int("fiscal_year", false)) {
                        if (*fy < 1990 || *fy > 2200) {
                            body.AddError("fiscal_year", "must be a year such as 2027");
                        } else {
                            r.fiscal_year = static_cast<int>(*fy);
                        }
                    }
                    r.title = body.String("title", false);
                    r.amount = body.Int("amount", false);
                    r.product_id = body.Int("product_id", false);
                    r.owner_id = body.Int("owner_id", false);
                    r.procurement_method = body.String("procurement_method", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    if (Status st = guard.CheckLeadConversion(CurrentPrincipal(), *id, r); !st.ok()) {
                        return SendError(res, st);
                    }
                    auto converted = leads.Convert(*id, r);
                    if (!converted.ok()) return SendError(res, converted.status());
                    json lead = LeadJson(converted->lead);
                    SendJson(res, 201, {{"lead", lead}, {"deal_id", converted->deal.id}});
                }));

    // Custom fields.
    server.Get("/api/custom-fields",
               wrap("/api/custom-fields", [&fields](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   auto defs = fields.List(*params);
                   if (!defs.ok()) return SendError(res, defs.status());
                   json items = json::array();
                   for (const auto& d : *defs) items.push_back(CustomFieldDefinitionJson(d));
                   SendJson(res, 200, {{"items", items}});
               }));
    server.Post("/api/custom-fields",
                wrap("/api/custom-fields", [&fields](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"entity", "key", "label", "type", "choices", "required"});
                    app::CustomFieldCreateRequest r;
                    r.entity = body.String("entity", true).value_or("");
                    r.key = body.String("key", true).value_or("");
                    r.label = body.String("label", true).value_or("");
                    r.type = body.String("type", true).value_or("");
                    r.choices = body.StringArray("choices").value_or(std::vector<std::string>{});
                    r.required = body.Bool("required").value_or(false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = fields.Create(r);
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, CustomFieldDefinitionJson(*created));
                }));
    server.Patch(R"(/api/custom-fields/([^/]+))",
                 wrap("/api/custom-fields/{id}", [&fields](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "custom field");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, {"label", "choices", "required"});
                     app::CustomFieldUpdateRequest r;
                     r.label = body.String("label", false);
                     r.choices = body.StringArray("choices");
                     r.required = body.Bool("required");
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto updated = fields.Update(*id, r);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, CustomFieldDefinitionJson(*updated));
                 }));
    server.Delete(R"(/api/custom-fields/([^/]+))",
                  wrap("/api/custom-fields/{id}", [&fields](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "custom field");
                      if (!id.ok()) return SendError(res, id.status());
                      auto values = fields.Delete(*id);
                      if (!values.ok()) return SendError(res, values.status());
                      SendJson(res, 200, {{"id", *id}, {"deleted", true}, {"values_deleted", *values}});
                  }));

    // A government's custom fields (the master data itself is not editable here).
    server.Patch(R"(/api/governments/([^/]+))",
                 wrap("/api/governments/{code}", [&fields](const httplib::Request& req, httplib::Response& res) {
                     BodyReader body(req.body, {"custom_fields"});
                     if (body.parsed() && !body.Has("custom_fields")) body.AddError("custom_fields", "required");
                     auto inputs = body.CustomFields();
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto values = fields.SetForGovernment(req.matches[1], inputs);
                     if (!values.ok()) return SendError(res, values.status());
                     auto code = domain::GovernmentCode::Parse(req.matches[1].str());
                     SendJson(res, 200,
                              {{"code", code.ok() ? code->str() : req.matches[1].str()},
                               {"custom_fields", CustomFieldsJson(*values)}});
                 }));
}

}  // namespace kyoso::api
