#include "kyoso/domain/division/kpi.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>

#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::domain {

namespace {

int DaysBetween(Date from, Date to) {
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

bool Owns(const KpiUsers& users, long long id) { return users.count(id) != 0; }

bool HasCsMember(const KpiDealRow& d, const KpiUsers& users) {
    return std::any_of(d.cs_user_ids.begin(), d.cs_user_ids.end(), [&](long long u) { return Owns(users, u); });
}

KpiFigure CountFigure(double n) { return {n, n, std::nullopt}; }

KpiFigure RatioFigure(double numerator, double denominator) {
    KpiFigure f{std::nullopt, numerator, denominator};
    if (denominator > 0) f.value = numerator / denominator;
    return f;
}

bool ClosedIn(const KpiDealRow& d, const KpiPeriod& period) {
    return d.closed_on && period.Contains(*d.closed_on) && (d.stage == Stage::kWon || d.stage == Stage::kLost);
}

// Activity dates per (user, government), sorted: the index behind "the owner's
// activity at the lead's government".
using TouchIndex = std::map<std::pair<long long, std::string>, std::vector<Date>>;

TouchIndex IndexTouches(const KpiRows& rows, const KpiUsers& users) {
    TouchIndex index;
    for (const auto& a : rows.activities) {
        if (Owns(users, a.user_id)) index[{a.user_id, a.government_code}].push_back(a.occurred_on);
    }
    for (auto& [key, dates] : index) std::sort(dates.begin(), dates.end());
    return index;
}

// The first date in `dates` (sorted) on or after `from`.
std::optional<Date> FirstOnOrAfter(const std::vector<Date>& dates, Date from) {
    auto it = std::lower_bound(dates.begin(), dates.end(), from);
    if (it == dates.end()) return std::nullopt;
    return *it;
}

// The worked leads of `users` in the period (see LeadsWorked).
std::vector<const KpiLeadRow*> WorkedLeads(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    const TouchIndex touches = IndexTouches(rows, users);
    std::vector<const KpiLeadRow*> out;
    for (const auto& l : rows.leads) {
        if (!Owns(users, l.owner_id) || period.to < l.created_on) continue;
        bool worked = period.Contains(l.created_on) && l.status != "new";
        if (!worked) {
            auto it = touches.find({l.owner_id, l.government_code});
            if (it != touches.end()) {
                auto touch = FirstOnOrAfter(it->second, std::max(l.created_on, period.from));
                worked = touch && !(period.to < *touch);
            }
        }
        if (worked) out.push_back(&l);
    }
    return out;
}

constexpr std::array<Stage, 7> kOpenOrder = {Stage::kDiscovery, Stage::kQualified, Stage::kBudgetProposal,
                                             Stage::kRequested, Stage::kBudgeted,  Stage::kTenderPrep,
                                             Stage::kBidding};

}  // namespace

std::optional<KpiPeriod> MakeKpiPeriod(int fiscal_year, int quarter) {
    if (quarter < 0 || quarter > 4 || fiscal_year < 1900 || fiscal_year > 9999) return std::nullopt;
    KpiPeriod p;
    p.fiscal_year = fiscal_year;
    p.quarter = quarter;
    const FiscalYear fy(fiscal_year);
    if (quarter == 0) {
        p.from = fy.first_day();
        p.to = fy.last_day();
        return p;
    }
    static constexpr int kStartMonth[] = {0, 4, 7, 10, 1};
    static constexpr int kEndMonth[] = {0, 6, 9, 12, 3};
    static constexpr int kEndDay[] = {0, 30, 30, 31, 31};
    const int year = quarter == 4 ? fiscal_year + 1 : fiscal_year;
    p.from = MakeDate(year, kStartMonth[quarter], 1);
    p.to = MakeDate(year, kEndMonth[quarter], kEndDay[quarter]);
    return p;
}

KpiFigure LeadsWorked(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    return CountFigure(static_cast<double>(WorkedLeads(rows, users, period).size()));
}

KpiFigure QualificationRate(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    const auto worked = WorkedLeads(rows, users, period);
    const auto qualified = std::count_if(worked.begin(), worked.end(), [](const KpiLeadRow* l) {
        return l->status == "qualified" || l->status == "converted";
    });
    return RatioFigure(static_cast<double>(qualified), static_cast<double>(worked.size()));
}

KpiFigure SpeedToFirstTouch(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period,
                            const BusinessCalendar& calendar) {
    const TouchIndex touches = IndexTouches(rows, users);
    std::vector<int> days;
    int created = 0;
    for (const auto& l : rows.leads) {
        if (!Owns(users, l.owner_id) || !period.Contains(l.created_on)) continue;
        ++created;
        std::optional<Date> first;
        auto it = touches.find({l.owner_id, l.government_code});
        if (it != touches.end()) first = FirstOnOrAfter(it->second, l.created_on);
        if (first) days.push_back(calendar.BusinessDaysBetween(l.created_on, *first));
    }
    KpiFigure f{std::nullopt, static_cast<double>(days.size()), static_cast<double>(created)};
    if (days.empty()) return f;
    std::sort(days.begin(), days.end());
    const size_t n = days.size();
    f.value = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
    return f;
}

bool IsConnectedOutcome(std::string_view outcome) {
    static constexpr std::array<std::string_view, 5> kNotConnected = {"不在", "留守電", "不通", "未接続", "no_answer"};
    if (outcome.empty()) return false;
    return std::find(kNotConnected.begin(), kNotConnected.end(), outcome) == kNotConnected.end();
}

KpiFigure Connects(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    double attempts = 0, connects = 0;
    for (const auto& a : rows.activities) {
        if (!Owns(users, a.user_id) || !period.Contains(a.occurred_on)) continue;
        if (a.type != "call" && a.type != "online_meeting") continue;
        ++attempts;
        if (IsConnectedOutcome(a.outcome)) ++connects;
    }
    return {connects, connects, attempts};
}

KpiFigure MeetingsSet(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    double n = 0;
    for (const auto& a : rows.activities) {
        if (!Owns(users, a.user_id) || !period.Contains(a.occurred_on)) continue;
        if (a.type == "visit" || a.type == "online_meeting" || a.type == "demo") ++n;
    }
    return CountFigure(n);
}

KpiFigure WinRate(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    double won = 0, closed = 0;
    for (const auto& d : rows.deals) {
        if (!Owns(users, d.owner_id) || !ClosedIn(d, period)) continue;
        ++closed;
        if (d.stage == Stage::kWon) ++won;
    }
    return RatioFigure(won, closed);
}

KpiFigure Revenue(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    double amount = 0, n = 0;
    for (const auto& d : rows.deals) {
        if (!Owns(users, d.owner_id) || !ClosedIn(d, period) || d.stage != Stage::kWon) continue;
        amount += static_cast<double>(d.amount);
        ++n;
    }
    return {amount, n, std::nullopt};
}

KpiFigure WonDeals(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    return CountFigure(*Revenue(rows, users, period).numerator);
}

std::vector<StageCycle> CycleTimeByStage(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    std::map<long long, std::vector<const KpiStageMoveRow*>> moves;
    for (const auto& m : rows.stage_moves) moves[m.deal_id].push_back(&m);
    std::map<Stage, std::pair<double, int>> sums;  // stage -> (days, deals)
    for (const auto& d : rows.deals) {
        if (!Owns(users, d.owner_id) || !ClosedIn(d, period)) continue;
        auto it = moves.find(d.id);
        if (it == moves.end()) continue;
        auto history = it->second;
        std::stable_sort(history.begin(), history.end(), [](const KpiStageMoveRow* a, const KpiStageMoveRow* b) {
            return a->moved_on < b->moved_on || (a->moved_on == b->moved_on && a->id < b->id);
        });
        Date entered = d.created_on;
        std::map<Stage, double> per_deal;
        for (const auto* m : history) {
            per_deal[m->from] += DaysBetween(entered, m->moved_on);
            entered = m->moved_on;
        }
        for (const auto& [stage, days] : per_deal) {
            sums[stage].first += days;
            sums[stage].second += 1;
        }
    }
    std::vector<StageCycle> out;
    for (Stage s : kOpenOrder) {
        auto it = sums.find(s);
        if (it == sums.end()) continue;
        out.push_back({s, it->second.first / it->second.second, it->second.second});
    }
    return out;
}

KpiFigure CycleTime(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    double days = 0, n = 0;
    for (const auto& d : rows.deals) {
        if (!Owns(users, d.owner_id) || !ClosedIn(d, period)) continue;
        days += DaysBetween(d.created_on, *d.closed_on);
        ++n;
    }
    return RatioFigure(days, n);
}

KpiFigure BudgetRequestOnTime(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    std::map<long long, std::vector<const KpiStageMoveRow*>> moves;
    for (const auto& m : rows.stage_moves) moves[m.deal_id].push_back(&m);
    double due = 0, reached = 0;
    for (const auto& d : rows.deals) {
        if (!Owns(users, d.owner_id) || !d.request_deadline || !period.Contains(*d.request_deadline)) continue;
        ++due;
        const auto& history = moves[d.id];
        const bool ok = std::any_of(history.begin(), history.end(), [&](const KpiStageMoveRow* m) {
            const bool far_enough = m->to == Stage::kRequested || m->to == Stage::kBudgeted ||
                                    m->to == Stage::kTenderPrep || m->to == Stage::kBidding || m->to == Stage::kWon;
            return far_enough && !(*d.request_deadline < m->moved_on);
        });
        if (ok) ++reached;
    }
    return RatioFigure(reached, due);
}

namespace {

// What account health reads, grouped by government once per call.
struct HealthIndex {
    std::map<std::string, std::vector<Date>> activity_dates;  // sorted
    std::map<std::string, std::vector<const KpiMetricRow*>> metrics;
    std::map<long long, std::vector<const KpiMeasurementRow*>> measurements;
    std::set<std::string> with_issue;

    explicit HealthIndex(const KpiRows& rows) {
        for (const auto& a : rows.activities) activity_dates[a.government_code].push_back(a.occurred_on);
        for (auto& [code, dates] : activity_dates) std::sort(dates.begin(), dates.end());
        for (const auto& m : rows.metrics) metrics[m.government_code].push_back(&m);
        for (const auto& v : rows.measurements) measurements[v.metric_id].push_back(&v);
        for (const auto& d : rows.deals) {
            if (d.needs_follow_up) with_issue.insert(d.government_code);
        }
    }

    AccountHealth Of(const std::string& code, Date as_of) const {
        AccountHealth h;
        h.government_code = code;
        if (auto it = activity_dates.find(code); it != activity_dates.end()) {
            auto after = std::upper_bound(it->second.begin(), it->second.end(), as_of);
            if (after != it->second.begin()) {
                const int age = DaysBetween(*std::prev(after), as_of);
                h.engagement = age <= 90 ? 40 : age <= 180 ? 20 : 0;
            }
        }
        double progress_sum = 0;
        int count = 0;
        if (auto it = metrics.find(code); it != metrics.end()) {
            for (const KpiMetricRow* m : it->second) {
                if (as_of < m->created_on) continue;
                ++count;
                std::optional<Date> latest_on;
                std::optional<double> latest;
                if (auto mv = measurements.find(m->id); mv != measurements.end()) {
                    for (const KpiMeasurementRow* v : mv->second) {
                        if (as_of < v->measured_on) continue;
                        if (!latest_on || !(v->measured_on < *latest_on)) {
                            latest_on = v->measured_on;
                            latest = v->value;
                        }
                    }
                }
                const double p = OutcomeProgress(m->direction, m->baseline, m->target, latest).value_or(0.0);
                progress_sum += std::clamp(p, 0.0, 1.0);
            }
        }
        h.outcomes = count == 0 ? 20 : static_cast<int>(40.0 * progress_sum / count + 0.5);
        h.issues = with_issue.count(code) ? 0 : 20;
        h.score = h.engagement + h.outcomes + h.issues;
        return h;
    }
};

}  // namespace

AccountHealth HealthOf(const KpiRows& rows, const std::string& government_code, Date as_of) {
    return HealthIndex(rows).Of(government_code, as_of);
}

std::vector<std::string> CustomerSuccessAccounts(const KpiRows& rows, const KpiUsers& users, Date as_of) {
    std::set<std::string> codes;
    for (const auto& d : rows.deals) {
        if (d.stage != Stage::kWon || !d.closed_on || as_of < *d.closed_on || !HasCsMember(d, users)) continue;
        codes.insert(d.government_code);
    }
    return {codes.begin(), codes.end()};
}

KpiFigure HealthScore(const KpiRows& rows, const KpiUsers& users, Date as_of) {
    const HealthIndex index(rows);
    double sum = 0, n = 0;
    for (const auto& code : CustomerSuccessAccounts(rows, users, as_of)) {
        sum += index.Of(code, as_of).score;
        ++n;
    }
    return RatioFigure(sum, n);
}

KpiFigure RenewalRate(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    std::set<std::pair<std::string, long long>> next_year;
    for (const auto& d : rows.deals) {
        if (d.stage == Stage::kWon && d.fiscal_year == period.fiscal_year + 1) {
            next_year.insert({d.government_code, d.product_id});
        }
    }
    double base = 0, renewed = 0;
    for (const auto& d : rows.deals) {
        if (d.stage != Stage::kWon || d.fiscal_year != period.fiscal_year || !HasCsMember(d, users)) continue;
        ++base;
        if (next_year.count({d.government_code, d.product_id})) ++renewed;
    }
    return RatioFigure(renewed, base);
}

KpiFigure Expansion(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    std::map<std::string, std::vector<const KpiDealRow*>> won_at;
    for (const auto& e : rows.deals) {
        if (e.stage == Stage::kWon && e.closed_on) won_at[e.government_code].push_back(&e);
    }
    double amount = 0, n = 0;
    for (const auto& d : rows.deals) {
        if (d.stage != Stage::kWon || !d.closed_on || !period.Contains(*d.closed_on) || !HasCsMember(d, users)) {
            continue;
        }
        const auto& same_government = won_at[d.government_code];
        const bool earlier_other = std::any_of(
            same_government.begin(), same_government.end(),
            [&](const KpiDealRow* e) { return *e->closed_on < *d.closed_on && e->product_id != d.product_id; });
        if (!earlier_other) continue;
        amount += static_cast<double>(d.amount);
        ++n;
    }
    return {amount, n, std::nullopt};
}

KpiFigure OutcomesRecorded(const KpiRows& rows, const KpiUsers& users, const KpiPeriod& period) {
    std::set<long long> measured;
    for (const auto& v : rows.measurements) {
        if (period.Contains(v.measured_on)) measured.insert(v.metric_id);
    }
    double defined = 0, recorded = 0;
    for (const auto& m : rows.metrics) {
        if (!Owns(users, m.owner_id) || period.to < m.created_on) continue;
        ++defined;
        if (measured.count(m.id)) ++recorded;
    }
    return RatioFigure(recorded, defined);
}

std::optional<double> QuotaAttainment(double actual, double annual_target, int quarter) {
    const double target = quarter == 0 ? annual_target : annual_target / 4.0;
    if (!(target > 0)) return std::nullopt;
    return actual / target;
}

}  // namespace kyoso::domain
