#include "kyoso/api/handoff_handlers.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/handoff/handoff_service.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json TypeJson(const ports::HandoffType& t) {
    return {{"kind", t.kind},
            {"name_ja", t.name_ja},
            {"name_en", t.name_en},
            {"from_role", t.from_role},
            {"to_role", t.to_role},
            {"checklist", t.checklist},
            {"sla_business_days", t.sla_business_days},
            {"escalate_after_business_days", t.escalate_after_business_days},
            {"active", t.active},
            {"updated_at", t.updated_at.empty() ? json(nullptr) : json(t.updated_at)}};
}

json DateOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json HandoffJson(const app::HandoffView& v) {
    const auto& r = v.record;
    json checklist = json::array();
    for (const auto& i : r.checklist) {
        checklist.push_back(
            {{"item", i.item}, {"checked", i.checked}, {"not_applicable", i.not_applicable}, {"notes", i.notes}});
    }
    return {{"id", r.id},
            {"kind", r.kind},
            {"kind_name", r.kind_name_ja},
            {"lead_id", IdOrNull(r.lead_id)},
            {"deal_id", IdOrNull(r.deal_id)},
            {"subject_title", r.subject_title},
            {"government_code", DateOrNull(r.government_code)},
            {"government_name", r.government_name},
            {"from_user_id", r.from_user_id},
            {"from_user_name", r.from_user_name},
            {"to_user_id", r.to_user_id},
            {"to_user_name", r.to_user_name},
            {"status", r.status},
            {"checklist", checklist},
            {"note", r.note},
            {"created_on", r.created_on},
            {"created_at", r.created_at},
            {"due_on", r.due_on},
            {"business_days_left", v.sla.business_days_left},
            {"escalate_on", FormatIsoDate(v.sla.escalate_on)},
            {"breached", v.breached},
            {"breached_on", DateOrNull(r.breached_on)},
            {"escalated", v.escalated},
            {"escalated_to_user_id", IdOrNull(r.escalated_to_user_id)},
            {"escalated_to_name", DateOrNull(r.escalated_to_name)},
            {"escalated_on", DateOrNull(r.escalated_on)},
            {"responded_on", DateOrNull(r.responded_on)},
            {"responded_at", DateOrNull(r.responded_at)},
            {"return_reason", r.return_reason}};
}

// "true"/"false" or InvalidArgument naming `name`.
Result<std::optional<bool>> BoolParam(const app::ListParams& params, const std::string& name) {
    auto it = params.find(name);
    if (it == params.end()) return std::optional<bool>();
    if (it->second == "true") return std::optional<bool>(true);
    if (it->second == "false") return std::optional<bool>(false);
    return InvalidArgument("bad parameter", {{name, "must be true or false"}});
}

Result<std::optional<long long>> IdParam(const app::ListParams& params, const std::string& name) {
    auto it = params.find(name);
    if (it == params.end()) return std::optional<long long>();
    auto id = PathIdOf(it->second, name);
    if (!id.ok()) return InvalidArgument("bad parameter", {{name, "must be a positive integer"}});
    return std::optional<long long>(*id);
}

}  // namespace

void RegisterHandoffRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.handoffs) return;
    app::HandoffService& handoffs = *services.handoffs;

    server.Get("/api/handoffs", wrap("/api/handoffs", [&handoffs](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(
                           *params, {"box", "status", "breached", "lead_id", "deal_id", "limit", "cursor"});
                       !st.ok()) {
                       return SendError(res, st);
                   }
                   app::HandoffListRequest r;
                   if (auto it = params->find("box"); it != params->end()) r.box = it->second;
                   if (auto it = params->find("status"); it != params->end()) r.status = it->second;
                   auto breached = BoolParam(*params, "breached");
                   if (!breached.ok()) return SendError(res, breached.status());
                   r.breached = *breached;
                   auto lead = IdParam(*params, "lead_id");
                   if (!lead.ok()) return SendError(res, lead.status());
                   auto deal = IdParam(*params, "deal_id");
                   if (!deal.ok()) return SendError(res, deal.status());
                   auto cursor = IdParam(*params, "cursor");
                   if (!cursor.ok()) return SendError(res, cursor.status());
                   r.lead_id = *lead;
                   r.deal_id = *deal;
                   r.after_id = *cursor;
                   if (auto it = params->find("limit"); it != params->end()) {
                       auto limit = PathIdOf(it->second, "limit");
                       if (!limit.ok() || *limit > 200) {
                           return SendError(res, InvalidArgument("bad parameter", {{"limit", "must be 1-200"}}));
                       }
                       r.limit = static_cast<int>(*limit);
                   }
                   // A box's lead/deal filter shows its hand-offs to whoever may see the subject.
                   auto found = handoffs.List(CurrentPrincipal(), r);
                   if (!found.ok()) return SendError(res, found.status());
                   json items = json::array();
                   long long breached_count = 0;
                   for (const auto& v : found->items) {
                       items.push_back(HandoffJson(v));
                       if (v.breached) ++breached_count;
                   }
                   SendJson(res, 200,
                            {{"items", items},
                             {"total", found->total},
                             {"breached_in_page", breached_count},
                             {"next_cursor",
                              found->next_after_id ? json(std::to_string(*found->next_after_id)) : json(nullptr)}});
               }));

    server.Post(
        "/api/handoffs", wrap("/api/handoffs", [&handoffs](const httplib::Request& req, httplib::Response& res) {
            BodyReader body(req.body, {"kind", "lead_id", "deal_id", "to_user_id", "checklist", "note"});
            app::HandoffCreateRequest r;
            r.kind = body.String("kind", true).value_or("");
            r.lead_id = body.Int("lead_id", false).value_or(0);
            r.deal_id = body.Int("deal_id", false).value_or(0);
            r.to_user_id = body.Int("to_user_id", true).value_or(0);
            r.note = body.String("note", false).value_or("");
            if (const json* list = body.Raw("checklist"); !list) {
                if (body.parsed()) body.AddError("checklist", "required: the items as handed over");
            } else if (!list->is_array()) {
                body.AddError("checklist", "must be an array of objects");
            } else {
                for (size_t i = 0; i < list->size(); ++i) {
                    const auto& e = (*list)[i];
                    const std::string path = "checklist[" + std::to_string(i) + "]";
                    if (!e.is_object()) {
                        body.AddError(path, "must be an object");
                        continue;
                    }
                    domain::HandoffChecklistItem item;
                    for (const auto& [key, value] : e.items()) {
                        if (key == "item" && value.is_string()) {
                            item.item = value.get<std::string>();
                        } else if (key == "notes" && (value.is_string() || value.is_null())) {
                            item.notes = value.is_string() ? value.get<std::string>() : "";
                        } else if (key == "checked" && value.is_boolean()) {
                            item.checked = value.get<bool>();
                        } else if (key == "not_applicable" && value.is_boolean()) {
                            item.not_applicable = value.get<bool>();
                        } else if (key == "item" || key == "notes" || key == "checked" || key == "not_applicable") {
                            body.AddError(path + "." + key, "has the wrong type");
                        } else {
                            body.AddError(path + "." + key, "unknown field");
                        }
                    }
                    if (item.item.empty()) body.AddError(path + ".item", "required");
                    r.checklist.push_back(std::move(item));
                }
            }
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto created = handoffs.Create(CurrentPrincipal(), r);
            if (!created.ok()) return SendError(res, created.status());
            SendJson(res, 201, HandoffJson(*created));
        }));

    server.Post("/api/handoffs/sweep",
                wrap("/api/handoffs/sweep", [&handoffs](const httplib::Request&, httplib::Response& res) {
                    auto counts = handoffs.Sweep(CurrentPrincipal().Actor());
                    if (!counts.ok()) return SendError(res, counts.status());
                    SendJson(res, 200, {{"breached", counts->breached}, {"escalated", counts->escalated}});
                }));

    server.Get("/api/handoffs/compliance",
               wrap("/api/handoffs/compliance", [&handoffs](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"from", "to"}); !st.ok()) return SendError(res, st);
                   const Date today = handoffs.Today();
                   Date from = domain::FiscalYear::Containing(today).first_day();
                   Date to = today;
                   for (const char* name : {"from", "to"}) {
                       if (auto it = params->find(name); it != params->end()) {
                           auto d = ParseIsoDate(it->second);
                           if (!d) {
                               return SendError(res, InvalidArgument("bad parameter", {{name, "must be YYYY-MM-DD"}}));
                           }
                           (std::string(name) == "from" ? from : to) = *d;
                       }
                   }
                   auto rows = handoffs.Compliance(from, to);
                   if (!rows.ok()) return SendError(res, rows.status());
                   json items = json::array();
                   for (const auto& c : *rows) {
                       items.push_back({{"kind", c.row.kind},
                                        {"name_ja", c.name_ja},
                                        {"sla_business_days", c.sla_business_days},
                                        {"responded", c.row.responded},
                                        {"responded_within_sla", c.row.responded_within_sla},
                                        {"accepted", c.row.accepted},
                                        {"accepted_within_sla", c.row.accepted_within_sla},
                                        {"breached", c.row.breached},
                                        {"accepted_within_sla_share", OrNull(c.accepted_within_sla_share)}});
                   }
                   SendJson(res, 200, {{"from", FormatIsoDate(from)}, {"to", FormatIsoDate(to)}, {"items", items}});
               }));

    server.Get(R"(/api/handoffs/(\d+))",
               wrap("/api/handoffs/{id}", [&handoffs](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "hand-off");
                   if (!id.ok()) return SendError(res, id.status());
                   auto found = handoffs.Get(CurrentPrincipal(), *id);
                   if (!found.ok()) return SendError(res, found.status());
                   SendJson(res, 200, HandoffJson(*found));
               }));

    for (const char* action : {"accept", "return", "cancel"}) {
        const std::string verb(action);
        server.Post(
            "/api/handoffs/(\\d+)/" + verb,
            wrap("/api/handoffs/{id}/" + verb, [&handoffs, verb](const httplib::Request& req, httplib::Response& res) {
                auto id = PathIdOf(req.matches[1], "hand-off");
                if (!id.ok()) return SendError(res, id.status());
                std::string reason;
                if (verb == "return") {
                    BodyReader body(req.body, {"reason"});
                    reason = body.String("reason", true).value_or("");
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                } else if (!req.body.empty()) {
                    BodyReader body(req.body, {});
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                }
                const auto& who = CurrentPrincipal();
                auto done = verb == "accept"   ? handoffs.Accept(who, *id)
                            : verb == "return" ? handoffs.Return(who, *id, reason)
                                               : handoffs.Cancel(who, *id);
                if (!done.ok()) return SendError(res, done.status());
                SendJson(res, 200, HandoffJson(*done));
            }));
    }

    server.Get("/api/handoff-types",
               wrap("/api/handoff-types", [&handoffs](const httplib::Request&, httplib::Response& res) {
                   auto types = handoffs.ListTypes();
                   if (!types.ok()) return SendError(res, types.status());
                   json items = json::array();
                   for (const auto& t : *types) items.push_back(TypeJson(t));
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Get(R"(/api/handoff-types/([^/]+))",
               wrap("/api/handoff-types/{kind}", [&handoffs](const httplib::Request& req, httplib::Response& res) {
                   auto t = handoffs.GetType(req.matches[1]);
                   if (!t.ok()) return SendError(res, t.status());
                   SendJson(res, 200, TypeJson(*t));
               }));

    server.Put(R"(/api/handoff-types/([^/]+))",
               wrap("/api/handoff-types/{kind}", [&handoffs](const httplib::Request& req, httplib::Response& res) {
                   BodyReader body(req.body, {"name_ja", "name_en", "checklist", "sla_business_days",
                                              "escalate_after_business_days", "active"});
                   app::HandoffTypeUpdate u;
                   u.name_ja = body.String("name_ja", false);
                   u.name_en = body.String("name_en", false);
                   u.checklist = body.StringArray("checklist");
                   if (auto v = body.Int("sla_business_days", false))
                       u.sla_business_days = static_cast<int>(std::clamp(*v, -1LL, 1000LL));
                   if (auto v = body.Int("escalate_after_business_days", false)) {
                       u.escalate_after_business_days = static_cast<int>(std::clamp(*v, -1LL, 1000LL));
                   }
                   u.active = body.Bool("active");
                   if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                   auto t = handoffs.UpdateType(req.matches[1], u, CurrentPrincipal().Actor());
                   if (!t.ok()) return SendError(res, t.status());
                   SendJson(res, 200, TypeJson(*t));
               }));
}

}  // namespace kyoso::api
