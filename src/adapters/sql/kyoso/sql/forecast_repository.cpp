#include <string>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kAdjustmentColumns =
    "id, fiscal_year, quarter, team, kind, amount, reason, author_id, author_name, created_at, withdrawn_at,"
    " withdrawn_by";

ports::ForecastAdjustmentRecord RowToAdjustment(Statement& q) {
    ports::ForecastAdjustmentRecord a;
    a.id = q.Int(0);
    a.fiscal_year = static_cast<int>(q.Int(1));
    a.quarter = static_cast<int>(q.Int(2));
    a.team = q.Text(3);
    a.kind = q.Text(4);
    a.amount = q.Int(5);
    a.reason = q.Text(6);
    a.author_id = q.Int(7);
    a.author_name = q.Text(8);
    a.created_at = q.Text(9);
    a.withdrawn_at = q.Text(10);
    a.withdrawn_by = q.Int(11);
    return a;
}

class SqlForecastRepository final : public ports::ForecastRepository {
public:
    explicit SqlForecastRepository(SqlStore* store) : store_(store) {}

    Result<std::vector<ports::ForecastDealRow>> Deals() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT d.id, d.title, COALESCE(g.name, ''), d.owner_id, d.stage, d.budget_status, d.fiscal_year,"
                    " d.amount, d.award_amount, d.created_on, d.closed_on"
                    " FROM deals d LEFT JOIN governments g ON g.code = d.government_code ORDER BY d.id");
        std::vector<ports::ForecastDealRow> out;
        Status st;
        while (q.Step(&st)) {
            ports::ForecastDealRow d;
            d.id = q.Int(0);
            d.title = q.Text(1);
            d.government_name = q.Text(2);
            d.owner_id = q.Int(3);
            auto stage = domain::StageFromSlug(q.Text(4));
            if (!stage) return Internal("stored deal " + std::to_string(d.id) + " has unknown stage " + q.Text(4));
            d.stage = *stage;
            d.budget_status = domain::BudgetStatusFromSlug(q.Text(5)).value_or(domain::BudgetStatus::kNone);
            d.fiscal_year = static_cast<int>(q.Int(6));
            d.amount = q.Int(7);
            d.award_amount = q.OptInt(8);
            d.created_on = ParseIsoDate(q.Text(9)).value_or(Date{});
            if (!q.IsNull(10)) d.closed_on = ParseIsoDate(q.Text(10));
            out.push_back(std::move(d));
        }
        if (!st.ok()) return st;
        return out;
    }

    Result<std::vector<ports::ForecastStageMove>> StageMoves() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT deal_id, moved_on, to_stage FROM deal_stage_history ORDER BY deal_id, moved_on, id");
        std::vector<ports::ForecastStageMove> out;
        Status st;
        while (q.Step(&st)) {
            auto to = domain::StageFromSlug(q.Text(2));
            if (!to) return Internal("stage history of deal " + std::to_string(q.Int(0)) + " is corrupt");
            out.push_back({q.Int(0), ParseIsoDate(q.Text(1)).value_or(Date{}), *to});
        }
        if (!st.ok()) return st;
        return out;
    }

    Result<long long> InsertAdjustment(const ports::ForecastAdjustmentRecord& a) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO forecast_adjustments(fiscal_year, quarter, team, kind, amount, reason,"
                          " author_id, author_name, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, a.fiscal_year).Bind(2, a.quarter).Bind(3, a.team).Bind(4, a.kind).Bind(5, a.amount);
            KYOSO_RETURN_IF_ERROR(
                ins.Bind(6, a.reason).Bind(7, a.author_id).Bind(8, a.author_name).Bind(9, a.created_at).Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<std::vector<ports::ForecastAdjustmentRecord>> Adjustments(std::optional<int> fiscal_year,
                                                                     bool include_withdrawn) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), std::string("SELECT ") + kAdjustmentColumns +
                                    " FROM forecast_adjustments WHERE (CAST(? AS TEXT) IS NULL OR fiscal_year = ?)"
                                    " AND (? = 1 OR withdrawn_at = '') ORDER BY id");
        const std::optional<std::string> year_text =
            fiscal_year ? std::optional<std::string>(std::to_string(*fiscal_year)) : std::nullopt;
        q.Bind(1, year_text).Bind(2, fiscal_year.value_or(0));
        q.Bind(3, include_withdrawn ? 1 : 0);
        return CollectRows<ports::ForecastAdjustmentRecord>(q, RowToAdjustment);
    }

    Result<ports::ForecastAdjustmentRecord> FindAdjustment(long long id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kAdjustmentColumns + " FROM forecast_adjustments WHERE id = ?");
        q.Bind(1, id);
        auto rows = CollectRows<ports::ForecastAdjustmentRecord>(q, RowToAdjustment);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no forecast adjustment with id " + std::to_string(id));
        return std::move(rows->front());
    }

    Status WithdrawAdjustment(long long id, long long by_user_id, const std::string& at) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE forecast_adjustments SET withdrawn_at = ?, withdrawn_by = ?"
                         " WHERE id = ? AND withdrawn_at = ''");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, at).Bind(2, by_user_id).Bind(3, id).Run());
            if (db->Changes() > 0) return Status::Ok();
            Statement q(db, "SELECT COUNT(*) FROM forecast_adjustments WHERE id = ?");
            q.Bind(1, id);
            Status st;
            if (!q.Step(&st)) return st.ok() ? Internal("count returned no row") : st;
            if (q.Int(0) == 0) return NotFound("no forecast adjustment with id " + std::to_string(id));
            return FailedPrecondition("forecast adjustment " + std::to_string(id) + " is already withdrawn");
        });
    }

private:
    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::ForecastRepository> MakeForecastRepository(SqlStore* store) {
    return std::make_unique<SqlForecastRepository>(store);
}

}  // namespace kyoso::sql
