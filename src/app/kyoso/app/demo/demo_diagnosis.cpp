// The demo's organisation diagnosis (docs/transformation.md, "Diagnosis"): the logging
// habit behind the same-day signal and one assessment by the sales manager, dated
// as_of, a little optimistic on データ活用 and AI活用.

#include <algorithm>
#include <cstdint>

#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/ports/diagnosis_repository.hpp"

namespace kyoso::app {

namespace {

// How many days before as_of the demo stamps activities.created_at (the diagnosis
// reads 90; the rest lets a period end a little earlier).
constexpr int kStampDays = 120;

std::uint64_t Mix(std::uint64_t x) {  // splitmix64
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// The share of a role's activities logged the same day: inside sales and BDRs work at
// their desks and log as they go; field sales log after the trip, often at the end of
// the week; managers rarely log their own meetings at once.
double SameDayShare(const std::string& role) {
    if (role == "bdr") return 0.45;
    if (role == "inside_sales") return 0.4;
    if (role == "customer_success") return 0.25;
    if (role == "field_sales") return 0.12;
    if (role == "manager") return 0.08;
    return 0.3;
}

}  // namespace

Status SeedDemoDiagnosis(const DemoDivisionContext& context) {
    ports::DiagnosisRepository* repo = context.options.diagnosis_repository;
    if (!repo) return Status::Ok();
    const Date as_of = context.options.as_of;
    const std::string from = FormatIsoDate(AddDays(as_of, -(kStampDays - 1)));
    const std::string to = FormatIsoDate(as_of);

    // 1. When each recent activity's record was created.
    auto refs = repo->ActivityRefs(from, to);
    if (!refs.ok()) return refs.status();
    std::vector<std::pair<long long, std::string>> stamps;
    stamps.reserve(refs->size());
    for (const auto& a : *refs) {
        auto occurred = ParseIsoDate(a.occurred_on);
        if (!occurred) continue;
        const std::uint64_t h = Mix(context.options.seed * 0x100000001B3ULL ^ static_cast<std::uint64_t>(a.id));
        const double u = static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
        if (u < SameDayShare(a.role)) {
            stamps.emplace_back(a.id, a.occurred_on + "T08:30:00Z");  // 17:30 JST the same day
        } else {
            Date created = AddDays(*occurred, 1 + static_cast<int>((h >> 3) % 6));  // 1–6 days late
            if (as_of < created) created = as_of;
            stamps.emplace_back(a.id, FormatIsoDate(created) + "T09:00:00Z");  // 18:00 JST
        }
    }
    KYOSO_RETURN_IF_ERROR(repo->SetActivityCreatedAt(stamps));
    context.progress.Report("diagnosis_stamps", static_cast<long long>(stamps.size()), 0);

    // 2. The manager's self-assessment.
    auto rows = repo->ReadSignalRows(to, to);
    if (!rows.ok()) return rows.status();
    long long manager = 0;
    for (const auto& u : rows->users) {
        if (u.role == "manager") {
            manager = u.id;
            break;
        }
    }
    if (manager == 0) return Status::Ok();
    ports::DiagnosisAssessmentRecord a;
    a.assessed_on = to;
    a.created_by = manager;
    a.created_at = to + "T01:00:00Z";
    a.note = "四半期の振り返りで営業部長が回答（デモ）";
    a.answers = {
        {"data.same_day_logging", 5, "ほぼ全員がその日のうちに入力しているはず"},
        {"data.deal_fields", 5, "案件の項目は埋めるルールにしている"},
        {"data.process_recorded", 4, ""},
        {"data.team_review", 5, "週次の会議でダッシュボードを見ている"},
        {"data.decisions_on_data", 5, ""},
        {"division.roles_defined", 4, "BDR・IS・FS・CSの4役割"},
        {"division.handoff_rules", 4, "チェックリストとSLAで運用"},
        {"division.handoff_on_time", 3, ""},
        {"division.role_kpis", 3, ""},
        {"ai.scores_used", 3, "受注確度は皆見ていると思う"},
        {"ai.next_actions", 3, ""},
        {"ai.forecast", 3, "予測はモデル＋部長調整"},
        {"ai.notes_analysis", 2, ""},
        {"learning.knowledge_sharing", 3, "月例の事例共有会"},
        {"learning.failure_review", 3, "失注理由は記録している"},
        {"learning.small_experiments", 2, "カデンスのA/Bを始めたばかり"},
        {"learning.training", 2, ""},
        {"public.budget_calendar", 5, "夏の参考見積を重視"},
        {"public.fiscal_year_budget", 5, ""},
        {"public.personnel_changes", 4, "4月の異動後に後任訪問"},
        {"public.procurement", 4, ""},
        {"public.public_value", 3, "成果指標はCSが一部で測定"},
    };
    auto id = repo->InsertAssessment(a);
    if (!id.ok()) return id.status();
    context.progress.Report("diagnosis_assessments", 1, 0);
    return Status::Ok();
}

}  // namespace kyoso::app
