#include <string>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kAuditColumns =
    "seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash";

domain::AuditEntry RowToEntry(const Statement& q) {
    domain::AuditEntry e;
    e.seq = q.Int(0);
    e.at = q.Text(1);
    e.actor = q.Text(2);
    e.action = q.Text(3);
    e.entity = q.Text(4);
    e.entity_id = q.Text(5);
    e.before_json = q.Text(6);
    e.after_json = q.Text(7);
    e.prev_hash = q.Text(8);
    e.hash = q.Text(9);
    return e;
}

Result<std::vector<domain::AuditEntry>> Collect(Statement& q) {
    std::vector<domain::AuditEntry> out;
    Status st;
    while (q.Step(&st)) out.push_back(RowToEntry(q));
    if (!st.ok()) return st;
    return out;
}

class SqlAuditRepository final : public ports::AuditRepository {
public:
    explicit SqlAuditRepository(SqlStore* store) : store_(store) {}

    Status Append(const domain::AuditEntry& e) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db, std::string("INSERT INTO audit_log(") + kAuditColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, e.seq).Bind(2, e.at).Bind(3, e.actor).Bind(4, e.action).Bind(5, e.entity);
            ins.Bind(6, e.entity_id).Bind(7, e.before_json).Bind(8, e.after_json).Bind(9, e.prev_hash);
            ins.Bind(10, e.hash);
            return ins.Run();
        });
    }

    Result<std::optional<domain::AuditEntry>> LastEntry() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        // The head is read to append after it: other processes wait until this
        // transaction ends (outside a transaction the lock is released at once).
        KYOSO_RETURN_IF_ERROR(lease.db()->LockUntilCommit(kAuditAppendLock));
        Statement q(lease.db(), std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq DESC LIMIT 1");
        auto rows = Collect(q);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return std::optional<domain::AuditEntry>();
        return std::optional<domain::AuditEntry>(std::move(rows->front()));
    }

    Result<std::vector<domain::AuditEntry>> ReadAfter(long long after_seq, int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?");
        q.Bind(1, after_seq).Bind(2, static_cast<long long>(limit));
        return Collect(q);
    }

    Result<std::vector<domain::AuditEntry>> Newest(int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kAuditColumns + " FROM audit_log ORDER BY seq DESC LIMIT ?");
        q.Bind(1, static_cast<long long>(limit));
        return Collect(q);
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::AuditRepository> MakeAuditRepository(SqlStore* store) {
    return std::make_unique<SqlAuditRepository>(store);
}

}  // namespace kyoso::sql
