#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/pipeline/stage.hpp"

namespace kyoso::domain {

// What the deadline of one deal depends on (a subset of domain::Deal, so the rule
// stays a pure function of plain values).
struct DealDeadlineInput {
    Stage stage = Stage::kDiscovery;
    BudgetStatus budget_status = BudgetStatus::kNone;
    int fiscal_year = 0;  // target (contract) fiscal year
};

// One dated point a deal works towards: a budget-cycle milestone of some fiscal
// year, or the start / end of the target year's budget execution.
struct DeadlinePoint {
    std::string slug;  // a MilestoneSlug, "fiscal_year_start" or "fiscal_year_end"
    std::string label_ja;
    std::string label_en;
    int fiscal_year = 0;  // the fiscal year whose calendar holds it
    Date start{};
    Date due{};  // the last business day on or before the milestone's end
};

// The next real chance for a deal that missed its budget: a supplementary-budget
// council (補正) or the next budget request deadline, and the target year it implies.
struct NextChance {
    std::string slug;      // june_council, september_council, december_council, budget_request_deadline
    std::string label_ja;  // 「6月補正（令和9年6月定例会）」, 「令和10年度当初予算（予算要求締切 令和9年11月15日）」
    std::string label_en;  // "June supplementary budget (June 2027 council)"
    Date date{};           // the council's first day, or the request deadline
    int target_fiscal_year = 0;
};

// Where one open deal stands against its government's budget cycle on `today`.
struct DealDeadline {
    DeadlinePoint milestone;                // the next milestone that matters, or the one missed
    int business_days_left = 0;             // business days in (today, milestone.due]; negative once passed
    bool missed = false;                    // the deal did not get into the budget it needed
    std::optional<NextChance> next_chance;  // set when missed

    // The date a list sorts by: the next chance when missed, else the milestone's due date.
    Date ActionDate() const { return missed && next_chance ? next_chance->date : milestone.due; }
    // 「予算要求締切まで12営業日」 / 「見送り: 次の機会は 6月補正（令和9年6月定例会）」.
    std::string TextJa() const;
    // "12 business days to Budget request deadline" / "Missed: next chance is …".
    std::string TextEn() const;
};

// The deadline of an open deal on `today` (docs/fiscal-calendar.md, "Deadlines per
// deal"); nullopt for a closed deal (受注・失注・見送り) or one without a target year.
// Calendars are built from the government's kind and overrides; pure and thread-safe.
//
// Phases, by stage and budget status, with T the target fiscal year:
//  - before the request (情報収集・課題把握・予算化提案, budget 未計上): the spec window
//    and then the 予算要求締切 of FY T-1; missed once that deadline has passed.
//  - requested (予算要求中 or budget 要求中): 財政課ヒアリング, 査定, 内示, 予算案公表,
//    3月定例会 of FY T-1; a budget 査定で削減 is missed.
//  - budgeted (予算成立 and later, or budget 成立・補正): the first business day of FY T,
//    then its last business day (the budget lapses); missed after FY T.
std::optional<DealDeadline> ComputeDealDeadline(const DealDeadlineInput& deal, Date today, GovernmentKind kind,
                                                const std::vector<MilestoneOverride>& overrides,
                                                const BusinessCalendar& business_days);

// Every point of the deal's path from its current phase on (the spec window and
// request deadline, the hearings to the March council of FY T-1, the start of FY T),
// past or not, in date order; empty for a closed deal. For calendar feeds.
std::vector<DeadlinePoint> DealMilestonePath(const DealDeadlineInput& deal, GovernmentKind kind,
                                             const std::vector<MilestoneOverride>& overrides,
                                             const BusinessCalendar& business_days);

// The earliest chance after `today` to fund a missed item: the next June, September
// or December council (a 補正予算, first day after today) of the current or next
// fiscal year, or the next 予算要求締切 on or after today (target = its year + 1).
NextChance NextBudgetChance(Date today, GovernmentKind kind, const std::vector<MilestoneOverride>& overrides,
                            const BusinessCalendar& business_days);

}  // namespace kyoso::domain
