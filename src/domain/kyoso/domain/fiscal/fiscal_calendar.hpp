#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government.hpp"

namespace kyoso::domain {

// The yearly events of the municipal budget cycle (DOMAIN.md §2), in the order
// they occur inside one fiscal year (April..March).
enum class MilestoneKind {
    kRotation,               // 4月1日 人事異動
    kJuneCouncil,            // 6月定例会 (補正予算)
    kSpecWindow,             // 仕様・参考見積の提出時期 (Jul–Sep): the key window
    kSeptemberCouncil,       // 9月定例会 (決算認定・補正予算)
    kBudgetPolicy,           // 予算編成方針
    kBudgetRequestDeadline,  // 予算要求締切
    kFinanceHearing,         // 財政課ヒアリング
    kAssessment,             // 査定
    kDecemberCouncil,        // 12月定例会 (補正予算)
    kCabinetAssessment,      // 内示・復活要求・首長査定
    kBudgetProposal,         // 予算案公表
    kMarchCouncil,           // 3月定例会 (当初予算議決)
    kRotationNotice,         // 人事異動内示
};

std::string_view MilestoneSlug(MilestoneKind kind);
std::string_view MilestoneLabelJa(MilestoneKind kind);
std::string_view MilestoneLabelEn(MilestoneKind kind);
std::optional<MilestoneKind> MilestoneFromSlug(std::string_view slug);

struct MonthDay {
    unsigned month;
    unsigned day;
};

// A government's own dates for one milestone. With fiscal_year set, it applies to
// that year only (a council's announced session dates); without, to every year.
struct MilestoneOverride {
    MilestoneKind kind;
    std::optional<int> fiscal_year;
    MonthDay start;
    MonthDay end;
};

struct Milestone {
    MilestoneKind kind;
    Date start;
    Date end;  // inclusive; equals start for one-day events
    bool overridden = false;
};

// The budget-cycle calendar of one government for one fiscal year: defaults from
// DOMAIN.md, adjusted by the body's kind (a 都道府県 or 政令市 must table its budget
// ≥ 30 days before the year, a 市町村 ≥ 20), then by its own overrides. Deadlines
// that fall on a closed day move to the previous business day.
class FiscalCalendar {
public:
    static FiscalCalendar Build(FiscalYear year, GovernmentKind kind, const std::vector<MilestoneOverride>& overrides,
                                const BusinessCalendar& business_days);

    FiscalYear fiscal_year() const { return year_; }
    const std::vector<Milestone>& milestones() const { return milestones_; }
    const Milestone* Find(MilestoneKind kind) const;
    // The first milestone whose end is on or after `today`; nullptr when none is left
    // in this fiscal year.
    const Milestone* Next(Date today) const;

private:
    FiscalYear year_{0};
    std::vector<Milestone> milestones_;
};

}  // namespace kyoso::domain
