#include "kyoso/api/saved_view_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json SavedViewJson(const ports::SavedView& v) {
    return {{"id", v.id},
            {"list", v.list},
            {"name", v.name},
            {"state", json::parse(v.state_json, nullptr, false)},
            {"created_at", v.created_at}};
}

}  // namespace

void RegisterSavedViewRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.saved_views) return;
    app::SavedViewService& views = *services.saved_views;

    server.Get("/api/saved-views",
               wrap("/api/saved-views", [&views](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"list"}); !st.ok()) return SendError(res, st);
                   std::optional<std::string> list;
                   if (auto it = params->find("list"); it != params->end()) list = it->second;
                   auto found = views.ListOwn(CurrentPrincipal().user_id, list);
                   if (!found.ok()) return SendError(res, found.status());
                   json items = json::array();
                   for (const auto& v : *found) items.push_back(SavedViewJson(v));
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Post("/api/saved-views",
                wrap("/api/saved-views", [&views](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"list", "name", "state"});
                    app::SavedViewRequest r;
                    r.list = body.String("list", true).value_or("");
                    r.name = body.String("name", true).value_or("");
                    if (const json* state = body.Raw("state"); !state) {
                        if (body.parsed()) body.AddError("state", "required: the view's state as a JSON object");
                    } else if (!state->is_object()) {
                        body.AddError("state", "must be a JSON object");
                    } else {
                        r.state_json = state->dump();
                    }
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto saved = views.Create(CurrentPrincipal().user_id, r);
                    if (!saved.ok()) return SendError(res, saved.status());
                    SendJson(res, 201, SavedViewJson(*saved));
                }));

    server.Delete(R"(/api/saved-views/([^/]+))",
                  wrap("/api/saved-views/{id}", [&views](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "saved view");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = views.Delete(CurrentPrincipal().user_id, *id); !st.ok()) {
                          return SendError(res, st);
                      }
                      SendJson(res, 200, {{"id", *id}, {"deleted", true}});
                  }));
}

}  // namespace kyoso::api
