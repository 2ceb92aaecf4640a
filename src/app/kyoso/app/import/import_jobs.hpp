#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "kyoso/app/access/authorizer.hpp"
#include "kyoso/app/import/import_service.hpp"
#include "kyoso/ports/mac.hpp"
#include "kyoso/ports/services.hpp"

namespace kyoso::app {

// Keeps the latest Report(phase, done, total) for another thread to read. Thread-safe.
class RecordedProgress final : public ports::ProgressSink {
public:
    struct Snapshot {
        std::string phase;  // "" before the first report
        long long done = 0;
        long long total = 0;  // 0 = unknown
    };
    void Report(std::string_view phase, long long done, long long total) override;
    Snapshot Latest() const;

private:
    mutable std::mutex mutex_;
    Snapshot latest_;
};

enum class ImportJobState { kQueued, kRunning, kDone, kFailed };

// "queued", "running", "done", "failed".
std::string_view ImportJobStateSlug(ImportJobState state);

// An import job as its owner sees it at one moment.
struct ImportJobView {
    std::string id;
    std::string type;  // record type slug
    bool dry_run = false;
    long long owner_id = 0;  // the user who started it
    ImportJobState state = ImportJobState::kQueued;
    RecordedProgress::Snapshot progress;
    // kDone: the report, exactly as ImportService::Import returned it (bad rows included).
    std::optional<ImportReport> report;
    // kFailed: why the file as a whole could not be imported (Import's failed status).
    Status error;
    std::string started_at;   // UTC "YYYY-MM-DDTHH:MM:SSZ" when the worker took it; "" while queued
    std::string finished_at;  // "" until done or failed
};

// Runs imports in the background for the web app's progress bar: one worker
// thread takes the jobs first in, first out and calls ImportService::Import, so a
// job gives the same report, all-or-nothing writes and audit entry as a
// synchronous import. Jobs live in memory only: at most kMaxJobs are remembered,
// and a finished job is forgotten kKeepFinished after it finished (or earlier, the
// oldest first, when a new job needs its place). Thread-safe. The destructor calls
// Shutdown(). `imports`, `clock` and `random` must outlive this object.
class ImportJobs {
public:
    static constexpr size_t kMaxJobs = 100;
    static constexpr std::chrono::seconds kKeepFinished{3600};

    ImportJobs(ImportService& imports, const ports::Clock& clock, const ports::SecretSource& random)
        : imports_(imports), clock_(clock), random_(random) {}
    ~ImportJobs();
    ImportJobs(const ImportJobs&) = delete;
    ImportJobs& operator=(const ImportJobs&) = delete;

    // Queues the import of `csv` with `options` (options.mapping, if any, must
    // outlive the job) for `owner`, and returns the new job's id: 16 random bytes
    // as 32 hex digits. ResourceExhausted when kMaxJobs jobs are queued or running;
    // Unavailable after Shutdown().
    Result<std::string> Submit(std::string csv, ImportOptions options, const Principal& owner);

    // The job `id` when `viewer` started it or is an administrator; NotFound
    // otherwise (another user's job is indistinguishable from a missing one).
    Result<ImportJobView> Get(const std::string& id, const Principal& viewer);

    // Lets the running import finish (imports are not interrupted mid-transaction),
    // fails the queued ones with Unavailable, and joins the worker. Idempotent.
    void Shutdown();

private:
    struct Job {
        ImportJobView view;
        std::string csv;
        ImportOptions options;
        RecordedProgress progress;
        std::chrono::sys_seconds finished{};
        unsigned long long finish_order = 0;  // 1, 2, … as jobs finish; 0 = not yet
    };

    void Work();
    // Forgets finished jobs past kKeepFinished. Needs mutex_.
    void ForgetExpired(std::chrono::sys_seconds now);

    ImportService& imports_;
    const ports::Clock& clock_;
    const ports::SecretSource& random_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::string, std::unique_ptr<Job>> jobs_;
    std::deque<Job*> queue_;
    unsigned long long finished_count_ = 0;
    bool stopping_ = false;
    std::thread worker_;  // started by the first Submit
};

}  // namespace kyoso::app
