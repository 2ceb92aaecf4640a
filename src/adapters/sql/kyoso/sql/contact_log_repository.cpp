#include <string>

#include "kyoso/sql/keyset.hpp"
#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.government_code, COALESCE(c.official_id, 0), c.official_name, c.department, c.user_id,"
    " c.occurred_on, c.channel, c.summary, COALESCE(c.activity_id, 0), COALESCE(c.deal_id, 0), c.value_given,"
    " c.value_given_yen, c.value_received, c.value_received_yen, COALESCE(c.corrects_id, 0), c.recorded_at,"
    " COALESCE(u.name, ''), COALESCE(d.title, '')"
    " FROM contact_log c LEFT JOIN users u ON u.id = c.user_id LEFT JOIN deals d ON d.id = c.deal_id";

ports::ContactRow RowOf(const Statement& q) {
    ports::ContactRow r;
    auto& e = r.entry;
    e.id = q.Int(0);
    e.government_code = q.Text(1);
    e.official_id = q.Int(2);
    e.official_name = q.Text(3);
    e.department = q.Text(4);
    e.user_id = q.Int(5);
    e.occurred_on = ParseIsoDate(q.Text(6)).value_or(Date{});
    e.channel = q.Text(7);
    e.summary = q.Text(8);
    e.activity_id = q.Int(9);
    e.deal_id = q.Int(10);
    e.value_given = {q.Text(11), q.OptInt(12)};
    e.value_received = {q.Text(13), q.OptInt(14)};
    e.corrects_id = q.Int(15);
    e.recorded_at = q.Text(16);
    r.user_name = q.Text(17);
    r.deal_title = q.Text(18);
    return r;
}

std::optional<long long> IdOrNull(long long id) { return id == 0 ? std::nullopt : std::optional<long long>(id); }

class SqlContactLogRepository final : public ports::ContactLogRepository {
public:
    explicit SqlContactLogRepository(SqlStore* store) : store_(store) {}

    Result<long long> Append(const domain::ContactEntry& e) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO contact_log(government_code, official_id, official_name, department, user_id,"
                          " occurred_on, channel, summary, activity_id, deal_id, value_given, value_given_yen,"
                          " value_received, value_received_yen, corrects_id, recorded_at)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, e.government_code).Bind(2, IdOrNull(e.official_id)).Bind(3, e.official_name);
            ins.Bind(4, e.department).Bind(5, e.user_id).Bind(6, FormatIsoDate(e.occurred_on)).Bind(7, e.channel);
            ins.Bind(8, e.summary).Bind(9, IdOrNull(e.activity_id)).Bind(10, IdOrNull(e.deal_id));
            ins.Bind(11, e.value_given.description).Bind(12, e.value_given.estimated_yen);
            ins.Bind(13, e.value_received.description).Bind(14, e.value_received.estimated_yen);
            ins.Bind(15, IdOrNull(e.corrects_id)).Bind(16, e.recorded_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            auto inserted_id = db->LastInsertId();
            if (!inserted_id.ok()) return inserted_id.status();
            id = *inserted_id;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ports::ContactRow> Get(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string(kSelect) + " WHERE c.id = ?");
        q.Bind(1, id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no contact log entry with id " + std::to_string(id)) : st;
        return RowOf(q);
    }

    Result<ports::ContactPage> List(const ports::ContactQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        std::string sql = std::string(kSelect) + " WHERE 1=1";
        BindList binds;
        if (query.government_code) {
            sql += " AND c.government_code = ?";
            binds.Add(*query.government_code);
        }
        if (query.official_id) {
            sql += " AND c.official_id = ?";
            binds.Add(*query.official_id);
        }
        if (query.from) {
            sql += " AND c.occurred_on >= ?";
            binds.Add(FormatIsoDate(*query.from));
        }
        if (query.to) {
            sql += " AND c.occurred_on <= ?";
            binds.Add(FormatIsoDate(*query.to));
        }
        if (query.after) {
            sql += " AND (c.occurred_on, c.id) > (?, ?)";
            binds.Add(FormatIsoDate(query.after->first));
            binds.Add(query.after->second);
        }
        sql += VisibilityWhere(query.visible, "c.user_id", "c.government_code", "", binds);
        sql += " ORDER BY c.occurred_on, c.id";
        if (query.limit > 0) {
            sql += " LIMIT ?";
            binds.Add(static_cast<long long>(query.limit) + 1);
        }
        Statement q(lease.db(), sql);
        binds.BindAll(q);
        ports::ContactPage page;
        Status st;
        while (q.Step(&st)) page.items.push_back(RowOf(q));
        if (!st.ok()) return st;
        if (query.limit > 0 && page.items.size() > static_cast<size_t>(query.limit)) {
            page.items.pop_back();
            page.has_more = true;
        }
        return page;
    }

    Result<ports::OfficialSnapshot> Official(long long official_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT id, government_code, name, department, title FROM officials WHERE id = ?");
        q.Bind(1, official_id);
        Status st;
        if (!q.Step(&st)) return st.ok() ? NotFound("no official with id " + std::to_string(official_id)) : st;
        return ports::OfficialSnapshot{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4)};
    }

    Result<std::vector<long long>> ParticipantOfficials(long long activity_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT DISTINCT official_id FROM activity_participants WHERE activity_id = ? AND official_id IS "
                    "NOT NULL ORDER BY official_id");
        q.Bind(1, activity_id);
        std::vector<long long> ids;
        Status st;
        while (q.Step(&st)) ids.push_back(q.Int(0));
        if (!st.ok()) return st;
        return ids;
    }

    Result<long long> AppendForActivities(long long first_id, long long last_id,
                                          const std::string& recorded_at) override {
        long long added = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            // Two plain joins (the activity's official, then other official participants)
            // rather than one correlated IN: the range scans keep a million-row import linear.
            Statement ins(db,
                          "INSERT INTO contact_log(government_code, official_id, official_name, department, user_id,"
                          " occurred_on, channel, summary, activity_id, deal_id, recorded_at)"
                          " SELECT a.government_code, o.id, o.name, o.department, a.user_id, a.occurred_on, a.type,"
                          " CASE WHEN a.notes <> '' THEN a.notes WHEN a.outcome <> '' THEN a.outcome ELSE a.type END,"
                          " a.id, a.deal_id, CASE WHEN ?3 = '' THEN a.occurred_on || 'T00:00:00Z' ELSE ?3 END"
                          " FROM activities a JOIN officials o ON o.id = a.official_id WHERE a.id BETWEEN ?1 AND ?2"
                          " UNION ALL"
                          " SELECT a.government_code, o.id, o.name, o.department, a.user_id, a.occurred_on, a.type,"
                          " CASE WHEN a.notes <> '' THEN a.notes WHEN a.outcome <> '' THEN a.outcome ELSE a.type END,"
                          " a.id, a.deal_id, CASE WHEN ?3 = '' THEN a.occurred_on || 'T00:00:00Z' ELSE ?3 END"
                          " FROM activity_participants p JOIN activities a ON a.id = p.activity_id"
                          " JOIN officials o ON o.id = p.official_id"
                          " WHERE p.activity_id BETWEEN ?1 AND ?2 AND p.official_id IS NOT NULL"
                          " AND (a.official_id IS NULL OR p.official_id <> a.official_id)");
            ins.Bind(1, first_id).Bind(2, last_id).Bind(3, recorded_at);
            KYOSO_RETURN_IF_ERROR(ins.Run());
            added = db->Changes();
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return added;
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::ContactLogRepository> MakeContactLogRepository(SqlStore* store) {
    return std::make_unique<SqlContactLogRepository>(store);
}

}  // namespace kyoso::sql
