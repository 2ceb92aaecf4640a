#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `next-actions [--user ID] [--deal ID] [--government CODE] [--json]` (ranked next
// best actions) and `governments similar CODE [--product ID] [--limit N] [--json]`
// (nearest governments, the 類似団体 group and a product's adoption among them; docs/ml.md)
// to `app`. Must be called after the `governments` command exists. Each command ends
// parsing with CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterNbaCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
