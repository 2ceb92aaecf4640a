#include "kyoso/api/cases_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/api/transformation_requests.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/transformation/cases_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

Result<long long> CaseIntParam(const app::ListParams& params, const std::string& name, long long fallback, long long lo,
                               long long hi) {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty()) return fallback;
    try {
        size_t used = 0;
        const long long v = std::stoll(it->second, &used);
        if (used == it->second.size() && v >= lo && v <= hi) return v;
    } catch (...) {
    }
    return InvalidArgument(name + " must be an integer " + std::to_string(lo) + "-" + std::to_string(hi),
                           {{name, std::to_string(lo) + "-" + std::to_string(hi)}});
}

std::string CaseParam(const app::ListParams& params, const std::string& name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

json TagsJson(const std::string& tags) {
    json out = json::array();
    size_t from = 0;
    while (from <= tags.size()) {
        size_t comma = tags.find(',', from);
        if (comma == std::string::npos) comma = tags.size();
        std::string tag = tags.substr(from, comma - from);
        if (!tag.empty()) out.push_back(tag);
        from = comma + 1;
    }
    return out;
}

json CaseJson(const app::CaseView& v) {
    const auto& c = v.record;
    json deal = nullptr;
    if (c.deal_id != 0 && v.deal_visible) {
        deal = {{"id", c.deal_id},
                {"title", c.deal_title},
                {"stage", c.deal_stage},
                {"amount", v.amount_visible && c.deal_amount ? json(*c.deal_amount) : json(nullptr)}};
    }
    const auto kind = domain::CaseKindFromSlug(c.kind).value_or(domain::CaseKind::kSuccess);
    return {{"id", c.id},
            {"kind", c.kind},
            {"kind_label", domain::CaseKindLabelJa(kind)},
            {"title", c.title},
            {"government_code", c.government_code},
            {"government_name", c.government_name},
            {"prefecture_code", c.prefecture_code},
            {"prefecture_name", c.prefecture_name},
            {"similar_group", c.similar_group},
            {"product_id", c.product_id},
            {"product_name", c.product_name},
            {"deal_id", IdOrNull(c.deal_id)},
            {"deal", deal},
            {"summary", c.summary},
            {"approach", c.approach},
            {"lessons", c.lessons},
            {"tags", TagsJson(c.tags)},
            {"created_by", c.created_by},
            {"created_by_name", c.created_by_name},
            {"created_on", c.created_on},
            {"created_at", c.created_at},
            {"updated_at", c.updated_at},
            {"can_edit", v.can_edit}};
}

json CaseListJson(const std::vector<app::CaseView>& list) {
    json items = json::array();
    for (const auto& v : list) items.push_back(CaseJson(v));
    return items;
}

json DeploymentJson(const domain::PublicValueDeployment& d) {
    return {{"metric_id", d.metric_id},
            {"deal_id", d.deal_id},
            {"government_code", d.government_code},
            {"government_name", d.government_name},
            {"product_id", d.product_id},
            {"product_name", d.product_name},
            {"metric_name", d.metric_name},
            {"unit", d.unit},
            {"direction", d.direction},
            {"baseline", d.baseline},
            {"baseline_on", d.baseline_on},
            {"target", d.target},
            {"latest", OrNull(d.latest)},
            {"latest_on", d.latest_on.empty() ? json(nullptr) : json(d.latest_on)},
            {"progress", OrNull(d.progress)},
            {"citation", domain::PublicValueCitation(d)}};
}

json MetricsJson(const std::vector<domain::PublicValueMetricSummary>& metrics) {
    json out = json::array();
    for (const auto& m : metrics) {
        out.push_back({{"metric_name", m.metric_name},
                       {"unit", m.unit},
                       {"deployments", m.deployments},
                       {"measured", m.measured},
                       {"governments", m.governments},
                       {"median_progress", OrNull(m.median_progress)},
                       {"median_change", OrNull(m.median_change)}});
    }
    return out;
}

}  // namespace

void RegisterCaseRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.cases) return;
    app::CaseService& cases = *services.cases;

    server.Get(
        "/api/cases", wrap("/api/cases", [&cases](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {"q", "kind", "product_id", "government_code",
                                                            "prefecture_code", "similar_group", "limit", "offset"});
                !st.ok()) {
                return SendError(res, st);
            }
            app::CaseListQuery q;
            q.q = CaseParam(*params, "q");
            q.kind = CaseParam(*params, "kind");
            q.government_code = CaseParam(*params, "government_code");
            q.prefecture_code = CaseParam(*params, "prefecture_code");
            q.similar_group = CaseParam(*params, "similar_group");
            auto product = CaseIntParam(*params, "product_id", 0, 1, 1LL << 53);
            if (!product.ok()) return SendError(res, product.status());
            q.product_id = *product;
            auto limit = CaseIntParam(*params, "limit", 50, 1, 200);
            if (!limit.ok()) return SendError(res, limit.status());
            q.limit = static_cast<int>(*limit);
            auto offset = CaseIntParam(*params, "offset", 0, 0, 100000);
            if (!offset.ok()) return SendError(res, offset.status());
            q.offset = static_cast<int>(*offset);
            auto list = cases.List(CurrentPrincipal(), q);
            if (!list.ok()) return SendError(res, list.status());
            SendJson(res, 200,
                     {{"items", CaseListJson(list->items)},
                      {"more", list->more},
                      {"next_offset", list->more ? json(q.offset + q.limit) : json(nullptr)}});
        }));

    server.Post("/api/cases", wrap("/api/cases", [&cases](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kCaseFields);
                    app::CaseRequest r = ReadCaseRequest(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = cases.Create(CurrentPrincipal(), r);
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, CaseJson(*created));
                }));

    server.Get("/api/cases/related",
               wrap("/api/cases/related", [&cases](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"government_code", "product_id"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   const std::string code = CaseParam(*params, "government_code");
                   if (code.empty()) {
                       return SendError(
                           res, InvalidArgument("government_code is required", {{"government_code", "required"}}));
                   }
                   auto product = CaseIntParam(*params, "product_id", 0, 1, 1LL << 53);
                   if (!product.ok()) return SendError(res, product.status());
                   auto related = cases.Related(CurrentPrincipal(), code, *product);
                   if (!related.ok()) return SendError(res, related.status());
                   json similar_govs = json::array();
                   for (const auto& g : related->similar_governments) {
                       similar_govs.push_back({{"code", g.code}, {"name", g.name}, {"distance", g.distance}});
                   }
                   SendJson(res, 200,
                            {{"government_code", related->government.code},
                             {"government_name", related->government.name},
                             {"similar_group", related->government.similar_group},
                             {"product_id", IdOrNull(related->product_id)},
                             {"own", CaseListJson(related->own)},
                             {"similar", CaseListJson(related->similar)},
                             {"similar_governments", similar_govs}});
               }));

    server.Get(R"(/api/cases/([^/]+))",
               wrap("/api/cases/{id}", [&cases](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "case");
                   if (!id.ok()) return SendError(res, id.status());
                   auto found = cases.Get(CurrentPrincipal(), *id);
                   if (!found.ok()) return SendError(res, found.status());
                   SendJson(res, 200, CaseJson(*found));
               }));

    server.Patch(R"(/api/cases/([^/]+))",
                 wrap("/api/cases/{id}", [&cases](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "case");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kCaseFields);
                     app::CaseRequest r = ReadCaseRequest(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto updated = cases.Update(CurrentPrincipal(), *id, r);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, CaseJson(*updated));
                 }));

    server.Delete(R"(/api/cases/([^/]+))",
                  wrap("/api/cases/{id}", [&cases](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "case");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = cases.Delete(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
                      SendJson(res, 200, {{"deleted", true}});
                  }));

    server.Get("/api/public-value",
               wrap("/api/public-value", [&cases](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"product_id", "government_code"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   auto product = CaseIntParam(*params, "product_id", 0, 1, 1LL << 53);
                   if (!product.ok()) return SendError(res, product.status());
                   auto report = cases.PublicValue(*product, CaseParam(*params, "government_code"));
                   if (!report.ok()) return SendError(res, report.status());
                   json deployments = json::array();
                   for (const auto& d : report->deployments) deployments.push_back(DeploymentJson(d));
                   SendJson(res, 200,
                            {{"product_id", IdOrNull(report->product_id)},
                             {"product_name", report->product_name},
                             {"government_code", report->government_code},
                             {"government_name", report->government_name},
                             {"deployments", deployments},
                             {"metrics", MetricsJson(report->metrics)}});
               }));

    server.Get("/api/public-value/evidence",
               wrap("/api/public-value/evidence", [&cases](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"product_id", "government_code"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   auto product = CaseIntParam(*params, "product_id", 0, 1, 1LL << 53);
                   if (!product.ok()) return SendError(res, product.status());
                   auto ev = cases.Evidence(*product, CaseParam(*params, "government_code"));
                   if (!ev.ok()) return SendError(res, ev.status());
                   json items = json::array();
                   for (const auto& item : ev->items) {
                       json d = DeploymentJson(item.deployment);
                       d["similar"] = item.similar;
                       items.push_back(std::move(d));
                   }
                   SendJson(res, 200,
                            {{"product_id", ev->product_id},
                             {"product_name", ev->product_name},
                             {"government_code", ev->government_code},
                             {"government_name", ev->government_name},
                             {"items", items},
                             {"metrics", MetricsJson(ev->metrics)},
                             {"citation_text", ev->citation_text}});
               }));
}

}  // namespace kyoso::api
