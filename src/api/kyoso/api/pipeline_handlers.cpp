#include "kyoso/api/pipeline_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/deal_json.hpp"
#include "kyoso/api/responses.hpp"

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

    server.Get("/api/pipeline/stages",
               wrap("/api/pipeline/stages", [&pipeline](const httplib::Request&, httplib::Response& res) {
                   json stages = json::array();
                   for (const auto& d : pipeline.Stages()) stages.push_back(StageJson(d));
                   SendJson(res, 200, {{"stages", stages}});
               }));
}

}  // namespace kyoso::api
