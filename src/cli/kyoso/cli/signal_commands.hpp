#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `signals import` (council minutes and 一般質問 notices → signals) and `signals
// list` to `app` (docs/intel.md). Each command ends parsing with CLI::RuntimeError(exit
// code); `quiet` must outlive parsing.
void RegisterSignalCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
