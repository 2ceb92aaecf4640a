#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `kyoso import csv` and `kyoso export csv` (the generic CSV import/export of
// docs/data-import.md) to the shared `import` and `export` groups, creating the
// groups when absent. The commands run as CLI11 callbacks and end parsing with
// CLI::RuntimeError(exit code), which Run's app.exit turns into the exit status.
// `quiet` must outlive `app`.
void RegisterImportCsvCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
