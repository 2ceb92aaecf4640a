#include "kyoso/sql/plan_repository.hpp"

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

class SqlPlanRepository final : public ports::PlanRepository {
public:
    explicit SqlPlanRepository(SqlStore* store) : store_(store) {}

    Result<ports::PlanOrgFacts> OrgFacts() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        ports::PlanOrgFacts facts;
        Status st;
        {
            Statement q(lease.db(),
                        "SELECT COUNT(*) FROM users WHERE disabled = 0"
                        " AND role IN ('bdr', 'inside_sales', 'field_sales', 'customer_success')");
            if (!q.Step(&st)) return st.ok() ? Internal("users: no count row") : st;
            facts.sales_staff = static_cast<int>(q.Int(0));
        }
        {
            Statement q(lease.db(),
                        "SELECT COUNT(*),"
                        " COALESCE(SUM(CASE WHEN g.kind IN ('town', 'village')"
                        " OR (g.population IS NOT NULL AND g.population < 50000) THEN 1 ELSE 0 END), 0),"
                        " COALESCE(SUM(CASE WHEN g.kind IN ('prefecture', 'designated_city', 'ward', 'core_city',"
                        " 'special_ward') OR g.is_core_city = 1 THEN 1 ELSE 0 END), 0)"
                        " FROM deals d JOIN governments g ON g.code = d.government_code");
            if (!q.Step(&st)) return st.ok() ? Internal("deals: no count row") : st;
            facts.deals = q.Int(0);
            facts.small_government_deals = q.Int(1);
            facts.large_government_deals = q.Int(2);
        }
        return facts;
    }

    Result<std::vector<ports::PlanProgressRecord>> Progress() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT p.action_key, p.status, p.note, p.updated_by, COALESCE(u.name, ''), p.updated_at"
                    " FROM plan_progress p LEFT JOIN users u ON u.id = p.updated_by ORDER BY p.action_key");
        return CollectRows<ports::PlanProgressRecord>(q, [](const Statement& r) {
            ports::PlanProgressRecord p;
            p.action_key = r.Text(0);
            p.status = r.Text(1);
            p.note = r.Text(2);
            p.updated_by = r.Int(3);
            p.updated_by_name = r.Text(4);
            p.updated_at = r.Text(5);
            return p;
        });
    }

    Status SaveProgress(const ports::PlanProgressRecord& record) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement q(db,
                        "INSERT INTO plan_progress(action_key, status, note, updated_by, updated_at)"
                        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (action_key) DO UPDATE SET status = excluded.status,"
                        " note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at");
            q.Bind(1, record.action_key)
                .Bind(2, record.status)
                .Bind(3, record.note)
                .Bind(4, record.updated_by)
                .Bind(5, record.updated_at);
            return q.Run();
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::PlanRepository> MakePlanRepository(SqlStore* store) {
    return std::make_unique<SqlPlanRepository>(store);
}

}  // namespace kyoso::sql
