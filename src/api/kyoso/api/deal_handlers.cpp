#include "kyoso/api/deal_handlers.hpp"

#include <algorithm>
#include <charconv>
#include <climits>
#include <nlohmann/json.hpp>
#include <set>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/catalog_json.hpp"
#include "kyoso/api/deal_json.hpp"
#include "kyoso/api/error_mapping.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json HistoryJson(const ports::StageHistoryEntry& h) {
    return {
        {"id", h.id},
        {"from", domain::StageSlug(h.from)},
        {"to", domain::StageSlug(h.to)},
        {"moved_by", h.moved_by},
        {"moved_on", FormatIsoDate(h.moved_on)},
        {"note", h.note},
    };
}

Result<long long> PathId(const std::string& text) { return PathIdOf(text, "deal"); }

// Reads the deal fields shared by POST /api/deals and PATCH /api/deals/{id}.
app::DealRequest ReadDealRequest(BodyReader& body, bool creating) {
    app::DealRequest r;
    r.government_code = body.String("government_code", creating);
    r.department_id = body.NullableId("department_id");
    r.title = body.String("title", creating);
    r.product_id = body.Int("product_id", creating);
    r.line_items = body.ObjectArray<app::DealLineItemRequest>(
        "line_items", {"product_id", "description", "quantity", "unit_price"}, [](BodyReader::Item& item) {
            app::DealLineItemRequest li;
            li.product_id = item.Int("product_id", false);
            li.description = item.String("description", true).value_or("");
            li.quantity = item.Int("quantity", true).value_or(1);
            li.unit_price = item.Int("unit_price", true).value_or(0);
            return li;
        });
    r.amount = body.Int("amount", false);
    r.fiscal_year = body.Int("fiscal_year", false);
    r.procurement_method = body.String("procurement_method", false);
    r.budget_status = body.String("budget_status", false);
    r.owner_id = body.Int("owner_id", creating);
    r.team = body.ObjectArray<app::DealTeamRequest>("team", {"user_id", "role"}, [](BodyReader::Item& item) {
        app::DealTeamRequest m;
        m.user_id = item.Int("user_id", true).value_or(0);
        m.role = item.String("role", true).value_or("");
        return m;
    });
    r.champion_id = body.NullableId("champion_id");
    r.external_id = body.String("external_id", false);
    r.custom_fields = body.CustomFields();
    r.actor_id = body.Int("actor_id", false);
    return r;
}

const std::set<std::string> kDealFields = {"government_code", "department_id", "title",       "product_id",
                                           "line_items",      "amount",        "fiscal_year", "procurement_method",
                                           "budget_status",   "owner_id",      "team",        "champion_id",
                                           "external_id",     "custom_fields", "actor_id"};

json DealDetailJson(const app::DealDetail& detail) {
    json body = NamedDealJson(detail.deal, detail.names);
    body["stage_history"] = json::array();
    for (const auto& h : detail.stage_history) body["stage_history"].push_back(HistoryJson(h));
    body["activities"] = json::array();
    for (const auto& a : detail.activities) {
        json aj = ActivityJson(a);
        aj["participants"] = {{"user_ids", json::array()}, {"official_ids", json::array()}};
        for (const auto& [activity_id, p] : detail.participants) {
            if (activity_id == a.id) aj["participants"] = {{"user_ids", p.user_ids}, {"official_ids", p.official_ids}};
        }
        body["activities"].push_back(aj);
    }
    body["line_items"] = json::array();
    for (const auto& item : detail.line_items) body["line_items"].push_back(LineItemJson(item));
    body["team"] = json::array();
    for (const auto& m : detail.team) body["team"].push_back(TeamMemberJson(m));
    body["custom_fields"] = CustomFieldsJson(detail.custom_fields);
    return body;
}

}  // namespace

void RegisterDealRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    app::DealService& deals = services.deals;
    app::AccessGuard& guard = *services.guard;

    server.Get("/api/deals", wrap("/api/deals", [&deals, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   const app::Principal& me = CurrentPrincipal();
                   if (Status st = guard.CheckDealListParams(me, *params); !st.ok()) return SendError(res, st);
                   const auto hidden = guard.HiddenDealFields(me);
                   auto result = deals.List(*params, guard.authorizer().ListVisibility(me, domain::RecordKind::kDeal));
                   if (!result.ok()) return SendError(res, result.status());
                   json items = json::array();
                   for (const auto& d : result->items) {
                       items.push_back(SelectFields(Redacted(NamedDealJson(d.deal, d.names), hidden), result->fields));
                   }
                   SendJson(res, 200,
                            {{"items", items}, {"total", result->total}, {"next_cursor", OrNull(result->next_cursor)}});
               }));

    server.Get(R"(/api/deals/([^/]+))",
               wrap("/api/deals/{id}", [&deals, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathId(req.matches[1]);
                   if (!id.ok()) return SendError(res, id.status());
                   const app::Principal& me = CurrentPrincipal();
                   if (Status st = guard.CanReadDeal(me, *id); !st.ok()) return SendError(res, st);
                   auto detail = deals.Get(*id);
                   if (!detail.ok()) return SendError(res, detail.status());
                   SendJson(res, 200, Redacted(DealDetailJson(*detail), guard.HiddenDealFields(me)));
               }));

    server.Post("/api/deals", wrap("/api/deals", [&deals, &guard](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, kDealFields);
                    app::DealRequest r = ReadDealRequest(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    const app::Principal& me = CurrentPrincipal();
                    if (Status st = guard.CheckDealRequest(me, r, nullptr); !st.ok()) return SendError(res, st);
                    auto created = deals.Create(r);
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, Redacted(DealDetailJson(*created), guard.HiddenDealFields(me)));
                }));

    server.Patch(R"(/api/deals/([^/]+))",
                 wrap("/api/deals/{id}", [&deals, &guard](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathId(req.matches[1]);
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, kDealFields);
                     app::DealRequest r = ReadDealRequest(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     const app::Principal& me = CurrentPrincipal();
                     if (Status st = guard.CanWriteDeal(me, *id); !st.ok()) return SendError(res, st);
                     auto existing = deals.Get(*id);
                     if (!existing.ok()) return SendError(res, existing.status());
                     if (Status st = guard.CheckDealRequest(me, r, &existing->deal); !st.ok()) {
                         return SendError(res, st);
                     }
                     auto updated = deals.Update(*id, r);
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, Redacted(DealDetailJson(*updated), guard.HiddenDealFields(me)));
                 }));

    server.Post(R"(/api/deals/([^/]+)/stage)",
                wrap("/api/deals/{id}/stage", [&deals, &guard](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathId(req.matches[1]);
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, {"to", "actor_id", "note", "lost_reason", "competitor", "award_amount",
                                               "budget_amount", "notice_url"});
                    app::StageMoveRequest r;
                    r.to = body.String("to", true).value_or("");
                    r.actor_id = body.Int("actor_id", false).value_or(0);
                    r.note = body.String("note", false).value_or("");
                    r.lost_reason = body.String("lost_reason", false);
                    r.competitor = body.String("competitor", false);
                    r.award_amount = body.Int("award_amount", false);
                    r.budget_amount = body.Int("budget_amount", false);
                    r.notice_url = body.String("notice_url", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    const app::Principal& me = CurrentPrincipal();
                    if (Status st = guard.CheckStageMove(me, *id, r); !st.ok()) return SendError(res, st);
                    auto moved = deals.MoveStage(*id, r);
                    if (!moved.ok()) return SendError(res, moved.status());
                    const auto hidden = guard.HiddenDealFields(me);
                    // The moved deal in the list-item shape, so a board can replace its card.
                    auto named = [&](const domain::Deal& d) -> Result<json> {
                        auto names = deals.Names(d.id);
                        if (!names.ok()) return names.status();
                        return Redacted(NamedDealJson(d, *names), hidden);
                    };
                    auto deal_json = named(moved->deal);
                    if (!deal_json.ok()) return SendError(res, deal_json.status());
                    json carried = nullptr;
                    if (moved->carried_over) {
                        auto c = named(*moved->carried_over);
                        if (!c.ok()) return SendError(res, c.status());
                        carried = std::move(*c);
                    }
                    SendJson(res, 200, {{"deal", std::move(*deal_json)}, {"carried_over", std::move(carried)}});
                }));

    server.Post("/api/activities",
                wrap("/api/activities", [&deals, &guard](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"type", "occurred_on", "deal_id", "government_code", "user_id",
                                               "official_id", "notes", "outcome", "occurred_at", "participants"});
                    app::ActivityRequest r;
                    r.type = body.String("type", true).value_or("");
                    r.occurred_on = body.String("occurred_on", true).value_or("");
                    r.deal_id = body.Int("deal_id", false);
                    r.government_code = body.String("government_code", true).value_or("");
                    r.user_id = body.Int("user_id", false).value_or(0);
                    r.official_id = body.Int("official_id", false);
                    r.notes = body.String("notes", false).value_or("");
                    r.outcome = body.String("outcome", false).value_or("");
                    r.occurred_at = body.String("occurred_at", false).value_or("");
                    body.ObjectShape("participants", {"user_ids", "official_ids"});
                    r.participant_user_ids =
                        body.IdArrayIn("participants", "user_ids").value_or(std::vector<long long>{});
                    r.participant_official_ids =
                        body.IdArrayIn("participants", "official_ids").value_or(std::vector<long long>{});
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    if (Status st = guard.CheckActivity(CurrentPrincipal(), r); !st.ok()) return SendError(res, st);
                    auto logged = deals.LogActivity(r);
                    if (!logged.ok()) return SendError(res, logged.status());
                    json warnings = json::array();
                    for (const auto& w : logged->warnings)
                        warnings.push_back({{"code", w.code}, {"message", w.message}});
                    SendJson(res, 201, {{"id", logged->id}, {"warnings", warnings}});
                }));
}

}  // namespace kyoso::api
