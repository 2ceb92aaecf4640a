#include "kyoso/app/import/import_jobs.hpp"

#include <exception>

#include "kyoso/app/audit/audit_trail.hpp"

namespace kyoso::app {

void RecordedProgress::Report(std::string_view phase, long long done, long long total) {
    std::lock_guard lock(mutex_);
    if (latest_.phase != phase) latest_.phase.assign(phase);
    latest_.done = done;
    latest_.total = total;
}

RecordedProgress::Snapshot RecordedProgress::Latest() const {
    std::lock_guard lock(mutex_);
    return latest_;
}

std::string_view ImportJobStateSlug(ImportJobState state) {
    switch (state) {
        case ImportJobState::kQueued:
            return "queued";
        case ImportJobState::kRunning:
            return "running";
        case ImportJobState::kDone:
            return "done";
        case ImportJobState::kFailed:
            return "failed";
    }
    return "failed";
}

ImportJobs::~ImportJobs() { Shutdown(); }

void ImportJobs::ForgetExpired(std::chrono::sys_seconds now) {
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        const ImportJobState s = it->second->view.state;
        const bool finished = s == ImportJobState::kDone || s == ImportJobState::kFailed;
        if (finished && now - it->second->finished >= kKeepFinished) {
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
}

Result<std::string> ImportJobs::Submit(std::string csv, ImportOptions options, const Principal& owner) {
    std::lock_guard lock(mutex_);
    if (stopping_) return Unavailable("the server is stopping: import jobs are no longer accepted");
    ForgetExpired(clock_.Now());
    while (jobs_.size() >= kMaxJobs) {
        // Make room by forgetting the job that finished first.
        auto oldest = jobs_.end();
        for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
            const ImportJobState s = it->second->view.state;
            if (s != ImportJobState::kDone && s != ImportJobState::kFailed) continue;
            if (oldest == jobs_.end() || it->second->finish_order < oldest->second->finish_order) oldest = it;
        }
        if (oldest == jobs_.end()) {
            return ResourceExhausted(std::to_string(kMaxJobs) +
                                     " import jobs are queued or running: try again when one has finished");
        }
        jobs_.erase(oldest);
    }
    std::string id;
    do {
        id = random_.RandomHex(16);
    } while (jobs_.count(id) > 0);
    auto job = std::make_unique<Job>();
    job->view.id = id;
    job->view.type = std::string(domain::RecordTypeSlug(options.type));
    job->view.dry_run = options.dry_run;
    job->view.owner_id = owner.user_id;
    job->csv = std::move(csv);
    job->options = std::move(options);
    queue_.push_back(job.get());
    jobs_.emplace(id, std::move(job));
    if (!worker_.joinable()) worker_ = std::thread([this] { Work(); });
    wake_.notify_one();
    return id;
}

Result<ImportJobView> ImportJobs::Get(const std::string& id, const Principal& viewer) {
    std::lock_guard lock(mutex_);
    ForgetExpired(clock_.Now());
    auto it = jobs_.find(id);
    if (it == jobs_.end() ||
        (it->second->view.owner_id != viewer.user_id && viewer.role != domain::AccessRole::kAdmin)) {
        return NotFound("no import job with id '" + id + "' (finished jobs are kept for an hour)");
    }
    ImportJobView view = it->second->view;
    view.progress = it->second->progress.Latest();
    return view;
}

void ImportJobs::Work() {
    for (;;) {
        Job* job = nullptr;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = queue_.front();
            queue_.pop_front();
            job->view.state = ImportJobState::kRunning;
            job->view.started_at = FormatUtc(clock_.Now());
        }
        // The job is not forgotten while it runs, and only this thread touches its
        // input and options now; progress has its own lock.
        Result<ImportReport> report = Internal("the import did not run");
        try {
            report = imports_.Import(job->csv, job->options, job->progress);
        } catch (const std::exception& e) {
            report = Internal(std::string("the import failed unexpectedly: ") + e.what());
        }
        std::lock_guard lock(mutex_);
        job->finished = clock_.Now();
        job->finish_order = ++finished_count_;
        job->view.finished_at = FormatUtc(job->finished);
        if (report.ok()) {
            job->view.state = ImportJobState::kDone;
            job->view.report = std::move(*report);
        } else {
            job->view.state = ImportJobState::kFailed;
            job->view.error = report.status();
        }
        std::string().swap(job->csv);
    }
}

void ImportJobs::Shutdown() {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            stopping_ = true;
            const auto now = clock_.Now();
            for (Job* job : queue_) {
                job->view.state = ImportJobState::kFailed;
                job->view.error = Unavailable("the server stopped before this import started; nothing was written");
                job->finished = now;
                job->finish_order = ++finished_count_;
                job->view.finished_at = FormatUtc(now);
                std::string().swap(job->csv);
            }
            queue_.clear();
        }
    }
    wake_.notify_all();
    if (worker_.joinable() && worker_.get_id() != std::this_thread::get_id()) worker_.join();
}

}  // namespace kyoso::app
