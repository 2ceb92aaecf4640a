#include "kyoso/domain/fiscal/deal_deadline.hpp"

#include <algorithm>
#include <array>

namespace kyoso::domain {

namespace {

bool Before(Date a, Date b) { return std::chrono::sys_days{a} < std::chrono::sys_days{b}; }

// "令和9年" of a date: the 和暦 year part of WarekiDate.
std::string WarekiYear(Date date) {
    const std::string full = WarekiDate(date);
    const auto pos = full.find("年");
    return pos == std::string::npos ? full : full.substr(0, pos + std::string("年").size());
}

const char* MonthNameEn(unsigned month) {
    static constexpr std::array<const char*, 12> kNames = {"January",   "February", "March",    "April",
                                                           "May",       "June",     "July",     "August",
                                                           "September", "October",  "November", "December"};
    return kNames[(month - 1) % 12];
}

DeadlinePoint PointOf(const Milestone& m, FiscalYear fy, const BusinessCalendar& bd) {
    return {std::string(MilestoneSlug(m.kind)),
            std::string(MilestoneLabelJa(m.kind)),
            std::string(MilestoneLabelEn(m.kind)),
            fy.year(),
            m.start,
            bd.PreviousBusinessDayOnOrBefore(m.end)};
}

// The first of `kinds` in the calendar of `fy` still due on or after today.
std::optional<DeadlinePoint> FirstDue(const FiscalCalendar& cal, std::initializer_list<MilestoneKind> kinds, Date today,
                                      const BusinessCalendar& bd) {
    std::optional<DeadlinePoint> best;
    for (MilestoneKind k : kinds) {
        const Milestone* m = cal.Find(k);
        if (!m) continue;
        DeadlinePoint p = PointOf(*m, cal.fiscal_year(), bd);
        if (Before(p.due, today)) continue;
        if (!best || Before(p.due, best->due)) best = p;
    }
    return best;
}

DeadlinePoint FiscalYearStart(FiscalYear fy, const BusinessCalendar& bd) {
    const Date d = bd.NextBusinessDayOnOrAfter(fy.first_day());
    return {"fiscal_year_start",
            fy.WarekiLabel() + " 予算執行開始",
            fy.Label() + " budget execution starts",
            fy.year(),
            d,
            d};
}

DeadlinePoint FiscalYearEnd(FiscalYear fy, const BusinessCalendar& bd) {
    const Date d = bd.PreviousBusinessDayOnOrBefore(fy.last_day());
    return {"fiscal_year_end",
            fy.WarekiLabel() + " 年度末（予算執行期限）",
            fy.Label() + " year end (budget lapses)",
            fy.year(),
            fy.first_day(),
            d};
}

DealDeadline Missed(const DeadlinePoint& point, Date today, GovernmentKind kind,
                    const std::vector<MilestoneOverride>& overrides, const BusinessCalendar& bd) {
    DealDeadline out;
    out.milestone = point;
    out.business_days_left = bd.BusinessDaysBetween(today, point.due);
    out.missed = true;
    out.next_chance = NextBudgetChance(today, kind, overrides, bd);
    return out;
}

}  // namespace

NextChance NextBudgetChance(Date today, GovernmentKind kind, const std::vector<MilestoneOverride>& overrides,
                            const BusinessCalendar& bd) {
    const FiscalYear current = FiscalYear::Containing(today);
    std::optional<NextChance> best;
    auto consider = [&](NextChance c) {
        if (!best || Before(c.date, best->date)) best = std::move(c);
    };
    for (FiscalYear fy : {current, current.next()}) {
        const auto cal = FiscalCalendar::Build(fy, kind, overrides, bd);
        for (MilestoneKind k :
             {MilestoneKind::kJuneCouncil, MilestoneKind::kSeptemberCouncil, MilestoneKind::kDecemberCouncil}) {
            const Milestone* m = cal.Find(k);
            if (!m || !Before(today, m->start)) continue;
            const unsigned month = static_cast<unsigned>(m->start.month());
            const std::string month_ja = std::to_string(month) + "月";
            consider({std::string(MilestoneSlug(k)), month_ja + "補正（" + WarekiYear(m->start) + month_ja + "定例会）",
                      std::string(MonthNameEn(month)) + " supplementary budget (" + MonthNameEn(month) + " " +
                          std::to_string(static_cast<int>(m->start.year())) + " council)",
                      m->start, fy.year()});
        }
        if (const Milestone* m = cal.Find(MilestoneKind::kBudgetRequestDeadline)) {
            const Date due = bd.PreviousBusinessDayOnOrBefore(m->end);
            if (!Before(due, today)) {
                const FiscalYear target = fy.next();
                consider({"budget_request_deadline",
                          target.WarekiLabel() + "当初予算（予算要求締切 " + WarekiDate(due) + "）",
                          target.Label() + " budget (request deadline " + FormatIsoDate(due) + ")", due,
                          target.year()});
            }
        }
    }
    return *best;  // the next year's request deadline always qualifies
}

std::optional<DealDeadline> ComputeDealDeadline(const DealDeadlineInput& deal, Date today, GovernmentKind kind,
                                                const std::vector<MilestoneOverride>& overrides,
                                                const BusinessCalendar& bd) {
    if (IsClosed(deal.stage) || deal.fiscal_year <= 0) return std::nullopt;
    const FiscalYear target(deal.fiscal_year);
    const FiscalYear request_year(deal.fiscal_year - 1);
    auto upcoming = [&](const DeadlinePoint& p) {
        DealDeadline out;
        out.milestone = p;
        out.business_days_left = bd.BusinessDaysBetween(today, p.due);
        return out;
    };

    const bool budgeted = deal.stage == Stage::kBudgeted || deal.stage == Stage::kTenderPrep ||
                          deal.stage == Stage::kBidding || deal.budget_status == BudgetStatus::kPassed ||
                          deal.budget_status == BudgetStatus::kSupplementary;
    const bool requested =
        !budgeted && (deal.stage == Stage::kRequested || deal.budget_status == BudgetStatus::kRequested ||
                      deal.budget_status == BudgetStatus::kCut);
    const auto request_cal = FiscalCalendar::Build(request_year, kind, overrides, bd);

    if (deal.budget_status == BudgetStatus::kCut && !budgeted) {
        const Milestone* assessment = request_cal.Find(MilestoneKind::kAssessment);
        return Missed(PointOf(*assessment, request_year, bd), today, kind, overrides, bd);
    }
    if (requested) {
        if (auto next =
                FirstDue(request_cal,
                         {MilestoneKind::kFinanceHearing, MilestoneKind::kAssessment, MilestoneKind::kCabinetAssessment,
                          MilestoneKind::kBudgetProposal, MilestoneKind::kMarchCouncil},
                         today, bd)) {
            return upcoming(*next);
        }
        // The vote is past and nobody recorded the outcome: carry on as budgeted,
        // so the year's execution dates still show.
    }
    if (budgeted || requested) {
        const DeadlinePoint start = FiscalYearStart(target, bd);
        if (!Before(start.due, today)) return upcoming(start);
        const DeadlinePoint end = FiscalYearEnd(target, bd);
        if (!Before(end.due, today)) return upcoming(end);
        return Missed(end, today, kind, overrides, bd);
    }
    // Before the request: the spec window, then the request deadline of FY T-1.
    if (auto next =
            FirstDue(request_cal, {MilestoneKind::kSpecWindow, MilestoneKind::kBudgetRequestDeadline}, today, bd)) {
        return upcoming(*next);
    }
    const Milestone* deadline = request_cal.Find(MilestoneKind::kBudgetRequestDeadline);
    return Missed(PointOf(*deadline, request_year, bd), today, kind, overrides, bd);
}

std::vector<DeadlinePoint> DealMilestonePath(const DealDeadlineInput& deal, GovernmentKind kind,
                                             const std::vector<MilestoneOverride>& overrides,
                                             const BusinessCalendar& bd) {
    std::vector<DeadlinePoint> out;
    if (IsClosed(deal.stage) || deal.fiscal_year <= 0) return out;
    const FiscalYear request_year(deal.fiscal_year - 1);
    const auto cal = FiscalCalendar::Build(request_year, kind, overrides, bd);
    const bool budgeted = deal.stage == Stage::kBudgeted || deal.stage == Stage::kTenderPrep ||
                          deal.stage == Stage::kBidding || deal.budget_status == BudgetStatus::kPassed ||
                          deal.budget_status == BudgetStatus::kSupplementary;
    const bool requested = deal.stage == Stage::kRequested || deal.budget_status == BudgetStatus::kRequested;
    std::vector<MilestoneKind> kinds;
    if (!budgeted) {
        if (!requested) kinds = {MilestoneKind::kSpecWindow, MilestoneKind::kBudgetRequestDeadline};
        for (MilestoneKind k :
             {MilestoneKind::kFinanceHearing, MilestoneKind::kAssessment, MilestoneKind::kCabinetAssessment,
              MilestoneKind::kBudgetProposal, MilestoneKind::kMarchCouncil}) {
            kinds.push_back(k);
        }
    }
    for (MilestoneKind k : kinds) {
        if (const Milestone* m = cal.Find(k)) out.push_back(PointOf(*m, request_year, bd));
    }
    out.push_back(FiscalYearStart(FiscalYear(deal.fiscal_year), bd));
    std::stable_sort(out.begin(), out.end(),
                     [](const DeadlinePoint& a, const DeadlinePoint& b) { return Before(a.due, b.due); });
    return out;
}

std::string DealDeadline::TextJa() const {
    if (missed) {
        return "見送り: 次の機会は " + (next_chance ? next_chance->label_ja : std::string("未定"));
    }
    if (business_days_left == 0) return milestone.label_ja + "は本日";
    return milestone.label_ja + "まで" + std::to_string(business_days_left) + "営業日";
}

std::string DealDeadline::TextEn() const {
    if (missed) {
        return "Missed: next chance is the " + (next_chance ? next_chance->label_en : std::string("not known"));
    }
    if (business_days_left == 0) return milestone.label_en + " is today";
    return std::to_string(business_days_left) + (business_days_left == 1 ? " business day" : " business days") +
           " to " + milestone.label_en;
}

}  // namespace kyoso::domain
