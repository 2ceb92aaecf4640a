#include "kyoso/api/people_handlers.hpp"

#include <charconv>
#include <climits>
#include <nlohmann/json.hpp>
#include <set>

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/error_mapping.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json DepartmentJson(const domain::Department& d) {
    return {
        {"id", d.id},
        {"government_code", d.government_code},
        {"parent_id", IdOrNull(d.parent_id)},
        {"name", d.name},
        {"level", domain::DepartmentLevelSlug(d.level)},
        {"level_label", domain::DepartmentLevelLabelJa(d.level)},
        {"policy_domains", d.policy_domains},
        {"phone", d.phone},
    };
}

json NodeJson(const app::DepartmentNode& n) {
    json j = DepartmentJson(n.department);
    j["children"] = json::array();
    for (const auto& c : n.children) j["children"].push_back(NodeJson(c));
    return j;
}

json OfficialJson(const domain::Official& o) {
    return {
        {"id", o.id},
        {"government_code", o.government_code},
        {"department_id", IdOrNull(o.department_id)},
        {"department", o.department},
        {"name", o.name},
        {"kana", o.kana},
        {"title", o.title},
        {"decision_role", o.decision_role.empty() ? json(nullptr) : json(o.decision_role)},
        {"email", o.email},
        {"phone", o.phone},
        {"do_not_contact", o.do_not_contact},
        {"active", o.active},
        {"posted_from", o.posted_from ? json(FormatIsoDate(*o.posted_from)) : json(nullptr)},
    };
}

json PostingJson(const domain::Posting& p) {
    return {
        {"id", p.id},
        {"department_id", IdOrNull(p.department_id)},
        {"department", p.department_name},
        {"title", p.title},
        {"from", FormatIsoDate(p.from)},
        {"to", p.to ? json(FormatIsoDate(*p.to)) : json(nullptr)},
    };
}

json SuccessionJson(const app::SuccessionView& s) {
    return {
        {"official_id", s.other_id},
        {"name", s.other_name},
        {"department_id", IdOrNull(s.link.department_id)},
        {"effective_on", FormatIsoDate(s.link.effective_on)},
    };
}

json DetailJson(const app::OfficialDetail& d) {
    json j = OfficialJson(d.official);
    j["postings"] = json::array();
    for (const auto& p : d.postings) j["postings"].push_back(PostingJson(p));
    j["predecessors"] = json::array();
    for (const auto& s : d.predecessors) j["predecessors"].push_back(SuccessionJson(s));
    j["successors"] = json::array();
    for (const auto& s : d.successors) j["successors"].push_back(SuccessionJson(s));
    return j;
}

json ReportJson(const app::RotationReport& r) {
    json rows = json::array();
    for (const auto& o : r.rows) {
        rows.push_back({
            {"line", o.line},
            {"official_id", o.official_id},
            {"name", o.name},
            {"created_official", o.created_official},
            {"from", o.from},
            {"to", o.to},
            {"department_id", o.department_id},
            {"created_department", o.created_department},
            {"predecessor_ids", o.predecessor_ids},
            {"flagged_deal_ids", o.flagged_deal_ids},
        });
    }
    return {
        {"dry_run", r.dry_run},
        {"encoding", r.encoding},
        {"rows", rows},
        {"summary",
         {{"moved", r.moved},
          {"created", r.created},
          {"departments_created", r.departments_created},
          {"successions", r.successions},
          {"deals_flagged", r.deals_flagged}}},
    };
}

}  // namespace

void RegisterPeopleRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.departments || !services.officials || !services.rotations) return;
    app::DepartmentService& departments = *services.departments;
    app::OfficialService& officials = *services.officials;
    app::RotationImportService& rotations = *services.rotations;

    server.Get(R"(/api/governments/([^/]+)/departments)",
               wrap("/api/governments/{code}/departments",
                    [&departments](const httplib::Request& req, httplib::Response& res) {
                        auto params = QueryParams(req);
                        if (!params.ok()) return SendError(res, params.status());
                        std::string view = "flat";
                        for (const auto& [key, value] : *params) {
                            if (key != "view") {
                                return SendError(res, InvalidArgument("invalid parameter '" + key + "'",
                                                                      {{key, "unknown parameter (known: view)"}}));
                            }
                            view = value;
                        }
                        if (view != "flat" && view != "tree") {
                            return SendError(res, InvalidArgument("invalid parameter 'view': flat or tree",
                                                                  {{"view", "must be flat or tree"}}));
                        }
                        json items = json::array();
                        if (view == "tree") {
                            auto tree = departments.TreeForGovernment(req.matches[1]);
                            if (!tree.ok()) return SendError(res, tree.status());
                            for (const auto& n : *tree) items.push_back(NodeJson(n));
                        } else {
                            auto flat = departments.ListForGovernment(req.matches[1]);
                            if (!flat.ok()) return SendError(res, flat.status());
                            for (const auto& d : *flat) items.push_back(DepartmentJson(d));
                        }
                        SendJson(res, 200, {{"view", view}, {"items", items}});
                    }));

    server.Post(
        "/api/departments",
        wrap("/api/departments", [&departments](const httplib::Request& req, httplib::Response& res) {
            BodyReader body(req.body, {"government_code", "parent_id", "name", "level", "policy_domains", "phone"});
            app::DepartmentCreate r;
            r.government_code = body.String("government_code", true).value_or("");
            r.parent_id = body.Int("parent_id", false);
            r.name = body.String("name", true).value_or("");
            r.level = body.String("level", false);
            r.policy_domains = body.StringArray("policy_domains").value_or(std::vector<std::string>{});
            r.phone = body.String("phone", false).value_or("");
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto created = departments.Create(r, CurrentPrincipal().Actor());
            if (!created.ok()) return SendError(res, created.status());
            SendJson(res, 201, DepartmentJson(*created));
        }));

    server.Get(R"(/api/departments/([^/]+))",
               wrap("/api/departments/{id}", [&departments](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "department");
                   if (!id.ok()) return SendError(res, id.status());
                   auto d = departments.Get(*id);
                   if (!d.ok()) return SendError(res, d.status());
                   SendJson(res, 200, DepartmentJson(*d));
               }));

    server.Patch(R"(/api/departments/([^/]+))",
                 wrap("/api/departments/{id}", [&departments](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "department");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, {"parent_id", "name", "level", "policy_domains", "phone"});
                     app::DepartmentPatch p;
                     if (body.Has("parent_id")) p.parent_id = body.Int("parent_id", false).value_or(0);
                     p.name = body.String("name", false);
                     p.level = body.String("level", false);
                     p.policy_domains = body.StringArray("policy_domains");
                     p.phone = body.String("phone", false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto d = departments.Update(*id, p, CurrentPrincipal().Actor());
                     if (!d.ok()) return SendError(res, d.status());
                     SendJson(res, 200, DepartmentJson(*d));
                 }));

    server.Delete(R"(/api/departments/([^/]+))",
                  wrap("/api/departments/{id}", [&departments](const httplib::Request& req, httplib::Response& res) {
                      auto id = PathIdOf(req.matches[1], "department");
                      if (!id.ok()) return SendError(res, id.status());
                      if (Status st = departments.Delete(*id, CurrentPrincipal().Actor()); !st.ok())
                          return SendError(res, st);
                      SendJson(res, 200, {{"deleted", *id}});
                  }));

    server.Get("/api/officials",
               wrap("/api/officials", [&officials](const httplib::Request& req, httplib::Response& res) {
                   auto params = QueryParams(req);
                   if (!params.ok()) return SendError(res, params.status());
                   auto result = officials.List(*params);
                   if (!result.ok()) return SendError(res, result.status());
                   json items = json::array();
                   for (const auto& o : result->items) {
                       json full = OfficialJson(o);
                       if (result->fields.empty()) {
                           items.push_back(std::move(full));
                           continue;
                       }
                       json picked = json::object();
                       for (const auto& f : result->fields) picked[f] = full[f];
                       items.push_back(std::move(picked));
                   }
                   SendJson(res, 200,
                            {{"items", items}, {"total", result->total}, {"next_cursor", OrNull(result->next_cursor)}});
               }));

    server.Post(
        "/api/officials", wrap("/api/officials", [&officials](const httplib::Request& req, httplib::Response& res) {
            BodyReader body(req.body,
                            {"government_code", "name", "kana", "department_id", "department", "title", "decision_role",
                             "email", "phone", "do_not_contact", "active", "posted_from", "allow_duplicate"});
            app::OfficialCreate r;
            r.government_code = body.String("government_code", true).value_or("");
            r.name = body.String("name", true).value_or("");
            r.kana = body.String("kana", false).value_or("");
            r.department_id = body.Int("department_id", false);
            r.department = body.String("department", false).value_or("");
            r.title = body.String("title", false).value_or("");
            r.decision_role = body.String("decision_role", false);
            r.email = body.String("email", false).value_or("");
            r.phone = body.String("phone", false).value_or("");
            r.do_not_contact = body.Bool("do_not_contact").value_or(false);
            r.active = body.Bool("active").value_or(true);
            r.posted_from = body.String("posted_from", false);
            r.allow_duplicate = body.Bool("allow_duplicate").value_or(false);
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto created = officials.Create(r, CurrentPrincipal().Actor());
            if (!created.ok()) return SendError(res, created.status());
            SendJson(res, 201, DetailJson(*created));
        }));

    server.Get(R"(/api/officials/([^/]+))",
               wrap("/api/officials/{id}", [&officials](const httplib::Request& req, httplib::Response& res) {
                   auto id = PathIdOf(req.matches[1], "official");
                   if (!id.ok()) return SendError(res, id.status());
                   auto d = officials.Get(*id);
                   if (!d.ok()) return SendError(res, d.status());
                   SendJson(res, 200, DetailJson(*d));
               }));

    server.Patch(R"(/api/officials/([^/]+))",
                 wrap("/api/officials/{id}", [&officials](const httplib::Request& req, httplib::Response& res) {
                     auto id = PathIdOf(req.matches[1], "official");
                     if (!id.ok()) return SendError(res, id.status());
                     BodyReader body(req.body, {"name", "kana", "department_id", "department", "title", "decision_role",
                                                "email", "phone", "do_not_contact", "active", "allow_duplicate"});
                     app::OfficialPatch p;
                     p.name = body.String("name", false);
                     p.kana = body.String("kana", false);
                     if (body.Has("department_id")) p.department_id = body.Int("department_id", false).value_or(0);
                     p.department = body.String("department", false);
                     p.title = body.String("title", false);
                     if (body.Has("decision_role")) p.decision_role = body.String("decision_role", false).value_or("");
                     p.email = body.String("email", false);
                     p.phone = body.String("phone", false);
                     p.do_not_contact = body.Bool("do_not_contact");
                     p.active = body.Bool("active");
                     p.allow_duplicate = body.Bool("allow_duplicate").value_or(false);
                     if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
                     auto d = officials.Update(*id, p, CurrentPrincipal().Actor());
                     if (!d.ok()) return SendError(res, d.status());
                     SendJson(res, 200, DetailJson(*d));
                 }));

    server.Post("/api/imports/rotations",
                wrap("/api/imports/rotations", [&rotations](const httplib::Request& req, httplib::Response& res) {
                    auto params = QueryParams(req);
                    if (!params.ok()) return SendError(res, params.status());
                    app::RotationOptions options;
                    for (const auto& [key, value] : *params) {
                        if (key == "dry_run") {
                            if (value != "true" && value != "false") {
                                return SendError(res, InvalidArgument("invalid parameter 'dry_run'",
                                                                      {{"dry_run", "must be true or false"}}));
                            }
                            options.dry_run = value == "true";
                        } else if (key == "effective_date") {
                            auto d = ParseIsoDate(value);
                            if (!d) {
                                return SendError(res, InvalidArgument("invalid parameter 'effective_date'",
                                                                      {{"effective_date", "must be YYYY-MM-DD"}}));
                            }
                            options.effective_date = d;
                        } else {
                            return SendError(res, InvalidArgument("invalid parameter '" + key + "'",
                                                                  {{key,
                                                                    "unknown parameter (known: dry_run, "
                                                                    "effective_date)"}}));
                        }
                    }
                    if (req.body.empty()) {
                        return SendError(
                            res, InvalidArgument("the body must be the rotation list as CSV", {{"body", "required"}}));
                    }
                    options.actor = CurrentPrincipal().Actor();
                    auto report = rotations.ImportBytes(req.body, "request body", options);
                    if (!report.ok()) return SendError(res, report.status());
                    SendJson(res, 200, ReportJson(*report));
                }));
}

}  // namespace kyoso::api
