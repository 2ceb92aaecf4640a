#pragma once

#include <CLI/CLI.hpp>
#include <memory>

namespace kyoso::cli {

struct Runtime;

// Adds `cadences list|show` and `tasks generate|list` to `app`
// (docs/division-of-labour.md, "Cadences and tasks"). Each command ends parsing with
// CLI::RuntimeError(exit code); `quiet` must outlive parsing.
void RegisterCadenceCommands(CLI::App& app, const bool& quiet);

// The server's due-task generation: runs at start and then hourly on a background
// thread (logs a "tasks_generated" event); Stop() before the database closes.
class ServeTaskGenerator {
public:
    explicit ServeTaskGenerator(Runtime& rt);
    ~ServeTaskGenerator();
    ServeTaskGenerator(const ServeTaskGenerator&) = delete;
    ServeTaskGenerator& operator=(const ServeTaskGenerator&) = delete;
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kyoso::cli
