#include "kyoso/domain/forecast/forecast.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace kyoso::domain::forecast {

int MonthIndex(int year, unsigned month) { return year * 12 + static_cast<int>(month) - 1; }

int MonthIndex(Date date) { return MonthIndex(static_cast<int>(date.year()), static_cast<unsigned>(date.month())); }

FiscalQuarter FiscalQuarterOfMonth(int month_index) {
    const int year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
    const int month = month_index - year * 12 + 1;  // 1..12
    if (month >= 4) return {year, (month - 4) / 3 + 1};
    return {year - 1, 4};
}

FiscalQuarter FiscalQuarterOf(Date date) { return FiscalQuarterOfMonth(MonthIndex(date)); }

std::string_view TimingClassSlug(TimingClass c) {
    return c == TimingClass::kSupplementary ? "supplementary" : "initial_budget";
}

std::array<double, kTimingOffsets> PriorTiming(TimingClass c) {
    std::array<double, kTimingOffsets> w{};
    if (c == TimingClass::kInitialBudget) {
        const double months[12] = {.10, .20, .20, .12, .10, .08, .06, .05, .04, .02, .02, .01};
        for (int i = 0; i < 12; ++i) w[static_cast<size_t>(i)] = months[i];
    } else {
        // Aug (offset 4) .. Feb (offset 10).
        const double months[7] = {.15, .15, .20, .15, .10, .15, .10};
        for (int i = 0; i < 7; ++i) w[static_cast<size_t>(4 + i)] = months[i];
    }
    return w;
}

TimingModel LearnTiming(const std::vector<WonTiming>& history, int min_samples) {
    TimingModel model;
    std::array<std::array<double, kTimingOffsets>, 2> counts{};
    for (const auto& h : history) {
        int offset = h.close_month_index - MonthIndex(h.contract_year, 4);
        offset = std::clamp(offset, 0, kTimingOffsets - 1);
        const auto c = static_cast<size_t>(h.timing_class);
        counts[c][static_cast<size_t>(offset)] += 1;
        model.samples[c] += 1;
    }
    for (size_t c = 0; c < 2; ++c) {
        if (model.samples[c] >= min_samples && model.samples[c] > 0) {
            model.learned[c] = true;
            for (size_t i = 0; i < kTimingOffsets; ++i) model.weights[c][i] = counts[c][i] / model.samples[c];
        } else {
            model.weights[c] = PriorTiming(static_cast<TimingClass>(c));
        }
    }
    return model;
}

TimingDistribution TimingFor(const TimingModel& model, TimingClass c, int contract_year, int as_of_month) {
    const auto& w = model.weights[static_cast<size_t>(c)];
    int year = contract_year;
    for (int attempt = 0; attempt < 3; ++attempt, ++year) {
        TimingDistribution out;
        double total = 0;
        const int base = MonthIndex(year, 4);
        for (int i = 0; i < kTimingOffsets; ++i) {
            const int m = base + i;
            if (m < as_of_month || w[static_cast<size_t>(i)] <= 0) continue;
            out.push_back({m, w[static_cast<size_t>(i)]});
            total += w[static_cast<size_t>(i)];
        }
        if (total > 0) {
            for (auto& mw : out) mw.weight /= total;
            return out;
        }
    }
    TimingDistribution even;
    for (int i = 0; i < 12; ++i) even.push_back({as_of_month + i, 1.0 / 12});
    return even;
}

namespace {

double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// The nearest-rank percentile of sorted values.
double Percentile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return 0;
    auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    if (rank < 1) rank = 1;
    if (rank > sorted.size()) rank = sorted.size();
    return sorted[rank - 1];
}

}  // namespace

std::vector<PeriodForecast> Simulate(const std::vector<OpenDeal>& deals, const std::vector<BookedRevenue>& booked,
                                     const std::vector<int>& fiscal_years, const SimulationOptions& options) {
    const size_t per_year = 5;  // year, Q1..Q4
    const size_t n_periods = fiscal_years.size() * per_year;
    std::vector<PeriodForecast> out(n_periods);
    for (size_t f = 0; f < fiscal_years.size(); ++f) {
        for (size_t q = 0; q < per_year; ++q) {
            out[f * per_year + q].fiscal_year = fiscal_years[f];
            out[f * per_year + q].quarter = static_cast<int>(q);
        }
    }
    // Period slots a month falls in: the year's slot and the quarter's (or none).
    auto slots = [&](int month_index, size_t* year_slot, size_t* quarter_slot) {
        const FiscalQuarter fq = FiscalQuarterOfMonth(month_index);
        for (size_t f = 0; f < fiscal_years.size(); ++f) {
            if (fiscal_years[f] == fq.fiscal_year) {
                *year_slot = f * per_year;
                *quarter_slot = f * per_year + static_cast<size_t>(fq.quarter);
                return true;
            }
        }
        return false;
    };
    std::vector<double> base(n_periods, 0.0);
    for (const auto& b : booked) {
        size_t ys = 0, qs = 0;
        if (!slots(b.month_index, &ys, &qs)) continue;
        base[ys] += b.amount;
        base[qs] += b.amount;
    }
    for (size_t i = 0; i < n_periods; ++i) {
        out[i].won = base[i];
        out[i].expected = base[i];
    }
    // Per deal: cumulative weights and the slots of each month.
    struct Prepared {
        double amount;
        double probability;
        std::vector<double> cumulative;
        std::vector<std::pair<long, long>> slot;  // -1 = outside the reported years
    };
    std::vector<Prepared> prepared;
    prepared.reserve(deals.size());
    for (const auto& d : deals) {
        Prepared p{d.amount, std::clamp(d.probability, 0.0, 1.0), {}, {}};
        double acc = 0;
        for (const auto& mw : d.timing) {
            acc += mw.weight;
            p.cumulative.push_back(acc);
            size_t ys = 0, qs = 0;
            if (slots(mw.month_index, &ys, &qs)) {
                p.slot.push_back({static_cast<long>(ys), static_cast<long>(qs)});
                out[ys].expected += p.probability * p.amount * mw.weight;
                out[qs].expected += p.probability * p.amount * mw.weight;
            } else {
                p.slot.push_back({-1, -1});
            }
        }
        prepared.push_back(std::move(p));
    }
    const int runs = std::max(1, options.runs);
    std::vector<std::vector<double>> totals(n_periods, std::vector<double>(static_cast<size_t>(runs)));
    std::mt19937_64 rng(options.seed);
    std::vector<double> run(n_periods);
    for (int r = 0; r < runs; ++r) {
        run = base;
        for (const auto& p : prepared) {
            const double u = Uniform(rng);
            if (!(u < p.probability) || p.cumulative.empty()) continue;
            const double v = Uniform(rng) * p.cumulative.back();
            size_t k = 0;
            while (k + 1 < p.cumulative.size() && v >= p.cumulative[k]) ++k;
            if (p.slot[k].first < 0) continue;
            run[static_cast<size_t>(p.slot[k].first)] += p.amount;
            run[static_cast<size_t>(p.slot[k].second)] += p.amount;
        }
        for (size_t i = 0; i < n_periods; ++i) totals[i][static_cast<size_t>(r)] = run[i];
    }
    for (size_t i = 0; i < n_periods; ++i) {
        std::sort(totals[i].begin(), totals[i].end());
        out[i].p10 = Percentile(totals[i], 0.10);
        out[i].p50 = Percentile(totals[i], 0.50);
        out[i].p90 = Percentile(totals[i], 0.90);
    }
    return out;
}

double StagePrior(Stage s) {
    switch (s) {
        case Stage::kDiscovery:
            return .15;
        case Stage::kQualified:
            return .18;
        case Stage::kBudgetProposal:
            return .22;
        case Stage::kRequested:
            return .35;
        case Stage::kBudgeted:
            return .55;
        case Stage::kTenderPrep:
            return .58;
        case Stage::kBidding:
            return .62;
        default:
            return 0;
    }
}

double StageWinRates::Of(Stage s) const {
    const auto i = static_cast<size_t>(s);
    return i < rate.size() ? rate[i] : 0.0;
}

StageWinRates ComputeStageWinRates(const std::vector<ClosedPath>& closed) {
    constexpr double kPseudo = 5;
    StageWinRates r;
    for (const auto& path : closed) {
        std::set<Stage> seen(path.reached.begin(), path.reached.end());
        for (Stage s : seen) {
            const auto i = static_cast<size_t>(s);
            if (i >= r.rate.size()) continue;
            r.closed[i] += 1;
            if (path.won) r.won[i] += 1;
        }
    }
    for (size_t i = 0; i < r.rate.size(); ++i) {
        const double prior = StagePrior(static_cast<Stage>(i));
        r.rate[i] = (static_cast<double>(r.won[i]) + kPseudo * prior) / (static_cast<double>(r.closed[i]) + kPseudo);
    }
    return r;
}

Stage StageOn(const std::vector<std::pair<Date, Stage>>& moves, Date as_of) {
    Stage s = Stage::kDiscovery;
    for (const auto& [on, to] : moves) {
        if (on > as_of) break;
        s = to;
    }
    return s;
}

double Adjusted(double model_value, const std::vector<Adjustment>& in_order) {
    double v = model_value;
    for (const auto& a : in_order) v = a.is_override ? a.amount : v + a.amount;
    return v;
}

std::optional<double> AbsErrorPct(double forecast, double actual) {
    if (actual == 0) return std::nullopt;
    return std::fabs(forecast - actual) / std::fabs(actual) * 100.0;
}

}  // namespace kyoso::domain::forecast
