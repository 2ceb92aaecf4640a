#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>

namespace kyoso::cli {

// Adds `kyoso kpis` (the KPIs of one sales role per fiscal year or quarter, teams first,
// then individuals; docs/division-of-labour.md) to `app`. Call the returned function
// after parsing: it runs the command and returns its exit code, or nullopt when absent.
std::function<std::optional<int>()> RegisterKpiCommands(CLI::App& app);

}  // namespace kyoso::cli
