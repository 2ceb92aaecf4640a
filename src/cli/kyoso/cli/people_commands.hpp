#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `kyoso import rotations FILE [--db] [--dry-run] [--effective-date]` (人事異動,
// docs/crm-people.md) to the shared `import` group. The command runs as a CLI11
// callback and ends parsing with its exit code (CLI::Success or CLI::RuntimeError).
void RegisterPeopleCommands(CLI::App& app);

}  // namespace kyoso::cli
