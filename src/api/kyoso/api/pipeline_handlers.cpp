#include "kyoso/api/pipeline_handlers.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/deal_json.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json StageJson(const app::StageDescription& d) {
    json evidence = json::array();
    for (const auto& e : d.evidence) {
        evidence.push_back({{"kind", domain::EvidenceSlug(e.kind)},
                            {"fields", e.fields},
                            {"label_ja", domain::EvidenceLabelJa(e.kind)},
                            {"label_en", domain::EvidenceLabelEn(e.kind)},
                            {"input", app::EvidenceInputSlug(e.input)}});
    }
    json next = json::array();
    for (auto s : d.next) next.push_back(domain::StageSlug(s));
    return {{"stage", domain::StageSlug(d.stage)},
            {"label_ja", domain::StageLabelJa(d.stage)},
            {"label_en", domain::StageLabelEn(d.stage)},
            {"order", d.order},
            {"closed", d.closed},
            {"evidence", evidence},
            {"next", next}};
}

}  // namespace

void RegisterPipelineRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.pipeline) return;
    app::PipelineService& pipeline = *services.pipeline;
    app::AccessGuard& guard = *services.guard;

    server.Get("/api/pipeline/stages",
               wrap("/api/pipeline/stages", [&pipeline](const httplib::Request&, httplib::Response& res) {
                   json stages = json::array();
                   for (const auto& d : pipeline.Stages()) stages.push_back(StageJson(d));
                   SendJson(res, 200, {{"stages", stages}});
               }));

    server.Get("/api/pipeline/board",
               wrap("/api/pipeline/board", [&pipeline, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   const app::Principal& me = CurrentPrincipal();
                   const auto hidden = guard.HiddenDealFields(me);
                   const bool amounts_hidden = std::find(hidden.begin(), hidden.end(), "amount") != hidden.end();
                   auto board = pipeline.Board(
                       *params, guard.authorizer().ListVisibility(me, domain::RecordKind::kDeal), amounts_hidden);
                   if (!board.ok()) return SendError(res, board.status());
                   json columns = json::array();
                   for (const auto& c : board->columns) {
                       json deals = json::array();
                       for (const auto& d : c.deals) deals.push_back(Redacted(NamedDealJson(d.deal, d.names), hidden));
                       columns.push_back({{"stage", domain::StageSlug(c.stage)},
                                          {"label_ja", domain::StageLabelJa(c.stage)},
                                          {"label_en", domain::StageLabelEn(c.stage)},
                                          {"count", c.count},
                                          {"amount_total", amounts_hidden ? json(nullptr) : json(c.amount_total)},
                                          {"deals", deals}});
                   }
                   SendJson(res, 200,
                            {{"fiscal_year", board->fiscal_year},
                             {"fiscal_year_label", domain::FiscalYear(board->fiscal_year).WarekiLabel()},
                             {"columns", columns}});
               }));
}

}  // namespace kyoso::api
