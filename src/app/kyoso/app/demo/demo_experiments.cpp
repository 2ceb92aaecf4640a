// The demo's experiments (docs/transformation.md, "Experiments"): the BDR cadence's A/B
// test of its first email, fixed from May to late October so its horizon passed before
// as_of and it has a verdict, and a pilot of the eastern regional team against the western
// one (budget requests in the 予算要求 season) whose horizon lies after 2026-11-27, so the
// screen shows its counts and the verdict withheld. Deterministic: fixed dates and names.

#include "kyoso/app/demo/demo_division.hpp"

namespace kyoso::app {

Status SeedDemoExperiments(const DemoDivisionContext& ctx) {
    if (!ctx.experiments) return Status::Ok();
    ports::ExperimentRepository& repo = *ctx.experiments;
    const Date as_of = ctx.options.as_of;
    auto users = ctx.store.accounts().ListDirectory();
    if (!users.ok()) return users.status();
    long long manager = 0;
    for (const auto& u : *users) {
        if (u.sales_role == "manager" && (manager == 0 || u.user_id < manager)) manager = u.user_id;
    }
    auto cadences = ctx.store.cadences().ListCadences();
    if (!cadences.ok()) return cadences.status();
    long long cadence_id = 0;
    for (const auto& c : *cadences) {
        if (c.name == "新規リード初回接触") cadence_id = c.id;
    }

    if (cadence_id > 0) {
        domain::Experiment ab;
        ab.name = "初回メールA/B（課題提起型 vs 事例紹介型）";
        ab.hypothesis =
            "新規リード初回接触の1通目を事例紹介型（B）にすると、課題提起型（A）より商談設定率が上がる。"
            "期日までの結果だけで判定し、途中で打ち切らない。";
        ab.kind = domain::ExperimentKind::kCadenceAb;
        ab.cadence_id = cadence_id;
        ab.outcome = "meeting_set";
        // Six months of enrolments before as_of (the small demo's cadence has about 50), the
        // horizon a week before it.
        ab.start_on = AddDays(as_of, -184);
        ab.horizon_on = AddDays(as_of, -8);
        ab.min_per_arm = 20;
        ab.created_by = manager;
        ab.created_at = FormatIsoDate(AddDays(ab.start_on, -3)) + "T00:00:00Z";
        auto id = repo.Insert(ab);
        if (!id.ok()) return id.status();
    }

    // The regional teams of the scale: 東日本/西日本 (small), 関東/近畿 (Japan).
    std::string pilot, comparison;
    for (const auto& [p, c] : {std::pair<const char*, const char*>{"東日本チーム", "西日本チーム"},
                               std::pair<const char*, const char*>{"関東チーム", "近畿チーム"}}) {
        auto has_p = repo.TeamExists(p);
        if (!has_p.ok()) return has_p.status();
        auto has_c = repo.TeamExists(c);
        if (!has_c.ok()) return has_c.status();
        if (*has_p && *has_c) {
            pilot = p;
            comparison = c;
            break;
        }
    }
    if (!pilot.empty()) {
        domain::Experiment team;
        team.name = "予算要求前の事例提示（" + pilot + "で先行）";
        team.hypothesis = pilot + "が予算要求の前に類似団体の導入事例と参考見積をそろえて提示すると、" + comparison +
                          "より予算要求に到達する案件の割合が高くなる。";
        team.kind = domain::ExperimentKind::kPilotTeam;
        team.pilot_team = pilot;
        team.comparison_team = comparison;
        team.outcome = "budget_requested";
        team.start_on = AddDays(as_of, -214);  // the fiscal year's start for as_of 2026-11-01
        team.horizon_on = AddDays(as_of, 89);  // well after 2026-11-27 for as_of 2026-11-01
        team.min_per_arm = 10;
        team.created_by = manager;
        team.created_at = FormatIsoDate(AddDays(team.start_on, -5)) + "T00:00:00Z";
        auto id = repo.Insert(team);
        if (!id.ok()) return id.status();
    }
    ctx.progress.Report("experiments", 2, 2);
    return Status::Ok();
}

}  // namespace kyoso::app
