#pragma once

#include <map>
#include <optional>
#include <string>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/transformation/sources.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/transformation/plan.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/plan_repository.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/spreadsheet_writer.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// The message when no questionnaire has been answered yet.
inline constexpr const char* kPlanNoDiagnosisMessage =
    "変革診断の回答がまだありません (no transformation diagnosis yet: answer the questionnaire first)";

// The plan's parameters as the API and the CLI take them: text, validated by the
// service ("" = derive from the data / today).
struct PlanQuery {
    std::string start;  // YYYY-MM-DD
    std::string staff;  // sales staff, 1–100000
    std::string focus;  // large_cities | mixed | towns_villages
};

// Who the plan is for: derived from the data unless overridden.
struct PlanProfile {
    ports::PlanOrgFacts facts;
    int sales_staff = 0;  // used (override or facts.sales_staff)
    bool staff_overridden = false;
    domain::OrgSizeBand band = domain::OrgSizeBand::kSmall;
    std::optional<double> small_government_share;  // of deals; none without deals
    std::optional<double> large_government_share;
    domain::GovernmentFocus derived_focus = domain::GovernmentFocus::kMixed;
    domain::GovernmentFocus focus = domain::GovernmentFocus::kMixed;
    bool focus_overridden = false;
};

struct PlanView {
    PlanProfile profile;
    long long assessment_id = 0;
    Date assessed_on{};
    domain::ActionPlan plan;
    std::map<std::string, ports::PlanProgressRecord> progress;  // by action key; absent = todo
};

struct PlanProgressRequest {
    std::optional<std::string> status;  // todo | doing | done (required)
    std::optional<std::string> note;    // at most 2,000 characters
};

// The government focus of a company from its deals: towns_villages when at least 60% are
// with towns, villages or governments under 50,000 people; large_cities when at least 60%
// are with prefectures, designated cities (and their wards), core cities or special
// wards; mixed otherwise (and without deals).
domain::GovernmentFocus PlanFocusOf(const ports::PlanOrgFacts& facts);

// The staged action plan (docs/transformation.md, "Staged action plan"): generated from
// the latest diagnosis, the organisation's size and government focus; progress per
// action stored and audited. Thread-safe when its dependencies are.
class PlanService {
public:
    // `xlsx` may be null (then Xlsx fails with Unavailable).
    PlanService(ports::Store& store, ports::PlanRepository& repo, DiagnosisSource& diagnoses, const ports::Clock& clock,
                const ports::Digest& digest, const domain::BusinessCalendar& business_days,
                const ports::SpreadsheetWriter* xlsx)
        : store_(store),
          repo_(repo),
          diagnoses_(diagnoses),
          clock_(clock),
          business_days_(business_days),
          xlsx_(xlsx),
          audit_(store, clock, digest) {}

    // The profile alone (no diagnosis needed). InvalidArgument naming staff or focus.
    Result<PlanProfile> Profile(const PlanQuery& query);
    // The plan. InvalidArgument naming start, staff or focus; FailedPrecondition
    // (kPlanNoDiagnosisMessage) before the first diagnosis.
    Result<PlanView> Build(const PlanQuery& query);
    // The plan as one worksheet 行動計画: 段階, 領域, 施策, 担当ロール, KPI, 目標, 期日, 状況.
    static ports::Sheet SheetOf(const PlanView& view);
    Result<std::string> Xlsx(const PlanView& view) const;
    Status WriteXlsx(const PlanView& view, const std::string& path) const;
    // "kyoso-action-plan-2026-12-01.xlsx".
    static std::string XlsxFileName(const PlanView& view);

    // Sets an action's status and note. NotFound for a key not in the catalogue;
    // InvalidArgument naming status or note. Audited as plan_progress.update.
    Result<ports::PlanProgressRecord> SetProgress(const std::string& key, const PlanProgressRequest& request,
                                                  const Principal& by);

private:
    ports::Store& store_;
    ports::PlanRepository& repo_;
    DiagnosisSource& diagnoses_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& business_days_;
    const ports::SpreadsheetWriter* xlsx_;
    AuditTrail audit_;
};

// Labels used on screens, the XLSX and the CLI.
std::string PlanStatusLabelJa(const std::string& status);  // 未着手, 進行中, 完了
// "当日記録率 ≥ 80%".
std::string PlanKpiTargetText(const domain::PlanKpi& kpi);

}  // namespace kyoso::app
