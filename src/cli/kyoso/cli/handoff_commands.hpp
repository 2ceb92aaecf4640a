#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `handoffs list` (every hand-off with its SLA state, newest first) and `handoffs
// sweep` (mark breaches, escalate to managers; docs/division-of-labour.md) to `app`.
// Each command ends parsing with CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterHandoffCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
