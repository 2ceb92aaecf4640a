#include "kyoso/sqlite/sqlite_store.hpp"

namespace kyoso::sqlite {

namespace {
// Depth of InTransaction on this thread, per store.
thread_local const SqliteStore* tls_tx_store = nullptr;
thread_local int tls_tx_depth = 0;

bool InTxOnThisThread(const SqliteStore* store) { return tls_tx_store == store && tls_tx_depth > 0; }
}  // namespace

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteConnection>> SqliteStore::OpenConnection(bool readonly) {
    sqlite3* db = nullptr;
    const int flags = (readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(path_.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        Status st = Unavailable("cannot open database '" + path_ + "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
        sqlite3_close_v2(db);
        return st;
    }
    auto conn = std::make_unique<SqliteConnection>(db);
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    Status st = Exec(db, "PRAGMA foreign_keys = ON");
    if (st.ok() && !readonly) st = Exec(db, "PRAGMA journal_mode = WAL");
    if (st.ok() && !readonly) st = Exec(db, "PRAGMA synchronous = NORMAL");
    if (!st.ok()) return Unavailable("cannot configure database '" + path_ + "': " + st.message());
    return conn;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const std::vector<Migration>& migrations) {
    std::unique_ptr<SqliteStore> store(new SqliteStore(path));
    auto writer = store->OpenConnection(false);
    if (!writer.ok()) return writer.status();
    store->writer_ = std::move(*writer);
    auto version = Migrate(store->writer(), migrations);
    if (!version.ok()) return version.status();
    store->InitRepositories(MakeSearchIndex(store.get()));
    return store;
}

void SqliteStore::ReturnReader(sql::Connection* db) {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(db);
}

SqliteStore::ReadLease SqliteStore::Reader() {
    // In-memory databases are private to one connection; inside a transaction the
    // writer must be used to see uncommitted rows.
    if (InTxOnThisThread(this) || path_ == ":memory:") {
        return ReadLease(this, writer_.get(), false);
    }
    {
        std::lock_guard lock(pool_mutex_);
        if (!idle_readers_.empty()) {
            sql::Connection* db = idle_readers_.back();
            idle_readers_.pop_back();
            return ReadLease(this, db, true);
        }
    }
    auto db = OpenConnection(true);
    if (!db.ok()) return ReadLease(this, nullptr, false);
    std::lock_guard lock(pool_mutex_);
    all_readers_.push_back(std::move(*db));
    return ReadLease(this, all_readers_.back().get(), true);
}

Status SqliteStore::Write(const std::function<Status(sql::Connection*)>& work) {
    if (InTxOnThisThread(this)) return work(writer_.get());
    return InTransaction([&] { return work(writer_.get()); });
}

Status SqliteStore::InTransactionWithoutForeignKeys(const std::function<Status()>& work) {
    std::unique_lock lock(writer_mutex_);
    if (InTxOnThisThread(this)) return InTransaction(work);
    KYOSO_RETURN_IF_ERROR(Exec(writer(), "PRAGMA foreign_keys = OFF"));
    Status st;
    try {
        st = InTransaction(work);
    } catch (...) {
        (void)Exec(writer(), "PRAGMA foreign_keys = ON");
        throw;
    }
    Status restore = Exec(writer(), "PRAGMA foreign_keys = ON");
    return st.ok() ? restore : st;
}

Status SqliteStore::InTransaction(const std::function<Status()>& work) {
    std::unique_lock lock(writer_mutex_);
    if (InTxOnThisThread(this)) {
        // Nested: join the outer transaction via a savepoint so an inner failure
        // undoes only its own part.
        KYOSO_RETURN_IF_ERROR(Exec(writer(), "SAVEPOINT nested"));
        ++tls_tx_depth;
        Status st;
        try {
            st = work();
        } catch (...) {
            --tls_tx_depth;
            (void)Exec(writer(), "ROLLBACK TO nested; RELEASE nested");
            throw;
        }
        --tls_tx_depth;
        if (!st.ok()) {
            (void)Exec(writer(), "ROLLBACK TO nested; RELEASE nested");
            return st;
        }
        return Exec(writer(), "RELEASE nested");
    }
    KYOSO_RETURN_IF_ERROR(Exec(writer(), "BEGIN IMMEDIATE"));
    tls_tx_store = this;
    tls_tx_depth = 1;
    Status st;
    try {
        st = work();
    } catch (...) {
        tls_tx_depth = 0;
        tls_tx_store = nullptr;
        (void)Exec(writer(), "ROLLBACK");
        throw;
    }
    tls_tx_depth = 0;
    tls_tx_store = nullptr;
    if (!st.ok()) {
        (void)Exec(writer(), "ROLLBACK");
        return st;
    }
    Status commit = Exec(writer(), "COMMIT");
    if (!commit.ok()) (void)Exec(writer(), "ROLLBACK");
    return commit;
}

Result<int> SqliteStore::SchemaVersion() {
    auto lease = Reader();
    if (!lease) return Unavailable("cannot open a reader connection to '" + path_ + "'");
    sql::Statement q(lease.db(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("no schema version") : st;
    return static_cast<int>(q.Int(0));
}

std::string SqliteStore::Describe() const { return std::string("sqlite ") + sqlite3_libversion() + " " + path_; }

Status SqliteStore::Ping() {
    auto lease = Reader();
    if (!lease) return Unavailable("cannot open a reader connection to '" + path_ + "'");
    sql::Statement q(lease.db(), "SELECT 1");
    Status st;
    q.Step(&st);
    return st;
}

Status SqliteStore::IntegrityCheck() {
    std::lock_guard lock(writer_mutex_);
    Statement q(writer(), "PRAGMA integrity_check");
    Status st;
    std::string answer;
    while (q.Step(&st)) answer += q.Text(0);
    if (!st.ok()) return st;
    if (answer != "ok") return Internal("integrity_check: " + answer);
    return Status::Ok();
}

}  // namespace kyoso::sqlite
