#include "kyoso/postgres/pg_store.hpp"

#include "kyoso/sql/statement.hpp"

namespace kyoso::postgres {

namespace {
// Depth of InTransaction on this thread, per store.
thread_local const PgStore* tls_tx_store = nullptr;
thread_local int tls_tx_depth = 0;

bool InTxOnThisThread(const PgStore* store) { return tls_tx_store == store && tls_tx_depth > 0; }

// The advisory lock key migrations hold ("kyoso" in ASCII).
constexpr long long kMigrationLock = 0x6b796f736fLL;
}  // namespace

bool IsPostgresUrl(std::string_view db) { return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0; }

Result<int> Migrate(PgConnection* db, const std::vector<sql::Migration>& migrations) {
    const int latest = migrations.empty() ? 0 : migrations.back().version;
    KYOSO_RETURN_IF_ERROR(db->Exec("BEGIN"));
    auto fail = [&](Status st) -> Status {
        (void)db->Exec("ROLLBACK");
        return st;
    };
    Status st = db->Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) +
                         ");"
                         " CREATE TABLE IF NOT EXISTS schema_migrations ("
                         " version BIGINT PRIMARY KEY, name TEXT NOT NULL,"
                         " applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC',"
                         " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))");
    if (!st.ok()) return fail(st);
    int current = 0;
    {
        sql::Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        if (!q.Step(&st)) return fail(st.ok() ? Internal("schema_migrations: no row") : st);
        current = static_cast<int>(q.Int(0));
    }
    if (current > latest) {
        return fail(FailedPrecondition("database schema version " + std::to_string(current) +
                                       " is newer than this kyoso knows (" + std::to_string(latest) +
                                       "); upgrade kyoso instead of opening this database with an older build"));
    }
    for (const auto& m : migrations) {
        if (m.version <= current) continue;
        st = db->Exec(m.sql);
        if (st.ok()) {
            sql::Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
            st = ins.Bind(1, m.version).Bind(2, m.name).Run();
        }
        if (!st.ok()) {
            return fail(FailedPrecondition("migration " + std::to_string(m.version) + " (" + m.name +
                                           ") failed: " + st.message() +
                                           "; the database was left unchanged at version " + std::to_string(current)));
        }
    }
    st = db->Exec("COMMIT");
    if (!st.ok()) {
        return fail(FailedPrecondition("committing migrations failed: " + st.message() +
                                       "; the database was left unchanged at version " + std::to_string(current)));
    }
    return latest;
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const std::string& url, const std::vector<sql::Migration>& migrations) {
    std::unique_ptr<PgStore> store(new PgStore(url));
    auto writer = PgConnection::Connect(url);
    if (!writer.ok()) return writer.status();
    store->writer_ = std::move(*writer);
    store->server_version_ = PQparameterStatus(store->writer_->raw(), "server_version")
                                 ? PQparameterStatus(store->writer_->raw(), "server_version")
                                 : "?";
    auto version = Migrate(store->writer_.get(), migrations);
    if (!version.ok()) return version.status();
    store->InitRepositories(MakePgSearchIndex(store.get()));
    return store;
}

PgStore::~PgStore() = default;

void PgStore::ReturnReader(sql::Connection* db) {
    auto* pg = static_cast<PgConnection*>(db);
    std::lock_guard lock(pool_mutex_);
    if (pg->broken()) {
        delete pg;  // the server went away: the next lease connects afresh
        return;
    }
    idle_readers_.emplace_back(pg);
}

sql::SqlStore::ReadLease PgStore::Reader() {
    if (InTxOnThisThread(this)) return ReadLease(this, writer_.get(), false);
    {
        std::lock_guard lock(pool_mutex_);
        if (!idle_readers_.empty()) {
            PgConnection* db = idle_readers_.back().release();
            idle_readers_.pop_back();
            return ReadLease(this, db, true);
        }
    }
    auto db = PgConnection::Connect(url_);
    if (!db.ok()) return ReadLease(this, nullptr, false);
    return ReadLease(this, db->release(), true);
}

Status PgStore::EnsureWriter() {
    if (writer_ && !writer_->broken()) return Status::Ok();
    auto writer = PgConnection::Connect(url_);
    if (!writer.ok()) return writer.status();
    writer_ = std::move(*writer);
    return Status::Ok();
}

Status PgStore::Write(const std::function<Status(sql::Connection*)>& work) {
    if (InTxOnThisThread(this)) return work(writer_.get());
    return InTransaction([&] { return work(writer_.get()); });
}

Status PgStore::InTransaction(const std::function<Status()>& work) {
    std::unique_lock lock(writer_mutex_);
    if (InTxOnThisThread(this)) {
        // Nested: a savepoint, so an inner failure undoes only its own part.
        KYOSO_RETURN_IF_ERROR(writer_->Exec("SAVEPOINT nested"));
        ++tls_tx_depth;
        Status st;
        try {
            st = work();
        } catch (...) {
            --tls_tx_depth;
            (void)writer_->Exec("ROLLBACK TO SAVEPOINT nested; RELEASE SAVEPOINT nested");
            throw;
        }
        --tls_tx_depth;
        if (!st.ok()) {
            (void)writer_->Exec("ROLLBACK TO SAVEPOINT nested; RELEASE SAVEPOINT nested");
            return st;
        }
        return writer_->Exec("RELEASE SAVEPOINT nested");
    }
    KYOSO_RETURN_IF_ERROR(EnsureWriter());
    KYOSO_RETURN_IF_ERROR(writer_->Exec("BEGIN"));
    tls_tx_store = this;
    tls_tx_depth = 1;
    Status st;
    try {
        st = work();
    } catch (...) {
        tls_tx_depth = 0;
        tls_tx_store = nullptr;
        (void)writer_->Exec("ROLLBACK");
        throw;
    }
    tls_tx_depth = 0;
    tls_tx_store = nullptr;
    if (!st.ok()) {
        (void)writer_->Exec("ROLLBACK");
        return st;
    }
    Status commit = writer_->Exec("COMMIT");
    if (!commit.ok()) (void)writer_->Exec("ROLLBACK");
    return commit;
}

Result<int> PgStore::SchemaVersion() {
    auto lease = Reader();
    if (!lease) return Unavailable("cannot connect to PostgreSQL at " + RedactUrl(url_));
    sql::Statement q(lease.db(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("no schema version") : st;
    return static_cast<int>(q.Int(0));
}

std::string PgStore::Describe() const { return "postgresql " + server_version_ + " " + RedactUrl(url_); }

Status PgStore::Ping() {
    auto lease = Reader();
    if (!lease) return Unavailable("cannot connect to PostgreSQL at " + RedactUrl(url_));
    sql::Statement q(lease.db(), "SELECT 1");
    Status st;
    q.Step(&st);
    return st;
}

}  // namespace kyoso::postgres
