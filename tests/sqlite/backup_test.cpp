#include "kyoso/sqlite/backup.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "kyoso/sqlite/sqlite_connection.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"
#include "test_support.hpp"

namespace kyoso::sqlite {
namespace {

namespace fs = std::filesystem;

// A file path under the test temp dir; removes it and every file kyoso or SQLite
// may put beside it.
class TempPath {
public:
    explicit TempPath(const std::string& tag) : db_(tag) {}
    ~TempPath() {
        std::error_code ec;
        for (const std::string& base : {path(), path() + ".partial", path() + ".restoring"}) {
            for (const char* s : {"", "-wal", "-shm", "-journal"}) fs::remove(base + s, ec);
        }
    }
    const std::string& path() const { return db_.path(); }

private:
    testing::TempDb db_;
};

bool Exists(const std::string& path) { return fs::exists(path); }

// A store with a `notes` table of `rows` rows, each `blob_bytes` bytes of payload.
std::unique_ptr<SqliteStore> StoreWithNotes(const std::string& path, int rows, int blob_bytes = 16) {
    auto store = SqliteStore::Open(path);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    Status st = (*store)->Write([&](sql::Connection* db) -> Status {
        KYOSO_RETURN_IF_ERROR(db->Exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body BLOB NOT NULL)"));
        sql::Statement ins(db, "INSERT INTO notes(body) VALUES (randomblob(?))");
        for (int i = 0; i < rows; ++i) {
            KYOSO_RETURN_IF_ERROR(ins.Bind(1, blob_bytes).Run());
            ins.Reset();
        }
        return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return std::move(*store);
}

long long CountNotes(const std::string& path) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    long long n = -1;
    {
        Statement q(db, "SELECT count(*) FROM notes");
        Status st;
        if (q.Step(&st)) n = q.Int(0);
    }
    sqlite3_close(db);
    return n;
}

int NewestVersion() { return SchemaMigrations().back().version; }

// Byte 18 of the SQLite header: 1 = rollback journal (one file), 2 = WAL.
int FileFormatByte(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    in.seekg(18);
    return in.get();
}

class RecordingProgress final : public ports::ProgressSink {
public:
    void Report(std::string_view, long long done, long long total) override { reports.push_back({done, total}); }
    std::vector<std::pair<long long, long long>> reports;
};

TEST(Backup, CopiesALiveStoreIntoOneVerifiedFileThatRestores) {
    TempPath db("backup-src"), to("backup-file"), restored("backup-restored");
    auto store = StoreWithNotes(db.path(), 100);  // stays open, like kyoso serve
    BackupRequest request{db.path(), to.path()};
    auto done = BackupDatabase(request);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
    EXPECT_EQ(done->facts.schema_version, NewestVersion());
    EXPECT_GE(done->facts.rows, 100);
    EXPECT_GT(done->facts.tables, 10);
    EXPECT_EQ(done->facts.bytes, static_cast<long long>(fs::file_size(to.path())));
    EXPECT_FALSE(Exists(to.path() + ".partial"));
    EXPECT_FALSE(Exists(to.path() + "-wal"));
    EXPECT_EQ(FileFormatByte(to.path()), 1) << "the backup must stand alone, not rely on a -wal";
    EXPECT_EQ(CountNotes(to.path()), 100);

    auto back = RestoreDatabase({to.path(), restored.path()});
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_FALSE(back->replaced);
    EXPECT_EQ(back->from.rows, done->facts.rows);
    EXPECT_FALSE(Exists(restored.path() + ".restoring"));
    auto reopened = SqliteStore::Open(restored.path());
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    EXPECT_TRUE((*reopened)->IntegrityCheck().ok());
    reopened->reset();
    EXPECT_EQ(CountNotes(restored.path()), 100);
}

TEST(Backup, IsOneSnapshotAndFinishesWhileAnotherConnectionKeepsWriting) {
    TempPath db("backup-busy"), to("backup-busy-file");
    // About 6 MB, so the copy takes several steps of 1,024 pages.
    auto store = StoreWithNotes(db.path(), 1500, 4000);
    std::atomic<bool> stop{false};
    std::atomic<long long> committed{1500};
    std::thread writer([&] {
        while (!stop) {
            Status st = store->Write(
                [](sql::Connection* conn) { return conn->Exec("INSERT INTO notes(body) VALUES (randomblob(4000))"); });
            if (st.ok()) ++committed;
        }
    });
    // Let the writer get going, then back up while it writes.
    while (committed < 1520) std::this_thread::yield();
    const long long before = committed;
    RecordingProgress progress;
    BackupRequest request{db.path(), to.path()};
    request.progress = &progress;
    auto done = BackupDatabase(request);
    const long long after = committed;
    stop = true;
    writer.join();
    ASSERT_TRUE(done.ok()) << done.status().ToString();
    const long long copied = CountNotes(to.path());
    EXPECT_GE(copied, before);
    EXPECT_LE(copied, after);
    ASSERT_GE(progress.reports.size(), 2u);
    for (size_t i = 1; i < progress.reports.size(); ++i) {
        // A restarted backup would start counting again from zero.
        EXPECT_GE(progress.reports[i].first, progress.reports[i - 1].first) << "step " << i;
        EXPECT_EQ(progress.reports[i].second, progress.reports[0].second) << "the snapshot changed size";
    }
    EXPECT_EQ(progress.reports.back().first, progress.reports.back().second);
}

TEST(Backup, RefusesAnExistingFileWithoutForceAndReplacesItWithForce) {
    TempPath db("backup-force"), to("backup-force-file");
    auto store = StoreWithNotes(db.path(), 3);
    std::ofstream(to.path()) << "an older backup";
    auto refused = BackupDatabase({db.path(), to.path()});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find(to.path()), std::string::npos) << refused.status().message();
    EXPECT_NE(refused.status().message().find("--force"), std::string::npos) << refused.status().message();
    std::ifstream in(to.path());
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(kept, "an older backup");
    auto forced = BackupDatabase({db.path(), to.path(), true});
    ASSERT_TRUE(forced.ok()) << forced.status().ToString();
    EXPECT_EQ(CountNotes(to.path()), 3);
}

TEST(Backup, ErrorsNameTheMissingDatabaseAndFolder) {
    TempPath to("backup-nowhere");
    auto no_db = BackupDatabase({to.path() + ".absent.db", to.path()});
    ASSERT_FALSE(no_db.ok());
    EXPECT_EQ(no_db.status().code(), ErrorCode::kNotFound);
    EXPECT_NE(no_db.status().message().find(to.path() + ".absent.db"), std::string::npos);

    TempPath db("backup-folder");
    auto store = StoreWithNotes(db.path(), 1);
    const std::string folder = ::testing::TempDir() + "no-such-folder-" + std::to_string(::getpid());
    auto no_folder = BackupDatabase({db.path(), folder + "/kyoso.bak"});
    ASSERT_FALSE(no_folder.ok());
    EXPECT_NE(no_folder.status().message().find(folder), std::string::npos) << no_folder.status().message();
}

TEST(Backup, AFailedCheckLeavesNoBackupBehind) {
    TempPath db("backup-check"), to("backup-check-file");
    auto store = StoreWithNotes(db.path(), 2);
    BackupRequest request{db.path(), to.path()};
    std::string checked;
    request.check = [&](const std::string& copy, const DatabaseFacts& facts) {
        checked = copy;
        EXPECT_EQ(facts.schema_version, NewestVersion());
        return FailedPrecondition("the audit chain is broken");
    };
    auto done = BackupDatabase(request);
    ASSERT_FALSE(done.ok());
    EXPECT_EQ(checked, to.path() + ".partial");
    EXPECT_FALSE(Exists(to.path()));
    EXPECT_FALSE(Exists(to.path() + ".partial"));
}

TEST(Restore, RefusesToReplaceADatabaseWithoutForceOrWhileItIsOpen) {
    TempPath src("restore-src"), to("restore-file"), target("restore-target");
    { auto store = StoreWithNotes(src.path(), 5); }
    ASSERT_TRUE(BackupDatabase({src.path(), to.path()}).ok());
    auto open_target = StoreWithNotes(target.path(), 1);

    auto no_force = RestoreDatabase({to.path(), target.path()});
    ASSERT_FALSE(no_force.ok());
    EXPECT_NE(no_force.status().message().find(target.path() + " exists; pass --force"), std::string::npos)
        << no_force.status().message();

    RestoreRequest in_use{to.path(), target.path(), true};
    in_use.lock_wait = std::chrono::milliseconds(100);
    auto busy = RestoreDatabase(in_use);
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.status().code(), ErrorCode::kFailedPrecondition);
    EXPECT_NE(busy.status().message().find(target.path()), std::string::npos) << busy.status().message();
    EXPECT_NE(busy.status().message().find("stop kyoso serve first"), std::string::npos) << busy.status().message();
    EXPECT_FALSE(Exists(target.path() + ".restoring"));

    open_target.reset();  // the server stopped
    EXPECT_EQ(CountNotes(target.path()), 1);
    auto forced = RestoreDatabase({to.path(), target.path(), true});
    ASSERT_TRUE(forced.ok()) << forced.status().ToString();
    EXPECT_TRUE(forced->replaced);
    EXPECT_EQ(CountNotes(target.path()), 5);
    for (const char* s : {"-wal", "-shm", "-journal"}) EXPECT_FALSE(Exists(target.path() + s)) << s;
}

TEST(Restore, AFailureBeforeTheRenameLeavesTheOldDatabaseUntouched) {
    TempPath src("restore-fail-src"), to("restore-fail-file"), target("restore-fail-target");
    { auto store = StoreWithNotes(src.path(), 7); }
    ASSERT_TRUE(BackupDatabase({src.path(), to.path()}).ok());
    { auto store = StoreWithNotes(target.path(), 2); }
    RestoreRequest request{to.path(), target.path(), true};
    request.prepare = [](const std::string&, const DatabaseFacts&) { return FailedPrecondition("migration failed"); };
    auto failed = RestoreDatabase(request);
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.status().message(), "migration failed");
    EXPECT_EQ(CountNotes(target.path()), 2);
    EXPECT_FALSE(Exists(target.path() + ".restoring"));
}

TEST(Restore, RejectsFilesThatAreNotIntactKyosoDatabasesNamingThePath) {
    TempPath target("restore-reject-target"), text("restore-text"), plain("restore-plain"), newer("restore-newer"),
        corrupt("restore-corrupt"), src("restore-corrupt-src");
    std::ofstream(text.path()) << "団体コード,人口\n131016,100\n";
    {
        sqlite3* db = nullptr;
        sqlite3_open(plain.path().c_str(), &db);
        (void)Exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        sqlite3_close(db);
    }
    {
        auto store = StoreWithNotes(newer.path(), 1);
        ASSERT_TRUE(store
                        ->Write([](sql::Connection* db) {
                            return db->Exec("INSERT INTO schema_migrations(version, name) VALUES (100000, 'future')");
                        })
                        .ok());
    }
    {
        // A valid backup whose table pages are then overwritten with garbage.
        { auto store = StoreWithNotes(src.path(), 400, 2000); }
        ASSERT_TRUE(BackupDatabase({src.path(), corrupt.path()}).ok());
        const auto size = fs::file_size(corrupt.path());
        std::fstream f(corrupt.path(), std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(size / 2));
        const std::string junk(static_cast<size_t>(size / 4), '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const struct {
        const TempPath* file;
        const char* says;
    } cases[] = {
        {&text, "is not a SQLite database"},
        {&plain, "is not a Kyoso database"},
        {&newer, "newer than this kyoso supports"},
        {&corrupt, "fails the integrity check"},
    };
    for (const auto& c : cases) {
        auto r = RestoreDatabase({c.file->path(), target.path()});
        ASSERT_FALSE(r.ok()) << c.says;
        EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition) << r.status().ToString();
        EXPECT_NE(r.status().message().find(c.file->path()), std::string::npos) << r.status().message();
        EXPECT_NE(r.status().message().find(c.says), std::string::npos) << r.status().message();
        EXPECT_FALSE(Exists(target.path())) << c.says;
    }
    auto missing = RestoreDatabase({text.path() + ".absent", target.path()});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
    EXPECT_NE(missing.status().message().find(text.path() + ".absent"), std::string::npos);
}

TEST(Restore, EnsureNotInUseIsOkForAFreeOrAbsentDatabase) {
    TempPath db("restore-free");
    EXPECT_TRUE(EnsureNotInUse(db.path(), std::chrono::milliseconds(10)).ok());
    { auto store = StoreWithNotes(db.path(), 1); }
    EXPECT_TRUE(EnsureNotInUse(db.path(), std::chrono::milliseconds(10)).ok());
    auto store = SqliteStore::Open(db.path());
    ASSERT_TRUE(store.ok());
    EXPECT_FALSE(EnsureNotInUse(db.path(), std::chrono::milliseconds(10)).ok());
}

}  // namespace
}  // namespace kyoso::sqlite
