#pragma once

// KPI formulas by sales role (docs/division-of-labour.md, "KPIs and quotas"): pure
// functions over plain rows the app layer reads once per request. A "user set" is
// one person or a team's members; team figures are the same formulas over the set.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/domain/division/outcome.hpp"
#include "kyoso/domain/fiscal/business_calendar.hpp"
#include "kyoso/domain/pipeline/stage.hpp"

namespace kyoso::domain {

// A fiscal year (4/1–3/31) or one of its quarters: Q1 = Apr–Jun, Q2 = Jul–Sep,
// Q3 = Oct–Dec, Q4 = Jan–Mar. Both ends inclusive.
struct KpiPeriod {
    int fiscal_year = 0;
    int quarter = 0;  // 0 = the whole fiscal year
    Date from{};
    Date to{};
    bool Contains(Date date) const { return !(date < from) && !(to < date); }
};
// nullopt when quarter is not 0..4 or the year is outside 1900..9999.
std::optional<KpiPeriod> MakeKpiPeriod(int fiscal_year, int quarter);

struct KpiLeadRow {
    long long id = 0;
    long long owner_id = 0;  // 0 = unowned
    std::string status;      // new, working, qualified, converted, disqualified
    std::string government_code;
    Date created_on{};
};

struct KpiActivityRow {
    long long id = 0;
    long long user_id = 0;
    long long deal_id = 0;  // 0 = none
    std::string government_code;
    std::string type;  // ActivityTypeSlug: call, online_meeting, visit, demo, ...
    Date occurred_on{};
    std::string outcome;
};

struct KpiDealRow {
    long long id = 0;
    long long owner_id = 0;
    std::string government_code;
    long long product_id = 0;
    Stage stage = Stage::kDiscovery;
    int fiscal_year = 0;   // target (contract) year
    long long amount = 0;  // the award amount when known, else the deal amount (yen)
    Date created_on{};
    std::optional<Date> closed_on;
    // The 予算要求締切 of the year before the target year (the app computes it from the
    // government's fiscal calendar); nullopt when unknown.
    std::optional<Date> request_deadline;
    bool needs_follow_up = false;        // an open issue (e.g. the champion rotated out)
    std::vector<long long> cs_user_ids;  // deal team members with role customer_success
};

struct KpiStageMoveRow {
    long long id = 0;
    long long deal_id = 0;
    Stage from = Stage::kDiscovery;
    Stage to = Stage::kDiscovery;
    Date moved_on{};
};

struct KpiMetricRow {
    long long id = 0;
    std::string government_code;
    long long owner_id = 0;  // the CS user who owns the outcome
    OutcomeDirection direction = OutcomeDirection::kIncrease;
    double baseline = 0;
    double target = 0;
    Date created_on{};
};

struct KpiMeasurementRow {
    long long metric_id = 0;
    Date measured_on{};
    double value = 0;
};

// Everything the formulas read.
struct KpiRows {
    std::vector<KpiLeadRow> leads;
    std::vector<KpiActivityRow> activities;
    std::vector<KpiDealRow> deals;
    std::vector<KpiStageMoveRow> stage_moves;
    std::vector<KpiMetricRow> metrics;
    std::vector<KpiMeasurementRow> measurements;
};

using KpiUsers = std::set<long long>;

// One KPI value with what it was computed from. value is nullopt when undefined
// (a rate over zero cases); numerator / denominator are nullopt when not a ratio.
struct KpiFigure {
    std::optional<double> value;
    std::optional<double> numerator;
    std::optional<double> denominator;
};

// ---- BDR/SDR --------------------------------------------------------------

// Leads owned by `users`, created on or before the period's end, that were worked in
// it: created in the period with a status other than "new", or touched in it (an
// activity by the lead's owner at the lead's government, in the period and on or after
// the lead's creation). value = numerator = count.
KpiFigure LeadsWorked(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Of those worked leads, the share whose status is qualified or converted.
KpiFigure QualificationRate(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Median business days (BusinessCalendar, counted in (created, touch]) from the creation
// of each lead owned by `users` created in the period to its owner's first activity at
// the lead's government on or after that day. numerator = leads touched, denominator =
// leads created; value nullopt when none was touched.
KpiFigure SpeedToFirstTouch(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period,
                            const BusinessCalendar& calendar);

// ---- Inside sales -----------------------------------------------------------

// Whether an activity outcome means the call or meeting reached the person: any
// non-empty outcome but 不在, 留守電, 不通, 未接続 and no_answer.
bool IsConnectedOutcome(std::string_view outcome);
// Calls and online meetings by `users` in the period with a connected outcome.
// numerator = connects, denominator = calls and online meetings (attempts).
KpiFigure Connects(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Meetings set: visits, online meetings and demos logged by `users` in the period.
KpiFigure MeetingsSet(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);

// ---- Field sales -----------------------------------------------------------

// won / (won + lost) among deals owned by `users` closed in the period.
KpiFigure WinRate(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Sum of amounts of won deals owned by `users` closed in the period; numerator = count.
KpiFigure Revenue(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Won deals owned by `users` closed in the period.
KpiFigure WonDeals(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);

// Average calendar days deals spent in one stage.
struct StageCycle {
    Stage stage = Stage::kDiscovery;
    double average_days = 0;
    int deals = 0;  // deals that passed through the stage
};
// For the won or lost deals owned by `users` closed in the period: per stage, the
// average calendar days between entering it (the deal's created_on for the first
// stage, else the move into it) and leaving it (the next move), over the deals that
// left it; in pipeline order. The closing stage itself is not counted.
std::vector<StageCycle> CycleTimeByStage(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Average calendar days from created_on to closed_on of those deals.
KpiFigure CycleTime(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Of the deals owned by `users` whose request deadline falls in the period, the share
// whose stage history moved to 予算要求中 or a later stage (予算成立, 公告・仕様,
// 入札・提案, 受注) on or before the deadline.
KpiFigure BudgetRequestOnTime(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);

// ---- Customer success -------------------------------------------------------

// One account's health on a day, 0–100 = engagement + outcomes + issues:
//  - engagement (40): the last activity at the government (anyone's) on or before the
//    day was ≤ 90 days before it → 40, ≤ 180 days → 20, else (or none) 0;
//  - outcomes (40): 40 × the average over the government's metrics (created on or before
//    the day) of their progress clamped to 0..1 (latest measurement on or before the
//    day; no measurement = 0); no metrics → 20;
//  - issues (20): 20 when no deal at the government needs follow-up, else 0.
struct AccountHealth {
    std::string government_code;
    int score = 0;
    int engagement = 0;
    int outcomes = 0;
    int issues = 0;
};
AccountHealth HealthOf(const KpiRows& rows, const std::string& government_code, Date as_of);
// The accounts of `users`: governments of won deals closed on or before `as_of` with one
// of `users` as customer-success member; sorted by code.
std::vector<std::string> CustomerSuccessAccounts(const KpiRows& rows, const KpiUsers& users, Date as_of);
// Average health of those accounts on `as_of`; numerator = sum of scores, denominator = accounts.
KpiFigure HealthScore(const KpiRows& rows, const KpiUsers& users, Date as_of);
// Of the won deals of fiscal year T = period.fiscal_year with one of `users` as CS member,
// the share with a won deal for the same government and product in fiscal year T + 1.
// The quarter is ignored (a renewal is a fiscal-year fact).
KpiFigure RenewalRate(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Won amount of deals closed in the period, with one of `users` as CS member, at a
// government that already had a won deal of another product closed before it.
// numerator = those deals.
KpiFigure Expansion(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);
// Of the metrics owned by `users` created on or before the period's end, the share with
// at least one measurement in the period.
KpiFigure OutcomesRecorded(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period);

// ---- Quotas -------------------------------------------------------------------

// actual / target for the period: a quarter's target is a quarter of the annual one.
// nullopt when the target is not positive.
std::optional<double> QuotaAttainment(double actual, double annual_target, int quarter);

}  // namespace kyoso::domain
