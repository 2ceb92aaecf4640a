#include "kyoso/app/kpi/kpi_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/division/outcome.hpp"
#include "kyoso/domain/fiscal/fiscal_calendar.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"
#include "kyoso/domain/government/government.hpp"

namespace kyoso::app {

namespace {

std::string Number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string MetricJson(const ports::OutcomeMetricRecord& m) {
    return AuditJson()
        .Int("deal_id", m.deal_id)
        .Str("government_code", m.government_code)
        .Int("product_id", m.product_id)
        .Str("name", m.name)
        .Str("unit", m.unit)
        .Str("direction", m.direction)
        .Raw("baseline", Number(m.baseline))
        .Str("baseline_on", m.baseline_on)
        .Raw("target", Number(m.target))
        .Str("target_on", m.target_on)
        .Int("owner_id", m.owner_id)
        .str();
}

std::string QuotasJson(const std::vector<ports::QuotaRecord>& quotas) {
    std::string out = "[";
    for (size_t i = 0; i < quotas.size(); ++i) {
        if (i) out += ",";
        out += AuditJson()
                   .Str("team", quotas[i].team)
                   .Int("user_id", quotas[i].user_id)
                   .Str("metric", quotas[i].metric)
                   .Raw("target", Number(quotas[i].target))
                   .str();
    }
    return out + "]";
}

bool ValidDate(const std::string& text) { return ParseIsoDate(text).has_value(); }

// The KPI whose actual value a quota metric is compared with, and which part of it.
struct QuotaLink {
    const char* metric;
    const char* kpi;
    bool use_numerator;
};
constexpr QuotaLink kQuotaLinks[] = {
    {"revenue", "revenue", false},           {"won_deals", "won_deals", false},
    {"meetings", "meetings_set", false},     {"qualified_leads", "qualification_rate", true},
    {"leads_worked", "leads_worked", false}, {"connects", "connects", false},
};

}  // namespace

const std::vector<std::string>& KpiNamesOfRole(const std::string& role) {
    static const std::map<std::string, std::vector<std::string>> kNames = {
        {"bdr", {"leads_worked", "qualification_rate", "speed_to_first_touch"}},
        {"inside_sales", {"connects", "meetings_set"}},
        {"field_sales", {"revenue", "won_deals", "win_rate", "cycle_time", "budget_request_on_time"}},
        {"customer_success", {"health_score", "renewal_rate", "expansion", "outcomes_recorded"}},
    };
    static const std::vector<std::string> kNone;
    auto it = kNames.find(role);
    return it == kNames.end() ? kNone : it->second;
}

Result<std::string> KpiRoleFor(const Principal& me, const std::string& requested) {
    const std::string own_role(domain::AccessRoleSlug(me.role));
    const std::string role = !requested.empty()                  ? requested
                             : !KpiNamesOfRole(own_role).empty() ? own_role
                                                                 : "field_sales";
    const bool manager_like = me.role == domain::AccessRole::kAdmin || me.role == domain::AccessRole::kManager;
    if (!manager_like && role != own_role) {
        return PermissionDenied("a " + own_role + " user sees the " + own_role + " KPIs only");
    }
    return role;
}

const std::vector<std::string>& QuotaMetrics() {
    static const std::vector<std::string> kMetrics = {"revenue",         "won_deals",    "meetings",
                                                      "qualified_leads", "leads_worked", "connects"};
    return kMetrics;
}

Result<KpiReport> KpiService::Report(const KpiQuery& query) {
    std::vector<ErrorDetail> errors;
    auto period = domain::MakeKpiPeriod(query.fiscal_year, query.quarter);
    if (query.fiscal_year < 1900 || query.fiscal_year > 9999) errors.push_back({"fiscal_year", "must be a year"});
    if (query.quarter < 0 || query.quarter > 4) errors.push_back({"quarter", "must be 1..4 (or absent)"});
    if (KpiNamesOfRole(query.role).empty()) {
        errors.push_back({"role", "must be bdr, inside_sales, field_sales or customer_success"});
    }
    if (!errors.empty() || !period) return InvalidArgument("invalid KPI query", std::move(errors));

    KpiReport report;
    report.period = *period;
    report.role = query.role;
    const Date today = clock_.Today();
    report.as_of = today < period->to ? today : period->to;

    ports::KpiRowsQuery rq;
    rq.from = FormatIsoDate(period->from);
    rq.to = FormatIsoDate(period->to);
    rq.leads_from = FormatIsoDate(AddDays(period->from, -730));
    rq.activities_from = FormatIsoDate(AddDays(period->from, -200));
    rq.fiscal_year = period->fiscal_year;
    auto snapshot = store_.kpis().ReadKpiRows(rq);
    if (!snapshot.ok()) return snapshot.status();
    domain::KpiRows& rows = snapshot->rows;
    // Request deadlines: the 予算要求締切 of FY T-1 by the government's kind (defaults),
    // those on or before as_of only.
    std::map<std::pair<std::string, int>, std::optional<Date>> deadlines;
    for (size_t i = 0; i < rows.deals.size(); ++i) {
        auto& d = rows.deals[i];
        if (d.fiscal_year <= 1900) continue;
        const std::string& kind_slug = snapshot->deal_government_kinds[i];
        auto key = std::make_pair(kind_slug, d.fiscal_year);
        auto it = deadlines.find(key);
        if (it == deadlines.end()) {
            std::optional<Date> due;
            if (auto kind = domain::KindFromSlug(kind_slug)) {
                const auto cal =
                    domain::FiscalCalendar::Build(domain::FiscalYear(d.fiscal_year - 1), *kind, {}, business_days_);
                if (const auto* m = cal.Find(domain::MilestoneKind::kBudgetRequestDeadline)) due = m->end;
            }
            it = deadlines.emplace(key, due).first;
        }
        // A deadline still ahead of the report's day cannot be judged yet: left out.
        if (it->second && !(report.as_of < *it->second)) d.request_deadline = it->second;
    }

    auto users = store_.kpis().Users();
    if (!users.ok()) return users.status();
    auto quotas = store_.kpis().Quotas(period->fiscal_year);
    if (!quotas.ok()) return quotas.status();

    auto compute = [&](const domain::KpiUsers& set, KpiRow& row) {
        for (const auto& name : KpiNamesOfRole(query.role)) {
            KpiValue v;
            v.name = name;
            if (name == "leads_worked") v.figure = domain::LeadsWorked(rows, set, *period);
            if (name == "qualification_rate") v.figure = domain::QualificationRate(rows, set, *period);
            if (name == "speed_to_first_touch") {
                v.figure = domain::SpeedToFirstTouch(rows, set, *period, business_days_);
            }
            if (name == "connects") v.figure = domain::Connects(rows, set, *period);
            if (name == "meetings_set") v.figure = domain::MeetingsSet(rows, set, *period);
            if (name == "revenue") v.figure = domain::Revenue(rows, set, *period);
            if (name == "won_deals") v.figure = domain::WonDeals(rows, set, *period);
            if (name == "win_rate") v.figure = domain::WinRate(rows, set, *period);
            if (name == "cycle_time") v.figure = domain::CycleTime(rows, set, *period);
            if (name == "budget_request_on_time") v.figure = domain::BudgetRequestOnTime(rows, set, *period);
            if (name == "health_score") v.figure = domain::HealthScore(rows, set, report.as_of);
            if (name == "renewal_rate") v.figure = domain::RenewalRate(rows, set, *period);
            if (name == "expansion") v.figure = domain::Expansion(rows, set, *period);
            if (name == "outcomes_recorded") v.figure = domain::OutcomesRecorded(rows, set, *period);
            for (const auto& link : kQuotaLinks) {
                if (name != link.kpi) continue;
                for (const auto& q : *quotas) {
                    const bool mine = row.user_id != 0 ? q.user_id == row.user_id
                                                       : (q.user_id == 0 && q.team == row.team && !q.team.empty());
                    if (!mine || q.metric != link.metric) continue;
                    v.quota = q.target;
                    const auto actual = link.use_numerator ? v.figure.numerator : v.figure.value;
                    if (actual) v.attainment = domain::QuotaAttainment(*actual, q.target, period->quarter);
                }
            }
            row.values.push_back(std::move(v));
        }
        if (query.role == "field_sales") row.stage_cycle = domain::CycleTimeByStage(rows, set, *period);
        if (query.role == "customer_success") {
            for (const auto& code : domain::CustomerSuccessAccounts(rows, set, report.as_of)) {
                row.accounts.push_back(domain::HealthOf(rows, code, report.as_of));
            }
        }
    };

    std::map<std::string, domain::KpiUsers> teams;
    std::vector<const ports::KpiUser*> people;
    for (const auto& u : *users) {
        if (u.role != query.role) continue;
        if (!query.team.empty() && u.team != query.team) continue;
        teams[u.team].insert(u.id);
        people.push_back(&u);
    }
    for (const auto& [team, members] : teams) {
        KpiRow row;
        row.team = team;
        row.name = team.empty() ? "（チームなし）" : team;
        row.members = static_cast<int>(members.size());
        compute(members, row);
        report.teams.push_back(std::move(row));
    }
    std::stable_sort(people.begin(), people.end(), [](const ports::KpiUser* a, const ports::KpiUser* b) {
        return a->team != b->team ? a->team < b->team : a->id < b->id;
    });
    for (const auto* u : people) {
        KpiRow row;
        row.team = u->team;
        row.user_id = u->id;
        row.name = u->name;
        row.members = 1;
        compute({u->id}, row);
        report.users.push_back(std::move(row));
    }
    return report;
}

// ---- phases -------------------------------------------------------------------

Result<DealPhase> KpiService::PhaseOfDeal(long long deal_id) {
    auto row = store_.kpis().DealPhase(deal_id);
    if (!row.ok()) return row.status();
    DealPhase p;
    p.deal_id = deal_id;
    const auto stage = domain::StageFromSlug(row->stage).value_or(domain::Stage::kDiscovery);
    const auto budget = domain::BudgetStatusFromSlug(row->budget_status).value_or(domain::BudgetStatus::kNone);
    p.derived = domain::DeriveSupportPhase(stage, budget);
    p.override_slug = row->override_slug;
    p.phase = domain::EffectiveSupportPhase(stage, budget, row->override_slug);
    return p;
}

Result<DealPhase> KpiService::SetPhase(long long deal_id, const std::string& override_slug, const Principal& by) {
    if (!override_slug.empty() && !domain::SupportPhaseFromSlug(override_slug)) {
        return InvalidArgument("invalid support phase",
                               {{"support_phase", "must be policy_formation, implementation or \"\" (derived)"}});
    }
    auto before = PhaseOfDeal(deal_id);
    if (!before.ok()) return before.status();
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.kpis().SetSupportPhase(deal_id, override_slug));
        return audit_.Append({by.Actor(), "deal.support_phase", "deal", std::to_string(deal_id),
                              AuditJson().Str("support_phase", before->override_slug).str(),
                              AuditJson().Str("support_phase", override_slug).str()});
    });
    if (!st.ok()) return st;
    return PhaseOfDeal(deal_id);
}

Result<GovernmentPhases> KpiService::PhasesOfGovernment(const std::string& government_code) {
    auto rows = store_.kpis().DealPhasesOfGovernment(government_code);
    if (!rows.ok()) return rows.status();
    GovernmentPhases g;
    g.government_code = government_code;
    for (const auto& r : *rows) {
        const auto stage = domain::StageFromSlug(r.stage).value_or(domain::Stage::kDiscovery);
        const auto budget = domain::BudgetStatusFromSlug(r.budget_status).value_or(domain::BudgetStatus::kNone);
        if (domain::EffectiveSupportPhase(stage, budget, r.override_slug) == domain::SupportPhase::kImplementation) {
            ++g.implementation;
        } else {
            ++g.policy_formation;
        }
    }
    if (g.implementation + g.policy_formation > 0) {
        g.phase = g.implementation >= g.policy_formation ? domain::SupportPhase::kImplementation
                                                         : domain::SupportPhase::kPolicyFormation;
    }
    return g;
}

// ---- outcomes -------------------------------------------------------------------

Result<OutcomeView> KpiService::ViewOf(const ports::OutcomeMetricRecord& metric) {
    auto views = ViewsOf({metric});
    if (!views.ok()) return views.status();
    return std::move(views->front());
}

Result<std::vector<OutcomeView>> KpiService::ViewsOf(const std::vector<ports::OutcomeMetricRecord>& metrics) {
    std::vector<long long> ids;
    for (const auto& m : metrics) ids.push_back(m.id);
    auto values = store_.kpis().MeasurementsOf(ids);
    if (!values.ok()) return values.status();
    std::vector<OutcomeView> out;
    for (const auto& m : metrics) {
        OutcomeView v;
        v.metric = m;
        for (const auto& x : *values) {
            if (x.metric_id == m.id) v.measurements.push_back(x);
        }
        if (!v.measurements.empty()) v.latest = v.measurements.back().value;
        const auto direction =
            domain::OutcomeDirectionFromSlug(m.direction).value_or(domain::OutcomeDirection::kIncrease);
        v.progress = domain::OutcomeProgress(direction, m.baseline, m.target, v.latest);
        out.push_back(std::move(v));
    }
    return out;
}

Result<std::vector<OutcomeView>> KpiService::OutcomesOfDeal(long long deal_id) {
    auto deal = store_.deals().Get(deal_id);
    if (!deal.ok()) return deal.status();
    auto metrics = store_.kpis().MetricsOfDeal(deal_id);
    if (!metrics.ok()) return metrics.status();
    return ViewsOf(*metrics);
}

Result<std::vector<OutcomeView>> KpiService::OutcomesOfGovernment(const std::string& government_code) {
    auto metrics = store_.kpis().MetricsOfGovernment(government_code);
    if (!metrics.ok()) return metrics.status();
    return ViewsOf(*metrics);
}

Result<OutcomeView> KpiService::Outcome(long long metric_id) {
    auto metric = store_.kpis().FindMetric(metric_id);
    if (!metric.ok()) return metric.status();
    return ViewOf(*metric);
}

Status KpiService::CanWriteOutcome(const Principal& p, const Authorizer& authorizer,
                                   const ports::OutcomeMetricRecord* metric) const {
    if (p.role == domain::AccessRole::kCustomerSuccess || p.role == domain::AccessRole::kAdmin) return Status::Ok();
    if (authorizer.Has(p, domain::Capability::kManageSalesOps)) return Status::Ok();
    if (metric && metric->owner_id == p.user_id) return Status::Ok();
    return PermissionDenied("outcome metrics are written by customer success, their owner or a manager");
}

namespace {

// Applies `r` onto `m` and checks the whole metric; errors name the fields.
std::vector<ErrorDetail> ApplyOutcome(const OutcomeRequest& r, ports::OutcomeMetricRecord& m) {
    if (r.name) m.name = *r.name;
    if (r.unit) m.unit = *r.unit;
    if (r.direction) m.direction = *r.direction;
    if (r.baseline) m.baseline = *r.baseline;
    if (r.baseline_on) m.baseline_on = *r.baseline_on;
    if (r.target) m.target = *r.target;
    if (r.target_on) m.target_on = *r.target_on;
    if (r.owner_id) m.owner_id = *r.owner_id;
    std::vector<ErrorDetail> errors;
    if (m.name.empty() || m.name.size() > 200) errors.push_back({"name", "required, at most 200 bytes"});
    if (m.unit.size() > 20) errors.push_back({"unit", "at most 20 bytes"});
    const auto direction = domain::OutcomeDirectionFromSlug(m.direction);
    if (!direction) errors.push_back({"direction", "must be increase or decrease"});
    if (!std::isfinite(m.baseline)) errors.push_back({"baseline", "must be a number"});
    if (!std::isfinite(m.target)) errors.push_back({"target", "must be a number"});
    if (!ValidDate(m.baseline_on)) errors.push_back({"baseline_on", "must be a date YYYY-MM-DD"});
    if (!ValidDate(m.target_on)) errors.push_back({"target_on", "must be a date YYYY-MM-DD"});
    if (ValidDate(m.baseline_on) && ValidDate(m.target_on) &&
        *ParseIsoDate(m.target_on) < *ParseIsoDate(m.baseline_on)) {
        errors.push_back({"target_on", "before baseline_on"});
    }
    if (direction && std::isfinite(m.baseline) && std::isfinite(m.target) &&
        !domain::TargetMatchesDirection(*direction, m.baseline, m.target)) {
        errors.push_back({"target", *direction == domain::OutcomeDirection::kIncrease
                                        ? "must not be below baseline for an increasing metric"
                                        : "must not be above baseline for a decreasing metric"});
    }
    return errors;
}

}  // namespace

Result<OutcomeView> KpiService::CreateOutcome(long long deal_id, const OutcomeRequest& request, const Principal& by) {
    auto deal = store_.deals().Get(deal_id);
    if (!deal.ok()) return deal.status();
    if (deal->stage != domain::Stage::kWon) {
        return FailedPrecondition("deal " + std::to_string(deal_id) + " is not won: outcomes follow a contract");
    }
    ports::OutcomeMetricRecord m;
    m.deal_id = deal_id;
    m.government_code = deal->government_code;
    m.product_id = deal->product_id;
    m.owner_id = by.user_id;
    m.direction = "increase";
    auto errors = ApplyOutcome(request, m);
    if (m.owner_id != 0) {
        auto exists = store_.deals().UserExists(m.owner_id);
        if (!exists.ok()) return exists.status();
        if (!*exists) errors.push_back({"owner_id", "no user with id " + std::to_string(m.owner_id)});
    }
    if (!errors.empty()) return InvalidArgument("invalid outcome metric", std::move(errors));
    m.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.kpis().InsertMetric(m);
        if (!id.ok()) return id.status();
        m.id = *id;
        return audit_.Append(
            {by.Actor(), "outcome_metric.create", "outcome_metric", std::to_string(m.id), "", MetricJson(m)});
    });
    if (!st.ok()) return st;
    return ViewOf(m);
}

Result<OutcomeView> KpiService::UpdateOutcome(long long metric_id, const OutcomeRequest& request, const Principal& by) {
    auto existing = store_.kpis().FindMetric(metric_id);
    if (!existing.ok()) return existing.status();
    ports::OutcomeMetricRecord m = *existing;
    auto errors = ApplyOutcome(request, m);
    if (request.owner_id) {
        auto exists = store_.deals().UserExists(m.owner_id);
        if (!exists.ok()) return exists.status();
        if (!*exists) errors.push_back({"owner_id", "no user with id " + std::to_string(m.owner_id)});
    }
    if (!errors.empty()) return InvalidArgument("invalid outcome metric", std::move(errors));
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.kpis().UpdateMetric(m));
        return audit_.Append({by.Actor(), "outcome_metric.update", "outcome_metric", std::to_string(m.id),
                              MetricJson(*existing), MetricJson(m)});
    });
    if (!st.ok()) return st;
    return ViewOf(m);
}

Status KpiService::DeleteOutcome(long long metric_id, const Principal& by) {
    auto existing = store_.kpis().FindMetric(metric_id);
    if (!existing.ok()) return existing.status();
    return store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.kpis().DeleteMetric(metric_id));
        return audit_.Append({by.Actor(), "outcome_metric.delete", "outcome_metric", std::to_string(metric_id),
                              MetricJson(*existing), ""});
    });
}

Result<OutcomeView> KpiService::RecordMeasurement(long long metric_id, const MeasurementRequest& request,
                                                  const Principal& by) {
    auto metric = store_.kpis().FindMetric(metric_id);
    if (!metric.ok()) return metric.status();
    std::vector<ErrorDetail> errors;
    if (!request.measured_on || !ValidDate(*request.measured_on)) {
        errors.push_back({"measured_on", "required, a date YYYY-MM-DD"});
    }
    if (!request.value || !std::isfinite(*request.value)) errors.push_back({"value", "required, a number"});
    if (request.note && request.note->size() > 1000) errors.push_back({"note", "at most 1000 bytes"});
    if (!errors.empty()) return InvalidArgument("invalid measurement", std::move(errors));
    ports::OutcomeMeasurementRecord v;
    v.metric_id = metric_id;
    v.measured_on = *request.measured_on;
    v.value = *request.value;
    v.note = request.note.value_or("");
    v.recorded_by = by.user_id;
    v.created_at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        auto id = store_.kpis().InsertMeasurement(v);
        if (!id.ok()) return id.status();
        return audit_.Append({by.Actor(), "outcome_measurement.create", "outcome_metric", std::to_string(metric_id), "",
                              AuditJson()
                                  .Int("id", *id)
                                  .Str("measured_on", v.measured_on)
                                  .Raw("value", Number(v.value))
                                  .Str("note", v.note)
                                  .str()});
    });
    if (!st.ok()) return st;
    return ViewOf(*metric);
}

// ---- quotas ---------------------------------------------------------------------

Result<std::vector<ports::QuotaRecord>> KpiService::Quotas(int fiscal_year) {
    if (fiscal_year < 1900 || fiscal_year > 9999) {
        return InvalidArgument("invalid fiscal year", {{"fiscal_year", "must be a year"}});
    }
    return store_.kpis().Quotas(fiscal_year);
}

Result<std::vector<ports::QuotaRecord>> KpiService::ReplaceQuotas(int fiscal_year,
                                                                  const std::vector<ports::QuotaRecord>& quotas,
                                                                  const Principal& by) {
    std::vector<ErrorDetail> errors;
    if (fiscal_year < 1900 || fiscal_year > 9999) errors.push_back({"fiscal_year", "must be a year"});
    std::set<std::tuple<std::string, long long, std::string>> seen;
    const auto& metrics = QuotaMetrics();
    for (size_t i = 0; i < quotas.size(); ++i) {
        const auto& q = quotas[i];
        const std::string at = "quotas[" + std::to_string(i) + "].";
        if (std::find(metrics.begin(), metrics.end(), q.metric) == metrics.end()) {
            errors.push_back({at + "metric",
                              "must be one of revenue, won_deals, meetings, qualified_leads, "
                              "leads_worked, connects"});
        }
        if (!std::isfinite(q.target) || q.target < 0) errors.push_back({at + "target", "must be a number >= 0"});
        if (q.user_id != 0) {
            auto exists = store_.deals().UserExists(q.user_id);
            if (!exists.ok()) return exists.status();
            if (!*exists) errors.push_back({at + "user_id", "no user with id " + std::to_string(q.user_id)});
        }
        if (!seen.insert({q.team, q.user_id, q.metric}).second) {
            errors.push_back({at + "metric", "the same team, user and metric appear twice"});
        }
    }
    if (!errors.empty()) return InvalidArgument("invalid quotas", std::move(errors));
    auto before = store_.kpis().Quotas(fiscal_year);
    if (!before.ok()) return before.status();
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.kpis().ReplaceQuotas(fiscal_year, quotas));
        return audit_.Append({by.Actor(), "quotas.replace", "quotas", std::to_string(fiscal_year), QuotasJson(*before),
                              QuotasJson(quotas)});
    });
    if (!st.ok()) return st;
    return store_.kpis().Quotas(fiscal_year);
}

}  // namespace kyoso::app
