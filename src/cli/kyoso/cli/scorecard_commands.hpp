#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>

namespace kyoso::cli {

// Adds `kyoso scorecard` (the two-axis quarterly scorecard of the transformation
// programme, docs/transformation.md) to `app`. Call the returned function after
// parsing: it runs the command and returns its exit code, or nullopt when absent.
std::function<std::optional<int>()> RegisterScorecardCommands(CLI::App& app);

}  // namespace kyoso::cli
