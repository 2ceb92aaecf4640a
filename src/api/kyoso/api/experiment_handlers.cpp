#include "kyoso/api/experiment_handlers.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/api/transformation_requests.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

json ExperimentViewJson(const app::ExperimentView& v) {
    const domain::Experiment& e = v.experiment;
    const bool cadence = e.kind == domain::ExperimentKind::kCadenceAb;
    return {{"id", e.id},
            {"name", e.name},
            {"hypothesis", e.hypothesis},
            {"kind", std::string(domain::ExperimentKindSlug(e.kind))},
            {"cadence_id", cadence ? json(e.cadence_id) : json(nullptr)},
            {"cadence_name", cadence ? json(v.cadence_name) : json(nullptr)},
            {"pilot_team", cadence ? json(nullptr) : json(e.pilot_team)},
            {"comparison_team", cadence ? json(nullptr) : json(e.comparison_team)},
            {"outcome", e.outcome},
            {"outcome_label", std::string(domain::ExperimentOutcomeLabelJa(e.outcome))},
            {"start_on", FormatIsoDate(e.start_on)},
            {"horizon_on", FormatIsoDate(e.horizon_on)},
            {"min_per_arm", OrNull(e.min_per_arm)},
            {"status", std::string(domain::ExperimentStatusSlug(v.status))},
            {"locked", v.locked},
            {"days_to_horizon", v.days_to_horizon},
            {"stopped_on", e.stopped_on ? json(FormatIsoDate(*e.stopped_on)) : json(nullptr)},
            {"stop_reason", e.stop_reason},
            {"created_by", e.created_by},
            {"created_at", e.created_at}};
}

json ExperimentResultJson(long long id, const domain::Experiment& e, const domain::ExperimentResult& r) {
    json arms = json::array();
    for (const auto& a : r.arms) {
        const auto rate = a.counts.rate();
        arms.push_back({{"key", a.key},
                        {"label", a.label},
                        {"n", a.counts.n},
                        {"successes", a.counts.successes},
                        {"rate", rate ? Number(*rate) : json(nullptr)}});
    }
    json test = nullptr;
    if (r.comparison) {
        const auto& c = *r.comparison;
        test = {{"name", std::string(domain::ExperimentTestSlug(c.test))},
                {"label", std::string(domain::ExperimentTestLabelJa(c.test))},
                {"p_value", Number(c.p_value)},
                {"z", c.z ? Number(*c.z) : json(nullptr)},
                {"difference", Number(c.difference.difference)},
                {"ci_low", Number(c.difference.ci_low)},
                {"ci_high", Number(c.difference.ci_high)},
                {"alpha", domain::kExperimentAlpha},
                {"significant", c.significant}};
    }
    return {{"experiment_id", id},
            {"status", std::string(domain::ExperimentStatusSlug(r.status))},
            {"start_on", FormatIsoDate(e.start_on)},
            {"horizon_on", FormatIsoDate(e.horizon_on)},
            {"counted_through", FormatIsoDate(r.counted_through)},
            {"outcome", e.outcome},
            {"arms", arms},
            {"verdict", std::string(domain::ExperimentVerdictSlug(r.verdict))},
            {"test", test},
            {"needed_per_arm", OrNull(r.needed_per_arm)},
            {"message", r.message_ja},
            {"message_en", r.message_en}};
}

void RegisterExperimentRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.experiments) return;
    app::ExperimentService& experiments = *services.experiments;

    server.Get(
        "/api/experiments", wrap("/api/experiments", [&experiments](const httplib::Request&, httplib::Response& res) {
            auto list = experiments.List();
            if (!list.ok()) return SendError(res, list.status());
            json items = json::array();
            for (const auto& v : *list) items.push_back(ExperimentViewJson(v));
            SendJson(
                res, 200,
                {{"items", items}, {"today", FormatIsoDate(experiments.Today())}, {"alpha", domain::kExperimentAlpha}});
        }));

    server.Post("/api/experiments",
                wrap("/api/experiments", [&experiments](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kExperimentDesignFields);
                    app::ExperimentInput in = ReadExperimentInput(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = experiments.Create(in, CurrentPrincipal());
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, ExperimentViewJson(*created));
                }));

    server.Get(R"(/api/experiments/([^/]+))",
               wrap("/api/experiments/{id}", [&experiments](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "experiment");
                   if (!id.ok()) return SendError(res, id.status());
                   auto v = experiments.Get(*id);
                   if (!v.ok()) return SendError(res, v.status());
                   SendJson(res, 200, ExperimentViewJson(*v));
               }));

    server.Patch(R"(/api/experiments/([^/]+))",
                 wrap("/api/experiments/{id}", [&experiments](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "experiment");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kExperimentDesignFields);
                     app::ExperimentInput in = ReadExperimentInput(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto v = experiments.Update(*id, in, CurrentPrincipal());
                     if (!v.ok()) return SendError(res, v.status());
                     SendJson(res, 200, ExperimentViewJson(*v));
                 }));

    server.Post(R"(/api/experiments/([^/]+)/stop)",
                wrap("/api/experiments/{id}/stop", [&experiments](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "experiment");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body.empty() ? "{}" : req.body, {"reason"});
                    const std::string reason = body.String("reason", false).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto v = experiments.Stop(*id, reason, CurrentPrincipal());
                    if (!v.ok()) return SendError(res, v.status());
                    SendJson(res, 200, ExperimentViewJson(*v));
                }));

    server.Get(
        R"(/api/experiments/([^/]+)/result)",
        wrap("/api/experiments/{id}/result", [&experiments](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "experiment");
            if (!id.ok()) return SendError(res, id.status());
            auto v = experiments.Get(*id);
            if (!v.ok()) return SendError(res, v.status());
            auto r = experiments.ResultOf(v->experiment);
            if (!r.ok()) return SendError(res, r.status());
            SendJson(res, 200, ExperimentResultJson(*id, v->experiment, *r));
        }));
}

}  // namespace kyoso::api
