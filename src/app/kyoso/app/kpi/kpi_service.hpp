#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/domain/division/kpi.hpp"
#include "kyoso/domain/division/phase.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// The KPI names of each sales role, in display order (docs/division-of-labour.md).
// Roles: bdr, inside_sales, field_sales, customer_success.
const std::vector<std::string>& KpiNamesOfRole(const std::string& role);
// The role whose KPIs `me` asked for: `requested`, else their own sales role, else
// field_sales. Each role sees its own KPIs; managers and administrators every role's
// (PermissionDenied otherwise).
Result<std::string> KpiRoleFor(const Principal& me, const std::string& requested);
// The quota metrics Kyoso measures attainment for: revenue, won_deals, meetings,
// qualified_leads, leads_worked, connects.
const std::vector<std::string>& QuotaMetrics();

// One KPI of one row: the figure plus the quota of the same metric, if any.
struct KpiValue {
    std::string name;  // "win_rate"
    domain::KpiFigure figure;
    std::optional<double> quota;       // the annual target
    std::optional<double> attainment;  // actual / (target, or target/4 for a quarter)
};

// A team's or a person's KPIs for one role.
struct KpiRow {
    std::string team;
    long long user_id = 0;  // 0 for a team row
    std::string name;       // team name or person's name
    int members = 0;        // team rows: members of the role in the team
    std::vector<KpiValue> values;
    std::vector<domain::StageCycle> stage_cycle;  // field sales only
    std::vector<domain::AccountHealth> accounts;  // customer success only
};

struct KpiQuery {
    int fiscal_year = 0;
    int quarter = 0;   // 0 = the whole year
    std::string role;  // bdr | inside_sales | field_sales | customer_success
    std::string team;  // "" = every team
};

struct KpiReport {
    domain::KpiPeriod period;
    std::string role;
    Date as_of{};               // the day account health is taken (period end, or today if earlier)
    std::vector<KpiRow> teams;  // teams first (by name) ...
    std::vector<KpiRow> users;  // ... then individuals (by team, then name)
};

// An outcome metric with its measurements and progress.
struct OutcomeView {
    ports::OutcomeMetricRecord metric;
    std::vector<ports::OutcomeMeasurementRecord> measurements;  // by date
    std::optional<double> latest;
    std::optional<double> progress;  // domain::OutcomeProgress
};

// Fields of a new or changed outcome metric as the API takes them.
struct OutcomeRequest {
    std::optional<std::string> name, unit, direction, baseline_on, target_on;
    std::optional<double> baseline, target;
    std::optional<long long> owner_id;
};

struct MeasurementRequest {
    std::optional<std::string> measured_on;
    std::optional<double> value;
    std::optional<std::string> note;
};

// A deal's phase: derived, override and the one shown.
struct DealPhase {
    long long deal_id = 0;
    domain::SupportPhase phase = domain::SupportPhase::kPolicyFormation;
    domain::SupportPhase derived = domain::SupportPhase::kPolicyFormation;
    std::string override_slug;  // "" = derived
};

// Deals of a government per phase.
struct GovernmentPhases {
    std::string government_code;
    long long policy_formation = 0;
    long long implementation = 0;
    std::optional<domain::SupportPhase> phase;  // the phase of most deals (ties: implementation); none without deals
};

// Phases, outcome metrics, quotas and KPIs by role and team (docs/division-of-labour.md).
// Writes are validated whole, run in one transaction and audited with the acting user.
// Thread-safe when its dependencies are.
class KpiService {
public:
    KpiService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
               const domain::BusinessCalendar& business_days)
        : store_(store), clock_(clock), business_days_(business_days), audit_(store, clock, digest) {}

    // KPIs of one role for the period: teams first, then people. InvalidArgument naming
    // fiscal_year, quarter or role.
    Result<KpiReport> Report(const KpiQuery& query);

    Result<DealPhase> PhaseOfDeal(long long deal_id);
    // Sets the override ("" = derived); InvalidArgument naming support_phase.
    Result<DealPhase> SetPhase(long long deal_id, const std::string& override_slug, const Principal& by);
    Result<GovernmentPhases> PhasesOfGovernment(const std::string& government_code);

    Result<std::vector<OutcomeView>> OutcomesOfDeal(long long deal_id);
    Result<std::vector<OutcomeView>> OutcomesOfGovernment(const std::string& government_code);
    Result<OutcomeView> Outcome(long long metric_id);
    // A new metric on a won deal (FailedPrecondition otherwise); owner defaults to `by`.
    Result<OutcomeView> CreateOutcome(long long deal_id, const OutcomeRequest& request, const Principal& by);
    Result<OutcomeView> UpdateOutcome(long long metric_id, const OutcomeRequest& request, const Principal& by);
    Status DeleteOutcome(long long metric_id, const Principal& by);
    Result<OutcomeView> RecordMeasurement(long long metric_id, const MeasurementRequest& request, const Principal& by);
    // May `p` write outcomes (of `metric`, or new ones when null): customer success, the
    // metric's owner, or a holder of manage_sales_ops. PermissionDenied otherwise.
    Status CanWriteOutcome(const Principal& p, const Authorizer& authorizer,
                           const ports::OutcomeMetricRecord* metric) const;

    Result<std::vector<ports::QuotaRecord>> Quotas(int fiscal_year);
    // Replaces the fiscal year's quotas; InvalidArgument naming "quotas[i].field".
    Result<std::vector<ports::QuotaRecord>> ReplaceQuotas(int fiscal_year,
                                                          const std::vector<ports::QuotaRecord>& quotas,
                                                          const Principal& by);

private:
    Result<OutcomeView> ViewOf(const ports::OutcomeMetricRecord& metric);
    Result<std::vector<OutcomeView>> ViewsOf(const std::vector<ports::OutcomeMetricRecord>& metrics);

    ports::Store& store_;
    const ports::Clock& clock_;
    const domain::BusinessCalendar& business_days_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
