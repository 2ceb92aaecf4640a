#include "kyoso/cli/forecast_commands.hpp"

#include <cstdio>
#include <string>

#include "kyoso/api/forecast_handlers.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/domain/fiscal/fiscal_year.hpp"

namespace kyoso::cli {

namespace {

struct ForecastOptions {
    std::string db = "kyoso.db";
    int fiscal_year = 0;
    std::string as_of;
    std::string as_of_month = "04-01";
    int runs = 10000;
    bool json = false;
};

std::string Man(double yen) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f百万円", yen / 1e6);
    return buf;
}

std::string PctText(const std::optional<double>& v) {
    if (!v) return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", *v);
    return buf;
}

}  // namespace

std::function<std::optional<int>()> RegisterForecastCommands(CLI::App& app) {
    auto o = std::make_shared<ForecastOptions>();
    auto* cmd = app.add_subcommand(
        "forecast", "Revenue forecast by fiscal year and quarter with P10/P50/P90 (docs/ml.md, \"Forecast\")");
    cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    cmd->add_option("--fiscal-year", o->fiscal_year, "Only this fiscal year (default: this year and the next)");
    cmd->add_option("--as-of", o->as_of, "YYYY-MM-DD (default: today in Japan, or KYOSO_TODAY)");
    cmd->add_option("--runs", o->runs, "Monte Carlo runs (100-100000)")->capture_default_str();
    cmd->add_flag("--json", o->json, "Print JSON (the API's body)");
    auto* backtest = cmd->add_subcommand(
        "backtest", "Forecast each past fiscal year as of a date before it and compare with the revenue won");
    backtest
        ->add_option("--as-of-month", o->as_of_month,
                     "MM-DD: forecast as of the last such day on or before 1 April of the year")
        ->capture_default_str();
    backtest->add_flag("--json", o->json, "Print JSON");

    return [=]() -> std::optional<int> {
        if (!*cmd) return std::nullopt;
        if (!DatabaseExists(o->db)) return Fail(NotFound("no database at " + o->db));
        Runtime rt;
        if (Status st = rt.Open(o->db, true); !st.ok()) return Fail(st);
        if (*backtest) {
            auto report = rt.forecast->Backtest(o->as_of_month, o->runs);
            if (!report.ok()) return Fail(report.status());
            if (o->json) {
                std::printf("%s\n", api::BacktestJson(*report).dump(2).c_str());
                return 0;
            }
            std::printf("backtest as of %s before each fiscal year; model source: %s\n", o->as_of_month.c_str(),
                        report->model_source.c_str());
            std::printf("%-7s %-10s %12s | %-34s | %-34s | %s\n", "FY", "as_of", "actual", "model P50 [P10-P90] err",
                        "stage-only P50 [P10-P90] err", "last year err");
            for (const auto& y : report->years) {
                auto figs = [](const app::BacktestFigures& f) {
                    return Man(f.p50) + " [" + Man(f.p10) + "-" + Man(f.p90) + "] " + PctText(f.error_pct) +
                           (f.covered ? " ✓" : "");
                };
                std::printf("FY%-5d %-10s %12s | %-34s | %-34s | %s %s\n", y.fiscal_year,
                            FormatIsoDate(y.as_of).c_str(), Man(y.actual).c_str(), figs(y.model).c_str(),
                            figs(y.stage_only).c_str(), Man(y.last_year).c_str(),
                            PctText(y.last_year_error_pct).c_str());
            }
            std::printf("mean absolute error: model %s, stage-only %s, last year %s\n",
                        PctText(report->mean_model).c_str(), PctText(report->mean_stage_only).c_str(),
                        PctText(report->mean_last_year).c_str());
            return 0;
        }
        app::ForecastQuery q;
        if (o->fiscal_year != 0) q.fiscal_year = o->fiscal_year;
        if (!o->as_of.empty()) {
            q.as_of = ParseIsoDate(o->as_of);
            if (!q.as_of) return Fail(InvalidArgument("--as-of must be YYYY-MM-DD", {{"as_of", "YYYY-MM-DD"}}));
        }
        q.runs = o->runs;
        auto report = rt.forecast->Forecast(q);
        if (!report.ok()) return Fail(report.status());
        if (o->json) {
            std::printf("%s\n", api::ForecastJson(*report).dump(2).c_str());
            return 0;
        }
        std::printf("forecast as of %s: %d open deals, probabilities from %s\n", FormatIsoDate(report->as_of).c_str(),
                    report->open_deals, report->probability_source.c_str());
        for (const auto& y : report->years) {
            std::printf("%s (FY%d): P50 %s [P10 %s – P90 %s], expected %s, won %s; adjusted %s; stage-only P50 %s\n",
                        domain::FiscalYear(y.fiscal_year).WarekiLabel().c_str(), y.fiscal_year, Man(y.year.p50).c_str(),
                        Man(y.year.p10).c_str(), Man(y.year.p90).c_str(), Man(y.year.expected).c_str(),
                        Man(y.year.won).c_str(), Man(y.adjusted).c_str(), Man(y.stage_only.p50).c_str());
            for (size_t i = 0; i < 4; ++i) {
                const auto& p = y.quarters[i];
                std::printf("  Q%zu: P50 %s [%s – %s], expected %s, won %s\n", i + 1, Man(p.p50).c_str(),
                            Man(p.p10).c_str(), Man(p.p90).c_str(), Man(p.expected).c_str(), Man(p.won).c_str());
            }
        }
        return 0;
    };
}

}  // namespace kyoso::cli
