#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "kyoso/app/cadence/cadence_service.hpp"

namespace kyoso::app {

// Runs CadenceService::GenerateDueTasks on a background thread at start and then every
// `interval` until Stop() (the server's hourly generation of due cadence tasks).
// Errors go to `on_error` and the loop goes on. Start/Stop from one owning thread.
class TaskGenerationWorker {
public:
    TaskGenerationWorker(CadenceService& cadences, std::chrono::milliseconds interval,
                         std::function<void(const GenerationSummary&)> on_run,
                         std::function<void(const Status&)> on_error)
        : cadences_(cadences), interval_(interval), on_run_(std::move(on_run)), on_error_(std::move(on_error)) {}
    ~TaskGenerationWorker() { Stop(); }
    TaskGenerationWorker(const TaskGenerationWorker&) = delete;
    TaskGenerationWorker& operator=(const TaskGenerationWorker&) = delete;

    void Start();
    // Lets a run in progress finish; idempotent.
    void Stop();

private:
    CadenceService& cadences_;
    std::chrono::milliseconds interval_;
    std::function<void(const GenerationSummary&)> on_run_;
    std::function<void(const Status&)> on_error_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kyoso::app
