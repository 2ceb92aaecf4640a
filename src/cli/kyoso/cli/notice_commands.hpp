#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `kyoso notices import|list|review` (tender notices, docs/intel.md) to `app`.
// Each command runs from its subcommand callback and ends parsing with
// CLI::RuntimeError(exit code) (0 on success); `quiet` must outlive parsing.
void RegisterNoticeCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
