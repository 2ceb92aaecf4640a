#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "kyoso/core/result.hpp"
#include "kyoso/ports/services.hpp"

namespace kyoso::sqlite {

// What a check of a Kyoso database file found (docs/backup.md).
struct DatabaseFacts {
    long long bytes = 0;     // size of the main file
    long long pages = 0;     // PRAGMA page_count
    int schema_version = 0;  // newest row of schema_migrations
    int tables = 0;          // ordinary tables (not sqlite_* internals)
    long long rows = 0;      // rows over those tables, virtual tables excluded
};

// Checks that `path` is an intact Kyoso database, opening it read-only: a SQLite
// file header, a schema_migrations table, a schema version no newer than this
// build's migrations and PRAGMA integrity_check = ok. Every error names `path`
// (NotFound, or FailedPrecondition for a file that is not a usable Kyoso database).
Result<DatabaseFacts> InspectDatabase(const std::string& path);

// Called with a finished copy before it is published. A non-OK answer aborts
// the operation and leaves no file that looks like a good backup/database.
using CopyCheck = std::function<Status(const std::string& copy_path, const DatabaseFacts& facts)>;

struct BackupRequest {
    std::string db;                           // the live database; never written
    std::string to;                           // the backup file to create
    bool force = false;                       // replace `to` when it exists
    ports::ProgressSink* progress = nullptr;  // "backup" pages done/total; may be null
    CopyCheck check;                          // extra verification of the copy (e.g. the audit chain); may be empty
};

struct BackupSummary {
    DatabaseFacts facts;  // of the published backup
    double seconds = 0;   // wall time, copy and checks
};

// Online backup: copies ONE consistent snapshot of `db` (a read transaction is
// held on it for the whole copy, so concurrent writers neither block nor restart
// the copy, and the copy always terminates) into `to`.partial with the SQLite
// backup API, switches the copy to a single self-contained file (rollback journal),
// verifies it (InspectDatabase, then `check`), fsyncs it and renames it to `to`.
// On any failure `to` is untouched and no .partial file is left. Refuses an
// existing `to` without `force`.
Result<BackupSummary> BackupDatabase(const BackupRequest& request);

struct RestoreRequest {
    std::string from;                           // a backup made by BackupDatabase (or any intact Kyoso database)
    std::string db;                             // the database to create or replace
    bool force = false;                         // replace an existing `db`
    std::chrono::milliseconds lock_wait{2000};  // how long to wait for other users of `db` to let go
    ports::ProgressSink* progress = nullptr;    // "restore pages" done/total; may be null
    CopyCheck prepare;  // run on the staged copy before it replaces `db` (e.g. migrate, audit); may be empty
};

struct RestoreSummary {
    DatabaseFacts from;     // what InspectDatabase found in the backup
    bool replaced = false;  // an existing database was replaced
    double seconds = 0;
};

// Restores `from` into `db`: inspects `from`, refuses an existing `db` without
// `force` and a `db` another process has open (kyoso serve), copies `from` to
// `db`.restoring, runs `prepare` on that copy, fsyncs it, renames it over `db`
// and removes the old `db`-wal/-shm/-journal. A failure before the rename leaves
// the old database untouched.
Result<RestoreSummary> RestoreDatabase(const RestoreRequest& request);

// FailedPrecondition naming `db` and saying "stop kyoso serve first" when another
// connection (any process) holds `db` open in WAL mode, after waiting up to
// `wait` for it to let go; OK when `db` is free or absent. Taking the lock
// checkpoints the database's WAL into the main file.
Status EnsureNotInUse(const std::string& db, std::chrono::milliseconds wait);

}  // namespace kyoso::sqlite
