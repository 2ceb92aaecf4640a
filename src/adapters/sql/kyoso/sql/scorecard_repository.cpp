#include "kyoso/sql/scorecard_repository.hpp"

#include <string>

#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

class SqlScorecardRepository final : public ports::ScorecardRepository {
public:
    explicit SqlScorecardRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<domain::KpiDealRow>> ClosedDealsBetween(Date from, Date to) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, owner_id, government_code, product_id, stage, fiscal_year,"
                    " COALESCE(award_amount, amount), created_on, closed_on FROM deals"
                    " WHERE stage IN ('won', 'lost') AND closed_on >= ? AND closed_on <= ? ORDER BY id");
        const std::string from_text = FormatIsoDate(from), to_text = FormatIsoDate(to);
        q.Bind(1, from_text).Bind(2, to_text);
        std::vector<domain::KpiDealRow> rows;
        Status st;
        while (q.Step(&st)) {
            domain::KpiDealRow d;
            d.id = q.Int(0);
            d.owner_id = q.Int(1);
            d.government_code = q.Text(2);
            d.product_id = q.Int(3);
            auto stage = domain::StageFromSlug(q.Text(4));
            if (!stage) return Internal("stored deal " + std::to_string(d.id) + " has unknown stage " + q.Text(4));
            d.stage = *stage;
            d.fiscal_year = static_cast<int>(q.Int(5));
            d.amount = q.Int(6);
            auto created = ParseIsoDate(q.Text(7));
            if (!created) return Internal("stored deal " + std::to_string(d.id) + " has no valid created_on");
            d.created_on = *created;
            if (!q.IsNull(8)) d.closed_on = ParseIsoDate(q.Text(8));
            rows.push_back(std::move(d));
        }
        if (!st.ok()) return st;
        return rows;
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::ScorecardRepository> MakeScorecardRepository(SqlStore* store) {
    return std::make_unique<SqlScorecardRepository>(store);
}

}  // namespace kyoso::sql
