// The outcome and quota part of the demo (docs/division-of-labour.md, "Demo data"):
// outcome metrics with quarterly measurements on recent won deals, and quotas per
// fiscal year for teams and people. Deterministic: every number follows from deal
// ids and the options; bounded at Japan scale.

#include <algorithm>
#include <cmath>
#include <map>

#include "kyoso/app/demo/demo_division.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::app {

namespace {

struct MetricTemplate {
    const char* name;
    const char* unit;
    const char* direction;
    double baseline;
    double target;
};

// オンライン申請率 12% → 40% is the book's example; the others are typical DX outcomes.
constexpr MetricTemplate kTemplates[] = {
    {"オンライン申請率", "%", "increase", 12, 40},
    {"窓口での平均処理時間", "分", "decrease", 25, 15},
    {"電子申請の月間利用件数", "件", "increase", 100, 600},
};

// The quarter ends (6/30, 9/30, 12/31, 3/31) after `from` and on or before `to`.
std::vector<Date> QuarterEnds(Date from, Date to) {
    std::vector<Date> out;
    const int first_year = static_cast<int>(from.year()) - 1;
    const int last_year = static_cast<int>(to.year()) + 1;
    for (int y = first_year; y <= last_year; ++y) {
        for (Date d : {MakeDate(y, 3, 31), MakeDate(y, 6, 30), MakeDate(y, 9, 30), MakeDate(y, 12, 31)}) {
            if (from < d && !(to < d)) out.push_back(d);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

double Round1(double v) { return std::round(v * 10) / 10; }

}  // namespace

Status SeedDemoOutcomes(const DemoDivisionContext& context) {
    ports::Store& store = context.store;
    const Date as_of = context.options.as_of;
    const bool small = context.options.scale == DemoScale::kSmall;
    auto users = store.kpis().Users();
    if (!users.ok()) return users.status();
    long long first_cs = 0;
    for (const auto& u : *users) {
        if (u.role == "customer_success" && first_cs == 0) first_cs = u.id;
    }

    // ---- outcome metrics on won deals of the last 18 months ----
    auto won = store.kpis().WonDealsClosedSince(FormatIsoDate(AddDays(as_of, -540)), small ? 24 : 400);
    if (!won.ok()) return won.status();
    long long metrics = 0, measurements = 0;
    for (size_t i = 0; i < won->size(); ++i) {
        const auto& deal = (*won)[i];
        const auto closed = ParseIsoDate(deal.closed_on);
        if (!closed) continue;
        const MetricTemplate& t = kTemplates[static_cast<size_t>(deal.deal_id) % std::size(kTemplates)];
        ports::OutcomeMetricRecord m;
        m.deal_id = deal.deal_id;
        m.government_code = deal.government_code;
        m.product_id = deal.product_id;
        m.name = t.name;
        m.unit = t.unit;
        m.direction = t.direction;
        m.baseline = t.baseline;
        m.baseline_on = deal.closed_on;
        m.target = t.target;
        m.target_on = FormatIsoDate(domain::FiscalYear(std::max(deal.fiscal_year, 1900) + 1).last_day());
        m.owner_id = deal.cs_user_id != 0 ? deal.cs_user_id : first_cs;
        if (m.owner_id == 0) continue;
        Date created = AddDays(*closed, 5);
        if (as_of < created) created = as_of;
        m.created_at = FormatIsoDate(created) + "T00:00:00Z";
        auto id = store.kpis().InsertMetric(m);
        if (!id.ok()) return id.status();
        ++metrics;
        // Every seventh metric waits for its first measurement ("outcomes recorded" < 100%).
        if (i % 7 == 5) continue;
        const double pace = 0.10 + static_cast<double>(deal.deal_id % 5) * 0.05;  // share of the way per quarter
        int k = 0;
        for (Date on : QuarterEnds(*closed, as_of)) {
            ++k;
            ports::OutcomeMeasurementRecord v;
            v.metric_id = *id;
            v.measured_on = FormatIsoDate(on);
            v.value = Round1(t.baseline + (t.target - t.baseline) * std::min(1.1, k * pace));
            v.note = k == 1 ? "導入後最初の四半期の実績" : "四半期ごとの定例測定";
            v.recorded_by = m.owner_id;
            v.created_at = FormatIsoDate(on) + "T09:00:00Z";
            KYOSO_RETURN_IF_ERROR(store.kpis().InsertMeasurement(v).status());
            ++measurements;
        }
    }
    context.progress.Report("demo: outcome metrics", metrics, metrics);

    // ---- quotas for the fiscal year of as_of and the one before ----
    std::map<std::string, std::map<std::string, int>> members;  // team -> role -> count
    for (const auto& u : *users) members[u.team][u.role]++;
    const int this_year = domain::FiscalYear::Containing(as_of).year();
    for (int fy : {this_year - 1, this_year}) {
        std::vector<ports::QuotaRecord> quotas;
        double company_revenue = 0;
        for (const auto& [team, team_roles] : members) {
            const auto& roles = team_roles;  // clang 14 cannot capture a structured binding
            auto count = [&](const char* role) {
                auto it = roles.find(role);
                return it == roles.end() ? 0 : it->second;
            };
            if (int n = count("field_sales"); n > 0) {
                quotas.push_back({0, fy, team, 0, "revenue", n * 40'000'000.0});
                quotas.push_back({0, fy, team, 0, "won_deals", n * 8.0});
                company_revenue += n * 40'000'000.0;
            }
            if (int n = count("inside_sales"); n > 0) {
                quotas.push_back({0, fy, team, 0, "meetings", n * 60.0});
                quotas.push_back({0, fy, team, 0, "connects", n * 300.0});
            }
            if (int n = count("bdr"); n > 0) {
                quotas.push_back({0, fy, team, 0, "qualified_leads", n * 24.0});
                quotas.push_back({0, fy, team, 0, "leads_worked", n * 120.0});
            }
        }
        for (const auto& u : *users) {
            if (u.role == "field_sales") {
                // Between 30M and 50M yen a person, by id, so attainment bars differ.
                quotas.push_back(
                    {0, fy, "", u.id, "revenue", 30'000'000.0 + static_cast<double>(u.id % 5) * 5'000'000});
                quotas.push_back({0, fy, "", u.id, "won_deals", 8.0});
            }
            if (u.role == "inside_sales") quotas.push_back({0, fy, "", u.id, "meetings", 60.0});
        }
        if (company_revenue > 0) quotas.push_back({0, fy, "", 0, "revenue", company_revenue});
        KYOSO_RETURN_IF_ERROR(store.kpis().ReplaceQuotas(fy, quotas));
    }
    context.progress.Report("demo: quotas", 1, 1);
    (void)measurements;
    return Status::Ok();
}

}  // namespace kyoso::app
