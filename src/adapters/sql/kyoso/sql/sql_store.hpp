#pragma once

#include <functional>
#include <memory>

#include "kyoso/ports/store.hpp"
#include "kyoso/sql/connection.hpp"

namespace kyoso::sql {

// A ports::Store over a SQL database: the repositories are written once, in SQL both
// backends accept, over the connections a concrete store (SQLite, PostgreSQL) lends.
class SqlStore : public ports::Store {
public:
    ~SqlStore() override;

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
    ports::CalendarFeedRepository& calendar_feeds() override;
    ports::NoticeRepository& notices() override;
    ports::SignalRepository& signals() override;
    ports::RoutingRepository& routing() override;
    ports::HandoffRepository& handoffs() override;
    ports::CadenceRepository& cadences() override;
    ports::KpiRepository& kpis() override;
    ports::ForecastRepository& forecasts() override;
    ports::NbaRepository& nba() override;

    // A connection lent for reading (or the writer, inside a transaction on this
    // thread, so reads see the transaction's own writes); returned when destroyed.
    class ReadLease {
    public:
        ReadLease(SqlStore* store, Connection* db, bool pooled) : store_(store), db_(db), pooled_(pooled) {}
        ReadLease(ReadLease&& other) noexcept : store_(other.store_), db_(other.db_), pooled_(other.pooled_) {
            other.db_ = nullptr;
        }
        ReadLease(const ReadLease&) = delete;
        ReadLease& operator=(const ReadLease&) = delete;
        ReadLease& operator=(ReadLease&&) = delete;
        ~ReadLease() {
            if (db_ && pooled_) store_->ReturnReader(db_);
        }
        Connection* db() const { return db_; }
        explicit operator bool() const { return db_ != nullptr; }

    private:
        SqlStore* store_;
        Connection* db_;
        bool pooled_;
    };

    // The SQL dialect of every connection of this store.
    virtual Dialect dialect() const = 0;
    // A reader connection (empty lease when none can be opened).
    virtual ReadLease Reader() = 0;
    // Runs `work` with the writer; inside InTransaction on this thread it joins the
    // open transaction, otherwise it wraps the call in its own transaction.
    virtual Status Write(const std::function<Status(Connection*)>& work) = 0;
    // Runs `work` as one InTransaction for a bulk import that resolves every reference
    // itself; a backend may skip its own reference checks for speed (SQLite turns
    // foreign keys off). By default a plain InTransaction.
    virtual Status InBulkTransaction(const std::function<Status()>& work) { return InTransaction(work); }

protected:
    SqlStore();
    // Creates the shared repositories and takes the backend's search index.
    void InitRepositories(std::unique_ptr<ports::SearchIndex> search);
    // Gives a pooled reader back (called by ReadLease).
    virtual void ReturnReader(Connection* db) = 0;

private:
    struct Repositories;
    std::unique_ptr<Repositories> repos_;
};

}  // namespace kyoso::sql
