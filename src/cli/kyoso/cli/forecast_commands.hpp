#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>

namespace kyoso::cli {

// Adds `kyoso forecast [--fiscal-year N] [--json]` (revenue by fiscal year and quarter with
// P10/P50/P90) and `kyoso forecast backtest [--json] [--as-of-month MM-DD]` to `app`
// (docs/ml.md, "Forecast"). The returned function runs the command after parsing and
// returns its exit code, or nullopt when it was not given.
std::function<std::optional<int>()> RegisterForecastCommands(CLI::App& app);

}  // namespace kyoso::cli
