#include "kyoso/app/forecast/forecast_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "kyoso/app/audit/audit_json.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::app {

namespace fc = domain::forecast;

struct ForecastService::Data {
    std::vector<ports::ForecastDealRow> deals;
    std::unordered_map<long long, std::vector<std::pair<Date, domain::Stage>>> moves;
};

struct ForecastService::Computed {
    std::string source;
    std::string model_version;
    double award_ratio = 1;
    fc::TimingModel timing;
    std::vector<fc::PeriodForecast> model;
    std::vector<fc::PeriodForecast> stage_only;
    std::vector<ForecastDealView> deals;  // open on as_of, model probabilities
    std::vector<fc::TimingDistribution> timing_of_deal;
};

namespace {

bool IsWon(const ports::ForecastDealRow& d) { return d.stage == domain::Stage::kWon; }

double Revenue(const ports::ForecastDealRow& d) { return static_cast<double>(d.award_amount.value_or(d.amount)); }

// Won revenue closed in fiscal year `fy`, counting only deals closed on or before `known_on`.
double WonInYear(const std::vector<ports::ForecastDealRow>& deals, int fy, Date known_on) {
    const domain::FiscalYear year(fy);
    double sum = 0;
    for (const auto& d : deals) {
        if (IsWon(d) && d.closed_on && *d.closed_on <= known_on && year.Contains(*d.closed_on)) sum += Revenue(d);
    }
    return sum;
}

const fc::PeriodForecast* Find(const std::vector<fc::PeriodForecast>& all, int fy, int quarter) {
    for (const auto& p : all) {
        if (p.fiscal_year == fy && p.quarter == quarter) return &p;
    }
    return nullptr;
}

std::string AdjustmentJson(const ports::ForecastAdjustmentRecord& a) {
    return AuditJson()
        .Int("fiscal_year", a.fiscal_year)
        .Int("quarter", a.quarter)
        .Str("team", a.team)
        .Str("kind", a.kind)
        .Int("amount", a.amount)
        .Str("reason", a.reason)
        .Str("withdrawn_at", a.withdrawn_at)
        .str();
}

std::string Trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

}  // namespace

Result<ForecastService::Data> ForecastService::Load() {
    Data data;
    auto deals = store_.forecasts().Deals();
    if (!deals.ok()) return deals.status();
    data.deals = std::move(*deals);
    auto moves = store_.forecasts().StageMoves();
    if (!moves.ok()) return moves.status();
    for (const auto& m : *moves) data.moves[m.deal_id].push_back({m.moved_on, m.to});
    return data;
}

Result<ForecastService::Computed> ForecastService::Compute(const Data& data, Date as_of,
                                                           const std::vector<int>& fiscal_years, bool use_scorer,
                                                           int runs, std::uint64_t seed) {
    Computed c;
    static const std::vector<std::pair<Date, domain::Stage>> kNoMoves;
    auto moves_of = [&](long long id) -> const std::vector<std::pair<Date, domain::Stage>>& {
        auto it = data.moves.find(id);
        return it == data.moves.end() ? kNoMoves : it->second;
    };
    // What was known on as_of: closed deals' paths and outcomes, won timing, award ratio.
    std::vector<fc::ClosedPath> paths;
    std::vector<fc::WonTiming> won_timing;
    std::vector<fc::BookedRevenue> booked;
    double award_sum = 0, amount_sum = 0;
    for (const auto& d : data.deals) {
        if (!d.closed_on || *d.closed_on > as_of || !domain::IsClosed(d.stage)) continue;
        fc::ClosedPath path;
        path.won = IsWon(d);
        path.reached.push_back(domain::Stage::kDiscovery);
        for (const auto& [on, to] : moves_of(d.id)) {
            if (on <= as_of && !domain::IsClosed(to)) path.reached.push_back(to);
        }
        paths.push_back(std::move(path));
        if (!IsWon(d)) continue;
        won_timing.push_back({d.fiscal_year, fc::MonthIndex(*d.closed_on),
                              d.budget_status == domain::BudgetStatus::kSupplementary
                                  ? fc::TimingClass::kSupplementary
                                  : fc::TimingClass::kInitialBudget});
        booked.push_back({fc::MonthIndex(*d.closed_on), Revenue(d)});
        if (d.award_amount && d.amount > 0) {
            award_sum += static_cast<double>(*d.award_amount);
            amount_sum += static_cast<double>(d.amount);
        }
    }
    const fc::StageWinRates rates = fc::ComputeStageWinRates(paths);
    c.timing = fc::LearnTiming(won_timing);
    c.award_ratio = amount_sum > 0 ? std::clamp(award_sum / amount_sum, 0.5, 1.5) : 1.0;

    // The model's scores, when wired.
    std::unordered_map<long long, DealWinScore> scores;
    if (use_scorer && scorer_) {
        auto scored = scorer_->ScoreOpenDeals(as_of, false);
        if (!scored.ok()) return scored.status();
        bool any_model = false;
        for (auto& s : *scored) {
            if (s.source == kSourceModel) {
                any_model = true;
                c.model_version = s.model_version;
            }
            scores[s.deal_id] = std::move(s);
        }
        c.source = any_model ? kSourceModel : kSourceRules;
    } else {
        c.source = kSourceStageOnly;
    }

    // Open deals on as_of.
    const int as_of_month = fc::MonthIndex(as_of);
    std::vector<fc::OpenDeal> model_deals, stage_deals;
    for (const auto& d : data.deals) {
        if (d.created_on > as_of) continue;
        if (d.closed_on && *d.closed_on <= as_of) continue;
        const domain::Stage stage = fc::StageOn(moves_of(d.id), as_of);
        if (domain::IsClosed(stage)) continue;
        const fc::TimingClass cls = d.budget_status == domain::BudgetStatus::kSupplementary
                                        ? fc::TimingClass::kSupplementary
                                        : fc::TimingClass::kInitialBudget;
        fc::TimingDistribution timing = fc::TimingFor(c.timing, cls, d.fiscal_year, as_of_month);
        const double amount = static_cast<double>(d.amount) * c.award_ratio;
        const double stage_p = rates.Of(stage);
        double p = stage_p;
        std::string source = kSourceStageOnly;
        if (auto it = scores.find(d.id); it != scores.end()) {
            p = std::clamp(it->second.probability, 0.0, 1.0);
            source = it->second.source;
        }
        stage_deals.push_back({d.id, amount, stage_p, timing});
        model_deals.push_back({d.id, amount, p, timing});
        c.deals.push_back({d.id, d.title, d.government_name, stage, d.fiscal_year, amount, p, source, 0});
        c.timing_of_deal.push_back(std::move(timing));
    }
    fc::SimulationOptions opts{seed, runs};
    c.stage_only = fc::Simulate(stage_deals, booked, fiscal_years, opts);
    c.model = scores.empty() ? c.stage_only : fc::Simulate(model_deals, booked, fiscal_years, opts);
    return c;
}

Result<ForecastReport> ForecastService::Forecast(const ForecastQuery& query) {
    if (query.fiscal_year && (*query.fiscal_year < 1989 || *query.fiscal_year > 2100)) {
        return InvalidArgument("invalid fiscal_year", {{"fiscal_year", "a year 1989-2100"}});
    }
    if (query.runs < 100 || query.runs > 100000) {
        return InvalidArgument("invalid runs", {{"runs", "100-100000 simulation runs"}});
    }
    const Date as_of = query.as_of.value_or(clock_.Today());
    const int current = domain::FiscalYear::Containing(as_of).year();
    std::vector<int> years;
    if (query.fiscal_year) {
        years.push_back(*query.fiscal_year);
    } else {
        years = {current, current + 1};
    }
    auto data = Load();
    if (!data.ok()) return data.status();
    auto c = Compute(*data, as_of, years, true, query.runs, query.seed);
    if (!c.ok()) return c.status();
    auto adjustments = store_.forecasts().Adjustments(std::nullopt, false);
    if (!adjustments.ok()) return adjustments.status();

    ForecastReport report;
    report.as_of = as_of;
    report.probability_source = c->source;
    report.model_version = c->model_version;
    report.open_deals = static_cast<int>(c->deals.size());
    report.award_ratio = c->award_ratio;
    report.timing = c->timing;
    report.runs = query.runs;
    for (int fy : years) {
        FiscalYearForecast f;
        f.fiscal_year = fy;
        if (const auto* p = Find(c->model, fy, 0)) f.year = *p;
        for (int q = 1; q <= 4; ++q) {
            if (const auto* p = Find(c->model, fy, q)) f.quarters[static_cast<size_t>(q - 1)] = *p;
        }
        if (const auto* p = Find(c->stage_only, fy, 0)) f.stage_only = *p;
        f.last_year_revenue = WonInYear(data->deals, fy - 1, as_of);
        // Adjustments beside the model: each quarter from its own, the year from its own
        // plus the quarters' changes (docs/ml.md).
        std::array<std::vector<fc::Adjustment>, 5> by_period;
        for (const auto& a : *adjustments) {
            if (a.fiscal_year != fy) continue;
            f.adjustments.push_back(a);
            by_period[static_cast<size_t>(std::clamp(a.quarter, 0, 4))].push_back(
                {a.kind == "override", static_cast<double>(a.amount)});
        }
        double quarter_changes = 0;
        for (size_t q = 0; q < 4; ++q) {
            f.adjusted_quarters[q] = fc::Adjusted(f.quarters[q].p50, by_period[q + 1]);
            quarter_changes += f.adjusted_quarters[q] - f.quarters[q].p50;
        }
        f.adjusted = fc::Adjusted(f.year.p50, by_period[0]) + quarter_changes;
        // Largest contributions to this year.
        std::vector<ForecastDealView> contributions;
        for (size_t i = 0; i < c->deals.size(); ++i) {
            double share = 0;
            for (const auto& mw : c->timing_of_deal[i]) {
                if (fc::FiscalQuarterOfMonth(mw.month_index).fiscal_year == fy) share += mw.weight;
            }
            ForecastDealView v = c->deals[i];
            v.expected = v.probability * v.amount * share;
            if (v.expected > 0) contributions.push_back(std::move(v));
        }
        std::sort(contributions.begin(), contributions.end(), [](const auto& a, const auto& b) {
            return a.expected != b.expected ? a.expected > b.expected : a.deal_id < b.deal_id;
        });
        if (contributions.size() > static_cast<size_t>(std::max(0, query.top_deals))) {
            contributions.resize(static_cast<size_t>(std::max(0, query.top_deals)));
        }
        f.top_deals = std::move(contributions);
        report.years.push_back(std::move(f));
    }
    return report;
}

Result<BacktestReport> ForecastService::Backtest(const std::string& month_day, int runs, std::uint64_t seed) {
    int mm = 0, dd = 0;
    char tail = 0;
    if (month_day.size() != 5 || std::sscanf(month_day.c_str(), "%2d-%2d%c", &mm, &dd, &tail) != 2 ||
        !ParseIsoDate("2024-" + month_day)) {
        return InvalidArgument("invalid as_of_month", {{"as_of_month", "MM-DD, e.g. 04-01"}});
    }
    if (runs < 100 || runs > 100000) return InvalidArgument("invalid runs", {{"runs", "100-100000 simulation runs"}});
    auto data = Load();
    if (!data.ok()) return data.status();
    const Date today = clock_.Today();
    BacktestReport report;
    report.as_of_month_day = month_day;
    report.model_source = scorer_ ? kSourceModel : kSourceStageOnly;
    int first = 0;
    for (const auto& d : data->deals) first = first == 0 ? d.fiscal_year : std::min(first, d.fiscal_year);
    const int current = domain::FiscalYear::Containing(today).year();
    std::string sources;
    double sum_model = 0, sum_stage = 0, sum_last = 0;
    int n_model = 0, n_stage = 0, n_last = 0;
    for (int fy = first; fy > 0 && fy < current; ++fy) {
        if (domain::FiscalYear(fy).last_day() >= today) continue;
        // The last month_day on or before 1 April of fy (29 February falls back to the 28th).
        Date as_of = ParseIsoDate(std::to_string(fy) + "-" + month_day).value_or(MakeDate(fy, 2, 28));
        if (as_of > MakeDate(fy, 4, 1)) {
            as_of = ParseIsoDate(std::to_string(fy - 1) + "-" + month_day).value_or(MakeDate(fy - 1, 2, 28));
        }
        bool any_won = false;
        for (const auto& d : data->deals) {
            if (IsWon(d) && d.closed_on && *d.closed_on <= as_of) {
                any_won = true;
                break;
            }
        }
        if (!any_won) continue;
        std::fprintf(stderr, "forecast backtest: FY%d as of %s\n", fy, FormatIsoDate(as_of).c_str());
        auto c = Compute(*data, as_of, {fy}, true, runs, seed);
        if (!c.ok()) return c.status();
        if (c->source != kSourceStageOnly) report.model_source = c->source;
        BacktestYear y;
        y.fiscal_year = fy;
        y.as_of = as_of;
        y.actual = WonInYear(data->deals, fy, today);
        auto figures = [&](const std::vector<fc::PeriodForecast>& all) {
            BacktestFigures f;
            if (const auto* p = Find(all, fy, 0)) {
                f.p10 = p->p10;
                f.p50 = p->p50;
                f.p90 = p->p90;
            }
            f.error_pct = fc::AbsErrorPct(f.p50, y.actual);
            f.covered = f.p10 <= y.actual && y.actual <= f.p90;
            return f;
        };
        y.model = figures(c->model);
        y.stage_only = figures(c->stage_only);
        y.last_year = WonInYear(data->deals, domain::FiscalYear::Containing(as_of).year() - 1, as_of);
        y.last_year_error_pct = fc::AbsErrorPct(y.last_year, y.actual);
        if (y.model.error_pct) sum_model += *y.model.error_pct, ++n_model;
        if (y.stage_only.error_pct) sum_stage += *y.stage_only.error_pct, ++n_stage;
        if (y.last_year_error_pct) sum_last += *y.last_year_error_pct, ++n_last;
        report.years.push_back(y);
    }
    if (n_model) report.mean_model = sum_model / n_model;
    if (n_stage) report.mean_stage_only = sum_stage / n_stage;
    if (n_last) report.mean_last_year = sum_last / n_last;
    return report;
}

Result<std::vector<ports::ForecastAdjustmentRecord>> ForecastService::Adjustments(std::optional<int> fiscal_year,
                                                                                  bool include_withdrawn) {
    if (fiscal_year && (*fiscal_year < 1989 || *fiscal_year > 2100)) {
        return InvalidArgument("invalid fiscal_year", {{"fiscal_year", "a year 1989-2100"}});
    }
    return store_.forecasts().Adjustments(fiscal_year, include_withdrawn);
}

Result<ports::ForecastAdjustmentRecord> ForecastService::AddAdjustment(const Principal& by,
                                                                       const ForecastAdjustmentRequest& r) {
    std::vector<ErrorDetail> errors;
    if (r.fiscal_year < 1989 || r.fiscal_year > 2100) errors.push_back({"fiscal_year", "a year 1989-2100"});
    if (r.quarter < 0 || r.quarter > 4) errors.push_back({"quarter", "0 (the whole year) or 1-4"});
    const std::string team = Trim(r.team);
    if (team.size() > 200) errors.push_back({"team", "at most 200 bytes"});
    if (r.kind != "delta" && r.kind != "override") {
        errors.push_back({"kind", "delta or override"});
    } else if (r.kind == "override" && !team.empty()) {
        errors.push_back({"team", "an override sets the company figure; adjust a team with a delta"});
    }
    constexpr long long kMax = 10'000'000'000'000LL;  // ¥10 trillion
    if (r.amount > kMax || r.amount < -kMax) {
        errors.push_back({"amount", "at most ¥10 trillion either way"});
    } else if (r.kind == "override" && r.amount < 0) {
        errors.push_back({"amount", "an override is 0 or more"});
    } else if (r.kind == "delta" && r.amount == 0) {
        errors.push_back({"amount", "a delta other than 0"});
    }
    const std::string reason = Trim(r.reason);
    if (reason.empty()) errors.push_back({"reason", "required: why the model's figure is adjusted"});
    if (reason.size() > 2000) errors.push_back({"reason", "at most 2000 bytes"});
    if (!errors.empty()) return InvalidArgument("invalid forecast adjustment", std::move(errors));
    ports::ForecastAdjustmentRecord a;
    a.fiscal_year = r.fiscal_year;
    a.quarter = r.quarter;
    a.team = team;
    a.kind = r.kind;
    a.amount = r.amount;
    a.reason = reason;
    a.author_id = by.user_id;
    a.author_name = by.name.empty() ? by.login : by.name;
    a.created_at = FormatUtc(clock_.Now());
    long long id = 0;
    Status st = store_.InTransaction([&]() -> Status {
        auto inserted = store_.forecasts().InsertAdjustment(a);
        if (!inserted.ok()) return inserted.status();
        id = *inserted;
        return audit_.Append(
            {by.Actor(), "forecast.adjustment_add", "forecast_adjustment", std::to_string(id), "", AdjustmentJson(a)});
    });
    if (!st.ok()) return st;
    return store_.forecasts().FindAdjustment(id);
}

Result<ports::ForecastAdjustmentRecord> ForecastService::WithdrawAdjustment(const Principal& by, long long id) {
    auto before = store_.forecasts().FindAdjustment(id);
    if (!before.ok()) return before.status();
    const std::string at = FormatUtc(clock_.Now());
    Status st = store_.InTransaction([&]() -> Status {
        KYOSO_RETURN_IF_ERROR(store_.forecasts().WithdrawAdjustment(id, by.user_id, at));
        ports::ForecastAdjustmentRecord after = *before;
        after.withdrawn_at = at;
        return audit_.Append({by.Actor(), "forecast.adjustment_withdraw", "forecast_adjustment", std::to_string(id),
                              AdjustmentJson(*before), AdjustmentJson(after)});
    });
    if (!st.ok()) return st;
    return store_.forecasts().FindAdjustment(id);
}

}  // namespace kyoso::app
