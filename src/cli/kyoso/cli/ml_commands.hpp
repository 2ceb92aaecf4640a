#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `kyoso train`, `kyoso score` and `kyoso ml export|backtest` (docs/ml.md,
// "Models, features and the registry") to `app`.
void RegisterMlCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
