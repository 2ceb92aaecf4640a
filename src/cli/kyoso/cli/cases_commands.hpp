#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `cases [search QUERY] [--kind K] [--product ID] [--government CODE] [--limit N]
// [--json]` (the case library, newest first, or a Japanese search of it) and
// `public-value --product ID | --government CODE [--json]` (outcomes of deployments with
// per-metric medians; docs/transformation.md) to `app`. Each command ends parsing with
// CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterCaseCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
