#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>

#include "kyoso/cli/runtime.hpp"

namespace kyoso::cli {

// Adds `kyoso webhooks list|add|deliveries|replay|dispatch` to `app`. Call the
// returned function after parsing: it runs the chosen webhooks command and returns
// its exit code, or nullopt when no webhooks command was given.
std::function<std::optional<int>()> RegisterWebhookCommands(CLI::App& app);

// The webhook dispatcher of `kyoso serve`: a background thread that turns new
// audit entries into deliveries and POSTs due ones every second, logging errors.
// Started by the constructor; the destructor (or Stop) ends it cleanly. `rt` must
// outlive it.
class ServeWebhookWorker {
public:
    explicit ServeWebhookWorker(Runtime& rt);
    ~ServeWebhookWorker();
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kyoso::cli
