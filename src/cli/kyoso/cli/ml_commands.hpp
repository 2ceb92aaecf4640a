#pragma once

#include <CLI/CLI.hpp>
#include <memory>

namespace kyoso::cli {

// Adds `kyoso train`, `kyoso score` and `kyoso ml export|backtest` (docs/ml.md,
// "Models, features and the registry") to `app`.
void RegisterMlCommands(CLI::App& app, const bool& quiet);

struct Runtime;

// Scheduled retraining in `kyoso serve`: every hour (the first check an hour after start)
// each model whose active version is missing or older than KYOSO_ML_RETRAIN_DAYS days
// (default 7; 0 turns it off) is trained again (ml_model.train in the audit log, an
// "ml_retrained" log event). Stop() before the database closes.
class ServeMlRetrainer {
public:
    explicit ServeMlRetrainer(Runtime& rt);
    ~ServeMlRetrainer();
    ServeMlRetrainer(const ServeMlRetrainer&) = delete;
    ServeMlRetrainer& operator=(const ServeMlRetrainer&) = delete;
    void Stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace kyoso::cli
