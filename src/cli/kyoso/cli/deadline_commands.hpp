#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>

namespace kyoso::cli {

// Adds `kyoso deadlines` (the upcoming-deadline list of open deals, or with --ics
// their iCalendar feed) to `app`. Call the returned function after parsing: it runs
// the command and returns its exit code, or nullopt when it was not given.
std::function<std::optional<int>()> RegisterDeadlineCommands(CLI::App& app);

}  // namespace kyoso::cli
