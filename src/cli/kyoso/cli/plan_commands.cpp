#include "kyoso/cli/plan_commands.hpp"

#include <cstdio>
#include <memory>

#include "kyoso/api/plan_handlers.hpp"
#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct PlanOptions {
    std::string db = "kyoso.db";
    std::string start;
    std::string staff;
    std::string focus;
    std::string xlsx;
    bool json = false;
};

void PrintPlan(const app::PlanView& view) {
    const auto& p = view.profile;
    std::printf("行動計画 %s – %s (診断 %s)\n", FormatIsoDate(view.plan.start).c_str(),
                FormatIsoDate(view.plan.end).c_str(), FormatIsoDate(view.assessed_on).c_str());
    std::printf("組織: 営業 %d 人 (%s%s), 顧客: %s%s\n", p.sales_staff,
                std::string(domain::OrgSizeBandSlug(p.band)).c_str(), p.staff_overridden ? ", 指定" : "",
                std::string(domain::GovernmentFocusSlug(p.focus)).c_str(), p.focus_overridden ? " (指定)" : "");
    for (auto stage : domain::AllPlanStages()) {
        std::printf("\n== %s (%d–%dか月) ==\n", std::string(domain::PlanStageLabelJa(stage)).c_str(),
                    domain::PlanStageStartMonth(stage), domain::PlanStageEndMonth(stage));
        for (const auto& a : view.plan.actions) {
            const auto& t = *a.source;
            if (t.stage != stage) continue;
            auto it = view.progress.find(std::string(t.key));
            const std::string status = it == view.progress.end() ? "todo" : it->second.status;
            std::printf("%s  %-10s %s [%s] %s — KPI %s %s (%s)\n", FormatIsoDate(a.due).c_str(),
                        app::PlanStatusLabelJa(status).c_str(), std::string(t.title_ja).c_str(),
                        std::string(domain::DimensionLabelJa(t.dimension)).c_str(),
                        std::string(domain::PlanOwnerLabelJa(a.owner)).c_str(), std::string(t.kpi.name_ja).c_str(),
                        app::PlanKpiTargetText(t.kpi).c_str(), std::string(t.key).c_str());
        }
    }
    std::printf("\n%zu actions\n", view.plan.actions.size());
}

}  // namespace

void RegisterPlanCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<PlanOptions>();
    auto* cmd = app.add_subcommand("plan", "The staged action plan from the latest diagnosis (docs/transformation.md)");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--start", o->start, "First day of the plan, YYYY-MM-DD (default: today)");
    cmd->add_option("--staff", o->staff, "Sales staff (default: active users with a sales role)");
    cmd->add_option("--focus", o->focus, "large_cities, mixed or towns_villages (default: from the deals)");
    cmd->add_option("--xlsx", o->xlsx, "Also write the plan to this .xlsx file (sheet 行動計画)");
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->final_callback([o, &quiet] {
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        Runtime rt;
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        auto view = rt.plan->Build({o->start, o->staff, o->focus});
        if (!view.ok()) Exit(Fail(view.status()));
        if (!o->xlsx.empty()) {
            if (Status st = rt.plan->WriteXlsx(*view, o->xlsx); !st.ok()) Exit(Fail(st));
            if (!quiet) std::fprintf(stderr, "wrote %s\n", o->xlsx.c_str());
        }
        if (o->json) {
            std::printf("%s\n", api::PlanViewJson(*view).dump(2).c_str());
        } else {
            PrintPlan(*view);
        }
        Exit(0);
    });
}

}  // namespace kyoso::cli
