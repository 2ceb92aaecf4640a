#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `backup` (an online, verified copy of a database, also while kyoso serve
// writes to it) and `restore` (a verified backup put in place of a database that
// nobody has open) to `app`; see docs/backup.md. Each command runs from its
// subcommand callback and ends parsing with CLI::RuntimeError(exit code) (0 on
// success); `quiet` must outlive parsing.
void RegisterBackupCommands(CLI::App& app, const bool& quiet);

}  // namespace kyoso::cli
