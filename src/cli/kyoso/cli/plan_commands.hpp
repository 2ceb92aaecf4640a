#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `plan [--start YYYY-MM-DD] [--staff N] [--focus large_cities|mixed|towns_villages]
// [--xlsx FILE] [--json]` (the staged action plan from the latest diagnosis;
// docs/transformation.md) to `app`. The command ends parsing with
// CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterPlanCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
