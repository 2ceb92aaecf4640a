#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kyoso/core/date.hpp"
#include "kyoso/domain/pipeline/stage.hpp"

// Revenue forecast (docs/ml.md, "Forecast"): open deals × calibrated win probability ×
// expected close month, simulated for P10/P50/P90. Pure functions over plain structs.
namespace kyoso::domain::forecast {

// A calendar month as one number: year × 12 + (month − 1). April 2027 = 2027 × 12 + 3.
int MonthIndex(int year, unsigned month);
int MonthIndex(Date date);

// A Japanese fiscal quarter: Q1 = April–June, Q2 = July–September, Q3 = October–December,
// Q4 = January–March (of the next calendar year).
struct FiscalQuarter {
    int fiscal_year = 0;
    int quarter = 0;  // 1..4
    friend bool operator==(const FiscalQuarter&, const FiscalQuarter&) = default;
};
FiscalQuarter FiscalQuarterOfMonth(int month_index);
FiscalQuarter FiscalQuarterOf(Date date);

// The probability of closing in each month; weights sum to 1.
struct MonthWeight {
    int month_index = 0;
    double weight = 0;
};
using TimingDistribution = std::vector<MonthWeight>;

// Where a deal's money comes from: the initial budget (当初予算, voted in March, tendered
// from April) or a supplementary budget (補正予算, voted at the June, September or December
// council and tendered after it).
enum class TimingClass { kInitialBudget = 0, kSupplementary = 1 };
std::string_view TimingClassSlug(TimingClass c);

// Close months relative to April of the contract year: offset 0 = April of FY N, 11 =
// March of FY N+1, 23 = March of FY N+2 (later closes are counted at 23).
inline constexpr int kTimingOffsets = 24;

// A won deal of the history the timing model learns from.
struct WonTiming {
    int contract_year = 0;      // the deal's fiscal_year
    int close_month_index = 0;  // MonthIndex(closed_on)
    TimingClass timing_class = TimingClass::kInitialBudget;
};

// Per class: the weights of each offset and whether they were learned (at least
// min_samples won deals) or are the documented prior.
struct TimingModel {
    std::array<std::array<double, kTimingOffsets>, 2> weights{};
    std::array<int, 2> samples{};
    std::array<bool, 2> learned{};
};

// The prior weights of a class (docs/ml.md): initial budget Apr .10, May .20, Jun .20,
// Jul .12, Aug .10, Sep .08, Oct .06, Nov .05, Dec .04, Jan .02, Feb .02, Mar .01;
// supplementary Aug .15, Sep .15, Oct .20, Nov .15, Dec .10, Jan .15, Feb .10.
std::array<double, kTimingOffsets> PriorTiming(TimingClass c);

// Learns each class's offset histogram from `history` when it has at least
// `min_samples` deals of that class, else keeps the prior.
TimingModel LearnTiming(const std::vector<WonTiming>& history, int min_samples = 20);

// The close-month distribution of an open deal of `contract_year` seen on month
// `as_of_month`: the class's weights placed from April of the contract year, months
// before as_of_month dropped and the rest renormalised. When no weight is left (the
// deal is late for every month its class closes in) the deal moves to the next
// contract year, at most twice; then it is spread evenly over the 12 months from as_of.
TimingDistribution TimingFor(const TimingModel& model, TimingClass c, int contract_year, int as_of_month);

// One open deal as the simulation sees it.
struct OpenDeal {
    long long deal_id = 0;
    double amount = 0;       // yen expected when won
    double probability = 0;  // 0..1
    TimingDistribution timing;
};

// Revenue already won (certain), by month.
struct BookedRevenue {
    int month_index = 0;
    double amount = 0;
};

// A reported period: a whole fiscal year (quarter 0) or one of its quarters.
struct PeriodForecast {
    int fiscal_year = 0;
    int quarter = 0;      // 0 = the whole year
    double won = 0;       // booked revenue in the period
    double expected = 0;  // won + Σ probability × amount × P(close month in period), exact
    double p10 = 0;       // percentiles of the simulated total (won included)
    double p50 = 0;
    double p90 = 0;
};

struct SimulationOptions {
    std::uint64_t seed = 1;
    int runs = 10000;
};

// Monte Carlo over `runs` draws of the raw mt19937_64 stream seeded with `seed`: per run
// and deal a Bernoulli(probability) win (u < p with u from the top 53 bits) and, when won,
// a close month drawn by the cumulative weights with a second u. Periods: for each of
// `fiscal_years` the year (quarter 0) then Q1..Q4. Percentiles by nearest rank: Pq =
// the ⌈q·runs⌉-th smallest total. Deterministic for the same inputs and seed.
std::vector<PeriodForecast> Simulate(const std::vector<OpenDeal>& deals, const std::vector<BookedRevenue>& booked,
                                     const std::vector<int>& fiscal_years, const SimulationOptions& options);

// Stage-only baseline: of the deals closed before the forecast date that reached a
// stage, the share won. Smoothed toward a prior with k = 5 pseudo-deals:
// (won + 5 × prior) / (closed + 5). Priors: 情報収集 .15, 課題把握 .18, 予算化提案 .22,
// 予算要求中 .35, 予算成立 .55, 公告・仕様 .58, 入札・提案 .62.
struct ClosedPath {
    std::vector<Stage> reached;  // open stages the deal passed through (duplicates ignored)
    bool won = false;
};
struct StageWinRates {
    std::array<double, 7> rate{};  // by Stage (kDiscovery .. kBidding)
    std::array<long long, 7> won{};
    std::array<long long, 7> closed{};
    double Of(Stage s) const;
};
double StagePrior(Stage s);
StageWinRates ComputeStageWinRates(const std::vector<ClosedPath>& closed);

// A deal's stage on `as_of` from its moves (date, stage moved to) in date order: the
// last move dated on or before as_of, else 情報収集.
Stage StageOn(const std::vector<std::pair<Date, Stage>>& moves, Date as_of);

// A manager adjustment as the arithmetic sees it.
struct Adjustment {
    bool is_override = false;  // else a delta
    double amount = 0;
};
// The adjusted figure: starting from the model's value, adjustments in creation order;
// an override replaces the running value, a delta adds to it.
double Adjusted(double model_value, const std::vector<Adjustment>& in_order);

// Absolute percentage error |forecast − actual| / actual × 100; nullopt when actual is 0.
std::optional<double> AbsErrorPct(double forecast, double actual);

}  // namespace kyoso::domain::forecast
