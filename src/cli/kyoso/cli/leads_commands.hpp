#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `leads evaluate` (train and measure lead scoring on a CSV of past leads) and
// `leads score` (apply a saved model to new rows) to `app` (docs/ml.md "Lead scoring on
// your own data"). No database is needed. Each command ends parsing with
// CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterLeadsCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
