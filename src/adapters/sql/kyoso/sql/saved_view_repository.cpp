#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

class SqlSavedViewRepository final : public ports::SavedViewRepository {
public:
    explicit SqlSavedViewRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<ports::SavedView>> ListOwn(long long user_id, const std::optional<std::string>& list) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT id, user_id, list, name, state_json, created_at FROM saved_views"
                                            " WHERE user_id = ?") +
                                    (list ? " AND list = ?" : "") + " ORDER BY list, name, id");
        q.Bind(1, user_id);
        if (list) q.Bind(2, *list);
        std::vector<ports::SavedView> out;
        Status st;
        while (q.Step(&st)) out.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)});
        if (!st.ok()) return st;
        return out;
    }

    Result<long long> Insert(const ports::SavedView& v) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement taken(db, "SELECT 1 FROM saved_views WHERE user_id = ? AND list = ? AND name = ?");
            taken.Bind(1, v.user_id).Bind(2, v.list).Bind(3, v.name);
            Status step;
            if (taken.Step(&step)) {
                return AlreadyExists("you already have a saved view of " + v.list + " named '" + v.name + "'");
            }
            KYOSO_RETURN_IF_ERROR(step);
            Statement ins(db,
                          "INSERT INTO saved_views(user_id, list, name, state_json, created_at) VALUES (?,?,?,?,?)");
            ins.Bind(1, v.user_id).Bind(2, v.list).Bind(3, v.name).Bind(4, v.state_json).Bind(5, v.created_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status DeleteOwn(long long user_id, long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM saved_views WHERE id = ? AND user_id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Bind(2, user_id).Run());
            if (db->Changes() == 0) return NotFound("no saved view with id " + std::to_string(id));
            return Status::Ok();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::SavedViewRepository> MakeSavedViewRepository(SqlStore* store) {
    return std::make_unique<SqlSavedViewRepository>(store);
}

}  // namespace kyoso::sql
