#include "kyoso/api/notice_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"
#include "kyoso/app/notice/notice_service.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json DateOrNull(const std::optional<Date>& d) { return d ? json(FormatIsoDate(*d)) : json(nullptr); }

json NoticeJson(const ports::StoredNotice& s) {
    const auto& n = s.notice;
    return {{"id", n.id},
            {"source", n.source},
            {"key", n.key},
            {"title", n.title},
            {"description", n.description},
            {"url", n.url},
            {"organization_name", n.organization_name},
            {"lg_code", n.lg_code},
            {"city_code", n.city_code},
            {"prefecture_name", n.prefecture_name},
            {"city_name", n.city_name},
            {"government_code", n.government_code.empty() ? json(nullptr) : json(n.government_code)},
            {"government_name", s.government_name.empty() ? json(nullptr) : json(s.government_name)},
            {"category", n.category},
            {"procedure_type", n.procedure_type},
            {"issued_on", DateOrNull(n.issued_on)},
            {"due_on", DateOrNull(n.due_on)},
            {"award_winner", n.award_winner.empty() ? json(nullptr) : json(n.award_winner)},
            {"award_amount", OrNull(n.award_amount)},
            {"awarded_on", DateOrNull(n.awarded_on)},
            {"review_state", s.review_state},
            {"link_reason", s.link_reason},
            {"created_at", s.created_at},
            {"updated_at", s.updated_at}};
}

json MatchJson(const ports::NoticeMatchRow& m) {
    return {{"product_id", m.product_id}, {"product_name", m.product_name}, {"score", m.score}, {"terms", m.terms}};
}

json AlertJson(const ports::AlertRow& a) {
    return {{"id", a.id},
            {"kind", a.kind},
            {"notice_id", IdOrNull(a.notice_id)},
            {"notice_title", a.notice_title},
            {"product_id", IdOrNull(a.product_id)},
            {"product_name", a.product_name},
            {"government_code", a.government_code.empty() ? json(nullptr) : json(a.government_code)},
            {"government_name", a.government_name},
            {"message", a.message},
            {"created_at", a.created_at},
            {"read_at", a.read_at.empty() ? json(nullptr) : json(a.read_at)}};
}

// The notice list's query: government, product, q, state, from, to, limit, cursor.
Result<ports::NoticeQuery> ReadNoticeQuery(const app::ListParams& params, bool review_only) {
    ports::NoticeQuery q;
    std::vector<ErrorDetail> errors;
    auto get = [&](const char* name) -> std::optional<std::string> {
        auto it = params.find(name);
        if (it == params.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };
    if (auto v = get("government")) q.government_code = *v;
    if (auto v = get("product")) {
        auto id = app::ParseInt(*v);
        if (!id || *id <= 0) {
            errors.push_back({"product", "must be a product id"});
        } else {
            q.product_id = *id;
        }
    }
    if (auto v = get("q")) q.title_contains = *v;
    if (auto v = get("state")) {
        if (!domain::NoticeReviewStateFromSlug(*v)) {
            errors.push_back({"state", "must be linked, needs_review or dismissed"});
        } else {
            q.review_state = *v;
        }
    }
    if (review_only) q.review_state = "needs_review";
    for (auto [name, target] :
         {std::pair<const char*, std::optional<std::string>*>{"from", &q.issued_from}, {"to", &q.issued_to}}) {
        if (auto v = get(name)) {
            if (!ParseIsoDate(*v)) {
                errors.push_back({name, "must be a date YYYY-MM-DD"});
            } else {
                *target = *v;
            }
        }
    }
    if (auto v = get("limit")) {
        auto n = app::ParseInt(*v);
        if (!n || *n < 1 || *n > 200) {
            errors.push_back({"limit", "must be 1..200"});
        } else {
            q.limit = static_cast<int>(*n);
        }
    }
    if (auto v = get("cursor")) {
        auto n = app::ParseInt(*v);
        if (!n || *n < 0) {
            errors.push_back({"cursor", "is not a cursor this server issued"});
        } else {
            q.offset = *n;
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid notice list parameters", std::move(errors));
    return q;
}

void SendNoticePage(httplib::Response& res, const ports::NoticeQuery& q, const ports::NoticePage& page) {
    json items = json::array();
    for (const auto& s : page.items) items.push_back(NoticeJson(s));
    const long long next = q.offset + static_cast<long long>(page.items.size());
    SendJson(res, 200,
             {{"items", items},
              {"total", page.total},
              {"next_cursor", next < page.total ? json(std::to_string(next)) : json(nullptr)}});
}

json CountsJson(const app::NoticeImportCounts& c) {
    return {{"read", c.read},     {"new", c.inserted},  {"updated", c.updated}, {"duplicates", c.duplicates},
            {"linked", c.linked}, {"queued", c.queued}, {"matched", c.matched}, {"alerts", c.alerts}};
}

}  // namespace

void RegisterNoticeRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.notices) return;
    app::NoticeService& notices = *services.notices;
    const std::vector<std::string> list_params = {"government", "product", "q",     "state",
                                                  "from",       "to",      "limit", "cursor"};

    server.Get("/api/notices",
               wrap("/api/notices", [&notices, list_params](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, list_params); !st.ok()) return SendError(res, st);
                   auto q = ReadNoticeQuery(*params, false);
                   if (!q.ok()) return SendError(res, q.status());
                   auto page = notices.List(*q);
                   if (!page.ok()) return SendError(res, page.status());
                   SendNoticePage(res, *q, *page);
               }));

    server.Get("/api/notices/review",
               wrap("/api/notices/review", [&notices](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"q", "limit", "cursor"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   auto q = ReadNoticeQuery(*params, true);
                   if (!q.ok()) return SendError(res, q.status());
                   auto page = notices.List(*q);
                   if (!page.ok()) return SendError(res, page.status());
                   SendNoticePage(res, *q, *page);
               }));

    server.Post(
        "/api/notices/import",
        wrap("/api/notices/import", [&notices](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            std::string format_text;
            std::string source_name;
            std::string bytes;
            if (auto it = params->find("format"); it != params->end()) format_text = it->second;
            if (auto it = params->find("source_name"); it != params->end()) source_name = it->second;
            if (req.is_multipart_form_data()) {
                if (req.has_file("format")) format_text = req.get_file_value("format").content;
                if (req.has_file("source_name")) source_name = req.get_file_value("source_name").content;
                if (!req.has_file("file")) {
                    return SendError(res,
                                     InvalidArgument("invalid notice import", {{"file", "required: the notice file"}}));
                }
                bytes = req.get_file_value("file").content;
            } else {
                if (Status st = app::CheckKnownParams(*params, {"format", "source_name"}); !st.ok()) {
                    return SendError(res, st);
                }
                bytes = req.body;
            }
            auto format = ports::NoticeFormatFromSlug(format_text);
            if (!format) {
                return SendError(res,
                                 InvalidArgument("invalid notice import", {{"format", "required: kkj, csv or rss"}}));
            }
            if (bytes.empty()) {
                return SendError(res, InvalidArgument("invalid notice import", {{"file", "the file is empty"}}));
            }
            auto counts = notices.Import(*format, bytes, source_name, CurrentPrincipal().Actor());
            if (!counts.ok()) return SendError(res, counts.status());
            SendJson(res, 200, CountsJson(*counts));
        }));

    server.Get(R"(/api/notices/(\d+))",
               wrap("/api/notices/{id}", [&notices](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "notice");
                   if (!id.ok()) return SendError(res, id.status());
                   auto detail = notices.Get(*id);
                   if (!detail.ok()) return SendError(res, detail.status());
                   json body = NoticeJson(detail->stored);
                   json matches = json::array();
                   for (const auto& m : detail->matches) matches.push_back(MatchJson(m));
                   body["matches"] = matches;
                   SendJson(res, 200, body);
               }));

    server.Post(R"(/api/notices/(\d+)/link)",
                wrap("/api/notices/{id}/link", [&notices](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "notice");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, {"government_code"});
                    auto code = body.String("government_code", true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto linked = notices.Link(*id, code.value_or(""), CurrentPrincipal().Actor());
                    if (!linked.ok()) return SendError(res, linked.status());
                    SendJson(res, 200, NoticeJson(*linked));
                }));

    server.Post(R"(/api/notices/(\d+)/dismiss)",
                wrap("/api/notices/{id}/dismiss", [&notices](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "notice");
                    if (!id.ok()) return SendError(res, id.status());
                    auto dismissed = notices.Dismiss(*id, CurrentPrincipal().Actor());
                    if (!dismissed.ok()) return SendError(res, dismissed.status());
                    SendJson(res, 200, NoticeJson(*dismissed));
                }));

    server.Get("/api/alerts", wrap("/api/alerts", [&notices](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"unread", "limit"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   bool unread = false;
                   int limit = 50;
                   if (auto it = params->find("unread"); it != params->end()) {
                       if (it->second != "true" && it->second != "false") {
                           return SendError(res, InvalidArgument("invalid alert list parameters",
                                                                 {{"unread", "must be true or false"}}));
                       }
                       unread = it->second == "true";
                   }
                   if (auto it = params->find("limit"); it != params->end()) {
                       auto n = app::ParseInt(it->second);
                       if (!n || *n < 1 || *n > 200) {
                           return SendError(
                               res, InvalidArgument("invalid alert list parameters", {{"limit", "must be 1..200"}}));
                       }
                       limit = static_cast<int>(*n);
                   }
                   auto alerts = notices.Alerts(CurrentPrincipal().user_id, unread, limit);
                   if (!alerts.ok()) return SendError(res, alerts.status());
                   json items = json::array();
                   long long unread_count = 0;
                   for (const auto& a : *alerts) {
                       if (a.read_at.empty()) ++unread_count;
                       items.push_back(AlertJson(a));
                   }
                   SendJson(res, 200, {{"items", items}, {"unread", unread_count}});
               }));

    server.Post(R"(/api/alerts/(\d+)/read)",
                wrap("/api/alerts/{id}/read", [&notices](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "alert");
                    if (!id.ok()) return SendError(res, id.status());
                    if (Status st = notices.MarkAlertRead(CurrentPrincipal().user_id, *id); !st.ok()) {
                        return SendError(res, st);
                    }
                    SendJson(res, 200, {{"id", *id}, {"read", true}});
                }));

    server.Get(
        "/api/competitors", wrap("/api/competitors", [&notices](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {"government"}); !st.ok()) {
                return SendError(res, st);
            }
            auto it = params->find("government");
            if (it == params->end() || it->second.empty()) {
                return SendError(
                    res, InvalidArgument("invalid competitor parameters", {{"government", "required: a 団体コード"}}));
            }
            auto rows = notices.Competitors(it->second);
            if (!rows.ok()) return SendError(res, rows.status());
            json items = json::array();
            for (const auto& r : *rows) {
                items.push_back(
                    {{"winner", r.winner},
                     {"awards", r.awards},
                     {"total_amount", r.total_amount},
                     {"last_awarded_on", r.last_awarded_on.empty() ? json(nullptr) : json(r.last_awarded_on)},
                     {"last_title", r.last_title}});
            }
            SendJson(res, 200, {{"government_code", it->second}, {"items", items}});
        }));
}

}  // namespace kyoso::api
