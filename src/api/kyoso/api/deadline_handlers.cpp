#include "kyoso/api/deadline_handlers.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json PointJson(const domain::DeadlinePoint& p) {
    return {{"slug", p.slug},
            {"label", p.label_ja},
            {"label_en", p.label_en},
            {"fiscal_year", p.fiscal_year},
            {"start", FormatIsoDate(p.start)},
            {"date", FormatIsoDate(p.due)}};
}

json DeadlineJson(const domain::DealDeadline& d) {
    json next = nullptr;
    if (d.next_chance) {
        next = {{"slug", d.next_chance->slug},
                {"label", d.next_chance->label_ja},
                {"label_en", d.next_chance->label_en},
                {"date", FormatIsoDate(d.next_chance->date)},
                {"target_fiscal_year", d.next_chance->target_fiscal_year}};
    }
    return {{"milestone", PointJson(d.milestone)},
            {"business_days_left", d.business_days_left},
            {"missed", d.missed},
            {"next_chance", next},
            {"action_date", FormatIsoDate(d.ActionDate())},
            {"text", d.TextJa()},
            {"text_en", d.TextEn()}};
}

std::string Md(domain::MonthDay md) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u-%02u", md.month, md.day);
    return buf;
}

json OverrideJson(const domain::MilestoneOverride& o) {
    return {{"milestone", domain::MilestoneSlug(o.kind)},
            {"label", domain::MilestoneLabelJa(o.kind)},
            {"label_en", domain::MilestoneLabelEn(o.kind)},
            {"fiscal_year", o.fiscal_year ? json(*o.fiscal_year) : json(nullptr)},
            {"start", Md(o.start)},
            {"end", Md(o.end)}};
}

json FeedJson(const ports::CalendarFeedRecord& f) {
    return {{"id", f.id},
            {"scope", f.scope},
            {"team", f.team.empty() ? json(nullptr) : json(f.team)},
            {"prefix", f.prefix},
            {"created_at", f.created_at},
            {"last_used_at", f.last_used_at.empty() ? json(nullptr) : json(f.last_used_at)},
            {"revoked_at", f.revoked_at.empty() ? json(nullptr) : json(f.revoked_at)}};
}

// ?fiscal_year=2027 on a DELETE; nullopt when absent.
Result<std::optional<int>> FiscalYearParam(const app::ListParams& params) {
    auto it = params.find("fiscal_year");
    if (it == params.end() || it->second.empty()) return std::optional<int>();
    try {
        size_t used = 0;
        const int y = std::stoi(it->second, &used);
        if (used == it->second.size() && y >= 1989 && y <= 2100) return std::optional<int>(y);
    } catch (const std::exception&) {
    }
    return InvalidArgument("fiscal_year must be a year 1989-2100", {{"fiscal_year", "a year 1989-2100"}});
}

}  // namespace

void RegisterDeadlineRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.deadlines) return;
    app::DeadlineService& deadlines = *services.deadlines;
    app::AccessGuard& guard = *services.guard;

    server.Get("/api/deadlines",
               wrap("/api/deadlines", [&deadlines, &guard](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"owner", "team", "horizon_days"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   const app::Principal& me = CurrentPrincipal();
                   app::DeadlineQuery q;
                   q.visible = guard.authorizer().ListVisibility(me, domain::RecordKind::kDeal);
                   std::vector<ErrorDetail> errors;
                   auto owner = params->find("owner");
                   auto team = params->find("team");
                   if (owner != params->end() && owner->second != "me" && !owner->second.empty()) {
                       auto id = PathIdOf(owner->second, "user");
                       if (!id.ok()) {
                           errors.push_back({"owner", "me or a user id"});
                       } else {
                           q.owner_id = *id;
                       }
                   } else if (owner != params->end() || team == params->end()) {
                       q.owner_id = me.user_id;  // owner=me, and the default without team
                   }
                   if (team != params->end()) q.team = team->second == "me" ? me.team : team->second;
                   if (auto h = params->find("horizon_days"); h != params->end()) {
                       try {
                           size_t used = 0;
                           q.horizon_days = std::stoi(h->second, &used);
                           if (used != h->second.size()) throw std::invalid_argument("trailing");
                       } catch (const std::exception&) {
                           errors.push_back({"horizon_days", "a whole number of days 1-730"});
                       }
                   }
                   if (!errors.empty()) return SendError(res, InvalidArgument("invalid parameters", errors));
                   auto rows = deadlines.List(q);
                   if (!rows.ok()) return SendError(res, rows.status());
                   json items = json::array();
                   for (const auto& r : *rows) {
                       items.push_back({{"deal_id", r.deal_id},
                                        {"title", r.title},
                                        {"government_code", r.government_code},
                                        {"government_name", r.government_name},
                                        {"owner_id", r.owner_id},
                                        {"owner_name", r.owner_name},
                                        {"stage", domain::StageSlug(r.stage)},
                                        {"fiscal_year", r.fiscal_year},
                                        {"deadline", DeadlineJson(r.deadline)}});
                   }
                   SendJson(res, 200, {{"items", items}, {"total", rows->size()}});
               }));

    server.Get(
        R"(/api/deals/([^/]+)/deadline)",
        wrap("/api/deals/{id}/deadline", [&deadlines, &guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "deal");
            if (!id.ok()) return SendError(res, id.status());
            if (Status st = guard.CanReadDeal(CurrentPrincipal(), *id); !st.ok()) {
                return SendError(res, st);
            }
            auto d = deadlines.ForDeal(*id);
            if (!d.ok()) return SendError(res, d.status());
            SendJson(res, 200, {{"deal_id", *id}, {"deadline", *d ? DeadlineJson(**d) : json(nullptr)}});
        }));

    server.Get(R"(/api/governments/([^/]+)/milestone-overrides)",
               wrap("/api/governments/{code}/milestone-overrides",
                    [&deadlines](const httplib::Request& req, httplib::Response& res) {
                        auto list = deadlines.Overrides(req.matches[1]);
                        if (!list.ok()) return SendError(res, list.status());
                        json items = json::array();
                        for (const auto& o : *list) items.push_back(OverrideJson(o));
                        SendJson(res, 200, {{"items", items}});
                    }));

    server.Put(R"(/api/governments/([^/]+)/milestone-overrides/([^/]+))",
               wrap("/api/governments/{code}/milestone-overrides/{milestone}",
                    [&deadlines](const httplib::Request& req, httplib::Response& res) {
                        BodyReader body(req.body, {"start", "end", "fiscal_year"});
                        app::MilestoneOverrideRequest r;
                        r.milestone = req.matches[2];
                        r.start = body.String("start", true).value_or("");
                        r.end = body.String("end", false).value_or("");
                        if (auto fy = body.Int("fiscal_year", false)) r.fiscal_year = static_cast<int>(*fy);
                        if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                        const std::string code = req.matches[1];
                        if (Status st = deadlines.PutOverride(CurrentPrincipal().Actor(), code, r); !st.ok()) {
                            return SendError(res, st);
                        }
                        auto list = deadlines.Overrides(code);
                        if (!list.ok()) return SendError(res, list.status());
                        json items = json::array();
                        for (const auto& o : *list) items.push_back(OverrideJson(o));
                        SendJson(res, 200, {{"items", items}});
                    }));

    server.Delete(R"(/api/governments/([^/]+)/milestone-overrides/([^/]+))",
                  wrap("/api/governments/{code}/milestone-overrides/{milestone}",
                       [&deadlines](const httplib::Request& req, httplib::Response& res) {
                           auto params = QueryParams(req);
                           if (!params.ok()) return SendError(res, params.status());
                           auto fy = FiscalYearParam(*params);
                           if (!fy.ok()) return SendError(res, fy.status());
                           if (Status st = deadlines.DeleteOverride(CurrentPrincipal().Actor(), req.matches[1],
                                                                    req.matches[2], *fy);
                               !st.ok()) {
                               return SendError(res, st);
                           }
                           SendJson(res, 200, {{"deleted", true}});
                       }));

    server.Get("/api/calendar-feeds",
               wrap("/api/calendar-feeds", [&deadlines](const httplib::Request&, httplib::Response& res) {
                   auto list = deadlines.ListFeeds(CurrentPrincipal());
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& f : *list) items.push_back(FeedJson(f));
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Post("/api/calendar-feeds",
                wrap("/api/calendar-feeds", [&deadlines](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"scope", "team"});
                    const std::string scope = body.String("scope", true).value_or("");
                    const std::string team = body.String("team", false).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = deadlines.CreateFeed(CurrentPrincipal(), scope, team);
                    if (!created.ok()) return SendError(res, created.status());
                    json out = FeedJson(created->record);
                    out["url"] = created->path;
                    SendJson(res, 201, out);
                }));

    server.Delete(R"(/api/calendar-feeds/([^/]+))",
                  wrap("/api/calendar-feeds/{id}", [&deadlines](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "calendar feed");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = deadlines.RevokeFeed(CurrentPrincipal(), *id); !st.ok()) {
                          return SendError(res, st);
                      }
                      SendJson(res, 200, {{"id", *id}, {"revoked", true}});
                  }));

    server.Get(R"(/calendar/([A-Za-z0-9_]+)\.ics)",
               wrap("/calendar/{token}.ics", [&deadlines](const httplib::Request& req, httplib::Response& res) {
                   auto text = deadlines.FeedByToken(req.matches[1]);
                   if (!text.ok()) return SendError(res, text.status());
                   res.status = 200;
                   res.set_header("Cache-Control", "private, max-age=300");
                   res.set_content(*text, "text/calendar; charset=utf-8");
               }));
}

}  // namespace kyoso::api
