#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `contact-log add|list`, `export disclosure` and `search` to `app`. Each
// command runs from its subcommand callback and ends parsing with
// CLI::RuntimeError(exit code) (0 on success); `quiet` must outlive parsing.
void RegisterComplianceCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
