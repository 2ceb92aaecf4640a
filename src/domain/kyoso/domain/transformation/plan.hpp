#pragma once

// The staged action plan of the transformation programme (docs/transformation.md,
// "Staged action plan"): a fixed catalogue of actions in three stages — パイロット
// (months 0–3), 拡大 (3–9), 定着 (9–18) — and a generator that picks from it by the
// diagnosis (weakest dimensions first), the organisation's size and the governments
// it sells to. Pure: no I/O; the same inputs give the same plan.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/transformation/model.hpp"

namespace kyoso::domain {

enum class PlanStage { kPilot, kExpand, kInstitutionalise };
const std::vector<PlanStage>& AllPlanStages();
std::string_view PlanStageSlug(PlanStage s);     // pilot, expand, institutionalise
std::string_view PlanStageLabelJa(PlanStage s);  // パイロット, 拡大, 定着
std::string_view PlanStageLabelEn(PlanStage s);  // Pilot, Expand, Institutionalise
// The stage's months after the plan's start: [start_month, end_month).
int PlanStageStartMonth(PlanStage s);  // 0, 3, 9
int PlanStageEndMonth(PlanStage s);    // 3, 9, 18

// Who owns an action.
enum class PlanOwnerRole { kExecutive, kManager, kFieldSales, kInsideSales, kBdr, kCustomerSuccess, kAdmin };
std::string_view PlanOwnerSlug(
    PlanOwnerRole r);  // executive, manager, field_sales, inside_sales, bdr, customer_success, admin
std::string_view PlanOwnerLabelJa(PlanOwnerRole r);  // 経営者, マネージャー, フィールドセールス …

// How an action's due date is set.
enum class PlanDueRule {
    kStageEnd,            // start + the stage's end month, moved to the next business day
    kBeforeBudgetSeason,  // the last business day on or before 30 June (before the July–November
                          // 予算要求 window opens: specs and 参考見積 must be in the 原課's plan by then)
    kBeforeFiscalYear,    // the last business day on or before 31 March (before the new fiscal year
                          // and the 1 April 人事異動)
};
std::string_view PlanDueRuleSlug(PlanDueRule r);  // stage_end, before_budget_season, before_fiscal_year

// Bit masks of where a catalogue action applies.
inline constexpr unsigned kPlanBandSmall = 1, kPlanBandMedium = 2, kPlanBandLarge = 4,
                          kPlanBandAll = kPlanBandSmall | kPlanBandMedium | kPlanBandLarge;
inline constexpr unsigned kPlanFocusLargeCities = 1, kPlanFocusMixed = 2, kPlanFocusTowns = 4,
                          kPlanFocusAll = kPlanFocusLargeCities | kPlanFocusMixed | kPlanFocusTowns;

// What an action's KPI measures and the target that says it worked.
struct PlanKpi {
    std::string_view name_ja;
    std::string_view name_en;
    std::string_view comparator;  // ">=" or "<="
    double target = 0;
    std::string_view unit;   // "%", "件", "日", "回"
    std::string_view moves;  // the measured signal or KPI it moves: same_day_logging, deal_field_completeness,
                             // handoff_sla_compliance, fiscal_year_and_budget_set, score_use, win_rate,
                             // cycle_time, case_library_growth, experiments, outcome_metrics, scorecard
};

// One action of the catalogue.
struct PlanActionTemplate {
    std::string_view key;  // stable: "data.same_day_logging"
    PlanStage stage = PlanStage::kPilot;
    TransformationDimension dimension = TransformationDimension::kData;
    std::string_view title_ja, title_en;
    std::string_view description_ja, description_en;
    PlanOwnerRole owner = PlanOwnerRole::kManager;  // before tailoring by size
    PlanKpi kpi;
    PlanDueRule due_rule = PlanDueRule::kStageEnd;
    unsigned bands = kPlanBandAll;
    unsigned focus = kPlanFocusAll;
    // Core actions go into every plan (the executive's vision, the two-axis review);
    // gap actions into every plan whose diagnosis has a negative gap.
    bool core = false;
    bool on_gap = false;
};

// The whole catalogue in its fixed order (by dimension, then stage).
const std::vector<PlanActionTemplate>& PlanCatalogue();
const PlanActionTemplate* FindPlanAction(std::string_view key);

// Where a dimension stands for the plan: the level used (measured when present, else
// self-assessed, else 3), the gap (0 without one) and its rank (0 = acted on first).
struct PlanDimensionPriority {
    TransformationDimension dimension = TransformationDimension::kData;
    int level = 3;
    bool measured = false;  // level from the data (else from the questionnaire or the default)
    bool assessed = true;   // false when neither level exists (level 3 assumed)
    int gap = 0;
    int rank = 0;
    int actions = 0;  // actions of this dimension in the plan
};

// One action of a generated plan.
struct PlanAction {
    const PlanActionTemplate* source = nullptr;     // the catalogue entry (key, texts, KPI)
    PlanOwnerRole owner = PlanOwnerRole::kManager;  // tailored by size
    Date due{};
    int dimension_rank = 0;
    std::string reason_ja;  // why it is in the plan
    std::string reason_en;
};

struct ActionPlan {
    OrgSizeBand band = OrgSizeBand::kSmall;
    GovernmentFocus focus = GovernmentFocus::kMixed;
    Date start{};
    Date end{};                                     // start + 18 months
    std::vector<PlanDimensionPriority> priorities;  // by rank
    std::vector<PlanAction> actions;                // by stage, dimension rank, catalogue order
};

// The most actions a plan holds.
inline constexpr int kMaxPlanActions = 18;

// The date `months` calendar months after `d` (the day clamped to the month's end).
Date AddMonthsClamped(Date d, int months);

// The owner after tailoring by size: small companies have no dedicated teams (the
// executive owns the manager's and administrator's actions, one person covers BDR and
// inside sales, field sales covers customer success); medium ones no dedicated BDRs (inside sales).
PlanOwnerRole TailorOwner(PlanOwnerRole owner, OrgSizeBand band);

// The due date of a catalogue action in a plan starting on `start`.
Date PlanDueDate(const PlanActionTemplate& action, Date start, const BusinessCalendar& business_days);

// Generates the plan. Dimensions are ranked by level (ascending), then gap (most
// negative first), then display order. Per dimension: level 1 → up to 2 pilot, 2 expand,
// 1 institutionalise actions; level 2 → 2, 1, 1; level 3 → 0, 1, 1; level ≥ 4 → only 1
// institutionalise action. Core actions first, gap actions when a gap is negative, then
// dimensions by rank until kMaxPlanActions.
ActionPlan GeneratePlan(const Diagnosis& diagnosis, OrgSizeBand band, GovernmentFocus focus, Date start,
                        const BusinessCalendar& business_days);

}  // namespace kyoso::domain
