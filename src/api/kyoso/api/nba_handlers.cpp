#include "kyoso/api/nba_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/nba/nba_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json ActionsJson(const app::NextActionsResult& r) {
    json items = json::array();
    for (const auto& a : r.items) {
        items.push_back({{"key", a.key},
                         {"rule", std::string(domain::nba::RuleSlug(a.rule))},
                         {"record_kind", a.record_kind},
                         {"record_id", a.record_id},
                         {"deal_id", a.deal_id ? json(a.deal_id) : json(nullptr)},
                         {"government_code", a.government_code},
                         {"government_name", a.government_name},
                         {"title", a.title},
                         {"action", a.action_ja},
                         {"reason", a.reason_ja},
                         {"score", a.score},
                         {"anchor_date", FormatIsoDate(a.anchor)}});
    }
    return {{"scope", r.scope},
            {"items", items},
            {"total", r.items.size()},
            {"model_used", r.model_used},
            {"model_note", r.model_note}};
}

json OptNum(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json SimilarJson(const app::SimilarGovernment& g) {
    return {{"code", g.code},
            {"name", g.name},
            {"kind", g.kind},
            {"prefecture_code", g.prefecture_code},
            {"region", g.region},
            {"population", g.population ? json(*g.population) : json(nullptr)},
            {"fiscal_strength_index", OptNum(g.fiscal_strength_index)},
            {"fiscal_imputed", g.fiscal_imputed},
            {"similar_group", g.similar_group},
            {"distance", g.distance},
            {"adopted_products", g.adopted_products}};
}

// A positive integer query parameter, or the default when absent.
Result<int> IntParam(const app::ListParams& params, const std::string& name, int fallback, int lo, int hi) {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty()) return fallback;
    try {
        size_t used = 0;
        const long long v = std::stoll(it->second, &used);
        if (used == it->second.size() && v >= lo && v <= hi) return static_cast<int>(v);
    } catch (const std::exception&) {
    }
    return InvalidArgument(name + " must be " + std::to_string(lo) + "-" + std::to_string(hi),
                           {{name, "a whole number " + std::to_string(lo) + "-" + std::to_string(hi)}});
}

}  // namespace

void RegisterNbaRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.nba) return;
    app::NbaService& nba = *services.nba;
    app::AccessGuard& guard = *services.guard;

    server.Get("/api/next-actions",
               wrap("/api/next-actions", [&nba](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"limit"}); !st.ok()) return SendError(res, st);
                   auto limit = IntParam(*params, "limit", 20, 1, 100);
                   if (!limit.ok()) return SendError(res, limit.status());
                   auto r = nba.ForUser(CurrentPrincipal(), *limit);
                   if (!r.ok()) return SendError(res, r.status());
                   SendJson(res, 200, ActionsJson(*r));
               }));

    server.Get(
        R"(/api/deals/([^/]+)/next-actions)",
        wrap("/api/deals/{id}/next-actions", [&nba, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "deal");
            if (!id.ok()) return SendError(res, id.status());
            if (Status st = guard.CanReadDeal(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
            auto r = nba.ForDeal(CurrentPrincipal(), *id);
            if (!r.ok()) return SendError(res, r.status());
            SendJson(res, 200, ActionsJson(*r));
        }));

    server.Get(
        R"(/api/governments/([^/]+)/next-actions)",
        wrap("/api/governments/{code}/next-actions", [&nba](const httplib::Request& req, httplib::Response& res) {
            auto r = nba.ForGovernment(CurrentPrincipal(), req.matches[1]);
            if (!r.ok()) return SendError(res, r.status());
            SendJson(res, 200, ActionsJson(*r));
        }));

    server.Post("/api/next-actions/feedback",
                wrap("/api/next-actions/feedback", [&nba](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"action_key", "decision", "reason"});
                    app::NbaFeedbackRequest r;
                    r.action_key = body.String("action_key", true).value_or("");
                    r.decision = body.String("decision", true).value_or("");
                    r.reason = body.String("reason", false).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto saved = nba.Feedback(CurrentPrincipal(), r);
                    if (!saved.ok()) return SendError(res, saved.status());
                    SendJson(res, 201,
                             {{"id", saved->id},
                              {"action_key", saved->action_key},
                              {"decision", saved->decision},
                              {"reason", saved->reason},
                              {"decided_on", saved->decided_on},
                              {"created_at", saved->created_at},
                              {"hidden_days", saved->decision == "dismiss" ? nba.params().dismiss_days : 0}});
                }));

    server.Get(R"(/api/governments/([^/]+)/similar)",
               wrap("/api/governments/{code}/similar", [&nba](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"limit"}); !st.ok()) return SendError(res, st);
                   auto limit = IntParam(*params, "limit", 10, 1, 50);
                   if (!limit.ok()) return SendError(res, limit.status());
                   auto r = nba.Similar(req.matches[1], *limit);
                   if (!r.ok()) return SendError(res, r.status());
                   json neighbours = json::array(), group = json::array();
                   for (const auto& g : r->neighbours) neighbours.push_back(SimilarJson(g));
                   for (const auto& g : r->same_group) group.push_back(SimilarJson(g));
                   SendJson(res, 200,
                            {{"government", SimilarJson(r->target)},
                             {"neighbours", neighbours},
                             {"similar_group", r->target.similar_group},
                             {"same_group", group},
                             {"same_group_total", r->same_group_total},
                             {"compared", r->compared}});
               }));

    server.Get(
        R"(/api/governments/([^/]+)/similar/adoption)",
        wrap("/api/governments/{code}/similar/adoption", [&nba](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {"product_id"}); !st.ok()) {
                return SendError(res, st);
            }
            auto it = params->find("product_id");
            if (it == params->end()) {
                return SendError(res, InvalidArgument("product_id is required", {{"product_id", "required"}}));
            }
            auto product = PathIdOf(it->second, "product");
            if (!product.ok()) {
                return SendError(res, InvalidArgument("product_id must be a product id", {{"product_id", "an id"}}));
            }
            auto r = nba.Adoption(CurrentPrincipal(), req.matches[1], *product);
            if (!r.ok()) return SendError(res, r.status());
            json rows = json::array();
            for (const auto& row : r->rows) {
                json outcomes = json::array();
                for (const auto& o : row.outcomes) {
                    outcomes.push_back({{"name", o.name},
                                        {"unit", o.unit},
                                        {"direction", o.direction},
                                        {"baseline", o.baseline},
                                        {"target", o.target},
                                        {"latest", OptNum(o.latest)},
                                        {"latest_on", o.latest_on.empty() ? json(nullptr) : json(o.latest_on)}});
                }
                rows.push_back({{"government_code", row.government_code},
                                {"government_name", row.government_name},
                                {"neighbour", row.neighbour},
                                {"similar_group", row.similar_group},
                                {"distance", row.distance},
                                {"outcome", row.outcome},
                                {"outcome_label", row.outcome_ja},
                                {"fiscal_year", row.fiscal_year},
                                {"closed_on", row.closed_on.empty() ? json(nullptr) : json(row.closed_on)},
                                {"restricted", row.restricted},
                                {"deal_id", row.restricted ? json(nullptr) : json(row.deal_id)},
                                {"title", row.restricted ? json(nullptr) : json(row.title)},
                                {"amount", row.amount ? json(*row.amount) : json(nullptr)},
                                {"outcomes", outcomes}});
            }
            SendJson(res, 200,
                     {{"government_code", r->government_code},
                      {"government_name", r->government_name},
                      {"product_id", r->product_id},
                      {"product_name", r->product_name},
                      {"counts", {{"won", r->won}, {"lost", r->lost}, {"deferred", r->deferred}, {"open", r->open}}},
                      {"items", rows}});
        }));
}

}  // namespace kyoso::api
