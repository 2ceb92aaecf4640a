#pragma once

#include <CLI/CLI.hpp>

namespace kyoso::cli {

// Adds `kyoso users create-admin | list | token | set-password | unlock`
// (docs/security.md). Commands that run on the database file act as its
// administrator: whoever can write the file already controls the data.
void RegisterUsersCommands(CLI::App& app);

}  // namespace kyoso::cli
