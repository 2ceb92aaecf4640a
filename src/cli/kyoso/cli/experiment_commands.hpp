#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `experiments [list|show ID|result ID] [--json]` (docs/transformation.md,
// "Experiments") to `app`: the experiments with status and horizon, one design, or the
// result (arms, and from the horizon the test, p-value and verdict). Each command ends
// parsing with CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterExperimentCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
