#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `kyoso intel match|evaluate|match-bench` (docs/intel.md "Matching notices to
// products") to `app`. Each command runs from its subcommand callback and ends parsing
// with CLI::RuntimeError(exit code) (0 on success); `quiet` must outlive parsing.
void RegisterIntelMatchCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
