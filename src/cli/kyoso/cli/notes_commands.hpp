#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `notes analyze [--text T | --activity ID] [--date YYYY-MM-DD]` (docs/ml.md, "Note
// analysis and the optional LLM"): the analysis as JSON on stdout. Each command ends
// parsing with CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterNotesCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
