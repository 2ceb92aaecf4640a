#include "kyoso/api/signal_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/catalog_json.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json SignalJson(const domain::Signal& s) {
    json products = json::array();
    for (const auto& p : s.products) {
        products.push_back({{"product_id", p.product_id}, {"score", p.score}, {"terms", p.terms}});
    }
    return {{"id", s.id},
            {"government_code", s.government_code},
            {"source_kind", s.source_kind},
            {"session", s.session},
            {"spoken_on", s.spoken_on.empty() ? json(nullptr) : json(s.spoken_on)},
            {"speaker", s.speaker},
            {"role", s.role},
            {"passage", s.passage},
            {"cue", s.cue},
            {"cue_phrase", s.cue_phrase},
            {"products", products},
            {"score", s.score},
            {"source_url", s.source_url},
            {"source_ref", s.source_ref},
            {"lead_id", IdOrNull(s.lead_id)},
            {"dismissed", s.dismissed}};
}

}  // namespace

void RegisterSignalRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.signals) return;
    app::SignalService& signals = *services.signals;
    app::AccessGuard& guard = *services.guard;

    server.Get(
        "/api/signals", wrap("/api/signals", [&signals](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            auto page = signals.List(*params);
            if (!page.ok()) return SendError(res, page.status());
            json items = json::array();
            for (const auto& s : page->items) items.push_back(SignalJson(s));
            SendJson(res, 200, {{"items", items}, {"total", page->total}, {"next_cursor", OrNull(page->next_cursor)}});
        }));

    server.Post("/api/signals/import",
                wrap("/api/signals/import", [&signals](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"government_code", "name", "document"});
                    const auto code = body.String("government_code", true);
                    const auto name = body.String("name", false);
                    std::string document;
                    if (const json* doc = body.Raw("document"); !doc) {
                        if (body.parsed()) {
                            body.AddError("document", "required: one council minutes or 一般質問 notices file (JSON)");
                        }
                    } else if (!doc->is_object()) {
                        body.AddError("document", "must be a JSON object");
                    } else {
                        document = doc->dump();
                    }
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    ports::NullProgress progress;
                    auto summary = signals.Import(*code, {{name.value_or("document"), document}},
                                                  CurrentPrincipal().Actor(), progress);
                    if (!summary.ok()) return SendError(res, summary.status());
                    SendJson(res, 200,
                             {{"files", summary->files},
                              {"speeches", summary->speeches},
                              {"passages", summary->passages},
                              {"signals", summary->signals},
                              {"inserted", summary->inserted},
                              {"by_cue", summary->by_cue},
                              {"matched", summary->matched}});
                }));

    server.Get(R"(/api/signals/(\d+))",
               wrap("/api/signals/{id}", [&signals](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "signal");
                   if (!id.ok()) return SendError(res, id.status());
                   auto s = signals.Get(*id);
                   if (!s.ok()) return SendError(res, s.status());
                   SendJson(res, 200, SignalJson(*s));
               }));

    server.Post(R"(/api/signals/(\d+)/lead)",
                wrap("/api/signals/{id}/lead", [&signals, &guard](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "signal");
                    if (!id.ok()) return SendError(res, id.status());
                    std::optional<long long> owner;
                    if (!req.body.empty()) {
                        BodyReader body(req.body, {"owner_id"});
                        owner = body.Int("owner_id", false);
                        if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    }
                    const app::Principal& me = CurrentPrincipal();
                    auto made = signals.CreateLead(*id, me.user_id, owner, [&](app::LeadRequest& r) {
                        return guard.CheckLeadRequest(me, r, nullptr);
                    });
                    if (!made.ok()) return SendError(res, made.status());
                    SendJson(res, 201, {{"signal", SignalJson(made->signal)}, {"lead", LeadJson(made->lead.lead)}});
                }));

    server.Post(R"(/api/signals/(\d+)/dismiss)",
                wrap("/api/signals/{id}/dismiss", [&signals](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "signal");
                    if (!id.ok()) return SendError(res, id.status());
                    auto s = signals.Dismiss(*id, CurrentPrincipal().user_id);
                    if (!s.ok()) return SendError(res, s.status());
                    SendJson(res, 200, SignalJson(*s));
                }));
}

}  // namespace kyoso::api
