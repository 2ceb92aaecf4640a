#include "kyoso/app/cadence/task_generation_worker.hpp"

namespace kyoso::app {

void TaskGenerationWorker::Start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            auto run = cadences_.GenerateDueTasks(std::nullopt);
            if (!run.ok()) {
                if (on_error_) on_error_(run.status());
            } else if (on_run_) {
                on_run_(*run);
            }
            lock.lock();
            wake_.wait_for(lock, interval_, [this] { return stopping_; });
        }
    });
}

void TaskGenerationWorker::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace kyoso::app
