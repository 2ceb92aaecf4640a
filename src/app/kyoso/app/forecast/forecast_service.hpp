#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/audit/audit_trail.hpp"
#include "kyoso/app/ml/deal_scorer.hpp"
#include "kyoso/domain/forecast/forecast.hpp"
#include "kyoso/ports/digest.hpp"
#include "kyoso/ports/services.hpp"
#include "kyoso/ports/store.hpp"

namespace kyoso::app {

// Where the forecast's win probabilities come from.
inline constexpr const char* kSourceModel = "model";           // a DealScorer's registered model
inline constexpr const char* kSourceRules = "rules";           // the DealScorer's rule-based fallback
inline constexpr const char* kSourceStageOnly = "stage_only";  // our baseline: win rate per stage

// One open deal's part in a forecast.
struct ForecastDealView {
    long long deal_id = 0;
    std::string title;
    std::string government_name;
    domain::Stage stage = domain::Stage::kDiscovery;  // on as_of
    int fiscal_year = 0;                              // contract year
    double amount = 0;                                // expected revenue when won (amount × award ratio)
    double probability = 0;
    std::string probability_source;  // model | rules | stage_only
    double expected = 0;             // probability × amount × P(close in the reported year)
};

// One fiscal year: the model's figures (year and Q1..Q4), the stage-only baseline's, the
// manager adjustments in force and the adjusted figure kept beside the model's.
struct FiscalYearForecast {
    int fiscal_year = 0;
    domain::forecast::PeriodForecast year;
    std::array<domain::forecast::PeriodForecast, 4> quarters;
    domain::forecast::PeriodForecast stage_only;  // the baseline's year figures
    double last_year_revenue = 0;                 // won in fiscal_year − 1 (as far as known on as_of)
    std::vector<ports::ForecastAdjustmentRecord> adjustments;
    double adjusted = 0;  // model P50 with the adjustments applied (docs/ml.md)
    std::array<double, 4> adjusted_quarters{};
    std::vector<ForecastDealView> top_deals;  // largest expected contributions first
};

// Which deals and years, as of when.
struct ForecastQuery {
    std::optional<int> fiscal_year;  // default: the FY of as_of and the next
    std::optional<Date> as_of;       // default: the clock's today
    int runs = 10000;
    std::uint64_t seed = 1;
    int top_deals = 10;
};

struct ForecastReport {
    Date as_of{};
    std::string probability_source;  // model | rules | stage_only (no DealScorer wired)
    std::string model_version;
    int open_deals = 0;
    double award_ratio = 1;  // Σ award / Σ amount of won deals, applied to open amounts
    domain::forecast::TimingModel timing;
    int runs = 0;
    std::vector<FiscalYearForecast> years;
};

// One model's backtest figures for a year.
struct BacktestFigures {
    double p10 = 0;
    double p50 = 0;
    double p90 = 0;
    std::optional<double> error_pct;  // |P50 − actual| / actual × 100
    bool covered = false;             // P10 ≤ actual ≤ P90
};

struct BacktestYear {
    int fiscal_year = 0;
    Date as_of{};
    double actual = 0;  // won revenue closed in the fiscal year
    BacktestFigures model;
    BacktestFigures stage_only;
    double last_year = 0;  // won revenue of the last fiscal year over by as_of
    std::optional<double> last_year_error_pct;
};

struct BacktestReport {
    std::string as_of_month_day;  // "04-01"
    std::string model_source;     // model | rules | stage_only (no DealScorer wired)
    std::vector<BacktestYear> years;
    std::optional<double> mean_model;  // mean absolute % error over the years with one
    std::optional<double> mean_stage_only;
    std::optional<double> mean_last_year;
};

// A new manager adjustment as the API and CLI take it.
struct ForecastAdjustmentRequest {
    int fiscal_year = 0;
    int quarter = 0;  // 0 = the whole year
    std::string team;
    std::string kind;  // delta | override
    long long amount = 0;
    std::string reason;
};

// The revenue forecast (docs/ml.md, "Forecast"): open deals on a date × win probability ×
// close-month timing, simulated for P10/P50/P90 per fiscal year and quarter; the backtest
// over past fiscal years; manager adjustments stored beside the model. Probabilities come
// from the wired DealScorer, else from the stage-only baseline (always reported too).
class ForecastService {
public:
    ForecastService(ports::Store& store, const ports::Clock& clock, const ports::Digest& digest,
                    DealScorer* scorer = nullptr)
        : store_(store), clock_(clock), scorer_(scorer), audit_(store, clock, digest) {}

    // Wires the models' DealScorer (null = the stage-only baseline). Not thread-safe
    // with running forecasts: call at start-up.
    void SetDealScorer(DealScorer* scorer) { scorer_ = scorer; }
    DealScorer* deal_scorer() const { return scorer_; }

    // The forecast as of query.as_of. InvalidArgument naming fiscal_year or runs.
    Result<ForecastReport> Forecast(const ForecastQuery& query);

    // For each fiscal year N over by today with a won deal before the forecast date:
    // forecast as of the last `month_day` ("MM-DD") on or before 1 April of N, using only
    // what was known then, against the revenue actually won in N. InvalidArgument naming
    // as_of_month for a bad "MM-DD".
    Result<BacktestReport> Backtest(const std::string& month_day = "04-01", int runs = 10000, std::uint64_t seed = 1);

    // Adjustments of a year (every year when nullopt), oldest first.
    Result<std::vector<ports::ForecastAdjustmentRecord>> Adjustments(std::optional<int> fiscal_year,
                                                                     bool include_withdrawn);
    // Validates (fields fiscal_year, quarter, team, kind, amount, reason), stores and
    // audits "forecast.adjustment_add" as `by`.
    Result<ports::ForecastAdjustmentRecord> AddAdjustment(const Principal& by, const ForecastAdjustmentRequest& r);
    // Withdraws (never deletes) an adjustment; audited "forecast.adjustment_withdraw".
    Result<ports::ForecastAdjustmentRecord> WithdrawAdjustment(const Principal& by, long long id);

private:
    struct Data;
    struct Computed;
    Result<Data> Load();
    Result<Computed> Compute(const Data& data, Date as_of, const std::vector<int>& fiscal_years, bool use_scorer,
                             int runs, std::uint64_t seed);

    ports::Store& store_;
    const ports::Clock& clock_;
    DealScorer* scorer_;
    AuditTrail audit_;
};

}  // namespace kyoso::app
