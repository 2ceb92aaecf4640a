#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kColumns = "id, user_id, scope, team, token_hash, prefix, created_at, last_used_at, revoked_at";

ports::CalendarFeedRecord RowToFeed(Statement& q) {
    return {q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5), q.Text(6), q.Text(7), q.Text(8)};
}

Result<ports::CalendarFeedRecord> One(Result<std::vector<ports::CalendarFeedRecord>> rows, const std::string& missing) {
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NotFound(missing);
    return std::move(rows->front());
}

class SqlCalendarFeedRepository final : public ports::CalendarFeedRepository {
public:
    explicit SqlCalendarFeedRepository(SqlStore* store) : store_(store) {}

    Result<long long> Insert(const ports::CalendarFeedRecord& f) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO calendar_feeds(user_id, scope, team, token_hash, prefix, created_at)"
                          " VALUES (?,?,?,?,?,?)");
            ins.Bind(1, f.user_id).Bind(2, f.scope).Bind(3, f.team).Bind(4, f.token_hash).Bind(5, f.prefix);
            KYOSO_RETURN_IF_ERROR(ins.Bind(6, f.created_at).Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ports::CalendarFeedRecord> FindByHash(const std::string& token_hash) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM calendar_feeds WHERE token_hash = ?");
        q.Bind(1, token_hash);
        return One(CollectRows<ports::CalendarFeedRecord>(q, RowToFeed), "no such calendar feed");
    }

    Result<ports::CalendarFeedRecord> Find(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kColumns + " FROM calendar_feeds WHERE id = ?");
        q.Bind(1, id);
        return One(CollectRows<ports::CalendarFeedRecord>(q, RowToFeed),
                   "no calendar feed with id " + std::to_string(id));
    }

    Result<std::vector<ports::CalendarFeedRecord>> ListOfUser(long long user_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kColumns + " FROM calendar_feeds WHERE user_id = ? ORDER BY id DESC");
        q.Bind(1, user_id);
        return CollectRows<ports::CalendarFeedRecord>(q, RowToFeed);
    }

    Status Revoke(long long id, const std::string& at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND revoked_at = ''");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, at).Bind(2, id).Run());
            if (db->Changes() == 0) return NotFound("no active calendar feed with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Status Touch(long long id, const std::string& at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE calendar_feeds SET last_used_at = ? WHERE id = ?");
            return up.Bind(1, at).Bind(2, id).Run();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::CalendarFeedRepository> MakeCalendarFeedRepository(SqlStore* store) {
    return std::make_unique<SqlCalendarFeedRepository>(store);
}

}  // namespace kyoso::sql
