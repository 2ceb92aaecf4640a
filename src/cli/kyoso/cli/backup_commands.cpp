#include "kyoso/cli/backup_commands.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "kyoso/app/audit/audit_service.hpp"
#include "kyoso/cli/runtime.hpp"
#include "kyoso/crypto/openssl_digest.hpp"
#include "kyoso/postgres/pg_store.hpp"
#include "kyoso/sqlite/backup.hpp"
#include "kyoso/sqlite/migrations.hpp"
#include "kyoso/sqlite/sqlite_store.hpp"

namespace kyoso::cli {

namespace {

[[noreturn]] void Exit(int code) { throw CLI::RuntimeError(code); }

// Progress on stderr only once a copy has run for a second: small databases
// print nothing but their summary line.
class LongCopyProgress final : public ports::ProgressSink {
public:
    explicit LongCopyProgress(bool enabled) : inner_(enabled), start_(std::chrono::steady_clock::now()) {}
    void Report(std::string_view phase, long long done, long long total) override {
        if (std::chrono::steady_clock::now() - start_ >= std::chrono::seconds(1)) inner_.Report(phase, done, total);
    }

private:
    StderrProgress inner_;
    std::chrono::steady_clock::time_point start_;
};

int NewestSchemaVersion() {
    const auto& migrations = sqlite::SchemaMigrations();
    return migrations.empty() ? 0 : migrations.back().version;
}

// What the audit chain check found in a copy.
struct AuditFinding {
    bool checked = false;
    bool intact = false;
    long long entries = 0;
    std::string head;     // hash of the last sound entry
    std::string message;  // the verifier's words
};

// Opens `path` as every kyoso command does (applying pending migrations) and
// verifies its audit chain. With `schema_after` (a restore) it reports the version
// after opening and, when migrations ran, checks the integrity again.
Status CheckWithStore(const std::string& path, AuditFinding& finding, int* schema_after, int schema_before = 0) {
    auto store = sqlite::SqliteStore::Open(path);
    if (!store.ok()) return store.status();
    if (schema_after) {
        auto version = (*store)->SchemaVersion();
        if (!version.ok()) return version.status();
        *schema_after = *version;
        if (*version != schema_before) {
            if (Status st = (*store)->IntegrityCheck(); !st.ok()) return Status(st.code(), path + ": " + st.message());
        }
    }
    crypto::OpenSslDigest digest;
    app::AuditService audit(**store, digest);
    auto verified = audit.Verify();
    if (!verified.ok()) return Status(verified.status().code(), path + ": " + verified.status().message());
    finding.checked = true;
    finding.intact = verified->intact();
    finding.entries = verified->verified;
    finding.head = verified->head_hash;
    finding.message = verified->message;
    return Status::Ok();
}

std::string AuditWords(const AuditFinding& a) {
    if (!a.checked) return "audit not verified";
    if (!a.intact) return "audit BROKEN";
    return "audit intact (" + std::to_string(a.entries) + " entries, head " +
           (a.head.empty() ? std::string("-") : a.head.substr(0, 16)) + ")";
}

void WarnIfBroken(const AuditFinding& a, const std::string& where) {
    if (a.checked && !a.intact) {
        std::fprintf(stderr, "warning: the audit trail in %s is BROKEN: %s (see docs/audit.md)\n", where.c_str(),
                     a.message.c_str());
    }
}

// Exits 1 when `db` is a PostgreSQL URL: these commands copy SQLite files only.
void RefusePostgres(const std::string& db) {
    if (!postgres::IsPostgresUrl(db)) return;
    Exit(Fail(
        FailedPrecondition("PostgreSQL databases are backed up with pg_dump / pg_basebackup; see docs/scaling.md")));
}

struct Options {
    std::string db = "kyoso.db";
    std::string to;
    std::string from;
    bool force = false;
};

}  // namespace

void RegisterBackupCommands(CLI::App& app, const bool& quiet) {
    auto o = std::make_shared<Options>();

    auto* backup_cmd = app.add_subcommand(
        "backup", "Copy the database to a verified backup file, also while kyoso serve runs (docs/backup.md)");
    backup_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    backup_cmd->add_option("--to", o->to, "Backup file to write (via FILE.partial, renamed when verified)")->required();
    backup_cmd->add_flag("--force", o->force, "Replace the backup file if it exists");
    backup_cmd->final_callback([o, &quiet] {
        RefusePostgres(o->db);
        LongCopyProgress progress(!quiet);
        AuditFinding audit;
        std::string audit_skipped;
        sqlite::BackupRequest request;
        request.db = SqlitePath(o->db);
        request.to = o->to;
        request.force = o->force;
        request.progress = &progress;
        request.check = [&](const std::string& copy, const sqlite::DatabaseFacts& facts) -> Status {
            if (facts.schema_version != NewestSchemaVersion()) {
                // Opening it would migrate the copy; a backup stays as the database was.
                audit_skipped = " (schema " + std::to_string(facts.schema_version) + ", this kyoso has " +
                                std::to_string(NewestSchemaVersion()) + ")";
                return Status::Ok();
            }
            return CheckWithStore(copy, audit, nullptr);
        };
        auto done = sqlite::BackupDatabase(request);
        if (!done.ok()) Exit(Fail(done.status()));
        WarnIfBroken(audit, o->to);
        const auto& f = done->facts;
        std::printf("backup %s: %lld bytes, %lld pages, %d tables, %lld rows, schema %d, integrity ok, %s%s, %.2f s\n",
                    o->to.c_str(), f.bytes, f.pages, f.tables, f.rows, f.schema_version, AuditWords(audit).c_str(),
                    audit_skipped.c_str(), done->seconds);
        Exit(0);
    });

    auto* restore_cmd = app.add_subcommand(
        "restore", "Replace a database by a verified backup; refused while kyoso serve has it open (docs/backup.md)");
    restore_cmd->add_option("--from", o->from, "Backup file (made by kyoso backup)")->required();
    restore_cmd->add_option("--db", o->db, "SQLite database file or postgresql:// URL (to create or replace)")
        ->envname("KYOSO_DB")
        ->capture_default_str();
    restore_cmd->add_flag("--force", o->force, "Replace the database if it exists");
    restore_cmd->final_callback([o, &quiet] {
        RefusePostgres(o->db);
        LongCopyProgress progress(!quiet);
        AuditFinding audit;
        int schema_after = 0;
        sqlite::RestoreRequest request;
        request.from = o->from;
        request.db = SqlitePath(o->db);
        request.force = o->force;
        request.progress = &progress;
        request.prepare = [&](const std::string& staged, const sqlite::DatabaseFacts& facts) {
            // The same open as every command: pending migrations run here, on the
            // staged copy, so a failing one leaves the old database in place. The
            // copy is page-exact, so integrity was checked on the backup itself.
            return CheckWithStore(staged, audit, &schema_after, facts.schema_version);
        };
        auto done = sqlite::RestoreDatabase(request);
        if (!done.ok()) Exit(Fail(done.status()));
        WarnIfBroken(audit, o->db);
        const auto& f = done->from;
        std::string schema = "schema " + std::to_string(schema_after);
        if (schema_after != f.schema_version) schema += " (migrated from " + std::to_string(f.schema_version) + ")";
        std::printf("restored %s into %s%s: %lld bytes, %d tables, %lld rows, %s, integrity ok, %s, %.2f s\n",
                    o->from.c_str(), o->db.c_str(), done->replaced ? " (replaced the old database)" : "", f.bytes,
                    f.tables, f.rows, schema.c_str(), AuditWords(audit).c_str(), done->seconds);
        Exit(0);
    });
}

}  // namespace kyoso::cli
