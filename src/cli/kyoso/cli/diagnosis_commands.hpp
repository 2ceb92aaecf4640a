#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `diagnosis [--db] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json]`: the measured
// signals of the period (default: the 90 days up to today) and the latest diagnosis
// (docs/transformation.md, "Diagnosis"). Ends parsing with CLI::RuntimeError(exit code);
// `quiet` must outlive parsing.
void RegisterDiagnosisCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
