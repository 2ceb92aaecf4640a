#include "kyoso/api/compliance_handlers.hpp"

#include <climits>
#include <nlohmann/json.hpp>
#include <set>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/error_mapping.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::api {

namespace {

// A {"description": string, "estimated_yen": integer|null} object, or null.
void ReadValue(BodyReader& body, const std::string& field, std::string* description, std::optional<long long>* yen) {
    const nlohmann::json* v = body.Raw(field);
    if (!v) return;
    if (!v->is_object()) {
        body.AddError(field, "must be an object {description, estimated_yen}");
        return;
    }
    for (const auto& [key, value] : v->items()) {
        if (key != "description" && key != "estimated_yen") body.AddError(field + "." + key, "unknown field");
    }
    if (auto d = v->find("description"); d != v->end() && !d->is_null()) {
        if (d->is_string()) {
            *description = d->get<std::string>();
        } else {
            body.AddError(field + ".description", "must be a string");
        }
    }
    if (auto y = v->find("estimated_yen"); y != v->end() && !y->is_null()) {
        if (y->is_number_integer() && !(y->is_number_unsigned() && y->get<unsigned long long>() > LLONG_MAX)) {
            *yen = y->get<long long>();
        } else {
            body.AddError(field + ".estimated_yen", "must be an integer (yen)");
        }
    }
}

using nlohmann::json;

json ValueJson(const domain::ValueItem& v) {
    if (v.empty()) return nullptr;
    return {{"description", v.description}, {"estimated_yen", OrNull(v.estimated_yen)}};
}

json ContactJson(const ports::ContactRow& r) {
    const auto& e = r.entry;
    return {
        {"id", e.id},
        {"government_code", e.government_code},
        {"official_id", IdOrNull(e.official_id)},
        {"official_name", e.official_name},
        {"department", e.department},
        {"user_id", e.user_id},
        {"user_name", r.user_name},
        {"occurred_on", FormatIsoDate(e.occurred_on)},
        {"channel", e.channel},
        {"channel_label", std::string(domain::ContactChannelLabelJa(e.channel))},
        {"summary", e.summary},
        {"activity_id", IdOrNull(e.activity_id)},
        {"deal_id", IdOrNull(e.deal_id)},
        {"deal_title", e.deal_id ? json(r.deal_title) : json(nullptr)},
        {"value_given", ValueJson(e.value_given)},
        {"value_received", ValueJson(e.value_received)},
        {"corrects_id", IdOrNull(e.corrects_id)},
        {"recorded_at", e.recorded_at},
    };
}

// from/to of a disclosure download; anything else is a 400 naming it.
Status DisclosureParams(const app::ListParams& params, std::string* from, std::string* to) {
    for (const auto& [key, value] : params) {
        if (key == "from") {
            *from = value;
        } else if (key == "to") {
            *to = value;
        } else {
            return app::ParamError(key, "unknown parameter (known: from, to)");
        }
    }
    return Status::Ok();
}

std::string AttachmentName(const app::Disclosure& d, const char* ext) {
    return "attachment; filename=\"disclosure-" + d.government_code + "." + ext + "\"";
}

}  // namespace

void RegisterComplianceRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (services.contact_log) {
        app::ContactLogService& log = *services.contact_log;
        app::AccessGuard& guard = *services.guard;
        server.Get("/api/contact-log",
                   wrap("/api/contact-log", [&log, &guard](const httplib::Request& req, httplib::Response& res) {
                       auto params = QueryParams(req);
                       if (!params.ok()) return SendError(res, params.status());
                       auto result = log.List(*params, guard.authorizer().ListVisibility(
                                                           CurrentPrincipal(), domain::RecordKind::kContactEntry));
                       if (!result.ok()) return SendError(res, result.status());
                       json items = json::array();
                       for (const auto& r : result->items) items.push_back(ContactJson(r));
                       SendJson(res, 200, {{"items", items}, {"next_cursor", OrNull(result->next_cursor)}});
                   }));
        server.Post("/api/contact-log",
                    wrap("/api/contact-log", [&log, &guard](const httplib::Request& req, httplib::Response& res) {
                        BodyReader body(
                            req.body, {"government_code", "official_id", "user_id", "occurred_on", "channel", "summary",
                                       "deal_id", "value_given", "value_received", "corrects_id"});
                        app::ContactRequest r;
                        r.government_code = body.String("government_code", true).value_or("");
                        r.official_id = body.Int("official_id", false);
                        r.user_id = body.Int("user_id", false).value_or(0);
                        r.occurred_on = body.String("occurred_on", true).value_or("");
                        r.channel = body.String("channel", true).value_or("");
                        r.summary = body.String("summary", true).value_or("");
                        r.deal_id = body.Int("deal_id", false);
                        ReadValue(body, "value_given", &r.value_given, &r.value_given_yen);
                        ReadValue(body, "value_received", &r.value_received, &r.value_received_yen);
                        r.corrects_id = body.Int("corrects_id", false);
                        if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                        if (Status st = guard.CheckContactEntry(CurrentPrincipal(), r); !st.ok())
                            return SendError(res, st);
                        auto row = log.Record(r);
                        if (!row.ok()) return SendError(res, row.status());
                        SendJson(res, 201, ContactJson(*row));
                    }));
        server.Get(
            R"(/api/governments/([^/]+)/disclosure\.csv)",
            wrap("/api/governments/{code}/disclosure.csv", [&log](const httplib::Request& req, httplib::Response& res) {
                auto params = QueryParams(req);
                if (!params.ok()) return SendError(res, params.status());
                std::string from, to;
                if (Status st = DisclosureParams(*params, &from, &to); !st.ok()) return SendError(res, st);
                auto d = log.BuildDisclosure(req.matches[1], from, to);
                if (!d.ok()) return SendError(res, d.status());
                res.set_header("Content-Disposition", AttachmentName(*d, "csv"));
                res.status = 200;
                res.set_content(app::ContactLogService::DisclosureCsv(d->sheet), "text/csv; charset=utf-8");
            }));
        server.Get(R"(/api/governments/([^/]+)/disclosure\.xlsx)",
                   wrap("/api/governments/{code}/disclosure.xlsx", [&log](const httplib::Request& req,
                                                                          httplib::Response& res) {
                       auto params = QueryParams(req);
                       if (!params.ok()) return SendError(res, params.status());
                       std::string from, to;
                       if (Status st = DisclosureParams(*params, &from, &to); !st.ok()) return SendError(res, st);
                       auto d = log.BuildDisclosure(req.matches[1], from, to);
                       if (!d.ok()) return SendError(res, d.status());
                       auto bytes = log.DisclosureXlsx(d->sheet);
                       if (!bytes.ok()) return SendError(res, bytes.status());
                       res.set_header("Content-Disposition", AttachmentName(*d, "xlsx"));
                       res.status = 200;
                       res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                   }));
    }
    if (services.search) {
        app::SearchService& search = *services.search;
        app::AccessGuard& guard = *services.guard;
        server.Get("/api/search",
                   wrap("/api/search", [&search, &guard](const httplib::Request& req, httplib::Response& res) {
                       auto params = QueryParams(req);
                       if (!params.ok()) return SendError(res, params.status());
                       auto result = search.Search(*params);
                       if (!result.ok()) return SendError(res, result.status());
                       json items = json::array();
                       const app::Principal& me = CurrentPrincipal();
                       for (const auto& h : result->items) {
                           // Hits on records outside the caller's sharing are left out.
                           if (!guard.SearchHitVisible(me, h.type, h.id)) continue;
                           items.push_back({{"type", h.type},
                                            {"id", h.id},
                                            {"government_code", h.government_code},
                                            {"title", h.title},
                                            {"snippet", h.snippet},
                                            {"score", h.score}});
                       }
                       SendJson(res, 200, {{"items", items}, {"next_cursor", OrNull(result->next_cursor)}});
                   }));
    }
}

}  // namespace kyoso::api
