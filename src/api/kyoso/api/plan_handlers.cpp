#include "kyoso/api/plan_handlers.hpp"

#include "kyoso/api/auth_context.hpp"
#include "kyoso/api/request_body.hpp"
#include "kyoso/api/responses.hpp"

namespace kyoso::api {

namespace {

using nlohmann::json;

json ProgressJson(const app::PlanView& view, std::string_view key) {
    auto it = view.progress.find(std::string(key));
    if (it == view.progress.end()) {
        return {{"status", "todo"},
                {"note", ""},
                {"updated_by", nullptr},
                {"updated_by_name", ""},
                {"updated_at", nullptr}};
    }
    const auto& p = it->second;
    return {{"status", p.status},
            {"note", p.note},
            {"updated_by", IdOrNull(p.updated_by)},
            {"updated_by_name", p.updated_by_name},
            {"updated_at", p.updated_at.empty() ? json(nullptr) : json(p.updated_at)}};
}

json ShareOrNull(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// Only start, staff and focus; each once.
Result<app::PlanQuery> PlanQueryOf(const httplib::Request& req) {
    auto params = QueryParams(req);
    if (!params.ok()) return params.status();
    app::PlanQuery q;
    for (const auto& [name, value] : *params) {
        if (name == "start") {
            q.start = value;
        } else if (name == "staff") {
            q.staff = value;
        } else if (name == "focus") {
            q.focus = value;
        } else {
            return InvalidArgument("unknown parameter '" + name + "'", {{name, "unknown parameter"}});
        }
    }
    return q;
}

}  // namespace

json PlanViewJson(const app::PlanView& view) {
    const auto& pr = view.profile;
    json profile = {
        {"sales_staff", pr.sales_staff},
        {"measured_sales_staff", pr.facts.sales_staff},
        {"staff_overridden", pr.staff_overridden},
        {"size_band", std::string(domain::OrgSizeBandSlug(pr.band))},
        {"focus", std::string(domain::GovernmentFocusSlug(pr.focus))},
        {"derived_focus", std::string(domain::GovernmentFocusSlug(pr.derived_focus))},
        {"focus_overridden", pr.focus_overridden},
        {"deals", pr.facts.deals},
        {"small_government_deals", pr.facts.small_government_deals},
        {"large_government_deals", pr.facts.large_government_deals},
        {"small_government_share", ShareOrNull(pr.small_government_share)},
        {"large_government_share", ShareOrNull(pr.large_government_share)},
    };
    json priorities = json::array();
    for (const auto& p : view.plan.priorities) {
        priorities.push_back({{"dimension", std::string(domain::DimensionSlug(p.dimension))},
                              {"label_ja", std::string(domain::DimensionLabelJa(p.dimension))},
                              {"level", p.level},
                              {"measured", p.measured},
                              {"assessed", p.assessed},
                              {"gap", p.gap},
                              {"rank", p.rank},
                              {"actions", p.actions}});
    }
    json stages = json::array();
    for (auto stage : domain::AllPlanStages()) {
        json actions = json::array();
        for (const auto& a : view.plan.actions) {
            const auto& t = *a.source;
            if (t.stage != stage) continue;
            actions.push_back({
                {"key", std::string(t.key)},
                {"stage", std::string(domain::PlanStageSlug(t.stage))},
                {"dimension", std::string(domain::DimensionSlug(t.dimension))},
                {"dimension_label_ja", std::string(domain::DimensionLabelJa(t.dimension))},
                {"title_ja", std::string(t.title_ja)},
                {"title_en", std::string(t.title_en)},
                {"description_ja", std::string(t.description_ja)},
                {"description_en", std::string(t.description_en)},
                {"owner_role", std::string(domain::PlanOwnerSlug(a.owner))},
                {"owner_label_ja", std::string(domain::PlanOwnerLabelJa(a.owner))},
                {"kpi",
                 {{"name_ja", std::string(t.kpi.name_ja)},
                  {"name_en", std::string(t.kpi.name_en)},
                  {"comparator", std::string(t.kpi.comparator)},
                  {"target", t.kpi.target},
                  {"unit", std::string(t.kpi.unit)},
                  {"moves", std::string(t.kpi.moves)},
                  {"text", app::PlanKpiTargetText(t.kpi)}}},
                {"due", FormatIsoDate(a.due)},
                {"due_rule", std::string(domain::PlanDueRuleSlug(t.due_rule))},
                {"reason_ja", a.reason_ja},
                {"reason_en", a.reason_en},
                {"progress", ProgressJson(view, t.key)},
            });
        }
        stages.push_back({{"stage", std::string(domain::PlanStageSlug(stage))},
                          {"label_ja", std::string(domain::PlanStageLabelJa(stage))},
                          {"label_en", std::string(domain::PlanStageLabelEn(stage))},
                          {"start_month", domain::PlanStageStartMonth(stage)},
                          {"end_month", domain::PlanStageEndMonth(stage)},
                          {"actions", actions}});
    }
    return {{"start", FormatIsoDate(view.plan.start)},
            {"end", FormatIsoDate(view.plan.end)},
            {"assessment_id", view.assessment_id},
            {"assessed_on", FormatIsoDate(view.assessed_on)},
            {"profile", profile},
            {"priorities", priorities},
            {"stages", stages},
            {"total_actions", view.plan.actions.size()}};
}

void RegisterPlanRoutes(httplib::Server& server, const Services& services, const RouteWrapper& wrap) {
    if (!services.plan) return;
    app::PlanService& plan = *services.plan;

    server.Get("/api/transformation/plan",
               wrap("/api/transformation/plan", [&plan](const httplib::Request& req, httplib::Response& res) {
                   auto query = PlanQueryOf(req);
                   if (!query.ok()) return SendError(res, query.status());
                   auto view = plan.Build(*query);
                   if (!view.ok()) return SendError(res, view.status());
                   SendJson(res, 200, PlanViewJson(*view));
               }));
    server.Get(R"(/api/transformation/plan\.xlsx)",
               wrap("/api/transformation/plan.xlsx", [&plan](const httplib::Request& req, httplib::Response& res) {
                   auto query = PlanQueryOf(req);
                   if (!query.ok()) return SendError(res, query.status());
                   auto view = plan.Build(*query);
                   if (!view.ok()) return SendError(res, view.status());
                   auto bytes = plan.Xlsx(*view);
                   if (!bytes.ok()) return SendError(res, bytes.status());
                   res.set_header("Content-Disposition",
                                  "attachment; filename=\"" + app::PlanService::XlsxFileName(*view) + "\"");
                   res.status = 200;
                   res.set_content(*bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
               }));
    server.Put(
        R"(/api/transformation/plan/actions/([^/]+))",
        wrap("/api/transformation/plan/actions/{key}", [&plan](const httplib::Request& req, httplib::Response& res) {
            BodyReader body(req.body, {"status", "note"});
            app::PlanProgressRequest r;
            r.status = body.String("status", true);
            r.note = body.String("note", false);
            if (Status st = body.Finish(); !st.ok()) return SendError(res, st);
            auto saved = plan.SetProgress(req.matches[1], r, CurrentPrincipal());
            if (!saved.ok()) return SendError(res, saved.status());
            SendJson(res, 200,
                     {{"key", saved->action_key},
                      {"status", saved->status},
                      {"note", saved->note},
                      {"updated_by", IdOrNull(saved->updated_by)},
                      {"updated_by_name", saved->updated_by_name},
                      {"updated_at", saved->updated_at}});
        }));
}

}  // namespace kyoso::api
