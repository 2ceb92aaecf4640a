#include "kyoso/sqlite/backup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <thread>

#include "kyoso/sqlite/migrations.hpp"
#include "kyoso/sqlite/sqlite_connection.hpp"

namespace kyoso::sqlite {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Pages per backup step. The snapshot is pinned by a read transaction, so this
// only sets how often progress is reported, not whether the copy is consistent.
constexpr int kPagesPerStep = 1024;
constexpr int kMaxRestarts = 10;

// Suffixes of the files SQLite keeps beside a database.
constexpr std::array<const char*, 3> kSidecars = {"-wal", "-shm", "-journal"};

// An open connection, closed on destruction.
class Connection {
public:
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() { Close(); }
    sqlite3* get() const { return db_; }
    sqlite3** out() { return &db_; }
    void Close() {
        if (db_) sqlite3_close_v2(db_);
        db_ = nullptr;
    }

private:
    sqlite3* db_ = nullptr;
};

Status Open(Connection& conn, const std::string& path, int flags, std::chrono::milliseconds busy) {
    if (sqlite3_open_v2(path.c_str(), conn.out(), flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        Status st =
            Unavailable("cannot open " + path + ": " + (conn.get() ? sqlite3_errmsg(conn.get()) : "out of memory"));
        conn.Close();
        return st;
    }
    sqlite3_extended_result_codes(conn.get(), 1);
    sqlite3_busy_timeout(conn.get(), static_cast<int>(busy.count()));
    return Status::Ok();
}

// The message of `st` prefixed with what was done to which file.
Status Named(const Status& st, const std::string& what) {
    return st.ok() ? st : Status(st.code(), what + ": " + st.message());
}

std::string Errno() { return std::strerror(errno); }

std::string ParentDir(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// Removes `path` and its sidecar files; a missing file is fine.
Status RemoveWithSidecars(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
    if (ec) return Unavailable("cannot remove " + path + ": " + ec.message());
    for (const char* suffix : kSidecars) {
        fs::remove(path + suffix, ec);
        if (ec) return Unavailable("cannot remove " + path + suffix + ": " + ec.message());
    }
    return Status::Ok();
}

// Removes a staged copy unless Keep() was called (on every early return).
class StagedFile {
public:
    explicit StagedFile(std::string path) : path_(std::move(path)) {}
    StagedFile(const StagedFile&) = delete;
    StagedFile& operator=(const StagedFile&) = delete;
    ~StagedFile() {
        if (!kept_) (void)RemoveWithSidecars(path_);
    }
    void Keep() { kept_ = true; }

private:
    std::string path_;
    bool kept_ = false;
};

Status FsyncPath(const std::string& path, bool directory) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0) return Unavailable("cannot open " + path + " to sync it: " + Errno());
    const int rc = ::fsync(fd);
    const std::string err = rc != 0 ? Errno() : std::string();
    ::close(fd);
    if (rc != 0) return Unavailable("cannot sync " + path + " to disk: " + err);
    return Status::Ok();
}

// fsync `staged`, rename it to `target` (atomically replacing it), fsync the folder.
Status Publish(const std::string& staged, const std::string& target) {
    KYOSO_RETURN_IF_ERROR(FsyncPath(staged, false));
    if (::rename(staged.c_str(), target.c_str()) != 0) {
        return Unavailable("cannot rename " + staged + " to " + target + ": " + Errno());
    }
    return FsyncPath(ParentDir(target), true);
}

// NotFound/FailedPrecondition unless `path` is a regular file with the SQLite header.
Status CheckSqliteHeader(const std::string& path) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (!fs::exists(status)) return NotFound("no database at " + path);
    if (!fs::is_regular_file(status)) return FailedPrecondition(path + " is not a regular file");
    std::ifstream in(path, std::ios::binary);
    if (!in) return Unavailable("cannot read " + path + ": " + Errno());
    std::array<char, 16> header{};
    in.read(header.data(), header.size());
    static constexpr char kMagic[16] = "SQLite format 3";  // with its terminating NUL: 16 bytes
    if (in.gcount() != static_cast<std::streamsize>(header.size()) ||
        std::memcmp(header.data(), kMagic, sizeof kMagic) != 0) {
        return FailedPrecondition(path + " is not a SQLite database (no SQLite file header)");
    }
    return Status::Ok();
}

// One query answering a single integer.
Result<long long> QueryInt(sqlite3* db, const char* sql) {
    Statement q(db, sql);
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal(std::string("no answer to ") + sql) : st;
    return q.Int(0);
}

std::string QuoteIdentifier(const std::string& name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

// Sets `path` to the rollback journal, so the file stands alone (no -wal holds
// any of its pages) and can be opened read-only from anywhere.
Status MakeSelfContained(const std::string& path) {
    Connection db;
    KYOSO_RETURN_IF_ERROR(Open(db, path, SQLITE_OPEN_READWRITE, std::chrono::milliseconds(5000)));
    Statement q(db.get(), "PRAGMA journal_mode = DELETE");
    Status st;
    if (!q.Step(&st)) return Named(st.ok() ? Internal("no answer") : st, "cannot switch " + path + " to one file");
    if (q.Text(0) != "delete") {
        return Internal("cannot switch " + path + " to one file: journal mode stayed " + q.Text(0));
    }
    return Status::Ok();
}

// Copies the whole database behind `src` into `dest` with the backup API, reporting
// progress. The caller holds a read transaction on `src` when it wants one snapshot.
Status CopyPages(sqlite3* src, const std::string& src_path, sqlite3* dest, const std::string& dest_path,
                 ports::ProgressSink* progress, std::string_view phase) {
    const std::string what = "cannot copy " + src_path + " to " + dest_path;
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", src, "main");
    if (!backup) return SqliteError(dest, what);
    const auto deadline_for_busy = std::chrono::seconds(30);
    auto busy_since = Clock::time_point{};
    int rc = SQLITE_OK;
    long long last_done = 0;
    int restarts = 0;
    while (true) {
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        const long long total = sqlite3_backup_pagecount(backup);
        const long long done = total - sqlite3_backup_remaining(backup);
        if (progress) progress->Report(phase, done, total);
        // SQLite starts over when the source changed under the copy. With the
        // snapshot pinned that cannot happen; should it, fail instead of looping.
        if (done < last_done && ++restarts > kMaxRestarts) {
            sqlite3_backup_finish(backup);
            return Unavailable(what + ": the copy restarted " + std::to_string(restarts) +
                               " times because the database kept changing under it");
        }
        last_done = done;
        if (rc == SQLITE_OK) {
            busy_since = Clock::time_point{};
            continue;
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            // Only the destination can be locked (the source is merely read).
            if (busy_since == Clock::time_point{}) busy_since = Clock::now();
            if (Clock::now() - busy_since < deadline_for_busy) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                continue;
            }
        }
        break;
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return Unavailable(what + ": " + sqlite3_errstr(rc));
    if (finished != SQLITE_OK) return SqliteError(dest, what);
    return Status::Ok();
}

// Copies ONE consistent snapshot of `src_path` into the new file `dest_path`: a read
// transaction pins the snapshot, so writers go on committing to the WAL, the copy
// sees none of it and the backup is never restarted by their changes.
Status CopySnapshot(const std::string& src_path, const std::string& dest_path, ports::ProgressSink* progress,
                    std::string_view phase) {
    // Read-write only so that, when this is the database's last connection, closing
    // it removes the -wal/-shm it created; nothing is written through it.
    Connection src;
    if (!Open(src, src_path, SQLITE_OPEN_READWRITE, std::chrono::milliseconds(5000)).ok()) {
        KYOSO_RETURN_IF_ERROR(Open(src, src_path, SQLITE_OPEN_READONLY, std::chrono::milliseconds(5000)));
    }
    KYOSO_RETURN_IF_ERROR(Named(Exec(src.get(), "BEGIN"), "cannot read " + src_path));
    auto snapshot = QueryInt(src.get(), "SELECT count(*) FROM sqlite_schema");
    if (!snapshot.ok()) return Named(snapshot.status(), "cannot read " + src_path);
    Connection dest;
    KYOSO_RETURN_IF_ERROR(
        Open(dest, dest_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, std::chrono::milliseconds(5000)));
    Status copied = CopyPages(src.get(), src_path, dest.get(), dest_path, progress, phase);
    (void)Exec(src.get(), "COMMIT");
    return copied;
}

bool SameFile(const std::string& a, const std::string& b) {
    std::error_code ec;
    return fs::equivalent(a, b, ec) && !ec;
}

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

Result<DatabaseFacts> InspectDatabase(const std::string& path) {
    KYOSO_RETURN_IF_ERROR(CheckSqliteHeader(path));
    Connection db;
    KYOSO_RETURN_IF_ERROR(Open(db, path, SQLITE_OPEN_READONLY, std::chrono::milliseconds(5000)));
    const std::string unreadable = path + " cannot be read as a SQLite database";
    auto has_migrations =
        QueryInt(db.get(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'");
    if (!has_migrations.ok()) return FailedPrecondition(unreadable + ": " + has_migrations.status().message());
    if (*has_migrations == 0) {
        return FailedPrecondition(path + " is not a Kyoso database: it has no schema_migrations table");
    }
    DatabaseFacts facts;
    auto version = QueryInt(db.get(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!version.ok()) return FailedPrecondition(unreadable + ": " + version.status().message());
    facts.schema_version = static_cast<int>(*version);
    const auto& migrations = SchemaMigrations();
    const int newest = migrations.empty() ? 0 : migrations.back().version;
    if (facts.schema_version > newest) {
        return FailedPrecondition(path + " has schema version " + std::to_string(facts.schema_version) +
                                  ", newer than this kyoso supports (" + std::to_string(newest) +
                                  "); use the kyoso that wrote it or a newer one");
    }
    {
        Statement q(db.get(), "PRAGMA integrity_check(10)");
        Status st;
        std::string answer;
        while (q.Step(&st)) answer += (answer.empty() ? "" : "; ") + q.Text(0);
        if (!st.ok()) return FailedPrecondition(path + " fails the integrity check: " + st.message());
        if (answer != "ok") return FailedPrecondition(path + " fails the integrity check: " + answer);
    }
    auto pages = QueryInt(db.get(), "PRAGMA page_count");
    if (!pages.ok()) return FailedPrecondition(unreadable + ": " + pages.status().message());
    facts.pages = *pages;
    std::vector<std::string> counted;
    {
        Statement q(db.get(),
                    "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE "
                    "'\\' ORDER BY name");
        Status st;
        while (q.Step(&st)) {
            ++facts.tables;
            if (q.Text(1).rfind("CREATE VIRTUAL", 0) != 0) counted.push_back(q.Text(0));
        }
        if (!st.ok()) return FailedPrecondition(unreadable + ": " + st.message());
    }
    for (const auto& table : counted) {
        auto rows = QueryInt(db.get(), ("SELECT count(*) FROM " + QuoteIdentifier(table)).c_str());
        if (!rows.ok()) return FailedPrecondition(unreadable + ": table " + table + ": " + rows.status().message());
        facts.rows += *rows;
    }
    std::error_code ec;
    facts.bytes = static_cast<long long>(fs::file_size(path, ec));
    if (ec) return Unavailable("cannot read the size of " + path + ": " + ec.message());
    return facts;
}

Result<BackupSummary> BackupDatabase(const BackupRequest& r) {
    const auto start = Clock::now();
    if (r.db.empty()) return InvalidArgument("no database path given", {{"db", "required"}});
    if (r.to.empty()) return InvalidArgument("no backup file given", {{"to", "required"}});
    KYOSO_RETURN_IF_ERROR(CheckSqliteHeader(r.db));
    std::error_code ec;
    if (fs::exists(r.to, ec)) {
        if (SameFile(r.db, r.to)) return InvalidArgument("the backup file " + r.to + " is the database itself");
        if (fs::is_directory(r.to, ec)) return FailedPrecondition("the backup file " + r.to + " is a directory");
        if (!r.force) return FailedPrecondition(r.to + " exists; pass --force to replace it");
    }
    if (!fs::is_directory(ParentDir(r.to), ec)) {
        return NotFound("cannot write the backup " + r.to + ": folder " + ParentDir(r.to) + " does not exist");
    }
    const std::string partial = r.to + ".partial";
    KYOSO_RETURN_IF_ERROR(RemoveWithSidecars(partial));
    StagedFile staged(partial);
    KYOSO_RETURN_IF_ERROR(CopySnapshot(r.db, partial, r.progress, "backup pages"));
    KYOSO_RETURN_IF_ERROR(MakeSelfContained(partial));
    auto facts = InspectDatabase(partial);
    if (!facts.ok()) {
        return Status(facts.status().code(), "the copy of " + r.db + " failed its check: " + facts.status().message());
    }
    if (r.check) {
        KYOSO_RETURN_IF_ERROR(r.check(partial, *facts));
        // The check may have opened the copy in WAL mode; fold that back in.
        KYOSO_RETURN_IF_ERROR(MakeSelfContained(partial));
    }
    facts->bytes = static_cast<long long>(fs::file_size(partial, ec));
    KYOSO_RETURN_IF_ERROR(Publish(partial, r.to));
    staged.Keep();
    return BackupSummary{*facts, SecondsSince(start)};
}

Status EnsureNotInUse(const std::string& db, std::chrono::milliseconds wait) {
    std::error_code ec;
    if (!fs::exists(db, ec)) return Status::Ok();
    Connection conn;
    KYOSO_RETURN_IF_ERROR(Open(conn, db, SQLITE_OPEN_READWRITE, wait));
    // In WAL mode every open connection holds a shared lock on the file for as long
    // as it is open; an exclusive-mode transaction needs all of them gone.
    KYOSO_RETURN_IF_ERROR(Named(Exec(conn.get(), "PRAGMA locking_mode = EXCLUSIVE"), "cannot lock " + db));
    Status st = Exec(conn.get(), "BEGIN EXCLUSIVE");
    if (!st.ok()) {
        const int code = sqlite3_errcode(conn.get()) & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return FailedPrecondition(db + " is in use by another process (kyoso serve?); stop kyoso serve first");
        }
        // Not a readable database (corrupt, not SQLite): nothing can be serving it,
        // and the caller is about to replace it.
        return Status::Ok();
    }
    return Named(Exec(conn.get(), "COMMIT"), "cannot lock " + db);
}

Result<RestoreSummary> RestoreDatabase(const RestoreRequest& r) {
    const auto start = Clock::now();
    if (r.from.empty()) return InvalidArgument("no backup file given", {{"from", "required"}});
    if (r.db.empty()) return InvalidArgument("no database path given", {{"db", "required"}});
    RestoreSummary summary;
    auto facts = InspectDatabase(r.from);
    if (!facts.ok()) return facts.status();
    summary.from = *facts;
    std::error_code ec;
    const bool exists = fs::exists(r.db, ec);
    if (exists) {
        if (SameFile(r.from, r.db)) return InvalidArgument("the backup " + r.from + " is the database itself");
        if (fs::is_directory(r.db, ec)) return FailedPrecondition("the database " + r.db + " is a directory");
        if (!r.force) return FailedPrecondition(r.db + " exists; pass --force to replace it");
        KYOSO_RETURN_IF_ERROR(EnsureNotInUse(r.db, r.lock_wait));
    }
    if (!fs::is_directory(ParentDir(r.db), ec)) {
        return NotFound("cannot restore into " + r.db + ": folder " + ParentDir(r.db) + " does not exist");
    }
    const std::string restoring = r.db + ".restoring";
    KYOSO_RETURN_IF_ERROR(RemoveWithSidecars(restoring));
    StagedFile staged(restoring);
    KYOSO_RETURN_IF_ERROR(CopySnapshot(r.from, restoring, r.progress, "restore pages"));
    if (r.prepare) KYOSO_RETURN_IF_ERROR(r.prepare(restoring, summary.from));
    // Nothing of the restored database may stay behind in a -wal of the staged name.
    KYOSO_RETURN_IF_ERROR(MakeSelfContained(restoring));
    if (exists) {
        // Someone may have started a server on it while we copied.
        KYOSO_RETURN_IF_ERROR(EnsureNotInUse(r.db, r.lock_wait));
    }
    KYOSO_RETURN_IF_ERROR(Publish(restoring, r.db));
    staged.Keep();
    // The old database's sidecars would be replayed into the new file.
    for (const char* suffix : kSidecars) {
        fs::remove(r.db + suffix, ec);
        if (ec)
            return Unavailable("restored " + r.db + " but cannot remove the stale " + r.db + suffix + ": " +
                               ec.message() + "; remove it before opening the database");
    }
    KYOSO_RETURN_IF_ERROR(FsyncPath(ParentDir(r.db), true));
    summary.replaced = exists;
    summary.seconds = SecondsSince(start);
    return summary;
}

}  // namespace kyoso::sqlite
