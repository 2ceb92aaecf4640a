#include "kyoso/sqlite/sqlite_store.hpp"

#include "kyoso/sqlite/repositories.hpp"
#include "kyoso/sqlite/statement.hpp"

namespace kyoso::sqlite {

namespace {
// Depth of InTransaction on this thread, per store.
thread_local const SqliteStore* tls_tx_store = nullptr;
thread_local int tls_tx_depth = 0;

bool InTxOnThisThread(const SqliteStore* store) { return tls_tx_store == store && tls_tx_depth > 0; }
}  // namespace

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {}

SqliteStore::~SqliteStore() {
    for (sqlite3* db : all_readers_) sqlite3_close_v2(db);
    if (writer_) sqlite3_close_v2(writer_);
}

Result<sqlite3*> SqliteStore::OpenConnection(bool readonly) {
    sqlite3* db = nullptr;
    const int flags = (readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (sqlite3_open_v2(path_.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        Status st = Unavailable("cannot open database '" + path_ + "': " + (db ? sqlite3_errmsg(db) : "out of memory"));
        sqlite3_close_v2(db);
        return st;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    Status st = Exec(db, "PRAGMA foreign_keys = ON");
    if (st.ok() && !readonly) st = Exec(db, "PRAGMA journal_mode = WAL");
    if (st.ok() && !readonly) st = Exec(db, "PRAGMA synchronous = NORMAL");
    if (!st.ok()) {
        sqlite3_close_v2(db);
        return Unavailable("cannot configure database '" + path_ + "': " + st.message());
    }
    return db;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const std::vector<Migration>& migrations) {
    std::unique_ptr<SqliteStore> store(new SqliteStore(path));
    auto writer = store->OpenConnection(false);
    if (!writer.ok()) return writer.status();
    store->writer_ = *writer;
    auto version = Migrate(store->writer_, migrations);
    if (!version.ok()) return version.status();
    store->governments_ = MakeGovernmentRepository(store.get());
    store->sales_ = MakeSalesRepository(store.get());
    store->deals_ = MakeDealRepository(store.get());
    store->audit_ = MakeAuditRepository(store.get());
    store->departments_ = MakeDepartmentRepository(store.get());
    store->officials_ = MakeOfficialRepository(store.get());
    store->products_ = MakeProductRepository(store.get());
    store->leads_ = MakeLeadRepository(store.get());
    store->custom_fields_ = MakeCustomFieldRepository(store.get());
    store->webhooks_ = MakeWebhookRepository(store.get());
    store->contact_log_ = MakeContactLogRepository(store.get());
    store->search_ = MakeSearchIndex(store.get());
    store->accounts_ = MakeAccountRepository(store.get());
    store->saved_views_ = MakeSavedViewRepository(store.get());
    store->dashboards_ = MakeDashboardRepository(store.get());
    return store;
}

ports::GovernmentRepository& SqliteStore::governments() { return *governments_; }
ports::SalesRepository& SqliteStore::sales() { return *sales_; }
ports::DealRepository& SqliteStore::deals() { return *deals_; }
ports::AuditRepository& SqliteStore::audit() { return *audit_; }
ports::DepartmentRepository& SqliteStore::departments() { return *departments_; }
ports::OfficialRepository& SqliteStore::officials() { return *officials_; }
ports::ProductRepository& SqliteStore::products() { return *products_; }
ports::LeadRepository& SqliteStore::leads() { return *leads_; }
ports::CustomFieldRepository& SqliteStore::custom_fields() { return *custom_fields_; }
ports::WebhookRepository& SqliteStore::webhooks() { return *webhooks_; }
ports::ContactLogRepository& SqliteStore::contact_log() { return *contact_log_; }
ports::SearchIndex& SqliteStore::search() { return *search_; }
ports::AccountRepository& SqliteStore::accounts() { return *accounts_; }
ports::SavedViewRepository& SqliteStore::saved_views() { return *saved_views_; }
ports::DashboardRepository& SqliteStore::dashboards() { return *dashboards_; }

SqliteStore::ReadLease::~ReadLease() {
    if (db_ && pooled_) {
        std::lock_guard lock(store_->pool_mutex_);
        store_->idle_readers_.push_back(db_);
    }
}

SqliteStore::ReadLease SqliteStore::Reader() {
    // In-memory databases are private to one connection; inside a transaction the
    // writer must be used to see uncommitted rows.
    if (InTxOnThisThread(this) || path_ == ":memory:") {
        return ReadLease(this, writer_, false);
    }
    {
        std::lock_guard lock(pool_mutex_);
        if (!idle_readers_.empty()) {
            sqlite3* db = idle_readers_.back();
            idle_readers_.pop_back();
            return ReadLease(this, db, true);
        }
    }
    auto db = OpenConnection(true);
    if (!db.ok()) return ReadLease(this, nullptr, false);
    std::lock_guard lock(pool_mutex_);
    all_readers_.push_back(*db);
    return ReadLease(this, *db, true);
}

Status SqliteStore::Write(const std::function<Status(sqlite3*)>& work) {
    if (InTxOnThisThread(this)) return work(writer_);
    return InTransaction([&] { return work(writer_); });
}

Status SqliteStore::InTransactionWithoutForeignKeys(const std::function<Status()>& work) {
    std::unique_lock lock(writer_mutex_);
    if (InTxOnThisThread(this)) return InTransaction(work);
    KYOSO_RETURN_IF_ERROR(Exec(writer_, "PRAGMA foreign_keys = OFF"));
    Status st;
    try {
        st = InTransaction(work);
    } catch (...) {
        (void)Exec(writer_, "PRAGMA foreign_keys = ON");
        throw;
    }
    Status restore = Exec(writer_, "PRAGMA foreign_keys = ON");
    return st.ok() ? restore : st;
}

Status SqliteStore::InTransaction(const std::function<Status()>& work) {
    std::unique_lock lock(writer_mutex_);
    if (InTxOnThisThread(this)) {
        // Nested: join the outer transaction via a savepoint so an inner failure
        // undoes only its own part.
        KYOSO_RETURN_IF_ERROR(Exec(writer_, "SAVEPOINT nested"));
        ++tls_tx_depth;
        Status st;
        try {
            st = work();
        } catch (...) {
            --tls_tx_depth;
            (void)Exec(writer_, "ROLLBACK TO nested; RELEASE nested");
            throw;
        }
        --tls_tx_depth;
        if (!st.ok()) {
            (void)Exec(writer_, "ROLLBACK TO nested; RELEASE nested");
            return st;
        }
        return Exec(writer_, "RELEASE nested");
    }
    KYOSO_RETURN_IF_ERROR(Exec(writer_, "BEGIN IMMEDIATE"));
    tls_tx_store = this;
    tls_tx_depth = 1;
    Status st;
    try {
        st = work();
    } catch (...) {
        tls_tx_depth = 0;
        tls_tx_store = nullptr;
        (void)Exec(writer_, "ROLLBACK");
        throw;
    }
    tls_tx_depth = 0;
    tls_tx_store = nullptr;
    if (!st.ok()) {
        (void)Exec(writer_, "ROLLBACK");
        return st;
    }
    Status commit = Exec(writer_, "COMMIT");
    if (!commit.ok()) (void)Exec(writer_, "ROLLBACK");
    return commit;
}

Result<int> SqliteStore::SchemaVersion() {
    auto lease = Reader();
    if (!lease) return Unavailable("cannot open a reader connection to '" + path_ + "'");
    Statement q(lease.db(), "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    Status st;
    if (!q.Step(&st)) return st.ok() ? Internal("no schema version") : st;
    return static_cast<int>(q.Int(0));
}

std::string SqliteStore::Describe() const { return std::string("sqlite ") + sqlite3_libversion() + " " + path_; }

Status SqliteStore::Ping() {
    auto lease = Reader();
    if (!lease) return Unavailable("cannot open a reader connection to '" + path_ + "'");
    Statement q(lease.db(), "SELECT 1");
    Status st;
    q.Step(&st);
    return st;
}

Status SqliteStore::IntegrityCheck() {
    std::lock_guard lock(writer_mutex_);
    Statement q(writer_, "PRAGMA integrity_check");
    Status st;
    std::string answer;
    while (q.Step(&st)) answer += q.Text(0);
    if (!st.ok()) return st;
    if (answer != "ok") return Internal("integrity_check: " + answer);
    return Status::Ok();
}

}  // namespace kyoso::sqlite
