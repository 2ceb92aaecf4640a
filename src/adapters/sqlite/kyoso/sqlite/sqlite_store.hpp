#pragma once

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kyoso/ports/store.hpp"
#include "kyoso/sqlite/migrations.hpp"

namespace kyoso::sqlite {

// The default store: one SQLite file in WAL mode with foreign keys on.
// One writer connection (serialised by a mutex; transactions hold it) and a pool
// of reader connections, so reads run concurrently with a write. Safe for
// concurrent use from many threads.
class SqliteStore final : public ports::Store {
public:
    // Opens (creating if needed) and migrates. A failed migration returns its
    // reason and leaves the file as it was.
    static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                     const std::vector<Migration>& migrations = SchemaMigrations());
    ~SqliteStore() override;

    ports::GovernmentRepository& governments() override;
    ports::SalesRepository& sales() override;
    ports::DealRepository& deals() override;
    ports::AuditRepository& audit() override;
    ports::DepartmentRepository& departments() override;
    ports::OfficialRepository& officials() override;
    ports::ProductRepository& products() override;
    ports::LeadRepository& leads() override;
    ports::CustomFieldRepository& custom_fields() override;
    ports::WebhookRepository& webhooks() override;
    ports::ContactLogRepository& contact_log() override;
    ports::SearchIndex& search() override;
    ports::AccountRepository& accounts() override;
    ports::SavedViewRepository& saved_views() override;
    ports::DashboardRepository& dashboards() override;
    Status InTransaction(const std::function<Status()>& work) override;
    Result<int> SchemaVersion() override;
    std::string Describe() const override;
    Status Ping() override;

    // InTransaction with foreign-key enforcement off for its duration (restored after),
    // for bulk imports that resolve every reference themselves inside `work` under
    // this write lock. Inside an open transaction it is plain InTransaction (SQLite
    // cannot switch enforcement within a transaction).
    Status InTransactionWithoutForeignKeys(const std::function<Status()>& work);

    // Runs PRAGMA integrity_check; OK when the answer is "ok".
    Status IntegrityCheck();

    // Internal plumbing for the repositories.
    class ReadLease;
    ReadLease Reader();
    // Runs `work` with the writer; inside InTransaction on this thread it joins the
    // open transaction, otherwise it wraps the call in its own transaction.
    Status Write(const std::function<Status(sqlite3*)>& work);

private:
    explicit SqliteStore(std::string path);
    Result<sqlite3*> OpenConnection(bool readonly);

    std::string path_;
    sqlite3* writer_ = nullptr;
    std::recursive_mutex writer_mutex_;
    std::mutex pool_mutex_;
    std::vector<sqlite3*> idle_readers_;
    std::vector<sqlite3*> all_readers_;
    std::unique_ptr<ports::GovernmentRepository> governments_;
    std::unique_ptr<ports::SalesRepository> sales_;
    std::unique_ptr<ports::DealRepository> deals_;
    std::unique_ptr<ports::AuditRepository> audit_;
    std::unique_ptr<ports::DepartmentRepository> departments_;
    std::unique_ptr<ports::OfficialRepository> officials_;
    std::unique_ptr<ports::ProductRepository> products_;
    std::unique_ptr<ports::LeadRepository> leads_;
    std::unique_ptr<ports::CustomFieldRepository> custom_fields_;
    std::unique_ptr<ports::WebhookRepository> webhooks_;
    std::unique_ptr<ports::ContactLogRepository> contact_log_;
    std::unique_ptr<ports::SearchIndex> search_;
    std::unique_ptr<ports::AccountRepository> accounts_;
    std::unique_ptr<ports::SavedViewRepository> saved_views_;
    std::unique_ptr<ports::DashboardRepository> dashboards_;
    friend class ReadLease;
};

// A reader connection borrowed from the pool (or the writer, inside a transaction
// on this thread, so reads see the transaction's own writes).
class SqliteStore::ReadLease {
public:
    ReadLease(SqliteStore* store, sqlite3* db, bool pooled) : store_(store), db_(db), pooled_(pooled) {}
    ReadLease(ReadLease&& other) noexcept : store_(other.store_), db_(other.db_), pooled_(other.pooled_) {
        other.db_ = nullptr;
    }
    ReadLease(const ReadLease&) = delete;
    ReadLease& operator=(const ReadLease&) = delete;
    ReadLease& operator=(ReadLease&&) = delete;
    ~ReadLease();
    sqlite3* db() const { return db_; }
    explicit operator bool() const { return db_ != nullptr; }

private:
    SqliteStore* store_;
    sqlite3* db_;
    bool pooled_;
};

}  // namespace kyoso::sqlite
