#include "kyoso/domain/fiscal/fiscal_calendar.hpp"

#include <algorithm>

namespace kyoso::domain {

namespace {

struct DefaultRule {
    MilestoneKind kind;
    const char* slug;
    const char* ja;
    const char* en;
    MonthDay start;
    MonthDay end;
    bool deadline;  // a single due date: moved back to a business day
};

constexpr DefaultRule kRules[] = {
    {MilestoneKind::kRotation, "rotation", "人事異動", "Staff rotation", {4, 1}, {4, 1}, false},
    {MilestoneKind::kJuneCouncil,
     "june_council",
     "6月定例会（補正予算）",
     "June council (supplementary budget)",
     {6, 5},
     {6, 25},
     false},
    {MilestoneKind::kSpecWindow,
     "spec_window",
     "仕様・参考見積の提出時期",
     "Window for specs and reference quotes",
     {7, 1},
     {9, 30},
     false},
    {MilestoneKind::kSeptemberCouncil,
     "september_council",
     "9月定例会（決算・補正）",
     "September council (accounts, supplementary)",
     {9, 1},
     {9, 30},
     false},
    {MilestoneKind::kBudgetPolicy, "budget_policy", "予算編成方針", "Budget policy issued", {10, 1}, {10, 20}, false},
    {MilestoneKind::kBudgetRequestDeadline,
     "budget_request_deadline",
     "予算要求締切",
     "Budget request deadline",
     {11, 15},
     {11, 15},
     true},
    {MilestoneKind::kFinanceHearing,
     "finance_hearing",
     "財政課ヒアリング",
     "Finance department hearings",
     {11, 16},
     {11, 30},
     false},
    {MilestoneKind::kAssessment, "assessment", "査定", "Budget assessment", {12, 1}, {12, 25}, false},
    {MilestoneKind::kDecemberCouncil,
     "december_council",
     "12月定例会（補正予算）",
     "December council (supplementary budget)",
     {12, 1},
     {12, 20},
     false},
    {MilestoneKind::kCabinetAssessment,
     "cabinet_assessment",
     "内示・復活要求・首長査定",
     "Draft notice, appeals, mayor's assessment",
     {1, 10},
     {1, 31},
     false},
    {MilestoneKind::kBudgetProposal,
     "budget_proposal",
     "予算案公表",
     "Budget proposal published",
     {2, 10},
     {2, 10},
     true},
    {MilestoneKind::kMarchCouncil,
     "march_council",
     "3月定例会（当初予算議決）",
     "March council (budget vote)",
     {2, 20},
     {3, 25},
     false},
    {MilestoneKind::kRotationNotice,
     "rotation_notice",
     "人事異動内示",
     "Rotation notice (内示)",
     {3, 20},
     {3, 20},
     false},
};

const DefaultRule& RuleFor(MilestoneKind kind) {
    for (const auto& r : kRules) {
        if (r.kind == kind) return r;
    }
    return kRules[0];
}

// April..December belong to the fiscal year's first calendar year, January..March
// to the second.
Date InYear(FiscalYear fy, MonthDay md) {
    const int y = md.month >= 4 ? fy.year() : fy.year() + 1;
    Date d = MakeDate(y, md.month, md.day);
    if (!d.ok()) d = Date{d.year() / d.month() / std::chrono::last};  // 2/29 in a common year
    return d;
}

bool IsPrefectureOrDesignated(GovernmentKind kind) {
    return kind == GovernmentKind::kPrefecture || kind == GovernmentKind::kDesignatedCity;
}

}  // namespace

std::string_view MilestoneSlug(MilestoneKind kind) { return RuleFor(kind).slug; }
std::string_view MilestoneLabelJa(MilestoneKind kind) { return RuleFor(kind).ja; }
std::string_view MilestoneLabelEn(MilestoneKind kind) { return RuleFor(kind).en; }

std::optional<MilestoneKind> MilestoneFromSlug(std::string_view slug) {
    for (const auto& r : kRules) {
        if (slug == r.slug) return r.kind;
    }
    return std::nullopt;
}

FiscalCalendar FiscalCalendar::Build(FiscalYear year, GovernmentKind kind,
                                     const std::vector<MilestoneOverride>& overrides,
                                     const BusinessCalendar& business_days) {
    FiscalCalendar cal;
    cal.year_ = year;
    for (const auto& rule : kRules) {
        Milestone m{rule.kind, InYear(year, rule.start), InYear(year, rule.end), false};
        // 地方自治法 211条: the budget goes to the council ≥ 30 days before the year
        // for 都道府県 and 指定都市, ≥ 20 days for other 市町村. The default proposal
        // date is the latest that satisfies the rule, moved to a business day.
        if (rule.kind == MilestoneKind::kBudgetProposal) {
            const int lead = IsPrefectureOrDesignated(kind) ? 30 : 20;
            const Date latest = AddDays(year.next().first_day(), -lead);
            if (std::chrono::sys_days{m.start} > std::chrono::sys_days{latest}) m.start = m.end = latest;
        }
        // A specific-year override beats an every-year one.
        const MilestoneOverride* chosen = nullptr;
        for (const auto& o : overrides) {
            if (o.kind != rule.kind) continue;
            if (o.fiscal_year && *o.fiscal_year != year.year()) continue;
            if (!chosen || (o.fiscal_year && !chosen->fiscal_year)) chosen = &o;
        }
        if (chosen) {
            m.start = InYear(year, chosen->start);
            m.end = InYear(year, chosen->end);
            m.overridden = true;
        }
        if (rule.deadline && !m.overridden) {
            m.start = m.end = business_days.PreviousBusinessDayOnOrBefore(m.end);
        }
        cal.milestones_.push_back(m);
    }
    std::stable_sort(cal.milestones_.begin(), cal.milestones_.end(), [](const Milestone& a, const Milestone& b) {
        return std::chrono::sys_days{a.start} < std::chrono::sys_days{b.start};
    });
    return cal;
}

const Milestone* FiscalCalendar::Find(MilestoneKind kind) const {
    for (const auto& m : milestones_) {
        if (m.kind == kind) return &m;
    }
    return nullptr;
}

const Milestone* FiscalCalendar::Next(Date today) const {
    const Milestone* best = nullptr;
    for (const auto& m : milestones_) {
        if (std::chrono::sys_days{m.end} < std::chrono::sys_days{today}) continue;
        if (!best || std::chrono::sys_days{m.end} < std::chrono::sys_days{best->end}) best = &m;
    }
    return best;
}

}  // namespace kyoso::domain
