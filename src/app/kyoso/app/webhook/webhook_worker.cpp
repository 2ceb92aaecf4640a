#include "kyoso/app/webhook/webhook_worker.hpp"

namespace kyoso::app {

void WebhookWorker::Start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            auto round = dispatcher_.RunOnce([this] { return !stopping_.load(); });
            if (!round.ok() && on_error_) on_error_(round.status());
            lock.lock();
            wake_.wait_for(lock, interval_, [this] { return stopping_.load(); });
        }
    });
}

void WebhookWorker::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace kyoso::app
