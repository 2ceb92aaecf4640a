#include "kyoso/api/ml_handlers.hpp"

#include <cmath>
#include <mutex>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json FactorsJson(const domain::ml::TopFactors& f) {
    auto list = [](const std::vector<domain::ml::Factor>& v) {
        json a = json::array();
        for (const auto& x : v) {
            a.push_back({{"key", x.key}, {"label", x.label_ja}, {"value", x.value}, {"contribution", x.contribution}});
        }
        return a;
    };
    return {{"positive", list(f.positive)}, {"negative", list(f.negative)}};
}

json ParsedOr(const std::string& text, json fallback) {
    auto j = json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
}

json ModelJson(const ports::MlModelRecord& m) {
    auto cal = domain::ml::Calibrator::Decode(m.calibrator);
    return {{"id", m.id},
            {"name", m.name},
            {"version", m.version},
            {"trained_at", m.trained_at},
            {"window", {{"from", m.window_from}, {"to", m.window_to}}},
            {"metrics", ParsedOr(m.metrics_json, json::object())},
            {"features", ParsedOr(m.features_json, json::array())},
            {"calibration", cal.ok() ? std::string(cal->KindName()) : std::string("identity")},
            {"active", m.active}};
}

// The progress of the training run in this process, for GET /api/ml/models.
struct TrainingState {
    std::mutex mu;
    bool running = false;
    std::string model;
    std::string phase;
    long long done = 0;
    long long total = 0;
};

class StateProgress final : public ports::ProgressSink {
public:
    explicit StateProgress(TrainingState& s) : s_(s) {}
    void Report(std::string_view phase, long long done, long long total) override {
        std::lock_guard lock(s_.mu);
        s_.phase = std::string(phase);
        s_.done = done;
        s_.total = total;
    }

private:
    TrainingState& s_;
};

Result<std::string> MessageOr(app::MlService& ml, app::ModelKind kind, Date as_of) {
    return ml.FallbackMessage(kind, as_of);
}

}  // namespace

void RegisterMlRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.ml) return;
    app::MlService& ml = *services.ml;
    app::AccessGuard& guard = *services.guard;
    ports::Store& store = services.store;
    auto state = std::make_shared<TrainingState>();
    auto train_mu = std::make_shared<std::mutex>();

    server.Get(
        "/api/ml/models", wrap("/api/ml/models", [&ml, state](const httplib::Request&, httplib::Response& res) {
            auto list = ml.Models();
            if (!list.ok()) return SendError(res, list.status());
            json items = json::array();
            for (const auto& m : *list) items.push_back(ModelJson(m));
            json training;
            {
                std::lock_guard lock(state->mu);
                training = {{"running", state->running},
                            {"model", state->model},
                            {"phase", state->phase},
                            {"done", state->done},
                            {"total", state->total}};
            }
            SendJson(res, 200, {{"items", items}, {"training", training}, {"min_per_class", domain::ml::kMinPerClass}});
        }));

    server.Post(
        "/api/ml/train",
        wrap("/api/ml/train", [&ml, state, train_mu](const httplib::Request& req, httplib::Response& res) {
            BodyReader body(req.body.empty() ? "{}" : req.body, {"model"});
            const std::string model = body.String("model", false).value_or("all");
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            std::vector<app::ModelKind> kinds;
            if (model == "all") {
                kinds = {app::ModelKind::kDealWin, app::ModelKind::kPropensity, app::ModelKind::kLeadConversion};
            } else if (auto k = app::ModelKindFromName(model)) {
                kinds = {*k};
            } else {
                return SendError(
                    res, InvalidArgument("unknown model", {{"model", "deal_win, propensity, lead_conversion or all"}}));
            }
            std::unique_lock lock(*train_mu, std::try_to_lock);
            if (!lock.owns_lock()) {
                return SendError(res, FailedPrecondition("a training run is already in progress"));
            }
            {
                std::lock_guard s(state->mu);
                state->running = true;
                state->model = model;
                state->phase = "features";
                state->done = state->total = 0;
            }
            StateProgress progress(*state);
            json results = json::array();
            Status failed;
            for (auto kind : kinds) {
                {
                    std::lock_guard s(state->mu);
                    state->model = std::string(app::ModelKindName(kind));
                }
                auto r = ml.Train(kind, ml.Today(), &progress, CurrentPrincipal().Actor());
                if (!r.ok()) {
                    failed = r.status();
                    break;
                }
                json j = {{"model", std::string(app::ModelKindName(kind))},
                          {"trained", r->trained},
                          {"message", r->message},
                          {"metrics",
                           {{"auc", Number(r->metrics.auc)},
                            {"logloss", Number(r->metrics.logloss)},
                            {"brier", Number(r->metrics.brier)},
                            {"ece", Number(r->metrics.ece)},
                            {"positives", r->metrics.positives},
                            {"negatives", r->metrics.negatives}}},
                          {"version", r->trained ? json(r->record.version) : json(nullptr)}};
                results.push_back(j);
            }
            {
                std::lock_guard s(state->mu);
                state->running = false;
            }
            if (!failed.ok()) return SendError(res, failed);
            SendJson(res, 200, {{"results", results}});
        }));

    server.Get(R"(/api/deals/(\d+)/score)",
               wrap("/api/deals/{id}/score", [&ml, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "deal");
                   if (!id.ok()) return SendError(res, id.status());
                   if (Status st = guard.CanReadDeal(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
                   const Date today = ml.Today();
                   auto s = ml.ScoreDeal(*id, today, true);
                   if (!s.ok()) return SendError(res, s.status());
                   auto message = MessageOr(ml, app::ModelKind::kDealWin, today);
                   if (!message.ok()) return SendError(res, message.status());
                   SendJson(res, 200,
                            {{"deal_id", s->deal_id},
                             {"as_of", FormatIsoDate(today)},
                             {"probability", s->probability},
                             {"source", s->source},
                             {"model_version", s->model_version},
                             {"message", *message},
                             {"factors", FactorsJson(s->factors)}});
               }));

    server.Get(
        R"(/api/governments/([^/]+)/propensity)",
        wrap("/api/governments/{code}/propensity", [&ml, &store](const httplib::Request& req, httplib::Response& res) {
            const std::string code = req.matches[1];
            const Date today = ml.Today();
            auto list = ml.ScoreGovernment(code, today, true);
            if (!list.ok()) return SendError(res, list.status());
            auto message = MessageOr(ml, app::ModelKind::kPropensity, today);
            if (!message.ok()) return SendError(res, message.status());
            json items = json::array();
            std::string source = "rules";
            int fy = 0;
            for (const auto& p : *list) {
                auto product = store.products().Get(p.product_id);
                source = p.source;
                fy = p.fiscal_year;
                items.push_back({{"product_id", p.product_id},
                                 {"product_name", product.ok() ? product->name : std::string()},
                                 {"probability", p.probability},
                                 {"factors", FactorsJson(p.factors)}});
            }
            std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
                return a["probability"].get<double>() > b["probability"].get<double>();
            });
            SendJson(res, 200,
                     {{"government_code", code},
                      {"as_of", FormatIsoDate(today)},
                      {"fiscal_year", fy},
                      {"source", source},
                      {"model_version", list->empty() ? std::string() : list->front().model_version},
                      {"message", *message},
                      {"items", items}});
        }));

    server.Get(R"(/api/leads/(\d+)/score)",
               wrap("/api/leads/{id}/score", [&ml, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "lead");
                   if (!id.ok()) return SendError(res, id.status());
                   if (Status st = guard.CanReadLead(CurrentPrincipal(), *id); !st.ok()) return SendError(res, st);
                   const Date today = ml.Today();
                   auto s = ml.ScoreLead(*id, today, true);
                   if (!s.ok()) return SendError(res, s.status());
                   auto message = MessageOr(ml, app::ModelKind::kLeadConversion, today);
                   if (!message.ok()) return SendError(res, message.status());
                   SendJson(res, 200,
                            {{"lead_id", s->lead_id},
                             {"as_of", FormatIsoDate(today)},
                             {"probability", s->probability},
                             {"source", s->source},
                             {"model_version", s->model_version},
                             {"message", *message},
                             {"factors", FactorsJson(s->factors)}});
               }));
}

}  // namespace kyoso::api
