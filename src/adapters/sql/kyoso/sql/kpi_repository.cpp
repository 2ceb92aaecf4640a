#include <map>
#include <string>

#include "kyoso/sql/repositories.hpp"
#include "kyoso/sql/sql_store.hpp"
#include "kyoso/sql/statement.hpp"

namespace kyoso::sql {

namespace {

constexpr const char* kMetricColumns =
    "id, deal_id, government_code, product_id, name, unit, direction, baseline, baseline_on, target, target_on,"
    " owner_id, created_at";

ports::OutcomeMetricRecord RowToMetric(Statement& q) {
    ports::OutcomeMetricRecord m;
    m.id = q.Int(0);
    m.deal_id = q.Int(1);
    m.government_code = q.Text(2);
    m.product_id = q.Int(3);
    m.name = q.Text(4);
    m.unit = q.Text(5);
    m.direction = q.Text(6);
    m.baseline = q.Real(7);
    m.baseline_on = q.Text(8);
    m.target = q.Real(9);
    m.target_on = q.Text(10);
    m.owner_id = q.Int(11);
    m.created_at = q.Text(12);
    return m;
}

ports::DealPhaseRow RowToPhase(Statement& q) { return {q.Int(0), q.Text(1), q.Text(2), q.Text(3)}; }

Date DateOr(const std::string& text) { return ParseIsoDate(text).value_or(Date{}); }

class SqlKpiRepository final : public ports::KpiRepository {
public:
    explicit SqlKpiRepository(SqlStore* store) : store_(store) {}

    Result<long long> InsertMetric(const ports::OutcomeMetricRecord& m) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(db,
                          "INSERT INTO outcome_metrics(deal_id, government_code, product_id, name, unit, direction,"
                          " baseline, baseline_on, target, target_on, owner_id, created_at)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
            ins.Bind(1, m.deal_id).Bind(2, m.government_code).Bind(3, m.product_id).Bind(4, m.name).Bind(5, m.unit);
            ins.Bind(6, m.direction).Bind(7, m.baseline).Bind(8, m.baseline_on).Bind(9, m.target);
            KYOSO_RETURN_IF_ERROR(ins.Bind(10, m.target_on).Bind(11, m.owner_id).Bind(12, m.created_at).Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<ports::OutcomeMetricRecord> FindMetric(long long id) override {
        auto rows = Metrics("id = ?", [&](Statement& q) { q.Bind(1, id); });
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no outcome metric with id " + std::to_string(id));
        return std::move(rows->front());
    }

    Result<std::vector<ports::OutcomeMetricRecord>> MetricsOfDeal(long long deal_id) override {
        return Metrics("deal_id = ?", [&](Statement& q) { q.Bind(1, deal_id); });
    }

    Result<std::vector<ports::OutcomeMetricRecord>> MetricsOfGovernment(const std::string& code) override {
        return Metrics("government_code = ?", [&](Statement& q) { q.Bind(1, code); });
    }

    Status UpdateMetric(const ports::OutcomeMetricRecord& m) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db,
                         "UPDATE outcome_metrics SET name = ?, unit = ?, direction = ?, baseline = ?, baseline_on = ?,"
                         " target = ?, target_on = ?, owner_id = ? WHERE id = ?");
            up.Bind(1, m.name).Bind(2, m.unit).Bind(3, m.direction).Bind(4, m.baseline).Bind(5, m.baseline_on);
            KYOSO_RETURN_IF_ERROR(up.Bind(6, m.target).Bind(7, m.target_on).Bind(8, m.owner_id).Bind(9, m.id).Run());
            if (db->Changes() == 0) return NotFound("no outcome metric with id " + std::to_string(m.id));
            return Status::Ok();
        });
    }

    Status DeleteMetric(long long id) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del_values(db, "DELETE FROM outcome_measurements WHERE metric_id = ?");
            KYOSO_RETURN_IF_ERROR(del_values.Bind(1, id).Run());
            Statement del(db, "DELETE FROM outcome_metrics WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, id).Run());
            if (db->Changes() == 0) return NotFound("no outcome metric with id " + std::to_string(id));
            return Status::Ok();
        });
    }

    Result<long long> InsertMeasurement(const ports::OutcomeMeasurementRecord& v) override {
        long long id = 0;
        Status st = store_->Write([&](Connection* db) -> Status {
            Statement ins(
                db,
                "INSERT INTO outcome_measurements(metric_id, measured_on, value, note, recorded_by, created_at)"
                " VALUES (?,?,?,?,?,?)");
            ins.Bind(1, v.metric_id).Bind(2, v.measured_on).Bind(3, v.value).Bind(4, v.note);
            KYOSO_RETURN_IF_ERROR(ins.Bind(5, v.recorded_by).Bind(6, v.created_at).Run());
            auto inserted = db->LastInsertId();
            if (!inserted.ok()) return inserted.status();
            id = *inserted;
            return Status::Ok();
        });
        if (!st.ok()) return st;
        return id;
    }

    Result<std::vector<ports::OutcomeMeasurementRecord>> MeasurementsOf(const std::vector<long long>& ids) override {
        std::vector<ports::OutcomeMeasurementRecord> out;
        if (ids.empty()) return out;
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        for (long long id : ids) {
            Statement q(lease.db(),
                        "SELECT id, metric_id, measured_on, value, note, recorded_by, created_at"
                        " FROM outcome_measurements WHERE metric_id = ? ORDER BY measured_on, id");
            q.Bind(1, id);
            auto rows = CollectRows<ports::OutcomeMeasurementRecord>(q, [](Statement& r) {
                return ports::OutcomeMeasurementRecord{r.Int(0),  r.Int(1), r.Text(2), r.Real(3),
                                                       r.Text(4), r.Int(5), r.Text(6)};
            });
            if (!rows.ok()) return rows.status();
            out.insert(out.end(), rows->begin(), rows->end());
        }
        return out;
    }

    Result<std::vector<ports::QuotaRecord>> Quotas(int fiscal_year) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, fiscal_year, team, COALESCE(user_id, 0), metric, target FROM quotas"
                    " WHERE fiscal_year = ? ORDER BY team, COALESCE(user_id, 0), metric");
        q.Bind(1, fiscal_year);
        return CollectRows<ports::QuotaRecord>(q, [](Statement& r) {
            return ports::QuotaRecord{r.Int(0), static_cast<int>(r.Int(1)), r.Text(2), r.Int(3), r.Text(4), r.Real(5)};
        });
    }

    Status ReplaceQuotas(int fiscal_year, const std::vector<ports::QuotaRecord>& quotas) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement del(db, "DELETE FROM quotas WHERE fiscal_year = ?");
            KYOSO_RETURN_IF_ERROR(del.Bind(1, fiscal_year).Run());
            for (const auto& quota : quotas) {
                Statement ins(db, "INSERT INTO quotas(fiscal_year, team, user_id, metric, target) VALUES (?,?,?,?,?)");
                ins.Bind(1, fiscal_year).Bind(2, quota.team);
                if (quota.user_id == 0) {
                    ins.BindNull(3);
                } else {
                    ins.Bind(3, quota.user_id);
                }
                KYOSO_RETURN_IF_ERROR(ins.Bind(4, quota.metric).Bind(5, quota.target).Run());
            }
            return Status::Ok();
        });
    }

    Result<ports::DealPhaseRow> DealPhase(long long deal_id) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(), "SELECT id, stage, budget_status, support_phase FROM deals WHERE id = ?");
        q.Bind(1, deal_id);
        auto rows = CollectRows<ports::DealPhaseRow>(q, RowToPhase);
        if (!rows.ok()) return rows.status();
        if (rows->empty()) return NotFound("no deal with id " + std::to_string(deal_id));
        return std::move(rows->front());
    }

    Status SetSupportPhase(long long deal_id, const std::string& override_slug) override {
        return store_->Write([&](Connection* db) -> Status {
            Statement up(db, "UPDATE deals SET support_phase = ? WHERE id = ?");
            KYOSO_RETURN_IF_ERROR(up.Bind(1, override_slug).Bind(2, deal_id).Run());
            if (db->Changes() == 0) return NotFound("no deal with id " + std::to_string(deal_id));
            return Status::Ok();
        });
    }

    Result<std::vector<ports::DealPhaseRow>> DealPhasesOfGovernment(const std::string& code) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, stage, budget_status, support_phase FROM deals WHERE government_code = ? ORDER BY id");
        q.Bind(1, code);
        return CollectRows<ports::DealPhaseRow>(q, RowToPhase);
    }

    Result<std::vector<ports::WonDealRef>> WonDealsClosedSince(const std::string& from, int limit) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT d.id, d.government_code, d.product_id, d.closed_on, d.fiscal_year,"
                    " COALESCE((SELECT MIN(t.user_id) FROM deal_team_members t WHERE t.deal_id = d.id"
                    " AND t.role = 'customer_success'), 0)"
                    " FROM deals d WHERE d.stage = 'won' AND d.closed_on >= ?"
                    " ORDER BY d.closed_on DESC, d.id DESC LIMIT ?");
        q.Bind(1, from).Bind(2, static_cast<long long>(limit));
        return CollectRows<ports::WonDealRef>(q, [](Statement& r) {
            return ports::WonDealRef{r.Int(0), r.Text(1), r.Int(2), r.Text(3), static_cast<int>(r.Int(4)), r.Int(5)};
        });
    }

    Result<std::vector<ports::KpiUser>> Users() override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    "SELECT id, name, role, team FROM users WHERE role <> '' AND disabled = 0 ORDER BY team, id");
        return CollectRows<ports::KpiUser>(q, [](Statement& r) {
            return ports::KpiUser{r.Int(0), r.Text(1), r.Text(2), r.Text(3)};
        });
    }

    Result<ports::KpiSnapshot> ReadKpiRows(const ports::KpiRowsQuery& query) override {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        ports::KpiSnapshot snap;
        domain::KpiRows& rows = snap.rows;
        Status st;
        {
            Statement q(lease.db(),
                        "SELECT id, COALESCE(owner_id, 0), status, government_code, created_on FROM leads"
                        " WHERE created_on >= ? AND created_on <= ? ORDER BY id");
            q.Bind(1, query.leads_from).Bind(2, query.to);
            while (q.Step(&st)) {
                rows.leads.push_back({q.Int(0), q.Int(1), q.Text(2), q.Text(3), DateOr(q.Text(4))});
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(lease.db(),
                        "SELECT id, user_id, COALESCE(deal_id, 0), government_code, type, occurred_on, outcome"
                        " FROM activities WHERE occurred_on >= ? AND occurred_on <= ? ORDER BY id");
            q.Bind(1, query.activities_from).Bind(2, query.to);
            while (q.Step(&st)) {
                rows.activities.push_back(
                    {q.Int(0), q.Int(1), q.Int(2), q.Text(3), q.Text(4), DateOr(q.Text(5)), q.Text(6)});
            }
            if (!st.ok()) return st;
        }
        std::map<long long, size_t> deal_index;
        {
            Statement q(lease.db(),
                        "SELECT d.id, d.owner_id, d.government_code, d.product_id, d.stage, d.fiscal_year,"
                        " COALESCE(d.award_amount, d.amount), d.created_on, d.closed_on, d.needs_follow_up, g.kind"
                        " FROM deals d JOIN governments g ON g.code = d.government_code ORDER BY d.id");
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
                d.created_on = DateOr(q.Text(7));
                if (!q.IsNull(8)) d.closed_on = ParseIsoDate(q.Text(8));
                d.needs_follow_up = q.Int(9) != 0;
                deal_index[d.id] = rows.deals.size();
                rows.deals.push_back(std::move(d));
                snap.deal_government_kinds.push_back(q.Text(10));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(lease.db(),
                        "SELECT deal_id, user_id FROM deal_team_members WHERE role = 'customer_success'"
                        " ORDER BY deal_id, user_id");
            while (q.Step(&st)) {
                auto it = deal_index.find(q.Int(0));
                if (it != deal_index.end()) rows.deals[it->second].cs_user_ids.push_back(q.Int(1));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(lease.db(),
                        "SELECT h.id, h.deal_id, h.from_stage, h.to_stage, h.moved_on FROM deal_stage_history h"
                        " JOIN deals d ON d.id = h.deal_id"
                        " WHERE (d.closed_on >= ? AND d.closed_on <= ?) OR (d.fiscal_year >= ? AND d.fiscal_year <= ?)"
                        " ORDER BY h.deal_id, h.id");
            q.Bind(1, query.from).Bind(2, query.to).Bind(3, query.fiscal_year).Bind(4, query.fiscal_year + 2);
            while (q.Step(&st)) {
                auto from = domain::StageFromSlug(q.Text(2));
                auto to = domain::StageFromSlug(q.Text(3));
                if (!from || !to) continue;
                rows.stage_moves.push_back({q.Int(0), q.Int(1), *from, *to, DateOr(q.Text(4))});
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(lease.db(),
                        "SELECT id, government_code, owner_id, direction, baseline, target, created_at"
                        " FROM outcome_metrics ORDER BY id");
            while (q.Step(&st)) {
                domain::KpiMetricRow m;
                m.id = q.Int(0);
                m.government_code = q.Text(1);
                m.owner_id = q.Int(2);
                m.direction = domain::OutcomeDirectionFromSlug(q.Text(3)).value_or(domain::OutcomeDirection::kIncrease);
                m.baseline = q.Real(4);
                m.target = q.Real(5);
                m.created_on = DateOr(q.Text(6).substr(0, 10));
                rows.metrics.push_back(std::move(m));
            }
            if (!st.ok()) return st;
        }
        {
            Statement q(lease.db(),
                        "SELECT metric_id, measured_on, value FROM outcome_measurements WHERE measured_on <= ?"
                        " ORDER BY metric_id, measured_on, id");
            q.Bind(1, query.to);
            while (q.Step(&st)) rows.measurements.push_back({q.Int(0), DateOr(q.Text(1)), q.Real(2)});
            if (!st.ok()) return st;
        }
        return snap;
    }

private:
    template <typename BindFn>
    Result<std::vector<ports::OutcomeMetricRecord>> Metrics(const std::string& where, BindFn bind) {
        auto lease = store_->Reader();
        if (!lease) return Unavailable("no database connection for reading");
        Statement q(lease.db(),
                    std::string("SELECT ") + kMetricColumns + " FROM outcome_metrics WHERE " + where + " ORDER BY id");
        bind(q);
        return CollectRows<ports::OutcomeMetricRecord>(q, RowToMetric);
    }

    SqlStore* store_;
};

}  // namespace

std::unique_ptr<ports::KpiRepository> MakeKpiRepository(SqlStore* store) {
    return std::make_unique<SqlKpiRepository>(store);
}

}  // namespace kyoso::sql
