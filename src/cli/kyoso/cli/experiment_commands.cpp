#include "kyoso/cli/experiment_commands.hpp"

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "kyoso/api/experiment_handlers.hpp"
#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

namespace {

using nlohmann::json;

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

struct Options {
    std::string db = "kyoso.db";
    std::string action = "list";
    long long id = 0;
    bool json = false;
};

std::string Subject(const app::ExperimentView& v) {
    const auto& e = v.experiment;
    if (e.kind == domain::ExperimentKind::kCadenceAb)
        return "cadence " + std::to_string(e.cadence_id) + " " + v.cadence_name;
    return e.pilot_team + " vs " + (e.comparison_team.empty() ? std::string("その他全員") : e.comparison_team);
}

void PrintResult(const domain::ExperimentResult& r) {
    std::printf("集計期間の終わり: %s (%s)\n", FormatIsoDate(r.counted_through).c_str(),
                std::string(domain::ExperimentStatusSlug(r.status)).c_str());
    for (const auto& a : r.arms) {
        std::printf("  %-12s n=%-6lld 成功=%-6lld 率=%.1f%%\n", a.label.c_str(), a.counts.n, a.counts.successes,
                    a.counts.rate().value_or(0) * 100);
    }
    if (r.comparison) {
        const auto& c = *r.comparison;
        std::printf("検定: %s  p = %.6g", std::string(domain::ExperimentTestLabelJa(c.test)).c_str(), c.p_value);
        if (c.z) std::printf("  z = %.4f", *c.z);
        std::printf("\n差 = %+.4f (95%% CI %+.4f 〜 %+.4f)\n", c.difference.difference, c.difference.ci_low,
                    c.difference.ci_high);
    }
    std::printf("%s\n", r.message_ja.c_str());
}

}  // namespace

void RegisterExperimentCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "experiments",
        "Experiments with a horizon fixed in advance: list, show ID, result ID (docs/transformation.md)");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("action", o->action, "list (default), show or result")
        ->check(CLI::IsMember({"list", "show", "result"}));
    cmd->add_option("id", o->id, "The experiment id (show, result)");
    cmd->add_flag("--json", o->json, "Print JSON");
    cmd->final_callback([o, &quiet] {
        if (!DatabaseExists(o->db)) Exit(Fail(NotFound("no database at " + o->db)));
        Runtime rt;
        if (Status st = rt.Open(o->db, quiet); !st.ok()) Exit(Fail(st));
        if (o->action == "list") {
            auto list = rt.experiments->List();
            if (!list.ok()) Exit(Fail(list.status()));
            if (o->json) {
                json items = json::array();
                for (const auto& v : *list) items.push_back(api::ExperimentViewJson(v));
                std::printf("%s\n", json({{"items", items}}).dump(2).c_str());
            } else {
                for (const auto& v : *list) {
                    std::printf("%4lld  %-10s %s〜%s  %-16s %s [%s]\n", v.experiment.id,
                                std::string(domain::ExperimentStatusSlug(v.status)).c_str(),
                                FormatIsoDate(v.experiment.start_on).c_str(),
                                FormatIsoDate(v.experiment.horizon_on).c_str(), v.experiment.outcome.c_str(),
                                v.experiment.name.c_str(), Subject(v).c_str());
                }
                std::printf("%zu experiments\n", list->size());
            }
            Exit(0);
        }
        if (o->id <= 0) Exit(Fail(InvalidArgument("an experiment id is required", {{"id", "a positive id"}})));
        auto v = rt.experiments->Get(o->id);
        if (!v.ok()) Exit(Fail(v.status()));
        if (o->action == "show") {
            if (o->json) {
                std::printf("%s\n", api::ExperimentViewJson(*v).dump(2).c_str());
            } else {
                const auto& e = v->experiment;
                std::printf(
                    "#%lld %s\n仮説: %s\n種類: %s (%s)\n成果指標: %s\n期間: %s 〜 %s（期日まで %d 日）\n状態: %s\n",
                    e.id, e.name.c_str(), e.hypothesis.c_str(), std::string(domain::ExperimentKindSlug(e.kind)).c_str(),
                    Subject(*v).c_str(), e.outcome.c_str(), FormatIsoDate(e.start_on).c_str(),
                    FormatIsoDate(e.horizon_on).c_str(), v->days_to_horizon,
                    std::string(domain::ExperimentStatusSlug(v->status)).c_str());
            }
            Exit(0);
        }
        auto r = rt.experiments->ResultOf(v->experiment);
        if (!r.ok()) Exit(Fail(r.status()));
        if (o->json) {
            std::printf("%s\n", api::ExperimentResultJson(v->experiment.id, v->experiment, *r).dump(2).c_str());
        } else {
            std::printf("#%lld %s\n", v->experiment.id, v->experiment.name.c_str());
            PrintResult(*r);
        }
        Exit(0);
    });
}

}  // namespace kyoso::cli
