#include "kyoso/api/cadence_handlers.hpp"

#include <nlohmann/json.hpp>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"
#include "kyoso/app/access/access_guard.hpp"
#include "kyoso/app/cadence/cadence_service.hpp"
#include "kyoso/app/common/list_options.hpp"
#include "kyoso/app/common/query_params.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json TextOrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json CadenceJson(const ports::CadenceRow& c) {
    return {{"id", c.id},
            {"name", c.name},
            {"description", c.description},
            {"target", c.target},
            {"owner_team", c.owner_team},
            {"active", c.active},
            {"created_by", c.created_by},
            {"created_at", c.created_at},
            {"step_count", c.step_count},
            {"enrolments", c.enrolments},
            {"active_enrolments", c.active_enrolments}};
}

json StepJson(const domain::CadenceStep& s) {
    const bool b = s.variant_b_kind.has_value();
    return {{"id", s.id},
            {"position", s.position},
            {"kind", domain::CadenceStepKindSlug(s.kind)},
            {"wait_business_days", s.wait_business_days},
            {"title", s.title},
            {"template", s.template_text},
            {"variant_b_kind", b ? json(domain::CadenceStepKindSlug(*s.variant_b_kind)) : json(nullptr)},
            {"variant_b_title", b ? json(s.variant_b_title) : json(nullptr)},
            {"variant_b_template", b ? json(s.variant_b_template) : json(nullptr)}};
}

json DetailJson(const app::CadenceDetail& d) {
    json body = CadenceJson(d.cadence);
    json steps = json::array();
    for (const auto& s : d.steps) steps.push_back(StepJson(s));
    body["steps"] = steps;
    return body;
}

json EnrolmentJson(const ports::EnrolmentRow& e) {
    return {{"id", e.id},
            {"cadence_id", e.cadence_id},
            {"cadence_name", e.cadence_name},
            {"lead_id", IdOrNull(e.lead_id)},
            {"lead_title", TextOrNull(e.lead_title)},
            {"official_id", IdOrNull(e.official_id)},
            {"official_name", TextOrNull(e.official_name)},
            {"government_code", TextOrNull(e.government_code)},
            {"government_name", TextOrNull(e.government_name)},
            {"user_id", e.user_id},
            {"user_name", e.user_name},
            {"variant", e.variant},
            {"started_on", e.started_on},
            {"status", e.status},
            {"outcome", TextOrNull(e.outcome)},
            {"outcome_on", TextOrNull(e.outcome_on)},
            {"current_position", e.current_position}};
}

json TaskJson(const ports::TaskRow& t) {
    return {{"id", t.id},
            {"user_id", t.user_id},
            {"user_name", t.user_name},
            {"due_on", t.due_on},
            {"kind", t.kind},
            {"title", t.title},
            {"body", t.body},
            {"lead_id", IdOrNull(t.lead_id)},
            {"lead_title", TextOrNull(t.lead_title)},
            {"official_id", IdOrNull(t.official_id)},
            {"official_name", TextOrNull(t.official_name)},
            {"government_code", TextOrNull(t.government_code)},
            {"government_name", TextOrNull(t.government_name)},
            {"enrolment_id", IdOrNull(t.enrolment_id)},
            {"cadence_name", TextOrNull(t.cadence_name)},
            {"step_id", IdOrNull(t.step_id)},
            {"variant", TextOrNull(t.variant)},
            {"status", t.status},
            {"result", t.result},
            {"completed_on", TextOrNull(t.completed_on)},
            {"activity_id", IdOrNull(t.activity_id)},
            {"created_at", t.created_at}};
}

// The fields of a create or update body.
app::CadenceInput ReadCadenceBody(BodyReader& body, bool create) {
    app::CadenceInput in;
    in.name = body.String("name", create);
    in.description = body.String("description", false);
    in.target = body.String("target", create);
    in.owner_team = body.String("owner_team", false);
    in.active = body.Bool("active");
    in.steps = body.ObjectArray<domain::CadenceStep>(
        "steps",
        {"id", "position", "kind", "wait_business_days", "title", "template", "variant_b_kind", "variant_b_title",
         "variant_b_template"},
        [&](BodyReader::Item& item) {
            domain::CadenceStep s;
            (void)item.Int("id", false);  // echoed back from a GET; steps are matched by position
            s.position = static_cast<int>(item.Int("position", false).value_or(0));
            auto kind = item.String("kind", true);
            if (kind) {
                auto k = domain::CadenceStepKindFromSlug(*kind);
                if (!k) {
                    body.AddError("steps.kind", "must be call, email, visit or wait");
                } else {
                    s.kind = *k;
                }
            }
            s.wait_business_days = static_cast<int>(item.Int("wait_business_days", false).value_or(0));
            s.title = item.String("title", false).value_or("");
            s.template_text = item.String("template", false).value_or("");
            auto b_kind = item.String("variant_b_kind", false);
            if (b_kind && !b_kind->empty()) {
                auto k = domain::CadenceStepKindFromSlug(*b_kind);
                if (!k) {
                    body.AddError("steps.variant_b_kind", "must be call, email or visit");
                } else {
                    s.variant_b_kind = *k;
                }
                s.variant_b_title = item.String("variant_b_title", false).value_or("");
                s.variant_b_template = item.String("variant_b_template", false).value_or("");
            } else {
                (void)item.String("variant_b_title", false);
                (void)item.String("variant_b_template", false);
            }
            return s;
        });
    if (in.steps) {
        for (size_t i = 0; i < in.steps->size(); ++i) {
            if ((*in.steps)[i].position == 0) (*in.steps)[i].position = static_cast<int>(i) + 1;
        }
    }
    return in;
}

// limit 1..200 (default 50) and cursor (an offset this server issued).
Status ReadPaging(const app::ListParams& params, int* limit, long long* offset) {
    std::vector<ErrorDetail> errors;
    if (auto it = params.find("limit"); it != params.end() && !it->second.empty()) {
        auto n = app::ParseInt(it->second);
        if (!n || *n < 1 || *n > 200) {
            errors.push_back({"limit", "must be 1..200"});
        } else {
            *limit = static_cast<int>(*n);
        }
    }
    if (auto it = params.find("cursor"); it != params.end() && !it->second.empty()) {
        auto n = app::ParseInt(it->second);
        if (!n || *n < 0) {
            errors.push_back({"cursor", "is not a cursor this server issued"});
        } else {
            *offset = *n;
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid list parameters", std::move(errors));
    return Status::Ok();
}

json NextCursor(long long offset, size_t count, long long total) {
    const long long next = offset + static_cast<long long>(count);
    return next < total ? json(std::to_string(next)) : json(nullptr);
}

}  // namespace

void RegisterCadenceRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.cadences) return;
    app::CadenceService& cadences = *services.cadences;
    app::AccessGuard* guard = services.guard;

    server.Get("/api/cadences", wrap("/api/cadences", [&cadences](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {}); !st.ok()) return SendError(res, st);
                   auto list = cadences.List();
                   if (!list.ok()) return SendError(res, list.status());
                   json items = json::array();
                   for (const auto& c : *list) items.push_back(CadenceJson(c));
                   SendJson(res, 200, {{"items", items}});
               }));

    server.Post("/api/cadences",
                wrap("/api/cadences", [&cadences](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"name", "description", "target", "owner_team", "active", "steps"});
                    app::CadenceInput in = ReadCadenceBody(body, true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = cadences.Create(in, CurrentPrincipal());
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, DetailJson(*created));
                }));

    server.Get(R"(/api/cadences/(\d+))",
               wrap("/api/cadences/{id}", [&cadences](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "cadence");
                   if (!id.ok()) return SendError(res, id.status());
                   auto detail = cadences.Get(*id);
                   if (!detail.ok()) return SendError(res, detail.status());
                   SendJson(res, 200, DetailJson(*detail));
               }));

    server.Patch(R"(/api/cadences/(\d+))",
                 wrap("/api/cadences/{id}", [&cadences](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "cadence");
                     if (!id.ok()) return SendError(res, id.status());
                     if (auto found = cadences.Get(*id); !found.ok()) return SendError(res, found.status());
                     BodyReader body(req.body, {"name", "description", "target", "owner_team", "active", "steps"});
                     app::CadenceInput in = ReadCadenceBody(body, false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto updated = cadences.Update(*id, in, CurrentPrincipal());
                     if (!updated.ok()) return SendError(res, updated.status());
                     SendJson(res, 200, DetailJson(*updated));
                 }));

    server.Delete(R"(/api/cadences/(\d+))",
                  wrap("/api/cadences/{id}", [&cadences](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "cadence");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = cadences.Delete(*id, CurrentPrincipal()); !st.ok()) return SendError(res, st);
                      SendJson(res, 200, {{"deleted", true}});
                  }));

    server.Get(R"(/api/cadences/(\d+)/enrolments)",
               wrap("/api/cadences/{id}/enrolments", [&cadences](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "cadence");
                   if (!id.ok()) return SendError(res, id.status());
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   if (Status st = app::CheckKnownParams(*params, {"status", "limit", "cursor"}); !st.ok()) {
                       return SendError(res, st);
                   }
                   ports::EnrolmentQuery q;
                   q.cadence_id = *id;
                   if (Status st = ReadPaging(*params, &q.limit, &q.offset); !st.ok()) return SendError(res, st);
                   if (auto it = params->find("status"); it != params->end() && !it->second.empty()) {
                       if (it->second != "active" && it->second != "completed" && it->second != "stopped") {
                           return SendError(res, InvalidArgument("invalid list parameters",
                                                                 {{"status", "must be active, completed or stopped"}}));
                       }
                       q.status = it->second;
                   }
                   if (auto found = cadences.Get(*id); !found.ok()) return SendError(res, found.status());
                   auto page = cadences.Enrolments(q);
                   if (!page.ok()) return SendError(res, page.status());
                   json items = json::array();
                   for (const auto& e : page->items) items.push_back(EnrolmentJson(e));
                   SendJson(res, 200,
                            {{"items", items},
                             {"total", page->total},
                             {"next_cursor", NextCursor(q.offset, page->items.size(), page->total)}});
               }));

    server.Post(
        R"(/api/cadences/(\d+)/enrolments)",
        wrap("/api/cadences/{id}/enrolments", [&cadences, guard](const httplib::Request& req, httplib::Response& res) {
            auto id = PathIdOf(req.matches[1], "cadence");
            if (!id.ok()) return SendError(res, id.status());
            BodyReader body(req.body, {"lead_id", "official_id", "user_id", "variant", "started_on"});
            app::EnrolRequest r;
            r.lead_id = body.Int("lead_id", false);
            r.official_id = body.Int("official_id", false);
            r.user_id = body.Int("user_id", false);
            r.variant = body.String("variant", false);
            r.started_on = body.String("started_on", false);
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            const app::Principal& me = CurrentPrincipal();
            if (r.lead_id && guard) {
                Status st = guard->CanReadLead(me, *r.lead_id);
                if (!st.ok() && st.code() == ErrorCode::kPermissionDenied) return SendError(res, st);
            }
            auto enrolled = cadences.Enrol(*id, r, me);
            if (!enrolled.ok()) return SendError(res, enrolled.status());
            SendJson(res, 201, EnrolmentJson(*enrolled));
        }));

    server.Post(R"(/api/enrolments/(\d+)/outcome)",
                wrap("/api/enrolments/{id}/outcome", [&cadences](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "enrolment");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body, {"outcome"});
                    auto outcome = body.String("outcome", true);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto done = cadences.RecordOutcome(*id, *outcome, CurrentPrincipal());
                    if (!done.ok()) return SendError(res, done.status());
                    SendJson(res, 200, EnrolmentJson(*done));
                }));

    server.Get(R"(/api/cadences/(\d+)/variants)",
               wrap("/api/cadences/{id}/variants", [&cadences](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "cadence");
                   if (!id.ok()) return SendError(res, id.status());
                   auto stats = cadences.CompareVariants(*id);
                   if (!stats.ok()) return SendError(res, stats.status());
                   json variants = json::array();
                   for (const auto& v : *stats) {
                       variants.push_back({{"variant", v.variant},
                                           {"enrolled", v.enrolled},
                                           {"active", v.active},
                                           {"completed", v.completed},
                                           {"stopped", v.stopped},
                                           {"outcomes", v.outcomes},
                                           {"meetings", v.meetings},
                                           {"meeting_rate", OrNull(v.meeting_rate)}});
                   }
                   SendJson(res, 200, {{"cadence_id", *id}, {"variants", variants}});
               }));

    server.Get(
        "/api/tasks", wrap("/api/tasks", [&cadences, &services](const httplib::Request& req, httplib::Response& res) {
            auto params = QueryParams(req);
            if (!params.ok()) return SendError(res, params.status());
            if (Status st = app::CheckKnownParams(*params, {"owner", "due", "status", "limit", "cursor"}); !st.ok()) {
                return SendError(res, st);
            }
            const app::Principal& me = CurrentPrincipal();
            ports::TaskQuery q;
            q.limit = 50;
            std::vector<ErrorDetail> errors;
            if (Status st = ReadPaging(*params, &q.limit, &q.offset); !st.ok()) {
                for (const auto& d : st.details()) errors.push_back(d);
            }
            auto get = [&](const char* name) -> std::string {
                auto it = params->find(name);
                return it == params->end() ? std::string() : it->second;
            };
            const std::string owner = get("owner");
            if (owner.empty() || owner == "me") {
                q.user_id = me.user_id;
            } else if (owner == "all") {
                if (!services.authorizer || !services.authorizer->Has(me, domain::Capability::kManageSalesOps)) {
                    errors.push_back({"owner", "all needs the manage_sales_ops capability"});
                }
            } else {
                auto n = app::ParseInt(owner);
                if (!n || *n <= 0) {
                    errors.push_back({"owner", "must be me, all or a user id"});
                } else if (!cadences.MayActFor(me, *n)) {
                    errors.push_back({"owner", "you may list only your own or your team's tasks"});
                } else {
                    q.user_id = *n;
                }
            }
            const std::string status = get("status");
            if (status.empty()) {
                q.status = "open";
            } else if (status == "open" || status == "done" || status == "skipped") {
                q.status = status;
            } else if (status != "any") {
                errors.push_back({"status", "must be open, done, skipped or any"});
            }
            const std::string due = get("due");
            const std::string today = FormatIsoDate(cadences.Today());
            if (due == "today") {
                q.due_from = today;
                q.due_to = today;
            } else if (due == "overdue") {
                q.due_to = FormatIsoDate(AddDays(cadences.Today(), -1));
            } else if (due == "upcoming") {
                q.due_from = FormatIsoDate(AddDays(cadences.Today(), 1));
            } else if (!due.empty() && due != "all") {
                errors.push_back({"due", "must be today, overdue, upcoming or all"});
            }
            if (!errors.empty()) return SendError(res, InvalidArgument("invalid task list parameters", errors));
            // Tasks due by now exist before they are listed.
            auto generated = cadences.GenerateDueTasks(q.user_id);
            if (!generated.ok()) return SendError(res, generated.status());
            auto page = cadences.Tasks(q);
            if (!page.ok()) return SendError(res, page.status());
            json items = json::array();
            for (const auto& t : page->items) items.push_back(TaskJson(t));
            SendJson(res, 200,
                     {{"items", items},
                      {"total", page->total},
                      {"today", today},
                      {"next_cursor", NextCursor(q.offset, page->items.size(), page->total)}});
        }));

    server.Post("/api/tasks", wrap("/api/tasks", [&cadences](const httplib::Request& req, httplib::Response& res) {
                    BodyReader body(req.body, {"user_id", "due_on", "kind", "title", "body", "lead_id", "official_id",
                                               "government_code"});
                    app::TaskRequest r;
                    r.user_id = body.Int("user_id", false);
                    r.due_on = body.String("due_on", true);
                    r.kind = body.String("kind", false);
                    r.title = body.String("title", true);
                    r.body = body.String("body", false);
                    r.lead_id = body.Int("lead_id", false);
                    r.official_id = body.Int("official_id", false);
                    r.government_code = body.String("government_code", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto created = cadences.CreateTask(r, CurrentPrincipal());
                    if (!created.ok()) return SendError(res, created.status());
                    SendJson(res, 201, TaskJson(*created));
                }));

    server.Post(R"(/api/tasks/(\d+)/complete)",
                wrap("/api/tasks/{id}/complete", [&cadences](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "task");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body.empty() ? std::string("{}") : req.body, {"result"});
                    auto note = body.String("result", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto done = cadences.CompleteTask(*id, note.value_or(""), CurrentPrincipal());
                    if (!done.ok()) return SendError(res, done.status());
                    json out = TaskJson(done->task);
                    json warnings = json::array();
                    for (const auto& w : done->warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
                    out["warnings"] = warnings;
                    SendJson(res, 200, out);
                }));

    server.Post(R"(/api/tasks/(\d+)/skip)",
                wrap("/api/tasks/{id}/skip", [&cadences](const httplib::Request& req, httplib::Response& res) {
                    auto id = PathIdOf(req.matches[1], "task");
                    if (!id.ok()) return SendError(res, id.status());
                    BodyReader body(req.body.empty() ? std::string("{}") : req.body, {"result"});
                    auto note = body.String("result", false);
                    if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                    auto skipped = cadences.SkipTask(*id, note.value_or(""), CurrentPrincipal());
                    if (!skipped.ok()) return SendError(res, skipped.status());
                    SendJson(res, 200, TaskJson(*skipped));
                }));
}

}  // namespace kyoso::api
