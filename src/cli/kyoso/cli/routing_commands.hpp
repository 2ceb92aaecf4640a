#pragma once

#include <CLI/CLI.hpp>
#include <memory>

namespace kyoso::cli {

struct Runtime;

// Adds `kyoso routing rules|simulate|reroute` and `kyoso teams` (docs/division-of-labour.md).
void RegisterRoutingCommands(CLI::App& app, const bool& quiet);

// While serving: re-routes leads of absent owners once a day, when the date in Japan
// changes after start-up (checked every 10 minutes; never at start-up, so a pinned
// KYOSO_TODAY never triggers it). Stop() before the database closes.
class ServeRerouteWorker {
public:
    explicit ServeRerouteWorker(Runtime& rt);
    ~ServeRerouteWorker();
    ServeRerouteWorker(const ServeRerouteWorker&) = delete;
    ServeRerouteWorker& operator=(const ServeRerouteWorker&) = delete;
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kyoso::cli
