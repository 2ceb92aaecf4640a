#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using ports::Account;
using ports::ApiTokenRecord;
using ports::SessionRecord;

constexpr const char* kAccountColumns =
    "id, COALESCE(login, ''), name, role, is_admin, team, territory, password_hash, disabled, failed_sign_ins, "
    "locked_until";
constexpr const char* kTokenColumns =
    "id, user_id, name, token_hash, prefix, created_at, expires_at, last_used_at, revoked_at";

Account RowToAccount(const Statement& q) {
    Account a;
    a.user_id = q.Int(0);
    a.login = q.Text(1);
    a.name = q.Text(2);
    a.sales_role = q.Text(3);
    a.admin = q.Int(4) != 0;
    a.team = q.Text(5);
    a.territory = SplitList(q.Text(6));
    a.password_hash = q.Text(7);
    a.disabled = q.Int(8) != 0;
    a.failed_sign_ins = static_cast<int>(q.Int(9));
    a.locked_until = q.Text(10);
    return a;
}

ApiTokenRecord RowToToken(const Statement& q) {
    ApiTokenRecord t;
    t.id = q.Int(0);
    t.user_id = q.Int(1);
    t.name = q.Text(2);
    t.token_hash = q.Text(3);
    t.prefix = q.Text(4);
    t.created_at = q.Text(5);
    t.expires_at = q.Text(6);
    t.last_used_at = q.Text(7);
    t.revoked_at = q.Text(8);
    return t;
}

// AlreadyExists when another user (not `user_id`) has `login`.
Status LoginFree(Connection* db, const std::string& login, long long user_id) {
    Statement taken(db, "SELECT 1 FROM users WHERE login = ? AND id <> ?");
    taken.Bind(1, login).Bind(2, user_id);
    Status step;
    if (taken.Step(&step)) return AlreadyExists("login '" + login + "' is taken");
    return step;
}

template <typename T>
Result<T> One(Result<std::vector<T>> rows, const std::string& missing) {
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return NotFound(missing);
    return std::move(rows->front());
}

class SqlAccountRepository final : public ports::AccountRepository {
public:
    explicit SqlAccountRepository(SqlStore* store) : store_(store) {}

    Result<long long> InsertAccount(const Account& a) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            KYOSO_RETURN_IF_ERROR(LoginFree(db, a.login, 0));
            Statement ins(db,
                          "INSERT INTO users(name, role, team, login, is_admin, password_hash, territory, disabled, "
                          "failed_sign_ins, locked_until) VALUES (?,?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, a.name).Bind(2, a.sales_role).Bind(3, a.team);
            if (a.login.empty()) {
                ins.BindNull(4);
            } else {
                ins.Bind(4, a.login);
            }
            ins.Bind(5, a.admin ? 1 : 0).Bind(6, a.password_hash).Bind(7, JoinList(a.territory));
            ins.Bind(8, a.disabled ? 1 : 0).Bind(9, a.failed_sign_ins).Bind(10, a.locked_until);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Status UpdateAccount(const Account& a) override {
        return store_->Write([&](Connection* db) -> Status {
            KYOSO_RETURN_IF_ERROR(LoginFree(db, a.login, a.user_id));
            Statement up(db,
                         "UPDATE users SET name = ?, role = ?, team = ?, login = ?, is_admin = ?, password_hash = ?, "
                         "territory = ?, disabled = ?, failed_sign_ins = ?, locked_until = ? WHERE id = ?");
            up.Bind(1, a.name).Bind(2, a.sales_role).Bind(3, a.team);
            if (a.login.empty()) {
                up.BindNull(4);
            } else {
                up.Bind(4, a.login);
            }
            up.Bind(5, a.admin ? 1 : 0).Bind(6, a.password_hash).Bind(7, JoinList(a.territory));
            up.Bind(8, a.disabled ? 1 : 0).Bind(9, a.failed_sign_ins).Bind(10, a.locked_until).Bind(11, a.user_id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no user with id " + std::to_string(a.user_id));
            return Status::Ok();
        });
    }

    Result<Account> FindByLogin(const std::string& login) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kAccountColumns + " FROM users WHERE login = ?");
        q.Bind(1, login);
        return One(CollectRows<Account>(q, RowToAccount), "no account with login '" + login + "'");
    }

    Result<Account> FindById(long long user_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kAccountColumns + " FROM users WHERE id = ?");
        q.Bind(1, user_id);
        return One(CollectRows<Account>(q, RowToAccount), "no user with id " + std::to_string(user_id));
    }

    Result<std::vector<Account>> ListAccounts() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kAccountColumns + " FROM users WHERE login IS NOT NULL ORDER BY id");
        return CollectRows<Account>(q, RowToAccount);
    }

    Result<std::vector<ports::DirectoryEntry>> ListDirectory() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, name, role, is_admin, team FROM users WHERE disabled = 0 ORDER BY team, name, id");
        return CollectRows<ports::DirectoryEntry>(q, [](const Statement& s) {
            return ports::DirectoryEntry{s.Int(0), s.Text(1), s.Text(2), s.Int(3) != 0, s.Text(4)};
        });
    }

    Result<std::vector<long long>> UserIdsInTeam(const std::string& team) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT id FROM users WHERE team = ? ORDER BY id");
        q.Bind(1, team);
        return CollectRows<long long>(q, [](const Statement& s) { return s.Int(0); });
    }

    Status RecordSignInOutcome(long long user_id, int failed, const std::string& locked_until) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE users SET failed_sign_ins = ?, locked_until = ? WHERE id = ?");
            return up.Bind(1, failed).Bind(2, locked_until).Bind(3, user_id).Run();
        });
    }

    Status InsertSession(const SessionRecord& s) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, "
                          "last_seen_at) VALUES (?,?,?,?,?,?)");
            ins.Bind(1, s.token_hash).Bind(2, s.user_id).Bind(3, s.csrf_token).Bind(4, s.created_at);
            return ins.Bind(5, s.expires_at).Bind(6, s.last_seen_at).Run();
        });
    }

    Result<SessionRecord> FindSession(const std::string& token_hash) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at FROM sessions "
                    "WHERE token_hash = ?");
        q.Bind(1, token_hash);
        return One(CollectRows<SessionRecord>(q,
                                              [](const Statement& r) {
                                                  return SessionRecord{r.Text(0), r.Int(1),  r.Text(2),
                                                                       r.Text(3), r.Text(4), r.Text(5)};
                                              }),
                   "no such session");
    }

    Status TouchSession(const std::string& token_hash, const std::string& last_seen_at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
            return up.Bind(1, last_seen_at).Bind(2, token_hash).Run();
        });
    }

    Status DeleteSession(const std::string& token_hash) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM sessions WHERE token_hash = ?");
            return del.Bind(1, token_hash).Run();
        });
    }

    Status DeleteSessions(const std::string& now, long long user_id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM sessions WHERE expires_at <= ? OR user_id = ?");
            return del.Bind(1, now).Bind(2, user_id > 0 ? user_id : -1).Run();
        });
    }

    Result<long long> InsertToken(const ApiTokenRecord& t) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO api_tokens(user_id, name, token_hash, prefix, created_at, expires_at) "
                          "VALUES (?,?,?,?,?,?)");
            ins.Bind(1, t.user_id).Bind(2, t.name).Bind(3, t.token_hash).Bind(4, t.prefix);
            KYOSO_RETURN_IF_ERROR(ins.Bind(5, t.created_at).Bind(6, t.expires_at).Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ApiTokenRecord> FindTokenByHash(const std::string& token_hash) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE token_hash = ?");
        q.Bind(1, token_hash);
        return One(CollectRows<ApiTokenRecord>(q, RowToToken), "no such API token");
    }

    Result<ApiTokenRecord> FindToken(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE id = ?");
        q.Bind(1, id);
        return One(CollectRows<ApiTokenRecord>(q, RowToToken), "no API token with id " + std::to_string(id));
    }

    Result<std::vector<ApiTokenRecord>> ListTokens(long long user_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kTokenColumns + " FROM api_tokens WHERE user_id = ? ORDER BY id");
        q.Bind(1, user_id);
        return CollectRows<ApiTokenRecord>(q, RowToToken);
    }

    Status RevokeToken(long long id, const std::string& at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, at).Bind(2, id).Run());
            if (db->Changes() == 0) return NotFound("no active API token with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Status TouchToken(long long id, const std::string& at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?");
            return up.Bind(1, at).Bind(2, id).Run();
        });
    }

    Result<std::string> LoadAccessPolicy() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT policy FROM access_policy WHERE id = 1");
        Status st;
        if (q.Step(&st)) return q.Text(0);
        if (!st.ok()) return st;
        return std::string();
    }

    Status SaveAccessPolicy(const std::string& json, const std::string& at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "INSERT INTO access_policy(id, policy, updated_at) VALUES (1, ?, ?) "
                         "ON CONFLICT(id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at");
            return up.Bind(1, json).Bind(2, at).Run();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::AccountRepository> MakeAccountRepository(SqlStore* store) {
    return std::make_unique<SqlAccountRepository>(store);
}

}  // namespace kyoso::sql
