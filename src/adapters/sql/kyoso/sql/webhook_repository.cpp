#include <string>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

using domain::DeliveryStatus;
using domain::WebhookAttempt;
using domain::WebhookDelivery;
using domain::WebhookSubscription;

constexpr const char* kSubscriptionColumns = "id, url, secret, events, active, description, created_at, after_seq";
constexpr const char* kDeliveryColumns =
    "id, subscription_id, audit_seq, event, payload, status, attempts, next_attempt_at, last_status_code, "
    "last_error, created_at, delivered_at";

// Patterns cannot contain spaces (domain::CheckEventPattern), so one space separates them.
std::string JoinEvents(const std::vector<std::string>& events) {
    std::string out;
    for (const auto& e : events) out += (out.empty() ? "" : " ") + e;
    return out;
}

std::vector<std::string> SplitEvents(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = text.find(' ', start);
        const std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!part.empty()) out.push_back(part);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

WebhookSubscription RowToSubscription(const Statement& q) {
    WebhookSubscription s;
    s.id = q.Int(0);
    s.url = q.Text(1);
    s.secret = q.Text(2);
    s.events = SplitEvents(q.Text(3));
    s.active = q.Int(4) != 0;
    s.description = q.Text(5);
    s.created_at = q.Text(6);
    s.after_seq = q.Int(7);
    return s;
}

WebhookDelivery RowToDelivery(const Statement& q) {
    WebhookDelivery d;
    d.id = q.Int(0);
    d.subscription_id = q.Int(1);
    d.audit_seq = q.Int(2);
    d.event = q.Text(3);
    d.payload = q.Text(4);
    d.status = domain::DeliveryStatusFromSlug(q.Text(5)).value_or(DeliveryStatus::kPending);
    d.attempts = static_cast<int>(q.Int(6));
    d.next_attempt_at = q.Text(7);
    if (!q.IsNull(8)) d.last_status_code = static_cast<int>(q.Int(8));
    d.last_error = q.Text(9);
    d.created_at = q.Text(10);
    d.delivered_at = q.Text(11);
    return d;
}

std::optional<long long> OptCode(const std::optional<int>& v) {
    return v ? std::optional<long long>(*v) : std::nullopt;
}

class SqlWebhookRepository final : public ports::WebhookRepository {
public:
    explicit SqlWebhookRepository(SqlStore* store) : store_(store) {}

    Result<long long> InsertSubscription(const WebhookSubscription& s) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO webhook_subscriptions(url, secret, events, active, description, created_at, "
                          "after_seq) VALUES (?,?,?,?,?,?,?)");
            ins.Bind(1, s.url).Bind(2, s.secret).Bind(3, JoinEvents(s.events)).Bind(4, s.active ? 1 : 0);
            ins.Bind(5, s.description).Bind(6, s.created_at).Bind(7, s.after_seq);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<WebhookSubscription> GetSubscription(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kSubscriptionColumns + " FROM webhook_subscriptions WHERE id = ?");
        q.Bind(1, id);
        auto rows = CollectRows<WebhookSubscription>(q, RowToSubscription);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no webhook with id " + std::to_string(id));
        return std::move(rows->front());
    }

    Result<std::vector<WebhookSubscription>> ListSubscriptions() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kSubscriptionColumns + " FROM webhook_subscriptions ORDER BY id");
        return CollectRows<WebhookSubscription>(q, RowToSubscription);
    }

    Status UpdateSubscription(const WebhookSubscription& s) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE webhook_subscriptions SET url = ?, secret = ?, events = ?, active = ?, "
                         "description = ?, after_seq = ? WHERE id = ?");
            up.Bind(1, s.url).Bind(2, s.secret).Bind(3, JoinEvents(s.events)).Bind(4, s.active ? 1 : 0);
            up.Bind(5, s.description).Bind(6, s.after_seq).Bind(7, s.id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no webhook with id " + std::to_string(s.id));
            return Status::Ok();
        });
    }

    Status DeleteSubscription(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM webhook_subscriptions WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no webhook with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<long long> InsertDelivery(const WebhookDelivery& d) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(
                db,
                "INSERT INTO webhook_deliveries(subscription_id, audit_seq, event, payload, status, attempts, "
                "next_attempt_at, last_status_code, last_error, created_at, delivered_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, d.subscription_id).Bind(2, d.audit_seq).Bind(3, d.event).Bind(4, d.payload);
            ins.Bind(5, domain::DeliveryStatusSlug(d.status)).Bind(6, d.attempts).Bind(7, d.next_attempt_at);
            ins.Bind(8, OptCode(d.last_status_code)).Bind(9, d.last_error).Bind(10, d.created_at);
            ins.Bind(11, d.delivered_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<WebhookDelivery> GetDelivery(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries WHERE id = ?");
        q.Bind(1, id);
        auto rows = CollectRows<WebhookDelivery>(q, RowToDelivery);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no webhook delivery with id " + std::to_string(id));
        return std::move(rows->front());
    }

    Status UpdateDelivery(const WebhookDelivery& d) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE webhook_deliveries SET payload = ?, status = ?, attempts = ?, next_attempt_at = ?, "
                         "last_status_code = ?, last_error = ?, delivered_at = ? WHERE id = ?");
            up.Bind(1, d.payload).Bind(2, domain::DeliveryStatusSlug(d.status)).Bind(3, d.attempts);
            up.Bind(4, d.next_attempt_at).Bind(5, OptCode(d.last_status_code)).Bind(6, d.last_error);
            up.Bind(7, d.delivered_at).Bind(8, d.id);
            KYOSO_RETURN_IF_ERROR(up.Run());
            if (db->Changes() == 0) return NotFound("no webhook delivery with id " + std::to_string(d.id));
            return Status::Ok();
        });
    }

    Result<std::vector<WebhookDelivery>> DueDeliveries(const std::string& now, int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        const std::string sql =
            "SELECT d.id, d.subscription_id, d.audit_seq, d.event, d.payload, d.status, d.attempts, "
            "d.next_attempt_at, d.last_status_code, d.last_error, d.created_at, d.delivered_at"
            " FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id"
            " WHERE d.status IN ('pending','failed') AND d.next_attempt_at <= ? AND s.active = 1"
            " ORDER BY d.next_attempt_at, d.id LIMIT ?";
        Statement q(lease.db(), sql);
        q.Bind(1, now).Bind(2, static_cast<long long>(limit));
        return CollectRows<WebhookDelivery>(q, RowToDelivery);
    }

    Result<ports::WebhookDeliveryPage> ListDeliveries(const ports::WebhookDeliveryQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string sql =
            std::string("SELECT ") + kDeliveryColumns + " FROM webhook_deliveries WHERE subscription_id = ?";
        if (query.status) sql += " AND status = ?";
        if (query.before_id) sql += " AND id < ?";
        sql += " ORDER BY id DESC LIMIT ?";
        Statement q(lease.db(), sql);
        int i = 1;
        q.Bind(i++, query.subscription_id);
        if (query.status) q.Bind(i++, domain::DeliveryStatusSlug(*query.status));
        if (query.before_id) q.Bind(i++, *query.before_id);
        q.Bind(i, static_cast<long long>(query.limit) + 1);
        auto rows = CollectRows<WebhookDelivery>(q, RowToDelivery);
        if (!rows.ok()) return rows.status();
        ports::WebhookDeliveryPage page;
        page.has_more = static_cast<int>(rows->size()) > query.limit;
        if (page.has_more) rows->resize(static_cast<size_t>(query.limit));
        page.items = std::move(*rows);
        return page;
    }

    Result<std::map<DeliveryStatus, long long>> CountByStatus() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status");
        std::map<DeliveryStatus, long long> out;
        Status st;
        while (q.Step(&st)) {
            if (auto s = domain::DeliveryStatusFromSlug(q.Text(0))) out[*s] = q.Int(1);
        }
        if (!st.ok()) return st;
        return out;
    }

    Status InsertAttempt(const WebhookAttempt& a) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO webhook_attempts(delivery_id, attempted_at, status_code, error, duration_ms) "
                          "VALUES (?,?,?,?,?)");
            ins.Bind(1, a.delivery_id).Bind(2, a.attempted_at).Bind(3, OptCode(a.status_code)).Bind(4, a.error);
            ins.Bind(5, a.duration_ms);
            return ins.Run();
        });
    }

    Result<std::vector<WebhookAttempt>> Attempts(long long delivery_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT delivery_id, attempted_at, status_code, error, duration_ms FROM webhook_attempts "
                    "WHERE delivery_id = ? ORDER BY id");
        q.Bind(1, delivery_id);
        return CollectRows<WebhookAttempt>(q, [](const Statement& r) {
            WebhookAttempt a;
            a.delivery_id = r.Int(0);
            a.attempted_at = r.Text(1);
            if (!r.IsNull(2)) a.status_code = static_cast<int>(r.Int(2));
            a.error = r.Text(3);
            a.duration_ms = r.Int(4);
            return a;
        });
    }

    Result<long long> Cursor() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT last_seq FROM webhook_cursor WHERE id = 1");
        Status st;
        if (!q.Step(&st)) return st.ok() ? Internal("webhook_cursor has no row") : st;
        return q.Int(0);
    }

    Status SetCursor(long long seq) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "INSERT INTO webhook_cursor(id, last_seq) VALUES (1, ?) "
                         "ON CONFLICT(id) DO UPDATE SET last_seq = excluded.last_seq");
            return up.Bind(1, seq).Run();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::WebhookRepository> MakeWebhookRepository(SqlStore* store) {
    return std::make_unique<SqlWebhookRepository>(store);
}

}  // namespace kyoso::sql
