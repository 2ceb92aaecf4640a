#include "kyoso/app/import/import_jobs.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "kyoso/app/government/government_service.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/crypto/openssl_mac.hpp"
#include "kyoso/masterdata/holiday_table.hpp"
#include "kyoso/masterdata/jp_local_gov_source.hpp"
#include "kyoso/sql/import_repository.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "kyoso/text/csv_reader.hpp"
#include "kyoso/text/icu_normalizer.hpp"
#include "test_support.hpp"

namespace kyoso::app {
namespace {

using domain::RecordType;

// A clock whose instant the test moves (read by the worker thread too).
class ManualClock final : public ports::Clock {
public:
    Date Today() const override { return MakeDate(2026, 11, 27); }
    std::chrono::sys_seconds Now() const override {
        return std::chrono::sys_seconds(std::chrono::seconds(now_.load()));
    }
    void Advance(std::chrono::seconds by) { now_ += by.count(); }

private:
    std::atomic<long long> now_{1'795'000'000};
};

Principal User(long long id, domain::AccessRole role) {
    Principal p;
    p.user_id = id;
    p.role = role;
    return p;
}

const Principal kOwner = User(1, domain::AccessRole::kManager);
const Principal kOther = User(2, domain::AccessRole::kManager);
const Principal kAdmin = User(3, domain::AccessRole::kAdmin);

const char kGoodUsers[] = "id,name,role\nJU1,ジョブ 一,bdr\nJU2,ジョブ 二,manager\n";
const char kBadUsers[] = "id,name,role\nJU3,ジョブ 三,bdr\nJU4,,wizard\n";

class ImportJobsTest : public ::testing::Test {
protected:
    ImportJobsTest() {
        auto opened = sqlite::SqliteStore::Open(db_.path());
        EXPECT_TRUE(opened.ok()) << opened.status().ToString();
        store_ = std::move(*opened);
        GovernmentService governments(*store_, normalizer_, clock_, digest_, calendar_);
        EXPECT_TRUE(governments.LoadMasterData(masterdata::JpLocalGovSource::Bundled()).ok());
        repo_ = sql::MakeImportRepository(store_.get());
        service_ = std::make_unique<ImportService>(*store_, *repo_, reader_, normalizer_, clock_, digest_);
        jobs_ = std::make_unique<ImportJobs>(*service_, clock_, secrets_);
    }
    ~ImportJobsTest() override {
        Release();  // also when a test stopped early: the worker may be waiting for the lock
        jobs_->Shutdown();
    }

    static ImportOptions Options(RecordType type, bool dry_run = false) {
        ImportOptions o;
        o.type = type;
        o.dry_run = dry_run;
        o.actor = "user:1";
        return o;
    }

    std::string Submit(const std::string& csv, ImportOptions o, const Principal& by = kOwner) {
        auto id = jobs_->Submit(csv, std::move(o), by);
        EXPECT_TRUE(id.ok()) << id.status().ToString();
        return id.ok() ? *id : std::string();
    }

    // Waits (polling) until the job has finished; its last view.
    ImportJobView WaitFinished(const std::string& id, const Principal& viewer = kOwner) {
        for (int i = 0; i < 30000; ++i) {
            auto view = jobs_->Get(id, viewer);
            EXPECT_TRUE(view.ok()) << view.status().ToString();
            if (!view.ok()) return {};
            if (view->state == ImportJobState::kDone || view->state == ImportJobState::kFailed) return *view;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        ADD_FAILURE() << "job " << id << " did not finish";
        return {};
    }

    // Holds the database's write lock until Release(), so the worker blocks inside
    // its first import.
    void HoldWriteLock() {
        auto released = release_.get_future();
        auto holding = holding_.get_future();
        blocker_ = std::thread([this, released = std::move(released)] {
            (void)store_->InTransaction([&] {
                holding_.set_value();
                released.wait();
                return Status::Ok();
            });
        });
        holding.wait();
    }
    void Release() {
        if (!blocker_.joinable()) return;
        release_.set_value();
        blocker_.join();
    }

    ImportJobState StateOf(const std::string& id) {
        auto view = jobs_->Get(id, kOwner);
        return view.ok() ? view->state : ImportJobState::kFailed;
    }

    testing::TempDb db_{"import-jobs"};
    std::unique_ptr<sqlite::SqliteStore> store_;
    text::IcuTextNormalizer normalizer_;
    ManualClock clock_;
    crypto::OpenSslDigest digest_;
    crypto::OpenSslSecretSource secrets_;
    domain::BusinessCalendar calendar_{masterdata::BundledHolidays()};
    text::CsvStreamReader reader_;
    std::unique_ptr<ports::ImportRepository> repo_;
    std::unique_ptr<ImportService> service_;
    std::unique_ptr<ImportJobs> jobs_;
    std::promise<void> holding_;
    std::promise<void> release_;
    std::thread blocker_;
};

TEST_F(ImportJobsTest, AJobGivesTheSameReportAsTheSynchronousImport) {
    ports::NullProgress none;
    auto direct = service_->Import(kBadUsers, Options(RecordType::kUsers), none);
    ASSERT_TRUE(direct.ok());
    const std::string id = Submit(kBadUsers, Options(RecordType::kUsers));
    EXPECT_EQ(id.size(), 32u);
    EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
    const ImportJobView job = WaitFinished(id);
    ASSERT_EQ(job.state, ImportJobState::kDone);
    ASSERT_TRUE(job.report.has_value());
    EXPECT_EQ(job.id, id);
    EXPECT_EQ(job.type, "users");
    EXPECT_EQ(job.owner_id, kOwner.user_id);
    EXPECT_FALSE(job.report->applied);
    EXPECT_EQ(job.report->error_count, direct->error_count);
    ASSERT_EQ(job.report->errors.size(), direct->errors.size());
    for (size_t i = 0; i < direct->errors.size(); ++i) {
        EXPECT_EQ(job.report->errors[i].row, direct->errors[i].row);
        EXPECT_EQ(job.report->errors[i].column, direct->errors[i].column);
        EXPECT_EQ(job.report->errors[i].reason, direct->errors[i].reason);
    }
    EXPECT_EQ(job.progress.phase, "import users");
    EXPECT_EQ(job.progress.done, 2);
    EXPECT_EQ(job.progress.total, 2);
    EXPECT_FALSE(job.started_at.empty());
    EXPECT_FALSE(job.finished_at.empty());
}

TEST_F(ImportJobsTest, AFileThatCannotBeReadFailsTheJobWithTheImportsStatus) {
    const ImportJobView job = WaitFinished(Submit("id,name\n\"broken\n", Options(RecordType::kUsers)));
    EXPECT_EQ(job.state, ImportJobState::kFailed);
    EXPECT_EQ(job.error.code(), ErrorCode::kInvalidArgument) << job.error.ToString();
    EXPECT_FALSE(job.report.has_value());
}

TEST_F(ImportJobsTest, OnlyTheOwnerAndAdministratorsSeeAJob) {
    const std::string id = Submit(kGoodUsers, Options(RecordType::kUsers));
    EXPECT_TRUE(WaitFinished(id).report->applied);
    EXPECT_TRUE(jobs_->Get(id, kAdmin).ok());
    EXPECT_EQ(jobs_->Get(id, kOther).status().code(), ErrorCode::kNotFound);
    EXPECT_EQ(jobs_->Get("0123456789abcdef0123456789abcdef", kOwner).status().code(), ErrorCode::kNotFound);
}

TEST_F(ImportJobsTest, JobsRunOneAtATimeInTheOrderTheyCameIn) {
    HoldWriteLock();
    const std::string first = Submit(kGoodUsers, Options(RecordType::kUsers));
    const std::string second = Submit(kBadUsers, Options(RecordType::kUsers, true));
    while (StateOf(first) != ImportJobState::kRunning) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    auto waiting = jobs_->Get(second, kOwner);
    ASSERT_TRUE(waiting.ok());
    EXPECT_EQ(waiting->state, ImportJobState::kQueued);
    EXPECT_TRUE(waiting->started_at.empty());
    EXPECT_EQ(waiting->progress.phase, "");
    Release();
    const ImportJobView a = WaitFinished(first), b = WaitFinished(second);
    EXPECT_LE(a.finished_at, b.started_at);
    EXPECT_TRUE(a.report->applied);
    EXPECT_TRUE(b.report->dry_run);
}

TEST_F(ImportJobsTest, AtMostAHundredUnfinishedJobsAreAccepted) {
    HoldWriteLock();
    std::vector<std::string> ids;
    for (size_t i = 0; i < ImportJobs::kMaxJobs; ++i)
        ids.push_back(Submit(kGoodUsers, Options(RecordType::kUsers, true)));
    auto refused = jobs_->Submit(kGoodUsers, Options(RecordType::kUsers, true), kOwner);
    EXPECT_EQ(refused.status().code(), ErrorCode::kResourceExhausted);
    Release();
    for (const auto& id : ids) WaitFinished(id);
    // Now full of finished jobs: a new one takes the place of the one that finished first.
    const std::string next = Submit(kGoodUsers, Options(RecordType::kUsers, true));
    EXPECT_EQ(jobs_->Get(ids.front(), kOwner).status().code(), ErrorCode::kNotFound);
    EXPECT_TRUE(jobs_->Get(ids.back(), kOwner).ok());
    EXPECT_TRUE(jobs_->Get(next, kOwner).ok());
}

TEST_F(ImportJobsTest, FinishedJobsAreForgottenAfterAnHour) {
    const std::string id = Submit(kGoodUsers, Options(RecordType::kUsers, true));
    WaitFinished(id);
    clock_.Advance(ImportJobs::kKeepFinished - std::chrono::seconds(1));
    EXPECT_TRUE(jobs_->Get(id, kOwner).ok());
    clock_.Advance(std::chrono::seconds(1));
    EXPECT_EQ(jobs_->Get(id, kOwner).status().code(), ErrorCode::kNotFound);
}

TEST_F(ImportJobsTest, ShutdownLetsTheRunningImportFinishAndDropsTheQueuedOnes) {
    HoldWriteLock();
    const std::string running = Submit(kGoodUsers, Options(RecordType::kUsers));
    const std::string queued = Submit(kGoodUsers, Options(RecordType::kUsers));
    while (StateOf(running) != ImportJobState::kRunning) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::thread stopper([this] { jobs_->Shutdown(); });
    // The queued job is failed as soon as the shutdown starts; the running one waits for the lock.
    while (StateOf(queued) != ImportJobState::kFailed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    Release();
    stopper.join();
    auto ran = jobs_->Get(running, kOwner);
    ASSERT_TRUE(ran.ok());
    EXPECT_EQ(ran->state, ImportJobState::kDone);
    EXPECT_TRUE(ran->report->applied);
    auto dropped = jobs_->Get(queued, kOwner);
    ASSERT_TRUE(dropped.ok());
    EXPECT_EQ(dropped->error.code(), ErrorCode::kUnavailable);
    EXPECT_EQ(jobs_->Submit(kGoodUsers, Options(RecordType::kUsers), kOwner).status().code(), ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace kyoso::app
