#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/result.hpp"
#include "kyoso/domain/division/kpi.hpp"

namespace kyoso::ports {

// An outcome metric customer success owns after a contract (docs/division-of-labour.md,
// "Phases and outcomes"): e.g. 電子申請のオンライン利用率 from 12% to 40%.
struct OutcomeMetricRecord {
    long long id = 0;
    long long deal_id = 0;  // a won deal
    std::string government_code;
    long long product_id = 0;
    std::string name;
    std::string unit;       // "%", "件", "日"
    std::string direction;  // increase | decrease
    double baseline = 0;
    std::string baseline_on;  // YYYY-MM-DD
    double target = 0;
    std::string target_on;   // YYYY-MM-DD
    long long owner_id = 0;  // a customer-success user
    std::string created_at;
};

// One measured value of an outcome metric.
struct OutcomeMeasurementRecord {
    long long id = 0;
    long long metric_id = 0;
    std::string measured_on;  // YYYY-MM-DD
    double value = 0;
    std::string note;
    long long recorded_by = 0;
    std::string created_at;
};

// A target per fiscal year for the company (team "" and user 0), a team or a user.
struct QuotaRecord {
    long long id = 0;
    int fiscal_year = 0;
    std::string team;       // "" = company (or the user's own quota when user_id is set)
    long long user_id = 0;  // 0 = none
    std::string metric;     // revenue | won_deals | meetings | qualified_leads | leads_worked | connects
    double target = 0;
};

// What a deal's phase is computed from.
struct DealPhaseRow {
    long long deal_id = 0;
    std::string stage;          // StageSlug
    std::string budget_status;  // BudgetStatusSlug
    std::string override_slug;  // "" = derived
};

// A won deal as the demo's outcome seeding sees it.
struct WonDealRef {
    long long deal_id = 0;
    std::string government_code;
    long long product_id = 0;
    std::string closed_on;
    int fiscal_year = 0;
    long long cs_user_id = 0;  // 0 = no customer-success member
};

// A user as the KPI views group them.
struct KpiUser {
    long long id = 0;
    std::string name;
    std::string role;  // SalesRoleSlug
    std::string team;
};

// The rows the KPI formulas read for one period, bounded by dates so a Japan-scale
// database reads only what the period can use.
struct KpiRowsQuery {
    std::string from;             // period start, YYYY-MM-DD
    std::string to;               // period end, YYYY-MM-DD
    std::string leads_from;       // earliest lead created_on read
    std::string activities_from;  // earliest activity occurred_on read
    int fiscal_year = 0;
};

// domain::KpiRows plus each deal's government kind (KindSlug, parallel to rows.deals),
// from which the app computes request deadlines.
struct KpiSnapshot {
    domain::KpiRows rows;
    std::vector<std::string> deal_government_kinds;
};

// Outcomes, quotas, deal phase overrides and the KPI rows. SQL written once for both
// backends; safe for concurrent use; calls inside Store::InTransaction join it.
class KpiRepository {
public:
    virtual ~KpiRepository() = default;

    // Inserts a metric (id ignored) and returns its id.
    virtual Result<long long> InsertMetric(const OutcomeMetricRecord& metric) = 0;
    // NotFound naming the id.
    virtual Result<OutcomeMetricRecord> FindMetric(long long id) = 0;
    virtual Result<std::vector<OutcomeMetricRecord>> MetricsOfDeal(long long deal_id) = 0;
    virtual Result<std::vector<OutcomeMetricRecord>> MetricsOfGovernment(const std::string& government_code) = 0;
    // Updates name, unit, direction, baseline(+on), target(+on), owner. NotFound when absent.
    virtual Status UpdateMetric(const OutcomeMetricRecord& metric) = 0;
    // Deletes the metric and its measurements. NotFound when absent.
    virtual Status DeleteMetric(long long id) = 0;
    virtual Result<long long> InsertMeasurement(const OutcomeMeasurementRecord& measurement) = 0;
    // Measurements of the metrics, by metric then measured_on then id.
    virtual Result<std::vector<OutcomeMeasurementRecord>> MeasurementsOf(const std::vector<long long>& metric_ids) = 0;

    // The quotas of a fiscal year, by team, user, metric.
    virtual Result<std::vector<QuotaRecord>> Quotas(int fiscal_year) = 0;
    // Replaces every quota of the fiscal year with `quotas` (their fiscal_year ignored).
    virtual Status ReplaceQuotas(int fiscal_year, const std::vector<QuotaRecord>& quotas) = 0;

    // The deal's explicit phase ("" = derived). NotFound when the deal is absent.
    virtual Result<DealPhaseRow> DealPhase(long long deal_id) = 0;
    virtual Status SetSupportPhase(long long deal_id, const std::string& override_slug) = 0;
    // Every deal of the government, for phase counts.
    virtual Result<std::vector<DealPhaseRow>> DealPhasesOfGovernment(const std::string& government_code) = 0;

    // Won deals closed on or after `from` (YYYY-MM-DD), newest first, at most `limit`.
    virtual Result<std::vector<WonDealRef>> WonDealsClosedSince(const std::string& from, int limit) = 0;
    // Sales users (role not empty), by team then id.
    virtual Result<std::vector<KpiUser>> Users() = 0;
    // The rows of the KPI formulas for the period: leads created in [leads_from, to],
    // activities in [activities_from, to], every deal (amount =
    // award amount when set) with its customer-success members, the stage history of the
    // deals closed in the period or with a target year of fiscal_year .. fiscal_year + 2,
    // every outcome metric and the measurements up to the period's end.
    virtual Result<KpiSnapshot> ReadKpiRows(const KpiRowsQuery& query) = 0;
};

}  // namespace kyoso::ports
