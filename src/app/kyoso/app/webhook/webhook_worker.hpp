#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "kyoso/app/webhook/webhook_dispatcher.hpp"

namespace kyoso::app {

// Runs WebhookDispatcher::RunOnce on a background thread every `interval` until
// Stop(). Errors go to `on_error` (from the worker thread) and the loop goes on.
// Start and Stop are called from one owning thread; Stop lets the POST in progress
// finish (at most its timeouts), skips the rest of the round, and is idempotent.
class WebhookWorker {
public:
    WebhookWorker(WebhookDispatcher& dispatcher, std::chrono::milliseconds interval,
                  std::function<void(const Status&)> on_error)
        : dispatcher_(dispatcher), interval_(interval), on_error_(std::move(on_error)) {}
    ~WebhookWorker() { Stop(); }
    WebhookWorker(const WebhookWorker&) = delete;
    WebhookWorker& operator=(const WebhookWorker&) = delete;

    void Start();
    void Stop();

private:
    WebhookDispatcher& dispatcher_;
    std::chrono::milliseconds interval_;
    std::function<void(const Status&)> on_error_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace kyoso::app
