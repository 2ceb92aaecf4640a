#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "kyoso/app/webhook/webhook_dispatcher.hpp"

namespace kyoso::app {

// Runs WebhookDispatcher::RunOnce on a background thread every `interval` until
// Stop(). Errors go to `on_error` (from the worker thread) and the loop goes on.
// Start and Stop are called from one owning thread; Stop waits for the round in
// progress (at most one HTTP timeout per due delivery) and is idempotent.
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
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace kyoso::app
